"""The official working-day calendar and working-day / calendar-day arithmetic.

China shifts weekends around public holidays (调休), so "Monday to Friday" is wrong in about a dozen days a year.
Three sources, in order of precedence:

1. **Overrides** published by the platform or entered by an administrator (table ``calendar_days``): a day is
   declared a working day or a day off. They always win, also inside years the package knows.
2. **chinesecalendar** (the State Council notices, one package release per year; 1.11 covers 2004-2026).
3. **Fallback** Monday-Friday minus the fixed-date statutory holidays (元旦, 劳动节, 国庆节 of
   《全国年节及纪念日放假办法》; the lunar holidays and 调休 cannot be guessed) for years neither knows. A date
   computed over such a day is *uncertain* and the caller must show the warning, unless an administrator has
   marked the whole year complete (every holiday and 调休 day of that year entered), in which case the same rule
   plus overrides is the official calendar.

Periods follow 《行政许可法》第四十二条/第八十二条: the acceptance day is not counted (a limit of N working days ends
on the N-th working day after it), time in 特别程序 or 补正 is not counted (pauses), and a calendar-day period whose
last day is a day off ends on the next working day (民法典 第二百零三条).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar

from clerk_app.i18n import QT_TRANSLATE_NOOP, translate

CONTEXT = "rules"

# Fixed-date statutory days off (month, day); the lunar ones and the 调休 swaps need the yearly notice.
FIXED_HOLIDAYS = frozenset({(1, 1), (5, 1), (5, 2), (10, 1), (10, 2), (10, 3)})

# Guards against a corrupt limit or calendar looping forever (2,000 working days is about 8 years).
MAX_SPAN_DAYS = 3660

UNCERTAIN_WARNING = QT_TRANSLATE_NOOP(
    "rules",
    "The official holiday calendar has no data for {years}: the date was computed counting Monday to Friday "
    "(without fixed-date public holidays) as working days and may be wrong. Check it against the published "
    "holiday notice.",
)


@dataclass(frozen=True)
class DayInfo:
    day: date
    workday: bool
    certain: bool  # False: only the Monday-Friday fallback knew this day
    source: str  # 'override', 'official', 'complete_year', 'fallback'


@dataclass(frozen=True)
class Pause:
    """The clock stops from ``start`` to ``end`` inclusive (特别程序, 补正). ``end`` None = still paused."""

    start: date
    end: date | None = None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class PeriodResult:
    end: date
    certain: bool
    uncertain_years: tuple[int, ...] = ()

    def warning_source(self) -> str | None:
        return None if self.certain else UNCERTAIN_WARNING

    def warning(self) -> str | None:
        """The translated warning for the clerk, or None when the date is certain."""
        if self.certain:
            return None
        return translate(CONTEXT, UNCERTAIN_WARNING).format(years=", ".join(str(y) for y in self.uncertain_years))


@functools.lru_cache(maxsize=4096)
def _official(day: date) -> bool | None:
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return None


def official_years() -> tuple[int, int]:
    """First and last year the bundled chinesecalendar package has data for."""
    years = sorted({d.year for d in chinese_calendar.holidays} | {d.year for d in chinese_calendar.workdays})
    return years[0], years[-1]


class WorkdayCalendar:
    """Immutable view over overrides + chinesecalendar + fallback. Build a new one when overrides change."""

    def __init__(
        self,
        overrides: Mapping[date, bool] | None = None,
        complete_years: Iterable[int] = (),
    ) -> None:
        self._overrides = dict(overrides or {})
        self._complete = frozenset(complete_years)

    def info(self, day: date) -> DayInfo:
        override = self._overrides.get(day)
        if override is not None:
            return DayInfo(day, override, True, "override")
        official = _official(day)
        if official is not None:
            return DayInfo(day, official, True, "official")
        # Fixed-date statutory holidays are off by law in every year, declared or not.
        workday = day.weekday() < 5 and (day.month, day.day) not in FIXED_HOLIDAYS
        if day.year in self._complete:
            return DayInfo(day, workday, True, "complete_year")
        return DayInfo(day, workday, False, "fallback")

    def is_workday(self, day: date) -> bool:
        return self.info(day).workday

    def next_workday(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        current = day
        for _ in range(MAX_SPAN_DAYS):
            current += timedelta(days=1)
            if self.is_workday(current):
                return current
        raise ValueError("no working day within ten years: the calendar data is broken")

    def add_working_days(self, start: date, count: int, pauses: Iterable[Pause] = ()) -> PeriodResult:
        """The ``count``-th working day after ``start`` (``start`` itself never counts), skipping paused days.

        ``count`` 0 means "the same day" (即办件). Every day walked over is checked for certainty, since one
        unknown holiday anywhere in between moves the result.
        """
        if count < 0:
            raise ValueError("a time limit cannot be negative")
        pause_list = tuple(pauses)
        _check_pauses(pause_list)
        uncertain: set[int] = set()
        current = start
        remaining = count
        for _ in range(MAX_SPAN_DAYS):
            if remaining == 0:
                return PeriodResult(current, not uncertain, tuple(sorted(uncertain)))
            current += timedelta(days=1)
            info = self.info(current)
            if not info.certain:
                uncertain.add(current.year)
            if info.workday and not any(p.covers(current) for p in pause_list):
                remaining -= 1
        raise ValueError("time limit too long to compute")

    def add_calendar_days(self, start: date, count: int, pauses: Iterable[Pause] = ()) -> PeriodResult:
        """``count`` calendar days after ``start``, paused days not counted; a last day off moves to the next
        working day."""
        if count < 0:
            raise ValueError("a time limit cannot be negative")
        pause_list = tuple(pauses)
        _check_pauses(pause_list)
        current = start
        remaining = count
        for _ in range(MAX_SPAN_DAYS):
            if remaining == 0:
                break
            current += timedelta(days=1)
            if not any(p.covers(current) for p in pause_list):
                remaining -= 1
        else:
            raise ValueError("time limit too long to compute")
        uncertain: set[int] = set()
        info = self.info(current)
        if not info.certain:
            uncertain.add(current.year)
        if count > 0 and not info.workday:
            # The day off itself and every day up to the next working day decide the end.
            probe = current
            while True:
                probe += timedelta(days=1)
                info = self.info(probe)
                if not info.certain:
                    uncertain.add(probe.year)
                if info.workday:
                    current = probe
                    break
        return PeriodResult(current, not uncertain, tuple(sorted(uncertain)))

    def working_days_between(self, start: date, end: date, pauses: Iterable[Pause] = ()) -> int:
        """Working days in (start, end]; negative when ``end`` is before ``start`` (overdue counts)."""
        pause_list = tuple(pauses)
        if end == start:
            return 0
        sign = 1
        if end < start:
            start, end, sign = end, start, -1
        if (end - start).days > MAX_SPAN_DAYS:
            raise ValueError("span too long to compute")
        total = 0
        current = start
        while current < end:
            current += timedelta(days=1)
            if self.is_workday(current) and not any(p.covers(current) for p in pause_list):
                total += 1
        return sign * total


def _check_pauses(pauses: tuple[Pause, ...]) -> None:
    for pause in pauses:
        if pause.end is None:
            raise ValueError("the clock is still paused: close the pause (or assume it ends today) first")
        if pause.end < pause.start:
            raise ValueError("a pause cannot end before it starts")
