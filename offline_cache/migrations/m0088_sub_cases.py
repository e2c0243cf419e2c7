"""并联: the sub-cases of a 一件事 bundle case as the platform reports them (one per department and item).

Each row is the latest report of one sub-case: its own number, item, department, deciding body, status (a local
``CaseStatus`` value), deadline, and the change ``seq`` it came with — a report with a seq not above the stored one
is a replay and changes nothing (status pulls apply exactly once). ``request_id``: the 补正 request a sub-case's
``correction_requested`` report came with (``case_corrections``): once the window answered it, the sub-case counts
as back in review until its department reports again.
"""

from __future__ import annotations

import sqlite3

from offline_cache.sql_script import execute_script

VERSION = 88


def apply(conn: sqlite3.Connection) -> None:
    execute_script(
        conn,
        """
        CREATE TABLE case_sub_cases (
            case_uuid TEXT NOT NULL REFERENCES cases(case_uuid),
            sub_number TEXT NOT NULL,
            position INTEGER NOT NULL,
            item_code TEXT NOT NULL,
            item_name TEXT NOT NULL,
            department TEXT NOT NULL,
            deciding_body TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL,
            deadline TEXT,
            note TEXT NOT NULL DEFAULT '',
            request_id TEXT,
            last_seq INTEGER NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (case_uuid, sub_number)
        );
        """,
    )
