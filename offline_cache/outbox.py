"""The outbox: every change bound for the platform, written in the same transaction as the change itself.

Only ``enqueue`` belongs here for writers; the sync engine owns draining (claiming, marking sent/done, back-off).
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from datetime import UTC, datetime
from typing import Any


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def enqueue(
    conn: sqlite3.Connection,
    kind: str,
    payload: dict[str, Any],
    case_uuid: str | None = None,
    action_uuid: str | None = None,
    payload_enc: bytes | None = None,
) -> str:
    """Insert one outbox row using the caller's connection, inside the caller's transaction."""
    if not conn.in_transaction:
        raise RuntimeError("outbox rows must be written inside the transaction of the change they carry")
    action = action_uuid or str(uuid.uuid4())
    stamp = now_iso()
    conn.execute(
        "INSERT INTO outbox (action_uuid, case_uuid, kind, payload, payload_enc, state, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)",
        (action, case_uuid, kind, json.dumps(payload, ensure_ascii=False, sort_keys=True), payload_enc, stamp, stamp),
    )
    return action


def pending_count(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending', 'failed')").fetchone()
    return int(row[0])
