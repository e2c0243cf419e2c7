"""Service catalog tables: items and "一件事" bundles as received (JSON), with precomputed search keys.

Records are stored whole as the platform's JSON (``payload``) so the guide shows every element sent; the
few columns beside it are what search, filtering and versioned import need. ``catalog_state.generation``
increases with every applied change so in-memory search indexes (in any process) know when to reload.
"""

from __future__ import annotations

import sqlite3

from offline_cache.sql_script import execute_script

VERSION = 10


def apply(conn: sqlite3.Connection) -> None:
    execute_script(
        conn,
        """
        CREATE TABLE catalog_items (
            implementation_code TEXT PRIMARY KEY,
            basic_code TEXT NOT NULL,
            handling_item_code TEXT NOT NULL DEFAULT '',
            name TEXT NOT NULL,
            department TEXT NOT NULL,
            version INTEGER NOT NULL,
            retired INTEGER NOT NULL DEFAULT 0,
            payload TEXT NOT NULL,             -- the item's JSON exactly as imported
            digest TEXT NOT NULL,              -- sha256 of canonical payload
            keywords TEXT NOT NULL DEFAULT '', -- newline-separated
            name_pinyin TEXT NOT NULL,
            name_initials TEXT NOT NULL,
            keyword_pinyin TEXT NOT NULL DEFAULT '',   -- newline-separated full pinyin of each keyword
            keyword_initials TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL
        );
        CREATE INDEX catalog_items_department ON catalog_items(department, retired);
        CREATE INDEX catalog_items_basic ON catalog_items(basic_code);

        CREATE TABLE catalog_bundles (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            department TEXT NOT NULL DEFAULT '',
            version INTEGER NOT NULL,
            retired INTEGER NOT NULL DEFAULT 0,
            payload TEXT NOT NULL,
            digest TEXT NOT NULL,
            keywords TEXT NOT NULL DEFAULT '',
            name_pinyin TEXT NOT NULL,
            name_initials TEXT NOT NULL,
            keyword_pinyin TEXT NOT NULL DEFAULT '',
            keyword_initials TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL
        );

        CREATE TABLE catalog_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            generation INTEGER NOT NULL,
            last_import_at TEXT,
            last_source TEXT
        );
        INSERT INTO catalog_state (id, generation) VALUES (1, 0);
        """,
    )
