"""Centre receipt keys: the keys the platform distributes so every workstation of the centre can check a receipt's
verification code. Secrets are stored encrypted with the data key (``offline_cache.receipt_keys``)."""

from __future__ import annotations

import sqlite3

from offline_cache.sql_script import execute_script

VERSION = 62


def apply(conn: sqlite3.Connection) -> None:
    execute_script(
        conn,
        """
        CREATE TABLE receipt_keys (
            key_id TEXT PRIMARY KEY,
            secret_enc BLOB NOT NULL,
            current INTEGER NOT NULL DEFAULT 0 CHECK (current IN (0, 1)),
            received_at TEXT NOT NULL
        );
        """,
    )
