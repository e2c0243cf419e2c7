"""The SQL aggregation of ``offline_cache.reports`` against a plain count in Python over every case row of the range
(the bench's generated history, small): every dimension, every figure, and the 电子监察 level of every case (closed
ones included, which the report skips because the rule gives them none)."""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

import pytest

from clerk_app.domain.case import CaseStatus
from clerk_app.domain.deadlines import SupervisionLevel
from clerk_app.domain.supervision import DatedLimit, case_supervision, pauses_from_moves
from clerk_app.domain.workdays import WorkdayCalendar
from clerk_app.reports.service import ReportService, quantiles
from offline_cache.db import Database

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))
from bench_reports import TODAY, generate  # noqa: E402

START = TODAY - timedelta(days=200)


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Database:
    db = Database(tmp_path_factory.mktemp("reports") / "r.db")
    generate(db, 3000)
    return db


def _expected(db: Database, by: str) -> dict[str, dict]:
    calendar = WorkdayCalendar()
    department = {r["implementation_code"]: r["department"] for r in db.query("SELECT * FROM catalog_items")}
    out: dict[str, dict] = defaultdict(lambda: {"cases": 0, "decisions": Counter(), "red": 0, "yellow": 0,
                                                "reprints": 0, "scores": Counter(), "waits": [], "deferred": 0,
                                                "followed": 0})
    for c in db.query("SELECT * FROM cases WHERE created_at >= ? AND created_at < ?",
                      (START.isoformat(), (TODAY + timedelta(days=1)).isoformat())):
        item = json.loads(c["item_codes"])[0]
        key = {"window": c["window_code"], "clerk": c["clerk_id"], "item": item, "department": department[item]}[by]
        g = out[key]
        g["cases"] += 1
        g["decisions"][c["decision"]] += 1
        g["waits"].append(c["wait_seconds"])
        events = db.query("SELECT * FROM case_events WHERE case_uuid = ? ORDER BY event_id", (c["case_uuid"],))
        g["reprints"] += sum(1 for e in events if e["kind"] == "reprinted")
        g["followed"] += any(e["kind"] == "note" and "followed_by_case_uuid" in json.loads(e["details"])
                             for e in events)
        for o in db.query("SELECT payload FROM outbox WHERE case_uuid = ? AND kind = 'evaluation'", (c["case_uuid"],)):
            g["scores"][json.loads(o["payload"])["score"]] += 1
        deferred = db.query("SELECT 1 FROM case_materials WHERE case_uuid = ? AND state = 'deferred'",
                            (c["case_uuid"],))
        g["deferred"] += bool(deferred) and c["decision"] == "accept_with_deficiency" and c["status"] not in (
            "concluded", "handed_over", "mailed", "denied", "rejected")
        moves = [(e["from_status"], e["to_status"], date.fromisoformat(e["device_time"][:10])) for e in events]
        promised = DatedLimit(date.fromisoformat(c["promised_date"]), True) if c["promised_date"] else None
        accepted = date.fromisoformat(c["accepted_at"][:10]) if c["accepted_at"] else None
        level = case_supervision(calendar, CaseStatus(c["status"]), accepted, promised, None,
                                 pauses_from_moves(moves), TODAY, 2).level
        g["red"] += level is SupervisionLevel.RED
        g["yellow"] += level is SupervisionLevel.YELLOW
    return out


@pytest.mark.parametrize("by", ["window", "clerk", "item", "department"])
def test_sql_figures_equal_a_count_over_every_case(history: Database, by: str) -> None:
    report = ReportService(history, WorkdayCalendar, 2).report(START, TODAY, by, TODAY)
    expected = _expected(history, by)
    assert {g.key for g in report.groups} == set(expected)
    names = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意", None: "未评价"}
    for group in report.groups:
        e = expected[group.key]
        assert group.cases == e["cases"]
        assert group.by_decision == {d: e["decisions"].get(d, 0) for d in group.by_decision}
        assert (group.red, group.yellow, group.reprints) == (e["red"], e["yellow"], e["reprints"])
        assert group.evaluations == {names[s]: e["scores"].get(s, 0) for s in names}
        assert group.poor == e["scores"][1] + e["scores"][2]
        assert group.wait == quantiles(e["waits"])
        assert group.deficiency_outstanding == e["deferred"]
        assert group.notices_followed == e["followed"]
    assert report.total.cases == sum(e["cases"] for e in expected.values()) > 500
    assert report.total.red == len(report.overdue) > 0 and report.total.poor == len(report.poor) > 0
    assert sum(sum(counts.values()) for _, counts in report.days) == report.total.cases
    assert len(report.days) == (TODAY - START).days + 1
