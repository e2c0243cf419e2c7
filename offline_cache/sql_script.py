"""Running a multi-statement SQL script inside the caller's transaction (what migrations need).

Kept apart from ``offline_cache.db`` so that migrations do not import the module that discovers and runs them
(an import cycle the layering contracts refuse).
"""

from __future__ import annotations

import sqlite3


def execute_script(conn: sqlite3.Connection, script: str) -> None:
    """Run several statements inside the caller's transaction.

    ``Connection.executescript`` commits any open transaction first, which would break a migration's atomicity.
    """
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            if statement.strip():
                conn.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError("incomplete SQL statement at end of script")
