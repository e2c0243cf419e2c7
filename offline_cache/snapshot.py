"""The database side of a backup and a restore (``clerk_app.security.backup`` packs and encrypts).

``snapshot_to`` copies the live database with SQLite's online backup API (a consistent copy while the workstation
keeps working: pages changed during the copy are copied again). ``check_restored`` runs ``PRAGMA integrity_check``
and reads the facts a restore reports; ``adopt_restored`` makes a restored copy this PC's: a new machine id (the
platform keeps the old PC's audit head and sessions under the old one), actions caught mid-send back to pending
(the platform's idempotency keys make a repeat harmless), the daily retention marker cleared.
"""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path
from typing import Any

from offline_cache.db import Database


def snapshot_to(db: Database, dest: Path) -> None:
    target = sqlite3.connect(dest)
    try:
        db.conn.backup(target, pages=4096)
    finally:
        target.close()


def _facts(conn: sqlite3.Connection) -> dict[str, Any]:
    def one(sql: str) -> Any:
        return conn.execute(sql).fetchone()[0]

    return {"schema": one("PRAGMA user_version"), "cases": one("SELECT count(*) FROM cases"),
            "outbox_open": one("SELECT count(*) FROM outbox WHERE state != 'done'"),
            "blobs": one("SELECT count(*) FROM blobs WHERE purged_at IS NULL"),
            "audit_head": one("SELECT coalesce(max(seq), 0) FROM audit_log"),
            "machine_id": one("SELECT coalesce(max(value), '') FROM settings_kv WHERE key = 'machine_id'")}


def facts_of(db: Database) -> dict[str, Any]:
    with db.snapshot() as conn:
        return _facts(conn)


def check_restored(path: Path) -> tuple[str, dict[str, Any]]:
    """(``ok`` or SQLite's first complaint, the facts) of a database file not yet in place."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        verdict = str(conn.execute("PRAGMA integrity_check").fetchone()[0])
        return verdict, _facts(conn) if verdict == "ok" else {}
    finally:
        conn.close()


def is_empty(db: Database) -> bool:
    """Nothing of a clerk's yet (a fresh install): no case, no outbox row."""
    rows = db.query("SELECT (SELECT count(*) FROM cases) + (SELECT count(*) FROM outbox)")
    return int(rows[0][0]) == 0


def adopt_restored(path: Path) -> str:
    """Make the restored file this PC's (before it is opened); returns the new machine id."""
    machine = str(uuid.uuid4())
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO settings_kv (key, value) VALUES ('machine_id', ?)"
                     " ON CONFLICT (key) DO UPDATE SET value = excluded.value", (machine,))
        conn.execute("UPDATE outbox SET state = 'pending', next_attempt_at = NULL WHERE state = 'sending'")
        conn.execute("DELETE FROM settings_kv WHERE key = 'retention.last_run_day'")
        conn.execute("COMMIT")
    finally:
        conn.close()
    return machine
