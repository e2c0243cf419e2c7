"""Cases: an index on the platform's case number.

Every case a sync pass uploads is checked against the others for the number the platform gave it
(``offline_cache.cases.platform_number_taken``); without an index that read the whole cases table: at 100,000
cases, a scan of hundreds of MB per uploaded case, competing with the window for the machine's two cores. Partial:
only cases the platform has numbered take room in it (``platform_number = ?`` implies NOT NULL, so it is used).
"""

from __future__ import annotations

import sqlite3

from offline_cache.sql_script import execute_script

VERSION = 91


def apply(conn: sqlite3.Connection) -> None:
    execute_script(
        conn,
        "CREATE INDEX cases_platform_number ON cases (platform_number) WHERE platform_number IS NOT NULL;",
    )
