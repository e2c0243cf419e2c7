"""Writing and reading the audit trail (``audit_log``, m0070; the chain itself is ``offline_cache.audit_chain``).

Security events (login, failed login, lock, unlock, shift change, void, reprint, configuration change) and every
access to personal data beyond the masked view (reveal, export) are appended here; every case event is chained
by ``offline_cache.case_events`` in the same transaction as the event.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import Any

from offline_cache import audit_chain
from offline_cache.db import Database


def _now() -> str:
    return datetime.now(UTC).astimezone().isoformat(timespec="milliseconds")


def record(conn: sqlite3.Connection, kind: str, clerk_id: str, details: dict[str, Any] | None = None) -> int:
    """Append one security entry inside the caller's transaction; returns its sequence number."""
    if not conn.in_transaction:
        raise RuntimeError("audit entries are written inside a transaction")
    return audit_chain.append(conn, _now(), kind, clerk_id or "-", details)[0]


def write(db: Database, kind: str, clerk_id: str, details: dict[str, Any] | None = None) -> int:
    """Append one security entry in its own transaction."""
    with db.transaction() as conn:
        return record(conn, kind, clerk_id, details)


def chain_event(conn: sqlite3.Connection, event_id: int, device_time: str, clerk_id: str) -> None:
    audit_chain.append(conn, device_time, "case_event", clerk_id, None, event_id)


def verify(db: Database) -> dict[str, Any]:
    with db.transaction() as conn:  # one consistent snapshot; nothing is written
        return audit_chain.verify(conn)


def head(db: Database) -> tuple[int, str]:
    with db.transaction() as conn:
        return audit_chain.head(conn)


def recent(db: Database, limit: int = 50, kind: str | None = None) -> list[dict[str, Any]]:
    sql = "SELECT seq, at, kind, clerk_id, details FROM audit_log"
    params: tuple[Any, ...] = ()
    if kind:
        sql, params = sql + " WHERE kind = ?", (kind,)
    rows = db.query(sql + " ORDER BY seq DESC LIMIT ?", (*params, limit))
    return [dict(row) for row in rows]


def hash_at(db: Database, seq: int) -> str | None:
    rows = db.query("SELECT hash FROM audit_log WHERE seq = ?", (seq,))
    return str(rows[0]["hash"]) if rows else None
