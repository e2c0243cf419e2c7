"""Both clocks on each case: the platform's receipt time, this workstation's time when it accepted the receipt,
and the difference of the two clocks measured then (issue 19: clocks that jump)."""

from __future__ import annotations

import sqlite3

from offline_cache.sql_script import execute_script

VERSION = 63


def apply(conn: sqlite3.Connection) -> None:
    execute_script(
        conn,
        """
        ALTER TABLE cases ADD COLUMN platform_received_at TEXT;
        ALTER TABLE cases ADD COLUMN local_received_at TEXT;
        ALTER TABLE cases ADD COLUMN clock_skew_seconds REAL;
        """,
    )
