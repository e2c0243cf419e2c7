"""The ranges a statistics view offers: a day, the week (Monday to Sunday) or the month around a day, or any range."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

RANGE_KINDS = ("day", "week", "month", "custom")


def range_around(kind: str, day: date, custom: tuple[date, date] | None = None) -> tuple[date, date]:
    """(first, last) day, both inclusive. ``custom`` is used, ordered, for the kind ``custom``."""
    if kind == "day":
        return day, day
    if kind == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    if kind == "month":
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if kind == "custom":
        if custom is None:
            raise ValueError("a custom range needs its two days")
        first, last = custom
        return (first, last) if first <= last else (last, first)
    raise ValueError(f"unknown range kind {kind!r}")
