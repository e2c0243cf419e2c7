"""A report for a range of days, grouped by window, clerk, department or item.

The plain counts are summed by SQL (``offline_cache.reports``: one ``GROUP BY`` over the range of the creation
index); only the cases whose deadline may still run get their 电子监察 level here, from the domain rule
(``clerk_app.domain.supervision``), so the report and the case list never disagree (a closed case has no warning
whatever its dates). 好差评 are the evaluations the customer screen stored (outbox ``evaluation``, one per case);
作废 counts the cases voided with a supervisor's approval (they stay counted under the decision they were committed
with). What a source does not have is listed in ``unavailable`` instead of printing zeros that look measured.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from clerk_app.customer.evaluation import GRADES, NOT_EVALUATED
from clerk_app.domain.case import CaseStatus
from clerk_app.domain.catalog import HandlingType
from clerk_app.domain.deadlines import SupervisionLevel
from clerk_app.domain.supervision import DatedLimit, case_supervision, pauses_from_moves
from clerk_app.domain.workdays import WorkdayCalendar
from offline_cache.db import Database
from offline_cache.reports import GroupCounts, OpenCase, ReportData, load_report_data

DIMENSIONS = ("window", "clerk", "department", "item")
DECISIONS = ("accept", "accept_with_deficiency", "one_time_notice", "reject")
DECISION_NAMES = {"accept": "受理", "accept_with_deficiency": "容缺受理", "one_time_notice": "一次性告知",
                  "reject": "不予受理"}
TYPES = tuple(t.name for t in HandlingType)  # as stored in cases.handling_type: IMMEDIATE, PROMISED, ...
TYPE_NAMES = {t.name: t.value for t in HandlingType}  # 即办件, 承诺件, 上报件, 联办件
EVALUATION_LEVELS = (*(GRADES[g] for g in sorted(GRADES, reverse=True)), NOT_EVALUATED)  # 非常满意 … 未评价
UNAVAILABLE: dict[str, str] = {}


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
    voids: int = 0
    evaluations: dict[str, int] = field(default_factory=lambda: dict.fromkeys(EVALUATION_LEVELS, 0))
    poor: int = 0  # 差评: 不满意 and 非常不满意
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
    poor: tuple[dict[str, Any], ...]  # 差评: case, item, window, clerk, grade, reasons; never the citizen
    days: tuple[tuple[str, dict[str, int]], ...]  # (day, decision -> cases) for every day of the range
    unavailable: dict[str, str]
    scope: str = "window"  # "window": this workstation's own data; "hall": the platform's, all windows

    def as_json(self) -> dict[str, Any]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat(), "by": self.by, "scope": self.scope,
                "as_of": self.today.isoformat(), "groups": [g.as_json() for g in self.groups],
                "total": self.total.as_json(), "overdue": list(self.overdue), "poor": list(self.poor),
                "days": [{"day": d, **counts} for d, counts in self.days], "unavailable": self.unavailable}


def quantiles(values: Iterable[float | None]) -> dict[str, float | None]:
    """Median and p90 (nearest-rank) of the known values; None when none is known."""
    known = sorted(v for v in values if v is not None)
    if not known:
        return {"n": 0, "median": None, "p90": None}
    rank = max(1, -(-len(known) * 90 // 100))  # ceil(0.9 n)
    return {"n": len(known), "median": round(statistics.median(known), 1), "p90": round(known[rank - 1], 1)}


def _label(key: str, by: str, item_name: str) -> str:
    if by == "window":
        return f"窗口 {key}"
    if by == "department":
        return key or "(unknown department)"
    if by == "item":
        return item_name or key
    return key


def _add(target: Group, counts: GroupCounts) -> None:
    target.cases += counts.cases
    for decision in DECISIONS:
        target.by_decision[decision] += counts.by_decision.get(decision, 0)
    for kind in TYPES:
        target.by_type[kind] += counts.by_type.get(kind, 0)
    target.deficiency_outstanding += counts.deficiency_outstanding
    target.deficiency_overdue += counts.deficiency_overdue
    target.notices_followed += counts.notices_followed
    target.reprints += counts.reprints
    target.voids += counts.voids


def _all_days(start: date, end: date, days: dict[str, dict[str, int]]) -> tuple[tuple[str, dict[str, int]], ...]:
    out = []
    for n in range((end - start).days + 1):
        day = date.fromordinal(start.toordinal() + n).isoformat()
        found = days.get(day, {})
        out.append((day, {d: found.get(d, 0) for d in DECISIONS}))
    return tuple(out)


def build_report(data: ReportData, start: date, end: date, by: str, today: date, calendar: WorkdayCalendar,
                 yellow_working_days: int) -> Report:
    if by not in DIMENSIONS:
        raise ValueError(f"--by must be one of {', '.join(DIMENSIONS)}")
    groups: dict[str, Group] = {}
    total = Group("total", "合计")
    for counts in data.groups:
        group = groups[counts.key] = Group(counts.key, _label(counts.key, by, counts.item_name))
        _add(group, counts)
        _add(total, counts)
    overdue: list[dict[str, str]] = []
    for case in data.open_cases:
        level = _level(case, data, today, calendar, yellow_working_days)
        for target in (groups[case.key], total):
            target.yellow += level is SupervisionLevel.YELLOW
            target.red += level is SupervisionLevel.RED
        if level is SupervisionLevel.RED:
            overdue.append({"case_uuid": case.case_uuid, "item": case.item_name, "clerk": case.clerk_id,
                            "window": case.window_code})
    for key, scores in data.evaluations.items():
        for score, n in scores.items():
            level_name = GRADES.get(score, NOT_EVALUATED) if score is not None else NOT_EVALUATED
            for target in (groups[key], total):
                target.evaluations[level_name] += n
                target.poor += n if score in (1, 2) else 0
    for counts in data.groups:
        groups[counts.key].wait, groups[counts.key].service = quantiles(counts.waits), quantiles(counts.services)
    total.wait = quantiles(v for counts in data.groups for v in counts.waits)
    total.service = quantiles(v for counts in data.groups for v in counts.services)
    poor = tuple({"case_uuid": p.case_uuid, "case_number": p.case_number, "item": p.item_name,
                  "window": p.window_code, "clerk": p.clerk_id, "grade": GRADES[p.score],
                  "reasons": list(p.reasons)} for p in data.poor)
    ordered = tuple(sorted(groups.values(), key=lambda g: (-g.cases, g.key)))
    return Report(start, end, by, today, ordered, total, tuple(overdue), poor, _all_days(start, end, data.days),
                  dict(UNAVAILABLE))


def _level(case: OpenCase, data: ReportData, today: date, calendar: WorkdayCalendar,
           yellow: int) -> SupervisionLevel | None:
    accepted = date.fromisoformat(case.accepted_at[:10]) if case.accepted_at else None
    promised = DatedLimit(case.promised_date, case.deadline_certain) if case.promised_date else None
    pauses = pauses_from_moves(data.moves.get(case.case_uuid, ()))
    return case_supervision(calendar, CaseStatus(case.status), accepted, promised, None, pauses, today,
                            yellow).level


class ReportService:
    def __init__(self, db: Database, calendar: Callable[[], WorkdayCalendar], yellow_working_days: int) -> None:
        self._db = db
        self._calendar = calendar
        self._yellow = yellow_working_days

    def report(self, start: date, end: date, by: str, today: date) -> Report:
        if end < start:
            raise ValueError("--to is before --from")
        if by not in DIMENSIONS:
            raise ValueError(f"--by must be one of {', '.join(DIMENSIONS)}")
        data = load_report_data(self._db, start, end, by, today)
        return build_report(data, start, end, by, today, self._calendar(), self._yellow)
