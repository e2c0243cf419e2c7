"""A report for a range of days, grouped by window, clerk, department or item.

The figures are counted in Python over the rows ``offline_cache.reports`` reads for the range (one indexed range
query per table), with the 电子监察 level of each case from the domain rule (``clerk_app.domain.supervision``), so
the report and the case list never disagree. 好差评 and voided cases belong to other features; until their data is
stored the report says so (``unavailable``) instead of printing zeros that look measured.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from clerk_app.domain.case import CaseStatus
from clerk_app.domain.catalog import HandlingType
from clerk_app.domain.deadlines import SupervisionLevel
from clerk_app.domain.supervision import DatedLimit, case_supervision, pauses_from_moves
from clerk_app.domain.workdays import WorkdayCalendar
from offline_cache.db import Database
from offline_cache.reports import ReportCase, ReportData, load_report_data

DIMENSIONS = ("window", "clerk", "department", "item")
DECISIONS = ("accept", "accept_with_deficiency", "one_time_notice", "reject")
DECISION_NAMES = {"accept": "受理", "accept_with_deficiency": "容缺受理", "one_time_notice": "一次性告知",
                  "reject": "不予受理"}
TYPES = tuple(t.name for t in HandlingType)  # as stored in cases.handling_type: IMMEDIATE, PROMISED, ...
TYPE_NAMES = {t.name: t.value for t in HandlingType}  # 即办件, 承诺件, 上报件, 联办件
UNAVAILABLE = {
    "evaluations": "好差评 data is not stored on this workstation yet (customer screen feature not landed)",
    "voids": "voided cases are not recorded yet (clerk void feature not landed)",
}


@dataclass
class Group:
    key: str
    label: str
    cases: int = 0
    by_decision: dict[str, int] = field(default_factory=lambda: dict.fromkeys(DECISIONS, 0))
    by_type: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))
    deficiency_outstanding: int = 0
    deficiency_overdue: int = 0
    notices_followed: int = 0
    yellow: int = 0
    red: int = 0
    reprints: int = 0
    wait: dict[str, float | None] = field(default_factory=dict)
    service: dict[str, float | None] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Report:
    start: date
    end: date
    by: str
    today: date
    groups: tuple[Group, ...]
    total: Group
    overdue: tuple[dict[str, str], ...]  # red cases: number-free (uuid), item and clerk, for 整改
    unavailable: dict[str, str]

    def as_json(self) -> dict[str, Any]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat(), "by": self.by,
                "as_of": self.today.isoformat(), "groups": [g.as_json() for g in self.groups],
                "total": self.total.as_json(), "overdue": list(self.overdue), "unavailable": self.unavailable}


def quantiles(values: Iterable[float | None]) -> dict[str, float | None]:
    """Median and p90 (nearest-rank) of the known values; None when none is known."""
    known = sorted(v for v in values if v is not None)
    if not known:
        return {"n": 0, "median": None, "p90": None}
    rank = max(1, -(-len(known) * 90 // 100))  # ceil(0.9 n)
    return {"n": len(known), "median": round(statistics.median(known), 1), "p90": round(known[rank - 1], 1)}


def _key(case: ReportCase, by: str) -> tuple[str, str]:
    if by == "window":
        return case.window_code, f"窗口 {case.window_code}"
    if by == "clerk":
        return case.clerk_id, case.clerk_id
    if by == "department":
        return case.department or "?", case.department or "(unknown department)"
    return case.item_code, case.item_name or case.item_code


def build_report(data: ReportData, start: date, end: date, by: str, today: date, calendar: WorkdayCalendar,
                 yellow_working_days: int) -> Report:
    if by not in DIMENSIONS:
        raise ValueError(f"--by must be one of {', '.join(DIMENSIONS)}")
    groups: dict[str, Group] = {}
    total = Group("total", "合计")
    waits: dict[str, list[float | None]] = {"total": []}
    services: dict[str, list[float | None]] = {"total": []}
    overdue: list[dict[str, str]] = []
    for case in data.cases:
        key, label = _key(case, by)
        group = groups.setdefault(key, Group(key, label))
        level = _level(case, data, today, calendar, yellow_working_days)
        for target, name in ((group, key), (total, "total")):
            _count(target, case, data, today, level)
            waits.setdefault(name, []).append(case.wait_seconds)
            services.setdefault(name, []).append(case.service_seconds)
        if level is SupervisionLevel.RED:
            overdue.append({"case_uuid": case.case_uuid, "item": case.item_name, "clerk": case.clerk_id,
                            "window": case.window_code})
    for name, target in [*groups.items(), ("total", total)]:
        target.wait = quantiles(waits.get(name, []))
        target.service = quantiles(services.get(name, []))
    ordered = tuple(sorted(groups.values(), key=lambda g: (-g.cases, g.key)))
    return Report(start, end, by, today, ordered, total, tuple(overdue), dict(UNAVAILABLE))


def _level(case: ReportCase, data: ReportData, today: date, calendar: WorkdayCalendar,
           yellow: int) -> SupervisionLevel | None:
    accepted = date.fromisoformat(case.accepted_at[:10]) if case.accepted_at else None
    promised = DatedLimit(case.promised_date, case.deadline_certain) if case.promised_date else None
    pauses = pauses_from_moves(data.moves.get(case.case_uuid, ()))
    return case_supervision(calendar, CaseStatus(case.status), accepted, promised, None, pauses, today,
                            yellow).level


def _count(group: Group, case: ReportCase, data: ReportData, today: date, level: SupervisionLevel | None) -> None:
    group.cases += 1
    if case.decision in group.by_decision:
        group.by_decision[case.decision] += 1
    if case.decision in ("accept", "accept_with_deficiency") and case.handling_type in group.by_type:
        group.by_type[case.handling_type] += 1
    due = data.deferred_due.get(case.case_uuid)
    if case.decision == "accept_with_deficiency" and due is not None and case.status not in _ENDED:
        group.deficiency_outstanding += 1
        group.deficiency_overdue += due < today
    group.notices_followed += case.case_uuid in data.followed_notices
    group.yellow += level is SupervisionLevel.YELLOW
    group.red += level is SupervisionLevel.RED
    group.reprints += data.reprints.get(case.case_uuid, 0)


# A 容缺 case that ended no longer waits for its materials (as offline_cache.cases.list_supply_overdue).
_ENDED = frozenset({"concluded", "handed_over", "mailed", "denied", "rejected"})


class ReportService:
    def __init__(self, db: Database, calendar: Callable[[], WorkdayCalendar], yellow_working_days: int) -> None:
        self._db = db
        self._calendar = calendar
        self._yellow = yellow_working_days

    def report(self, start: date, end: date, by: str, today: date) -> Report:
        if end < start:
            raise ValueError("--to is before --from")
        data = load_report_data(self._db, start, end)
        return build_report(data, start, end, by, today, self._calendar(), self._yellow)
