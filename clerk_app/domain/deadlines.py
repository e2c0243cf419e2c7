"""Promised and legal deadlines of a case, and the 电子监察 warning level.

A deadline is always returned with ``certain`` and a warning: a date computed over days the official calendar does
not know (see ``workdays``) must be shown as such, never silently. 即办件 end on the acceptance day.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from clerk_app.domain.catalog import HandlingType, LimitUnit, ServiceItem, TimeLimit
from clerk_app.domain.workdays import Pause, PeriodResult, WorkdayCalendar
from clerk_app.i18n import QT_TRANSLATE_NOOP, translate


@dataclass(frozen=True)
class Deadline:
    deadline: date
    certain: bool
    warning: str | None  # translated text for the clerk; None when certain
    uncertain_years: tuple[int, ...] = ()

    def as_json(self) -> dict[str, object]:
        return {"deadline": self.deadline.isoformat(), "certain": self.certain, "warning": self.warning}


class SupervisionLevel(enum.Enum):
    """电子监察 signal of a running case."""

    NORMAL = "normal"
    YELLOW = "yellow"  # approaching: at most ``yellow_working_days`` working days left
    RED = "red"  # overdue
    PAUSED = "paused"  # clock stopped (特别程序 / 补正): no signal while it stands


LEVEL_LABELS = {
    SupervisionLevel.NORMAL: QT_TRANSLATE_NOOP("rules", "On time"),
    SupervisionLevel.YELLOW: QT_TRANSLATE_NOOP("rules", "Deadline near"),
    SupervisionLevel.RED: QT_TRANSLATE_NOOP("rules", "Overdue"),
    SupervisionLevel.PAUSED: QT_TRANSLATE_NOOP("rules", "Clock stopped"),
}


def level_label(level: SupervisionLevel) -> str:
    return translate("rules", LEVEL_LABELS[level])


def _from_period(period: PeriodResult) -> Deadline:
    return Deadline(period.end, period.certain, period.warning(), period.uncertain_years)


def compute_deadline(
    calendar: WorkdayCalendar, accepted_on: date, limit: TimeLimit, pauses: Iterable[Pause] = ()
) -> Deadline:
    if limit.unit is LimitUnit.WORKING_DAYS:
        return _from_period(calendar.add_working_days(accepted_on, limit.value, pauses))
    return _from_period(calendar.add_calendar_days(accepted_on, limit.value, pauses))


def close_open_pauses(pauses: Iterable[Pause], today: date) -> tuple[Pause, ...]:
    """Treat a still-running pause as ending today, to show "at the earliest" while the clock stands."""
    return tuple(Pause(p.start, p.end if p.end is not None else max(today, p.start)) for p in pauses)


def promised_deadline(
    calendar: WorkdayCalendar, item: ServiceItem, accepted_on: date, pauses: Iterable[Pause] = ()
) -> Deadline | None:
    """承诺办结时间. 即办件: the acceptance day. No promised limit and no legal one: None (nothing to promise)."""
    if item.handling_type is HandlingType.IMMEDIATE:
        return Deadline(accepted_on, True, None)
    limit = item.promised_limit or item.legal_limit
    if limit is None:
        return None
    return compute_deadline(calendar, accepted_on, limit, pauses)


def legal_deadline(
    calendar: WorkdayCalendar, item: ServiceItem, accepted_on: date, pauses: Iterable[Pause] = ()
) -> Deadline | None:
    """法定办结时限; None when the catalog gives no legal limit."""
    if item.legal_limit is None:
        return None
    return compute_deadline(calendar, accepted_on, item.legal_limit, pauses)


def case_deadline(
    calendar: WorkdayCalendar, items: Iterable[ServiceItem], accepted_on: date, pauses: Iterable[Pause] = ()
) -> Deadline | None:
    """A case with several items (一件事) is promised by its slowest item; uncertainty of any item carries over."""
    pause_list = tuple(pauses)
    found = [d for d in (promised_deadline(calendar, i, accepted_on, pause_list) for i in items) if d is not None]
    if not found:
        return None
    latest = max(found, key=lambda d: d.deadline)
    if all(d.certain for d in found):
        return latest
    uncertain = next(d for d in found if not d.certain)
    years = tuple(sorted({y for d in found for y in d.uncertain_years}))
    return Deadline(latest.deadline, False, latest.warning or uncertain.warning, years)


def supervision_level(
    calendar: WorkdayCalendar,
    deadline: date,
    today: date,
    yellow_working_days: int,
    paused: bool = False,
) -> SupervisionLevel:
    """Red once the deadline has passed; yellow when at most ``yellow_working_days`` working days remain
    (the deadline day itself counts as remaining time until it ends)."""
    if paused:
        return SupervisionLevel.PAUSED
    if today > deadline:
        return SupervisionLevel.RED
    remaining = calendar.working_days_between(today, deadline)
    if remaining <= yellow_working_days:
        return SupervisionLevel.YELLOW
    return SupervisionLevel.NORMAL
