"""Security: wrapped copies of the data key (used where there is no OS key store; ``clerk_app.security.vault``).

One row per clerk credential (``kind`` = ``clerk``, ``holder`` = the account) and one for the administrator's
recovery key (``kind`` = ``recovery``, ``holder`` = ``recovery``). ``wrapped`` is the data key sealed with AES-GCM
under a key derived from the secret (scrypt with ``salt`` and ``params`` for a password); nothing here opens the
data without the password or the recovery key. The rows travel in a backup, so a restored workstation opens with
the same passwords.
"""

from __future__ import annotations

import sqlite3

from offline_cache.sql_script import execute_script

VERSION = 76


def apply(conn: sqlite3.Connection) -> None:
    execute_script(
        conn,
        """
        CREATE TABLE key_wraps (
            kind TEXT NOT NULL CHECK (kind IN ('clerk', 'recovery')),
            holder TEXT NOT NULL,
            salt BLOB NOT NULL,
            params TEXT NOT NULL,
            wrapped BLOB NOT NULL,
            key_id TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (kind, holder)
        );
        """,
    )
