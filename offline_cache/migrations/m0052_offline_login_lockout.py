"""Lockout for offline logins: wrong passwords against the cached hash are counted per account."""

from __future__ import annotations

import sqlite3

from offline_cache.sql_script import execute_script

VERSION = 52


def apply(conn: sqlite3.Connection) -> None:
    execute_script(
        conn,
        """
        ALTER TABLE clerk_credentials ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE clerk_credentials ADD COLUMN locked_until REAL NOT NULL DEFAULT 0;
        """,
    )
