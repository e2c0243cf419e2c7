"""A partial index over the unfinished outbox rows: years of sent cases must not make every sync pass scan them."""

from __future__ import annotations

import sqlite3

from offline_cache.sql_script import execute_script

VERSION = 51


def apply(conn: sqlite3.Connection) -> None:
    execute_script(
        conn,
        """
        CREATE INDEX outbox_open ON outbox(outbox_id) WHERE state != 'done';
        CREATE INDEX outbox_open_case ON outbox(case_uuid, outbox_id) WHERE state != 'done';
        """,
    )
