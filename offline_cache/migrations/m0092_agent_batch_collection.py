"""Acceptance: whether a villager's 授权委托书 in a 代办批次 covers 领取 (collecting the result), recorded at
acceptance with the case's row of the batch (m0078). The batch's 代办员 may collect the result only then (the collector
check, ``clerk_app/acceptance/collector_check.py``); existing rows say no, the safe reading of a
paper nobody recorded."""

from __future__ import annotations

import sqlite3

from offline_cache.sql_script import execute_script

VERSION = 92


def apply(conn: sqlite3.Connection) -> None:
    execute_script(
        conn,
        """
        ALTER TABLE agent_batch_cases ADD COLUMN agent_collects INTEGER NOT NULL DEFAULT 0
            CHECK (agent_collects IN (0, 1));
        """,
    )
