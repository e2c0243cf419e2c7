"""Small workstation settings kept in the database (``settings_kv``, m0001): the machine id, the last clerk who
logged in to the platform. Not configuration: nothing here is edited by hand."""

from __future__ import annotations

import sqlite3
import uuid

from offline_cache.db import Database


def get_setting(db: Database, key: str) -> str | None:
    rows = db.query("SELECT value FROM settings_kv WHERE key = ?", (key,))
    return str(rows[0][0]) if rows else None


def put_setting(conn: sqlite3.Connection, key: str, value: str) -> None:
    """Inside the caller's transaction."""
    conn.execute("INSERT INTO settings_kv (key, value) VALUES (?, ?)"
                 " ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))


def machine_id(db: Database) -> str:
    """This workstation's stable id, made on first use (the platform binds sessions to it)."""
    with db.transaction() as conn:
        row = conn.execute("SELECT value FROM settings_kv WHERE key = 'machine_id'").fetchone()
        if row:
            return str(row[0])
        value = str(uuid.uuid4())
        conn.execute("INSERT INTO settings_kv (key, value) VALUES ('machine_id', ?)", (value,))
        return value
