"""The figures a supervision report is made of, read for one range of creation days.

The counting is SQL aggregation (``GROUP BY`` the report's dimension) over a range of ``cases_report`` (m0075: the
creation time and every column a report counts by, a covering index, so the case rows themselves are not read;
forced with ``INDEXED BY``); per-case facts come from lookups on indexes (``case_events_case_kind``, the
``case_materials`` key, ``outbox_evaluations``), so a year's report reads that year's index entries, not the
history, and no Python loop runs per case. Python only sees what is not
a plain count: the open cases (their 电子监察 level is the domain rule's, so the report and the case list agree),
the wait/service seconds (for median and p90) and the 差评 list. Decisions and sums are ``clerk_app.reports``'.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, timedelta

from offline_cache.cases import OPEN_CASE_SQL
from offline_cache.db import Database

DECISIONS = ("accept", "accept_with_deficiency", "one_time_notice", "reject")
TYPES = ("IMMEDIATE", "PROMISED", "REPORTED", "JOINT")  # cases.handling_type (HandlingType names)
# A 容缺 case that ended no longer waits for its materials (as offline_cache.cases.list_supply_overdue).
_ENDED = "('concluded', 'handed_over', 'mailed', 'denied', 'rejected')"
_ITEM_CODE = "coalesce(json_extract(c.item_codes, '$[0]'), '')"  # a 一件事 counts under its first item
_ITEM_NAME = "coalesce(json_extract(c.item_names, '$[0]'), '')"
# The grouping key of each dimension. The department is its first item's: counted by item, then merged by the
# catalog (20 items, not 30,000 catalog lookups).
KEYS = {"window": "c.window_code", "clerk": "c.clerk_id", "department": _ITEM_CODE, "item": _ITEM_CODE}
_RANGE = "c.created_at >= :start AND c.created_at < :end"
_FROM = f"FROM cases c INDEXED BY cases_report WHERE {_RANGE}"
# 好差评: the score as the expression index outbox_evaluations (m0075) holds it (None = 未评价), one per case.
_SCORE = "json_extract(o.payload, '$.score')"
_EVALUATED = (f"FROM cases c INDEXED BY cases_report JOIN outbox o INDEXED BY outbox_evaluations"
              f" ON o.case_uuid = c.case_uuid AND o.kind = 'evaluation' WHERE {_RANGE}")


@dataclass(frozen=True)
class GroupCounts:
    key: str
    item_name: str  # for the item dimension: the item's name (else "")
    cases: int
    by_decision: dict[str, int]
    by_type: dict[str, int]  # of the accepted (受理, 容缺受理)
    deficiency_outstanding: int
    deficiency_overdue: int
    notices_followed: int
    reprints: int
    waits: list[float]  # the known wait seconds (queue record)
    services: list[float]  # the known service seconds
    voids: int = 0  # 作废: committed in error and voided with a supervisor's approval (still under their decision)


@dataclass(frozen=True)
class OpenCase:
    """A case whose deadline may still run: its 电子监察 level is computed by the domain rule."""

    key: str
    case_uuid: str
    status: str
    accepted_at: str | None
    promised_date: date | None
    deadline_certain: bool
    item_name: str
    clerk_id: str
    window_code: str


@dataclass(frozen=True)
class PoorEvaluation:
    """A 差评 for 整改: the case, its item and who handled it; never who the citizen is (nor their comment)."""

    key: str
    case_uuid: str
    case_number: str
    item_name: str
    window_code: str
    clerk_id: str
    score: int
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class ReportData:
    groups: tuple[GroupCounts, ...]
    open_cases: tuple[OpenCase, ...]
    moves: dict[str, list[tuple[str | None, str | None, date]]]  # open cases' status moves (for pauses)
    evaluations: dict[str, dict[int | None, int]]  # key -> score (None = 未评价) -> count
    poor: tuple[PoorEvaluation, ...]
    days: dict[str, dict[str, int]]  # device-local day -> decision -> cases


def _bounds(start: date, end: date) -> dict[str, str]:
    return {"start": start.isoformat(), "end": (end + timedelta(days=1)).isoformat()}


def load_report_data(db: Database, start: date, end: date, by: str, today: date) -> ReportData:
    """Cases created from ``start`` to ``end`` inclusive (device-local days) and what a report counts of them."""
    key = KEYS[by]
    params = {**_bounds(start, end), "today": today.isoformat()}
    with db.snapshot() as conn:  # one state of the file: the figures of one report agree with each other
        decisions = ", ".join(f"sum(decision = '{d}') AS d_{d}" for d in DECISIONS)
        types = ", ".join(f"sum(decision IN ('accept', 'accept_with_deficiency') AND handling_type = '{t}')"
                          f" AS t_{t}" for t in TYPES)
        rows = conn.execute(
            f"SELECT key, max(item_name) AS item_name, count(*) AS cases, {decisions}, {types},"
            " sum(due IS NOT NULL) AS deficiency_outstanding, sum(due < :today) AS deficiency_overdue,"
            " sum(followed) AS notices_followed, sum(reprints) AS reprints,"
            " group_concat(wait_seconds) AS waits, group_concat(service_seconds) AS services,"
            " sum(status = 'voided') AS voids FROM ("  # one text
            f"  SELECT {key} AS key, {_ITEM_NAME} AS item_name, c.decision, c.handling_type, c.status, c.wait_seconds,"
            "   c.service_seconds,"
            "   CASE WHEN c.decision = 'accept_with_deficiency' AND c.status NOT IN " + _ENDED + " THEN"
            "    (SELECT min(m.supply_by) FROM case_materials m WHERE m.case_uuid = c.case_uuid"
            "     AND m.state = 'deferred' AND m.supply_by IS NOT NULL) END AS due,"
            "   EXISTS (SELECT 1 FROM case_events e WHERE e.case_uuid = c.case_uuid AND e.kind = 'note'"
            "    AND json_type(e.details, '$.followed_by_case_uuid') IS NOT NULL) AS followed,"  # a follow-up's note
            "   (SELECT count(*) FROM case_events e WHERE e.case_uuid = c.case_uuid AND e.kind = 'reprinted')"
            f"    AS reprints {_FROM}"
            ") GROUP BY key", params)
        groups = tuple(
            GroupCounts(r["key"] or "", r["item_name"] or "", r["cases"],
                        {d: r[f"d_{d}"] or 0 for d in DECISIONS}, {t: r[f"t_{t}"] or 0 for t in TYPES},
                        r["deficiency_outstanding"] or 0, r["deficiency_overdue"] or 0, r["notices_followed"] or 0,
                        r["reprints"] or 0, _numbers(r["waits"]), _numbers(r["services"]), r["voids"] or 0)
            for r in rows)
        open_cases = tuple(
            OpenCase(r["key"] or "", r["case_uuid"], r["status"], r["accepted_at"],
                     date.fromisoformat(r["promised_date"]) if r["promised_date"] else None,
                     bool(r["deadline_certain"]), r["item_name"] or "", r["clerk_id"], r["window_code"])
            for r in conn.execute(
                f"SELECT {key} AS key, c.case_uuid, c.status, c.accepted_at, c.promised_date, c.deadline_certain,"
                f" {_ITEM_NAME} AS item_name, c.clerk_id, c.window_code {_FROM} AND c.{OPEN_CASE_SQL}"
                " ORDER BY c.created_at", params))
        moves: dict[str, list[tuple[str | None, str | None, date]]] = {}
        for r in conn.execute(
            "SELECT e.case_uuid, e.from_status, e.to_status, e.device_time FROM case_events e"
            f" WHERE e.to_status IS NOT NULL AND e.case_uuid IN (SELECT c.case_uuid {_FROM} AND c.{OPEN_CASE_SQL})"
            " ORDER BY e.event_id", params,
        ):
            moves.setdefault(r["case_uuid"], []).append(
                (r["from_status"], r["to_status"], date.fromisoformat(r["device_time"][:10])))
        evaluations: dict[str, dict[int | None, int]] = {}
        for r in conn.execute(
            f"SELECT {key} AS key, {_SCORE} AS score, count(*) AS n {_EVALUATED} GROUP BY key, score", params,
        ):
            evaluations.setdefault(r["key"] or "", {})[r["score"]] = r["n"]
        poor = [
            PoorEvaluation(r["key"] or "", r["case_uuid"], r["case_number"], r["item_name"] or "",
                           str(payload.get("window_code", "")), str(payload.get("clerk_id", "")),
                           int(r["score"]), tuple(str(x) for x in payload.get("reasons") or ()))
            for r in conn.execute(
                f"SELECT {key} AS key, c.case_uuid, c.case_number, {_ITEM_NAME} AS item_name, {_SCORE} AS score,"
                f" o.payload {_EVALUATED} AND {_SCORE} IN (1, 2) ORDER BY c.case_number", params)
            for payload in [json.loads(r["payload"])]  # the evaluation's own window and clerk: who was evaluated
        ]
        days: dict[str, dict[str, int]] = {}
        for r in conn.execute(
            f"SELECT substr(c.created_at, 1, 10) AS day, c.decision, count(*) AS n {_FROM}"
            " GROUP BY day, c.decision", params,
        ):
            days.setdefault(r["day"], {})[r["decision"] or ""] = r["n"]
    data = ReportData(groups, open_cases, moves, evaluations, tuple(poor), days)
    return _by_department(_departments(db), data) if by == "department" else data


def _numbers(text: str | None) -> list[float]:
    return [float(v) for v in text.split(",")] if text else []


def _departments(db: Database) -> dict[str, str]:
    return {r["implementation_code"]: r["department"] or "" for r in db.query(
        "SELECT implementation_code, department FROM catalog_items")}


def _by_department(department_of: dict[str, str], data: ReportData) -> ReportData:
    """Figures counted by item, merged into their items' departments."""
    merged: dict[str, GroupCounts] = {}
    for g in data.groups:
        key = department_of.get(g.key, "")
        into = merged.get(key)
        merged[key] = replace(g, key=key, item_name="") if into is None else GroupCounts(
            key, "", into.cases + g.cases, _sum(into.by_decision, g.by_decision), _sum(into.by_type, g.by_type),
            into.deficiency_outstanding + g.deficiency_outstanding, into.deficiency_overdue + g.deficiency_overdue,
            into.notices_followed + g.notices_followed, into.reprints + g.reprints, into.waits + g.waits,
            into.services + g.services, into.voids + g.voids)
    evaluations: dict[str, dict[int | None, int]] = {}
    for item, scores in data.evaluations.items():
        into_scores = evaluations.setdefault(department_of.get(item, ""), {})
        for score, n in scores.items():
            into_scores[score] = into_scores.get(score, 0) + n
    return ReportData(
        tuple(merged.values()), tuple(replace(c, key=department_of.get(c.key, "")) for c in data.open_cases),
        data.moves, evaluations, tuple(replace(p, key=department_of.get(p.key, "")) for p in data.poor), data.days)


def _sum(a: dict[str, int], b: dict[str, int]) -> dict[str, int]:
    return {k: a.get(k, 0) + b.get(k, 0) for k in a.keys() | b.keys()}
