"""Acceptance rules: the extendable working-day calendar and the per-window daily case-number counters."""

from __future__ import annotations

import sqlite3

from offline_cache.sql_script import execute_script

VERSION = 30


def apply(conn: sqlite3.Connection) -> None:
    execute_script(
        conn,
        """
        -- Days the platform or an administrator declared, overriding chinesecalendar and the Mon-Fri fallback.
        CREATE TABLE calendar_days (
            day TEXT PRIMARY KEY,              -- ISO date
            is_workday INTEGER NOT NULL CHECK (is_workday IN (0, 1)),
            name TEXT NOT NULL DEFAULT '',     -- e.g. '春节', '调休上班'
            source TEXT NOT NULL CHECK (source IN ('platform', 'admin')),
            updated_at TEXT NOT NULL
        );

        -- A year whose every holiday and 调休 day is in calendar_days: weekday rule + overrides is then official.
        CREATE TABLE calendar_years (
            year INTEGER PRIMARY KEY,
            source TEXT NOT NULL CHECK (source IN ('platform', 'admin')),
            updated_at TEXT NOT NULL
        );

        -- Last sequence used per window and day; allocated inside the transaction that creates the case.
        CREATE TABLE case_number_sequences (
            centre_code TEXT NOT NULL,
            window_code TEXT NOT NULL,
            day TEXT NOT NULL,                 -- yyyymmdd
            last_sequence INTEGER NOT NULL,
            PRIMARY KEY (centre_code, window_code, day)
        );
        """,
    )
