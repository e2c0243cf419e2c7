"""Issue 13: 作废 (void) and the outbox per clerk.

* A voided case runs no deadline: the partial index of open cases (m0053) is rebuilt with ``voided`` among the
  closed states (its condition must stay the literal text of ``offline_cache.cases.OPEN_CASE_SQL``).
* ``outbox.clerk_id``: the clerk whose action a row carries (NULL for rows written before this version). A row
  still drains after its clerk logged out: the sync engine sends with the workstation's platform session.
"""

from __future__ import annotations

import sqlite3

from offline_cache.sql_script import execute_script

VERSION = 80

# Frozen copy of offline_cache.cases.OPEN_CASE_SQL at this version (a migration never changes afterwards).
OPEN_CASE_SQL = ("status NOT IN ('concluded', 'handed_over', 'mailed', 'rejected', 'notice_issued', 'denied',"
                 " 'approved', 'ready_for_pickup', 'voided')")


def apply(conn: sqlite3.Connection) -> None:
    execute_script(
        conn,
        f"""
        DROP INDEX cases_open_due;
        CREATE INDEX cases_open_due ON cases(window_code, promised_date)
            WHERE promised_date IS NOT NULL AND {OPEN_CASE_SQL};
        ALTER TABLE outbox ADD COLUMN clerk_id TEXT;
        CREATE INDEX outbox_clerk ON outbox(clerk_id, state);
        """,
    )
