"""Cached clerk credentials for offline login (``clerk_credentials``, m0050/m0052): a verifier of the password
(never the password), the profile the platform gave at the last online login, and the offline lockout counters.
The policy (how many failures, how long a lockout) is the sync auth service's; the rows are here."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from offline_cache.db import Database


def forget(conn: sqlite3.Connection, account: str) -> None:
    conn.execute("DELETE FROM clerk_credentials WHERE account = ?", (account,))


def remember_online_login(conn: sqlite3.Connection, account: str, verifier: str, profile: dict[str, Any],
                          at: str) -> None:
    """After an online login: the new verifier and profile; the lockout counters start again."""
    conn.execute(
        "INSERT INTO clerk_credentials (account, verifier, profile, last_online_login_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (account) DO UPDATE SET verifier = excluded.verifier, profile = excluded.profile,"
        " last_online_login_at = excluded.last_online_login_at, failed_attempts = 0, locked_until = 0",
        (account, verifier, json.dumps(profile, ensure_ascii=False), at))


def cached(db: Database, account: str) -> sqlite3.Row | None:
    """``verifier``, ``profile`` (JSON text) and ``locked_until`` (epoch seconds) of an account, or None."""
    rows = db.query("SELECT verifier, profile, locked_until FROM clerk_credentials WHERE account = ?", (account,))
    return rows[0] if rows else None


def count_failure(conn: sqlite3.Connection, account: str, max_failures: int, lock_until: float) -> None:
    """One more wrong offline password; the ``max_failures``-th locks the account until ``lock_until`` and starts
    the count again."""
    conn.execute(
        "UPDATE clerk_credentials"
        " SET locked_until = CASE WHEN failed_attempts + 1 >= ? THEN ? ELSE locked_until END,"
        " failed_attempts = CASE WHEN failed_attempts + 1 >= ? THEN 0 ELSE failed_attempts + 1 END"
        " WHERE account = ?",
        (max_failures, lock_until, max_failures, account))


def clear_failures(conn: sqlite3.Connection, account: str) -> None:
    conn.execute("UPDATE clerk_credentials SET failed_attempts = 0 WHERE account = ?", (account,))
