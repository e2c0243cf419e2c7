"""The official working-day calendar the sandbox serves, from the ``chinesecalendar`` package's State Council data."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any

import chinese_calendar

_NAMES = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节", "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节", "National Day": "国庆节", "Mid-autumn Festival": "中秋节",
}


def calendar_for(year: int) -> dict[str, Any]:
    days: list[dict[str, Any]] = []
    for kind, table in (("holiday", chinese_calendar.constants.holidays),
                        ("workday", chinese_calendar.constants.workdays)):
        for day, name in table.items():
            if isinstance(day, date) and day.year == year:
                label = getattr(name, "value", name)
                label = label[0] if isinstance(label, tuple) else label
                days.append({"date": day.isoformat(), "kind": kind, "name": _NAMES.get(str(label), str(label))})
    days.sort(key=lambda d: d["date"])
    version = hashlib.sha256(json.dumps(days, sort_keys=True).encode()).hexdigest()[:16]
    return {"year": year, "version": version, "days": days}
