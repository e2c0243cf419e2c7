"""The rows a supervision report is made of, read for one range of creation days.

Every query starts from the index on ``cases.created_at`` (``cases_created``, a range on the ISO text, never
``substr``), and the per-case tables are reached through their case indexes (``case_events_case``,
``case_materials`` primary key), so a month's report reads that month, not the history. Decisions and sums are
made by ``clerk_app.reports``; only reading is here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta

from offline_cache.cases import OPEN_CASE_SQL
from offline_cache.db import Database

_RANGE = "created_at >= ? AND created_at < ?"


@dataclass(frozen=True)
class ReportCase:
    case_uuid: str
    window_code: str
    clerk_id: str
    item_code: str  # the first item of the case (a 一件事 counts under its first item)
    item_name: str
    department: str
    decision: str | None
    handling_type: str | None
    status: str
    created_at: str
    accepted_at: str | None
    promised_date: date | None
    legal_deadline: date | None
    deadline_certain: bool
    wait_seconds: float | None
    service_seconds: float | None


@dataclass(frozen=True)
class ReportData:
    cases: tuple[ReportCase, ...]
    deferred_due: dict[str, date]  # case uuid -> earliest supply-by date of a material still deferred
    followed_notices: frozenset[str]  # notice cases a later acceptance followed
    reprints: dict[str, int]  # case uuid -> reprints (补打)
    moves: dict[str, list[tuple[str | None, str | None, date]]]  # open cases' status moves (for pauses)


def _bounds(start: date, end: date) -> tuple[str, str]:
    return start.isoformat(), (end + timedelta(days=1)).isoformat()


def load_report_data(db: Database, start: date, end: date) -> ReportData:
    """Cases created from ``start`` to ``end`` inclusive (device-local days) and what a report counts of them."""
    bounds = _bounds(start, end)
    cases = tuple(
        ReportCase(
            r["case_uuid"], r["window_code"], r["clerk_id"], r["item_code"] or "",
            (json.loads(r["item_names"]) or [""])[0], r["department"] or "", r["decision"], r["handling_type"],
            r["status"], r["created_at"], r["accepted_at"],
            date.fromisoformat(r["promised_date"]) if r["promised_date"] else None,
            date.fromisoformat(r["legal_deadline"]) if r["legal_deadline"] else None,
            bool(r["deadline_certain"]), r["wait_seconds"], r["service_seconds"],
        )
        for r in db.query(
            "SELECT c.case_uuid, c.window_code, c.clerk_id, json_extract(c.item_codes, '$[0]') AS item_code,"
            " c.item_names, ci.department, c.decision, c.handling_type, c.status, c.created_at, c.accepted_at,"
            " c.promised_date, c.legal_deadline, c.deadline_certain, c.wait_seconds, c.service_seconds"
            " FROM cases c INDEXED BY cases_created"
            " LEFT JOIN catalog_items ci ON ci.implementation_code = json_extract(c.item_codes, '$[0]')"
            f" WHERE c.{_RANGE} ORDER BY c.created_at", bounds)
    )
    in_range = f"SELECT case_uuid FROM cases INDEXED BY cases_created WHERE {_RANGE}"
    deferred = {
        r["case_uuid"]: date.fromisoformat(r["due"])
        for r in db.query(
            "SELECT case_uuid, min(supply_by) AS due FROM case_materials WHERE state = 'deferred'"
            f" AND supply_by IS NOT NULL AND case_uuid IN ({in_range}) GROUP BY case_uuid", bounds)
    }
    followed: set[str] = set()
    reprints: dict[str, int] = {}
    for r in db.query(
        "SELECT case_uuid, kind, details FROM case_events"
        f" WHERE kind IN ('note', 'reprinted') AND case_uuid IN ({in_range})", bounds,
    ):
        if r["kind"] == "reprinted":
            reprints[r["case_uuid"]] = reprints.get(r["case_uuid"], 0) + 1
        elif "followed_by_case_uuid" in json.loads(r["details"] or "{}"):  # the note a later acceptance leaves
            followed.add(r["case_uuid"])
    moves: dict[str, list[tuple[str | None, str | None, date]]] = {}
    for r in db.query(
        "SELECT case_uuid, from_status, to_status, device_time FROM case_events"
        f" WHERE to_status IS NOT NULL AND case_uuid IN ({in_range} AND {OPEN_CASE_SQL}) ORDER BY event_id",
        bounds,
    ):
        moves.setdefault(r["case_uuid"], []).append(
            (r["from_status"], r["to_status"], date.fromisoformat(r["device_time"][:10])))
    return ReportData(cases, deferred, frozenset(followed), reprints, moves)
