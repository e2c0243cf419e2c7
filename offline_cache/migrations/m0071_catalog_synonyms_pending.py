"""Catalog: everyday names sent by the catalog feed, and item versions that take effect later (``effective_from``).

``catalog_synonyms`` extends the shipped synonym table (clerk_app/catalog/data/synonyms.tsv). ``catalog_pending``
holds a received item version whose ``effective_from`` date has not come yet; the catalog service moves it into
``catalog_items`` when the date comes, without a restart.
"""

from __future__ import annotations

import sqlite3

from offline_cache.sql_script import execute_script

VERSION = 71


def apply(conn: sqlite3.Connection) -> None:
    execute_script(
        conn,
        """
        CREATE TABLE catalog_synonyms (
            term TEXT PRIMARY KEY,
            means TEXT NOT NULL,               -- newline-separated official words
            updated_at TEXT NOT NULL
        );
        CREATE TABLE catalog_pending (
            implementation_code TEXT PRIMARY KEY,
            version INTEGER NOT NULL,
            effective_from TEXT NOT NULL,      -- ISO date; the version goes live on that day
            payload TEXT NOT NULL,
            received_at TEXT NOT NULL
        );
        CREATE INDEX catalog_pending_due ON catalog_pending(effective_from);
        """,
    )
