"""Acceptance: what the case list and the platform need without decrypting (dates, item names, handling type).

Item names and dates are not personal data; anything personal stays in ``cases.details_enc``.
"""

from __future__ import annotations

import sqlite3

from offline_cache.sql_script import execute_script

VERSION = 35


def apply(conn: sqlite3.Connection) -> None:
    execute_script(
        conn,
        """
        ALTER TABLE cases ADD COLUMN accepted_at TEXT;
        ALTER TABLE cases ADD COLUMN legal_deadline TEXT;
        ALTER TABLE cases ADD COLUMN deadline_certain INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE cases ADD COLUMN item_names TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE cases ADD COLUMN handling_type TEXT;
        CREATE INDEX cases_promised ON cases(promised_date);
        """,
    )
