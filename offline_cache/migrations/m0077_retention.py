"""Retention (PIPL Art. 19, 47): when a case's personal fields were purged locally (``clerk_app.security.retention``).

``personal_purged_at`` marks the case; the partial index lists the concluded cases not yet purged, so the daily
run reads those, not the history.
"""

from __future__ import annotations

import sqlite3

from offline_cache.sql_script import execute_script

VERSION = 77


def apply(conn: sqlite3.Connection) -> None:
    execute_script(
        conn,
        """
        ALTER TABLE cases ADD COLUMN personal_purged_at TEXT;
        CREATE INDEX cases_to_purge ON cases (case_uuid)
            WHERE status = 'concluded' AND personal_purged_at IS NULL;
        """,
    )
