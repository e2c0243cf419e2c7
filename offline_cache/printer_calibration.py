"""Per-printer x/y correction of pre-printed stock prints, kept in ``settings_kv`` (m0001) under
``printer_calibration:<queue name>``: ``{offset_x_mm, offset_y_mm, scale, set_at, set_by}``. Machine-local like
the printers themselves: a calibration belongs to this workstation's queue, not to the centre."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from offline_cache.db import Database
from offline_cache.settings_kv import get_setting, put_setting

PREFIX = "printer_calibration:"


def stored_calibration(db: Database, printer: str) -> dict[str, Any] | None:
    raw = get_setting(db, PREFIX + printer)
    if raw is None:
        return None
    value = json.loads(raw)
    return value if isinstance(value, dict) else None


def store_calibration(conn: sqlite3.Connection, printer: str, value: dict[str, Any]) -> None:
    """Inside the caller's transaction (with its audit row)."""
    put_setting(conn, PREFIX + printer, json.dumps(value, sort_keys=True))


def calibrated_printers(db: Database) -> list[str]:
    rows = db.query("SELECT key FROM settings_kv WHERE key LIKE ? ORDER BY key", (PREFIX + "%",))
    return [str(r[0])[len(PREFIX):] for r in rows]
