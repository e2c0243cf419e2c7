"""Sync state: progress of outbox actions, cached clerk credentials for offline login."""

from __future__ import annotations

import sqlite3

from offline_cache.sql_script import execute_script

VERSION = 50


def apply(conn: sqlite3.Connection) -> None:
    execute_script(
        conn,
        """
        ALTER TABLE outbox ADD COLUMN progress TEXT NOT NULL DEFAULT '';
        ALTER TABLE outbox ADD COLUMN server_result TEXT;
        ALTER TABLE outbox ADD COLUMN done_at TEXT;

        -- A slow salted hash of the password, written after a successful online login, so the clerk can log in
        -- offline later. Never the password, never the token (the token lives in the OS key store).
        CREATE TABLE clerk_credentials (
            account TEXT PRIMARY KEY,
            verifier TEXT NOT NULL,
            profile TEXT NOT NULL,
            last_online_login_at TEXT NOT NULL
        );
        """,
    )
