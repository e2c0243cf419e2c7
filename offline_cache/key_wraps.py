"""Rows of ``key_wraps`` (m0076): the data key sealed under each clerk's password and under the recovery key.
Only sealed bytes are stored; sealing and opening are ``clerk_app.security.vault``'s job."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

from offline_cache.db import Database


@dataclass(frozen=True)
class KeyWrap:
    kind: str  # 'clerk' | 'recovery'
    holder: str  # the clerk's account, or 'recovery'
    salt: bytes
    params: str  # JSON: how the wrapping key was derived
    wrapped: bytes
    key_id: str  # fingerprint of the data key it seals (all rows of one workstation agree)


def all_wraps(db: Database) -> list[KeyWrap]:
    rows = db.query("SELECT kind, holder, salt, params, wrapped, key_id FROM key_wraps ORDER BY kind, holder")
    return [KeyWrap(str(r[0]), str(r[1]), bytes(r[2]), str(r[3]), bytes(r[4]), str(r[5])) for r in rows]


def find(db: Database, kind: str, holder: str) -> KeyWrap | None:
    return next((w for w in all_wraps(db) if w.kind == kind and w.holder == holder), None)


def put(conn: sqlite3.Connection, wrap: KeyWrap) -> None:
    """Inside the caller's transaction; replaces that holder's earlier copy."""
    conn.execute(
        "INSERT INTO key_wraps (kind, holder, salt, params, wrapped, key_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (kind, holder) DO UPDATE SET salt = excluded.salt, params = excluded.params,"
        " wrapped = excluded.wrapped, key_id = excluded.key_id, updated_at = excluded.updated_at",
        (wrap.kind, wrap.holder, wrap.salt, wrap.params, wrap.wrapped, wrap.key_id,
         datetime.now(UTC).isoformat(timespec="seconds")))


def remove(conn: sqlite3.Connection, kind: str, holder: str) -> bool:
    return conn.execute("DELETE FROM key_wraps WHERE kind = ? AND holder = ?", (kind, holder)).rowcount > 0
