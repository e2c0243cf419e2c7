"""Where the statistics view's figures come from: the hall's (every window of the centre, aggregated by the platform,
``GET /api/v1/reports``) when the platform answers, this window's own (the local report) when it does not.

The result says which (``ScopedReport.scope``), so the view never shows a window's figures as the hall's. The
platform aggregates what it received (cases, decisions, handling types, 好差评, the 差评 list, per day); what only
a workstation knows (电子监察 levels against its calendar, 容缺 materials, reprints, queue times) is listed in the
report's ``unavailable``, and the table shows "-" for it instead of zeros.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from clerk_app.errors import UserFacingError
from clerk_app.reports.service import (
    DECISIONS,
    DIMENSIONS,
    EVALUATION_LEVELS,
    TYPES,
    Group,
    Report,
    ReportService,
    quantiles,
)

log = logging.getLogger("onewindow.reports")

# What the platform does not aggregate (it lacks the workstation's calendar and event log); the keys name the
# table's columns that show "-" (``clerk_app.reports.table``).
HALL_UNAVAILABLE = {
    "warnings": "电子监察 levels are computed by each window against its own calendar (not aggregated hall-wide)",
    "deficiency": "容缺 materials are tracked at each window (not aggregated hall-wide)",
    "notices_followed": "follow-ups of one-time notices are tracked at each window",
    "reprints": "reprints are recorded at each window",
    "times": "queue wait and service times are not aggregated hall-wide",
    "voids": "voided cases are counted at each window (not aggregated hall-wide yet)",
}


@dataclass(frozen=True)
class ScopedReport:
    report: Report
    scope: str  # "hall": the platform's figures, all windows; "window": this window's, the platform unreachable;
    # "local": this window's, no platform configured


class ReportsClient(Protocol):
    def reports(self, start: date, end: date, by: str) -> dict[str, Any]: ...


class StatisticsSource:
    def __init__(self, local: ReportService, client: ReportsClient | None) -> None:
        self.local = local
        self.client = client  # None: no platform (a training workstation without its sandbox, or none configured)

    def report(self, start: date, end: date, by: str, today: date) -> ScopedReport:
        """Blocking (network, database): the hall's figures if the platform answers, else this window's."""
        if self.client is not None:
            try:
                return ScopedReport(report_from_platform(self.client.reports(start, end, by), today), "hall")
            except (UserFacingError, ValueError, KeyError, TypeError) as exc:  # unreachable, refused, malformed
                log.info("hall-wide figures not available (%s): this window's own", type(exc).__name__)
            return ScopedReport(self.local.report(start, end, by, today), "window")
        return ScopedReport(self.local.report(start, end, by, today), "local")


def _group(data: dict[str, Any]) -> Group:
    group = Group(str(data["key"]), str(data.get("label") or data["key"]), int(data["cases"]))
    for decision in DECISIONS:
        group.by_decision[decision] = int(data["by_decision"].get(decision, 0))
    for kind in TYPES:
        group.by_type[kind] = int(data.get("by_type", {}).get(kind, 0))
    for level in EVALUATION_LEVELS:
        group.evaluations[level] = int(data.get("evaluations", {}).get(level, 0))
    group.poor = int(data.get("poor", 0))
    group.wait = group.service = quantiles(())
    return group


def report_from_platform(data: dict[str, Any], today: date) -> Report:
    """The platform's answer (docs/platform-api: ``ReportAnswer``) as a report like the local one."""
    by = str(data["by"])
    if by not in DIMENSIONS:
        raise ValueError(f"unknown dimension {by!r}")
    groups = tuple(_group(g) for g in data["groups"])
    total = _group({**data["total"], "key": "total", "label": "合计"})
    poor = tuple({"case_uuid": str(p["case_uuid"]), "case_number": str(p["case_number"]), "item": str(p["item"]),
                  "window": str(p["window"]), "clerk": str(p["clerk"]), "grade": str(p["grade"]),
                  "reasons": [str(r) for r in p.get("reasons", [])]} for p in data["poor"])
    days = tuple((str(d["day"]), {k: int(d.get(k, 0)) for k in DECISIONS}) for d in data["days"])
    return Report(date.fromisoformat(data["from"]), date.fromisoformat(data["to"]), by, today, groups, total,
                  (), poor, days, dict(HALL_UNAVAILABLE), scope="hall")
