"""Catalog: the pinyin of each department name, read once by the phrase reader and kept.

The search index finds every item of a department by its pinyin ("bdcdj" → 不动产登记中心). Reading a name
phrase by phrase needs pypinyin's dictionaries (56 MB, kept for the life of the process); with the keys stored,
a workstation whose catalog did not change loads none of them (clerk_app/catalog/readings.py).
"""

from __future__ import annotations

import sqlite3

from offline_cache.sql_script import execute_script

VERSION = 90


def apply(conn: sqlite3.Connection) -> None:
    execute_script(
        conn,
        """
        CREATE TABLE catalog_department_keys (
            department TEXT PRIMARY KEY,
            pinyin TEXT NOT NULL,
            initials TEXT NOT NULL
        );
        """,
    )
