"""Confirmed outbox rows are compacted (see ``offline_cache.outbox.compact_confirmed``): ``compacted_at`` marks them,
and a partial index finds the confirmed rows not yet compacted without reading years of compacted ones."""

from __future__ import annotations

import sqlite3

from offline_cache.sql_script import execute_script

VERSION = 61


def apply(conn: sqlite3.Connection) -> None:
    execute_script(
        conn,
        """
        ALTER TABLE outbox ADD COLUMN compacted_at TEXT;
        CREATE INDEX outbox_to_compact ON outbox(outbox_id) WHERE state = 'done' AND compacted_at IS NULL;
        """,
    )
