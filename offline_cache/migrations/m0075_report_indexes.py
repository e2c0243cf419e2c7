"""Indexes a supervision report reads instead of the case rows (``offline_cache/reports.py``), so a year's report
costs an index range and not 30,000 row lookups:

* ``cases_report``: the creation-time range with every column a report groups or counts by (window, clerk,
  decision, handling type, status, first item, wait and service seconds), a covering index;
* ``case_events_case_kind``: whether a case has a reprint or a follow-up note, answered from the index;
* ``outbox_evaluations``: the 好差评 score of a case (one per case) among its many outbox rows, a partial
  expression index whose condition and expression the report's query repeat (SQLite uses it only then).
"""

from __future__ import annotations

import sqlite3

from offline_cache.sql_script import execute_script

VERSION = 75


def apply(conn: sqlite3.Connection) -> None:
    execute_script(
        conn,
        """
        CREATE INDEX cases_report ON cases(created_at, window_code, clerk_id, decision, handling_type, status,
            item_codes, item_names, wait_seconds, service_seconds, case_uuid);
        CREATE INDEX case_events_case_kind ON case_events(case_uuid, kind);
        CREATE INDEX outbox_evaluations ON outbox(case_uuid, json_extract(payload, '$.score'))
            WHERE kind = 'evaluation';
        """,
    )
