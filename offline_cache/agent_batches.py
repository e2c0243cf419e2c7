"""代办批次 rows (m0078): one visit of a village agent and the villagers' cases it brought.

The agent is personal data: stored as encrypted JSON bound to its batch (``agent_batch:<uuid>``). The services
open the transaction and pass ``conn``; reads take the database.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from clerk_app.errors import PersonalDataPurged
from offline_cache.crypto import FieldCipher
from offline_cache.db import Database


@dataclass(frozen=True)
class BatchRecord:
    batch_uuid: str
    batch_number: str
    agent: dict[str, Any]
    relation: str
    village: str
    window_code: str
    clerk_id: str
    opened_at: str
    closed_at: str | None
    case_uuids: tuple[str, ...]


def _associated(batch_uuid: str) -> bytes:
    return f"agent_batch:{batch_uuid}".encode()


def next_batch_sequence(conn: sqlite3.Connection, prefix: str) -> int:
    row = conn.execute("SELECT count(*) FROM agent_batches WHERE batch_number LIKE ?", (f"{prefix}%",)).fetchone()
    return int(row[0]) + 1


def insert_batch(conn: sqlite3.Connection, cipher: FieldCipher, *, batch_uuid: str, batch_number: str,
                 agent: dict[str, Any], relation: str, village: str, window_code: str, clerk_id: str,
                 opened_at: str) -> None:
    sealed = cipher.encrypt(json.dumps(agent, ensure_ascii=False, sort_keys=True).encode(), _associated(batch_uuid))
    conn.execute("INSERT INTO agent_batches (batch_uuid, batch_number, agent_enc, relation, village, window_code,"
                 " clerk_id, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                 (batch_uuid, batch_number, sealed, relation, village, window_code, clerk_id, opened_at))


def add_batch_case(conn: sqlite3.Connection, batch_uuid: str, case_uuid: str, agent_collects: bool = False) -> int:
    """Inside the case's commit: the case joins the batch (its position = the order the villagers came in);
    ``agent_collects``: the villager's 授权委托书 covers 领取 (m0092)."""
    row = conn.execute("SELECT closed_at FROM agent_batches WHERE batch_uuid = ?", (batch_uuid,)).fetchone()
    if row is None or row["closed_at"] is not None:
        raise LookupError("the batch is unknown or closed")
    position = int(conn.execute("SELECT coalesce(max(position), 0) + 1 FROM agent_batch_cases WHERE batch_uuid = ?",
                                (batch_uuid,)).fetchone()[0])
    conn.execute("INSERT INTO agent_batch_cases (batch_uuid, case_uuid, position, agent_collects)"
                 " VALUES (?, ?, ?, ?)", (batch_uuid, case_uuid, position, int(agent_collects)))
    return position


def close_batch(conn: sqlite3.Connection, batch_uuid: str, closed_at: str) -> None:
    conn.execute("UPDATE agent_batches SET closed_at = coalesce(closed_at, ?) WHERE batch_uuid = ?",
                 (closed_at, batch_uuid))


def get_batch(db: Database, cipher: FieldCipher, batch_uuid: str) -> BatchRecord:
    rows = db.query("SELECT * FROM agent_batches WHERE batch_uuid = ?", (batch_uuid,))
    if not rows:
        raise KeyError(batch_uuid)
    row = rows[0]
    cases = db.query("SELECT case_uuid FROM agent_batch_cases WHERE batch_uuid = ? ORDER BY position", (batch_uuid,))
    if not row["agent_enc"]:  # purged with the batch's last case after the retention period
        raise PersonalDataPurged()
    agent = json.loads(cipher.decrypt(row["agent_enc"], _associated(batch_uuid)))
    return BatchRecord(row["batch_uuid"], row["batch_number"], agent, row["relation"], row["village"],
                       row["window_code"], row["clerk_id"], row["opened_at"], row["closed_at"],
                       tuple(r["case_uuid"] for r in cases))


def batch_of_case(db: Database, case_uuid: str) -> str | None:
    rows = db.query("SELECT batch_uuid FROM agent_batch_cases WHERE case_uuid = ?", (case_uuid,))
    return str(rows[0]["batch_uuid"]) if rows else None


def agent_collects(conn: sqlite3.Connection, case_uuid: str) -> bool | None:
    """For a case of a 代办批次: whether the villager authorised the batch's agent to collect the result; None when
    the case came in no batch."""
    row = conn.execute("SELECT agent_collects FROM agent_batch_cases WHERE case_uuid = ?", (case_uuid,)).fetchone()
    return None if row is None else bool(row[0])
