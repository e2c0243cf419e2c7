"""电子监察 of one case: its warning level computed from its state, and its dates extended by past pauses.

The promised and legal dates stored at acceptance are computed without pauses (none has happened yet). Time spent
in 补正 or 特别程序 does not count against the limit, so when a case has paused, both dates move later by the working
days the clock stood. The stored date is turned back into its count of working days after acceptance and counted
again with the pauses skipped. A case whose window part is over (concluded, handed over, mailed, decided by the
department, or never accepted) has no warning at all, whatever its dates say.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from clerk_app.domain.case import CaseStatus
from clerk_app.domain.case_states import CLOCK_STOPPED
from clerk_app.domain.deadlines import SupervisionLevel, close_open_pauses, supervision_level
from clerk_app.domain.workdays import Pause, WorkdayCalendar

S = CaseStatus

# No deadline runs any more: the window's part is done, the department has decided, or nothing was accepted.
# offline_cache.cases.CLOSED_STATUSES spells the same set literally for its partial index (a test compares them).
NO_WARNING = frozenset({S.CONCLUDED, S.HANDED_OVER, S.MAILED, S.REJECTED, S.NOTICE_ISSUED, S.DENIED, S.APPROVED,
                        S.READY_FOR_PICKUP, S.DRAFT, S.VOIDED})


@dataclass(frozen=True)
class DatedLimit:
    """One date as 电子监察 shows it: extended by pauses, certain only if the stored date and the extension are."""

    date: date
    certain: bool


@dataclass(frozen=True)
class CaseSupervision:
    level: SupervisionLevel | None  # None: no warning applies (closed case, or nothing promised)
    promised: DatedLimit | None
    legal: DatedLimit | None

    @property
    def warns(self) -> bool:
        return self.level in (SupervisionLevel.YELLOW, SupervisionLevel.RED)


def pauses_from_moves(moves: Iterable[tuple[str | None, str | None, date]]) -> tuple[Pause, ...]:
    """Pauses from (from_status, to_status, day) moves in event order, as stored in the case event log."""
    pauses: list[Pause] = []
    open_since: date | None = None
    stopped = {s.value for s in CLOCK_STOPPED}
    for from_status, to_status, day in moves:
        if to_status is None or to_status == from_status:
            continue
        if to_status in stopped and open_since is None:
            open_since = day
        elif to_status not in stopped and open_since is not None:
            pauses.append(Pause(open_since, day))
            open_since = None
    if open_since is not None:
        pauses.append(Pause(open_since, None))
    return tuple(pauses)


def extend_by_pauses(calendar: WorkdayCalendar, accepted_on: date, stored: date, certain: bool,
                     pauses: Iterable[Pause], today: date) -> DatedLimit:
    """The stored date moved later by the working days of ``pauses`` (a running pause counts up to today)."""
    closed = tuple(p for p in close_open_pauses(pauses, today) if p.end is None or p.end >= accepted_on)
    if not closed or stored <= accepted_on:
        return DatedLimit(stored, certain)
    count = calendar.working_days_between(accepted_on, stored)
    result = calendar.add_working_days(accepted_on, count, closed)
    return DatedLimit(max(result.end, stored), certain and result.certain)


def case_supervision(
    calendar: WorkdayCalendar,
    status: CaseStatus,
    accepted_on: date | None,
    promised: DatedLimit | None,
    legal: DatedLimit | None,
    pauses: Iterable[Pause],
    today: date,
    yellow_working_days: int,
) -> CaseSupervision:
    pause_list = tuple(pauses)
    if accepted_on is not None:
        if promised is not None:
            promised = extend_by_pauses(calendar, accepted_on, promised.date, promised.certain, pause_list, today)
        if legal is not None:
            legal = extend_by_pauses(calendar, accepted_on, legal.date, legal.certain, pause_list, today)
    if status in NO_WARNING or promised is None:
        return CaseSupervision(None, promised, legal)
    if status in CLOCK_STOPPED:
        return CaseSupervision(SupervisionLevel.PAUSED, promised, legal)
    return CaseSupervision(supervision_level(calendar, promised.date, today, yellow_working_days), promised, legal)
