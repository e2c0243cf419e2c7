"""The tamper-evident audit trail (issue 13): ``audit_log``, append-only and hash-chained
(``offline_cache.audit_chain``). Every case event recorded before this migration is chained here, in order."""

from __future__ import annotations

import sqlite3

from offline_cache.audit_chain import append
from offline_cache.sql_script import execute_script

VERSION = 70


def apply(conn: sqlite3.Connection) -> None:
    execute_script(
        conn,
        """
        CREATE TABLE audit_log (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,          -- login, login_failed, lock, unlock, shift_change, reveal, case_event...
            clerk_id TEXT NOT NULL,
            details TEXT NOT NULL,       -- JSON, never personal data
            ref_id INTEGER,              -- the case_events row this entry stands for
            ref_hash TEXT,               -- the hash of that row when it was written
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE INDEX audit_log_ref ON audit_log(ref_id);
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        """,
    )
    for event_id, device_time, clerk_id in conn.execute(
            "SELECT event_id, device_time, clerk_id FROM case_events ORDER BY event_id").fetchall():
        append(conn, device_time, "case_event", clerk_id, None, event_id)
