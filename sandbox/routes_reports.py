"""Hall-wide figures (issue 17): ``GET /api/v1/reports?from=&to=&by=`` aggregates the cases the platform received
from every window of the centre, created in that range of days (the creation day as the workstation stamped it),
grouped by window, clerk, department or item; with the 好差评 of those cases per level and the 差评 list (case,
item, window, clerk; never the citizen, nor the citizen's comment).

What the platform aggregates is what it holds: the decision, the first item, its deciding body (the department),
即办/承诺 from the item's promised limit ("即办" = 即办件), the evaluations. 电子监察, 容缺 materials, reprints and
queue times stay with each window (the workstation says so under ``unavailable``).
"""

import json
from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import FastAPI, Query
from pydantic import BaseModel, Field

from sandbox import API_PREFIX
from sandbox.api import ApiError
from sandbox.api import errors as _errors
from sandbox.store import Store

DECISIONS = ("accept", "accept_with_deficiency", "one_time_notice", "reject")
GRADES = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}
NOT_EVALUATED = "未评价"
MAX_DAYS = 3 * 366


class ReportGroup(BaseModel):
    key: str
    label: str
    cases: int
    by_decision: dict[str, int] = Field(description="受理 accept, 容缺受理 accept_with_deficiency, 一次性告知"
                                                    " one_time_notice, 不予受理 reject")
    by_type: dict[str, int] = Field(description="of the accepted: IMMEDIATE (即办件) and PROMISED (承诺件)")
    evaluations: dict[str, int] = Field(description="好差评 per level: 非常满意 … 非常不满意, 未评价")
    poor: int = Field(description="差评: 不满意 and 非常不满意")


class PoorEvaluation(BaseModel):
    case_uuid: str
    case_number: str
    item: str
    window: str
    clerk: str
    grade: str
    reasons: list[str]


class ReportDay(BaseModel):
    day: str
    accept: int
    accept_with_deficiency: int
    one_time_notice: int
    reject: int


class ReportAnswer(BaseModel):
    from_: str = Field(alias="from")
    to: str
    by: str
    centre_code: str = Field(description="the centre whose windows are counted ('' = every centre received)")
    windows: list[str] = Field(description="the windows that sent cases in the range")
    groups: list[ReportGroup]
    total: ReportGroup
    poor: list[PoorEvaluation]
    days: list[ReportDay]


def _empty(key: str, label: str) -> dict[str, Any]:
    return {"key": key, "label": label, "cases": 0, "by_decision": dict.fromkeys(DECISIONS, 0),
            "by_type": {"IMMEDIATE": 0, "PROMISED": 0},
            "evaluations": dict.fromkeys([*GRADES.values(), NOT_EVALUATED], 0), "poor": 0}


def _facts(body: dict[str, Any]) -> dict[str, str]:
    details = body.get("decision_details") or {}
    items = details.get("items") or [{}]
    names = details.get("item_names") or []
    codes = body.get("item_codes") or [""]
    return {"window": str(body.get("window_code", "")), "clerk": str(body.get("clerk_id", "")),
            "item": str(codes[0]), "item_name": str(names[0] if names else codes[0]),
            "department": str(items[0].get("deciding_body", "")),
            "type": "IMMEDIATE" if items[0].get("promised_limit") == "即办" else "PROMISED"}


def _label(by: str, facts: dict[str, str]) -> str:
    return {"window": f"窗口 {facts['window']}", "clerk": facts["clerk"], "department": facts["department"] or "?",
            "item": facts["item_name"]}[by]


def hall_report(store: Store, start: date, end: date, by: str, centre_code: str) -> dict[str, Any]:
    first, after = start.isoformat(), (end + timedelta(days=1)).isoformat()
    cases = store.query(
        "SELECT case_uuid, body FROM cases WHERE json_extract(body, '$.created_at') >= ?"
        " AND json_extract(body, '$.created_at') < ? AND (? = '' OR centre_code = ?)",
        (first, after, centre_code, centre_code))
    scores: dict[str, dict[str, Any]] = {}
    for row in store.query("SELECT case_uuid, body FROM evaluations WHERE case_uuid IS NOT NULL"):
        scores.setdefault(row["case_uuid"], json.loads(row["body"]))  # one per case; the first counts
    groups: dict[str, dict[str, Any]] = {}
    total = _empty("total", "合计")
    days: dict[str, dict[str, int]] = {}
    poor: list[dict[str, Any]] = []
    windows: set[str] = set()
    for row in cases:
        body = json.loads(row["body"])
        facts = _facts(body)
        windows.add(facts["window"])
        key = facts[by]
        group = groups.setdefault(key, _empty(key, _label(by, facts)))
        decision = body.get("decision")
        evaluation = scores.get(row["case_uuid"])
        score = evaluation.get("score") if evaluation else None
        for target in (group, total):
            target["cases"] += 1
            if decision in DECISIONS:
                target["by_decision"][decision] += 1
            if decision in ("accept", "accept_with_deficiency"):
                target["by_type"][facts["type"]] += 1
            if evaluation is not None:
                target["evaluations"][GRADES.get(score, NOT_EVALUATED) if score else NOT_EVALUATED] += 1
                target["poor"] += score in (1, 2)
        day = str(body.get("created_at", ""))[:10]
        per_day = days.setdefault(day, dict.fromkeys(DECISIONS, 0))
        if decision in DECISIONS:
            per_day[decision] += 1
        if evaluation is not None and score in (1, 2):
            poor.append({"case_uuid": row["case_uuid"], "case_number": str(body.get("case_number", "")),
                         "item": facts["item_name"], "window": str(evaluation.get("window_code", facts["window"])),
                         "clerk": str(evaluation.get("clerk_id", facts["clerk"])), "grade": GRADES[score],
                         "reasons": [str(r) for r in evaluation.get("reasons") or []]})
    every_day = [(start + timedelta(days=n)).isoformat() for n in range((end - start).days + 1)]
    return {"from": first, "to": end.isoformat(), "by": by, "centre_code": centre_code,
            "windows": sorted(windows),
            "groups": sorted(groups.values(), key=lambda g: (-g["cases"], g["key"])), "total": total,
            "poor": sorted(poor, key=lambda p: p["case_number"]),
            "days": [{"day": d, **days.get(d, dict.fromkeys(DECISIONS, 0))} for d in every_day]}


def mount_report_routes(app: FastAPI, store: Store, Clerk: Any) -> None:  # noqa: N803 - a type alias
    @app.get(f"{API_PREFIX}/reports", response_model=ReportAnswer, response_model_by_alias=True,
             responses=_errors(), tags=["reports"])
    def get_report(_clerk: Clerk, from_: Annotated[date, Query(alias="from")], to: Annotated[date, Query()],
                   by: Annotated[str, Query(pattern="^(window|clerk|department|item)$")] = "window",
                   centre_code: Annotated[str, Query(max_length=32)] = "") -> dict[str, Any]:
        """Hall-wide figures: the cases of every window created from ``from`` to ``to`` (inclusive)."""
        if to < from_:
            raise ApiError(422, "invalid_range", "'to' is before 'from'")
        if (to - from_).days > MAX_DAYS:
            raise ApiError(422, "range_too_long", f"at most {MAX_DAYS} days")
        return hall_report(store, from_, to, by, centre_code)
