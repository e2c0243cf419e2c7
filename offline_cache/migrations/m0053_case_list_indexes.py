"""Indexes the case list can walk from the rows it shows, so its cost does not grow with years of history.

* today's cases: (window, created_at) for a range on the day's prefix;
* running cases by promised date: a partial index over the cases that are still open (``cases.OPEN_CASE_SQL``);
* 容缺 materials still deferred, by supply-by date: a partial index over the deferred rows only.

The partial indexes' conditions are the same SQL text the queries in ``offline_cache/cases.py`` use (SQLite uses
a partial index only when the query repeats its condition).
"""

from __future__ import annotations

import sqlite3

from offline_cache.sql_script import execute_script

VERSION = 53

# Frozen copy of offline_cache.cases.OPEN_CASE_SQL at this version (a migration never changes afterwards).
OPEN_CASE_SQL = ("status NOT IN ('concluded', 'handed_over', 'mailed', 'rejected', 'notice_issued', 'denied',"
                 " 'approved', 'ready_for_pickup')")


def apply(conn: sqlite3.Connection) -> None:
    execute_script(
        conn,
        f"""
        CREATE INDEX cases_window_created ON cases(window_code, created_at);
        CREATE INDEX cases_open_due ON cases(window_code, promised_date)
            WHERE promised_date IS NOT NULL AND {OPEN_CASE_SQL};
        CREATE INDEX case_materials_deferred ON case_materials(supply_by, case_uuid) WHERE state = 'deferred';
        """,
    )
