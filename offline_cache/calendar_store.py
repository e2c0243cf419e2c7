"""Repository of the calendar extension table (holidays and 调休 workdays the platform or an administrator adds).

``load_calendar`` builds the immutable ``WorkdayCalendar`` the rules use; build it again after a change (it is
cheap: a few dozen rows a year).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from clerk_app.domain.workdays import WorkdayCalendar
from offline_cache.db import Database

SOURCES = ("platform", "admin")


@dataclass(frozen=True)
class CalendarDay:
    day: date
    is_workday: bool
    name: str = ""
    source: str = "admin"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _check_source(source: str) -> None:
    if source not in SOURCES:
        raise ValueError(f"calendar source must be one of {SOURCES}")


class CalendarStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def load_calendar(self) -> WorkdayCalendar:
        days = {date.fromisoformat(r["day"]): bool(r["is_workday"])
                for r in self.db.query("SELECT day, is_workday FROM calendar_days")}
        years = [int(r["year"]) for r in self.db.query("SELECT year FROM calendar_years")]
        return WorkdayCalendar(days, years)

    def days(self, year: int | None = None) -> list[CalendarDay]:
        sql = "SELECT day, is_workday, name, source FROM calendar_days"
        params: tuple[str, ...] = ()
        if year is not None:
            sql += " WHERE day LIKE ?"
            params = (f"{year:04d}-%",)
        return [CalendarDay(date.fromisoformat(r["day"]), bool(r["is_workday"]), r["name"], r["source"])
                for r in self.db.query(sql + " ORDER BY day", params)]

    def complete_years(self) -> list[int]:
        return [int(r["year"]) for r in self.db.query("SELECT year FROM calendar_years ORDER BY year")]

    def set_days(self, days: Iterable[CalendarDay]) -> int:
        with self.db.transaction() as conn:
            return upsert_days(conn, days)

    def remove_day(self, day: date) -> bool:
        with self.db.transaction() as conn:
            return conn.execute("DELETE FROM calendar_days WHERE day = ?", (day.isoformat(),)).rowcount > 0

    def mark_year_complete(self, year: int, source: str = "admin", complete: bool = True) -> None:
        _check_source(source)
        with self.db.transaction() as conn:
            if complete:
                conn.execute(
                    "INSERT INTO calendar_years (year, source, updated_at) VALUES (?, ?, ?)"
                    " ON CONFLICT(year) DO UPDATE SET source = excluded.source, updated_at = excluded.updated_at",
                    (year, source, _now()),
                )
            else:
                conn.execute("DELETE FROM calendar_years WHERE year = ?", (year,))

    def import_year(self, year: int, days: Iterable[CalendarDay], source: str = "platform") -> int:
        """Replace one year's days from ``source`` with the given list and mark the year complete (what the
        platform's ``GET /calendar?year=`` returns is the whole year); the other source's rows stay."""
        _check_source(source)
        listed = list(days)
        if any(d.day.year != year for d in listed):
            raise ValueError("every day must lie in the imported year")
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM calendar_days WHERE day LIKE ? AND source = ?", (f"{year:04d}-%", source))
            count = upsert_days(conn, (CalendarDay(d.day, d.is_workday, d.name, source) for d in listed))
            conn.execute(
                "INSERT INTO calendar_years (year, source, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT(year) DO UPDATE SET source = excluded.source, updated_at = excluded.updated_at",
                (year, source, _now()),
            )
            return count


def upsert_days(conn: sqlite3.Connection, days: Iterable[CalendarDay]) -> int:
    """Insert or replace days with the caller's connection (for sync, inside its transaction)."""
    count = 0
    stamp = _now()
    for entry in days:
        _check_source(entry.source)
        conn.execute(
            "INSERT INTO calendar_days (day, is_workday, name, source, updated_at) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT(day) DO UPDATE SET is_workday = excluded.is_workday, name = excluded.name,"
            " source = excluded.source, updated_at = excluded.updated_at",
            (entry.day.isoformat(), int(entry.is_workday), entry.name, entry.source, stamp),
        )
        count += 1
    return count
