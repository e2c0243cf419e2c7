"""Acceptance: 代办批次 — a registered village agent (村级代办员) brings several villagers' applications in one visit.

One ``agent_batches`` row per visit (the agent identified once: name and ID encrypted with the data key, bound to
the row), one ``agent_batch_cases`` row per villager's case, written in the case's own commit transaction.
"""

from __future__ import annotations

import sqlite3

from offline_cache.sql_script import execute_script

VERSION = 78


def apply(conn: sqlite3.Connection) -> None:
    execute_script(
        conn,
        """
        CREATE TABLE agent_batches (
            batch_uuid TEXT PRIMARY KEY,
            batch_number TEXT NOT NULL UNIQUE,
            agent_enc BLOB NOT NULL,
            relation TEXT NOT NULL,
            village TEXT NOT NULL DEFAULT '',
            window_code TEXT NOT NULL,
            clerk_id TEXT NOT NULL,
            opened_at TEXT NOT NULL,
            closed_at TEXT
        );
        CREATE TABLE agent_batch_cases (
            batch_uuid TEXT NOT NULL REFERENCES agent_batches(batch_uuid),
            case_uuid TEXT NOT NULL UNIQUE REFERENCES cases(case_uuid),
            position INTEGER NOT NULL,
            PRIMARY KEY (batch_uuid, case_uuid),
            UNIQUE (batch_uuid, position)
        );
        """,
    )
