"""Queue calling: the ticket a case was served under, with its wait and service times (not personal data)."""

from __future__ import annotations

import sqlite3

from offline_cache.sql_script import execute_script

VERSION = 60


def apply(conn: sqlite3.Connection) -> None:
    execute_script(
        conn,
        """
        ALTER TABLE cases ADD COLUMN queue_ticket TEXT;
        ALTER TABLE cases ADD COLUMN queue_business TEXT;
        ALTER TABLE cases ADD COLUMN ticket_issued_at TEXT;
        ALTER TABLE cases ADD COLUMN ticket_called_at TEXT;
        ALTER TABLE cases ADD COLUMN wait_seconds REAL;
        ALTER TABLE cases ADD COLUMN service_seconds REAL;
        """,
    )
