"""The sandbox's own pieces without HTTP: back office, fault parsing, calendar and catalog feeds."""

from __future__ import annotations

import json
import time
from collections import Counter

import pytest

from sandbox.backoffice import BackOffice, outcome
from sandbox.calendar_feed import calendar_for
from sandbox.catalog_feed import catalog_changes
from sandbox.faults import Fault, FaultBoard, parse_fault
from sandbox.store import Store, body_digest, now_iso


def test_back_office_moves_cases_through_review_to_an_outcome(tmp_path):
    store = Store(tmp_path / "s.sqlite3")
    with store.transaction() as conn:
        for n in range(30):
            uuid = f"00000000-0000-4000-8000-{n:012d}"
            conn.execute("INSERT INTO cases VALUES (?, ?, 'x', '{}', 'c1', 'received', ?, ?)",
                         (uuid, n + 1, f"P{n}", now_iso()))
            conn.execute("INSERT INTO case_changes (case_uuid, centre_code, status, at)"
                         " VALUES (?, 'c1', 'received', ?)", (uuid, now_iso()))
    office = BackOffice(store, delay=0.0, seed=7)
    time.sleep(0.01)
    assert office.step() == 30
    assert {r[0] for r in store.query("SELECT status FROM cases")} == {"in_review"}
    time.sleep(0.01)
    office.step()
    time.sleep(0.01)
    office.step()
    final = Counter(r[0] for r in store.query("SELECT status FROM cases"))
    assert set(final) <= {"ready_for_pickup", "denied", "supplement_required"}
    assert final["ready_for_pickup"] > final["denied"]
    history = [r[0] for r in store.query("SELECT status FROM case_changes WHERE case_uuid = ? ORDER BY seq",
                                         ("00000000-0000-4000-8000-000000000000",))]
    assert history[:2] == ["received", "in_review"]


def test_outcomes_are_repeatable_and_mostly_approvals():
    draws = [outcome(f"case-{n}", seed=7) for n in range(2000)]
    assert draws == [outcome(f"case-{n}", seed=7) for n in range(2000)]
    counts = Counter(draws)
    assert 0.75 < counts["approved"] / 2000 < 0.85
    assert counts["denied"] and counts["supplement_required"]


def test_fault_specs_parse_and_pick_by_method_and_path():
    fault = parse_fault("drop_after:probability=1,methods=PUT|PATCH,path=/api/v1/cases")
    assert fault == Fault("drop_after", 1.0, "/api/v1/cases", ("PUT", "PATCH"))
    board = FaultBoard([fault])
    assert board.pick("GET", "/api/v1/cases/x") is None
    assert board.pick("PUT", "/api/v1/files/x") is None
    assert board.pick("PUT", "/api/v1/cases/x") is fault and fault.hits == 1
    with pytest.raises(ValueError):
        parse_fault("explode")


def test_calendar_has_holidays_and_make_up_workdays():
    cal = calendar_for(2026)
    kinds = Counter(d["kind"] for d in cal["days"])
    assert kinds["holiday"] > 20 and kinds["workday"] >= 4
    assert {"date": "2026-10-01", "kind": "holiday", "name": "国庆节"} in cal["days"]
    assert calendar_for(2026)["version"] == cal["version"]
    assert calendar_for(2099)["days"] == []


def test_catalog_feed_serves_the_training_catalog_once_then_nothing_new():
    first = catalog_changes("")
    assert first["format"] == "onewindow.catalog-changes" and first["next_cursor"]
    again = catalog_changes(first["next_cursor"])
    assert again["next_cursor"] == first["next_cursor"] and not again.get("items")


def test_body_digest_ignores_key_order_and_whitespace():
    assert body_digest(json.loads('{"a": 1, "b": [1, 2]}')) == body_digest({"b": [1, 2], "a": 1})
    assert body_digest({"a": 1}) != body_digest({"a": 2})
