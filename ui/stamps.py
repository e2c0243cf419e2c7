"""How a stored ISO time reads on screen: to the minute, in the workstation's time zone."""

from __future__ import annotations

from datetime import datetime


def local_minute(stamp: str | None) -> str:
    """``2026-12-02T09:05:33+08:00`` → ``2026-12-02 09:05``; empty for none; a stamp that is not ISO is shown as
    stored rather than hidden (it is still the record's)."""
    try:
        return datetime.fromisoformat(stamp or "").astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp or ""
