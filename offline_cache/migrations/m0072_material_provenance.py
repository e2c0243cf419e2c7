"""Acceptance: where a material's record comes from (信息跑路).

``source`` is ``window`` (checked by the clerk), ``card_reader`` (the ID card read by the reader), ``earlier_case``
(verified in an earlier case of the same applicant; ``reused_from`` holds that case's number and the pages are
referenced, not scanned again) or ``elicence``.
"""

from __future__ import annotations

import sqlite3

from offline_cache.sql_script import execute_script

VERSION = 72


def apply(conn: sqlite3.Connection) -> None:
    execute_script(
        conn,
        """
        ALTER TABLE case_materials ADD COLUMN source TEXT NOT NULL DEFAULT 'window';
        ALTER TABLE case_materials ADD COLUMN reused_from TEXT;
        """,
    )
