"""好差评 through the outbox: under every sync fault the sandbox injects, each case's evaluation arrives exactly once,
with case, items, window and clerk and without the citizen; a skipped one arrives as 未评价 (no score)."""

from __future__ import annotations

import json
import random

import pytest

from clerk_app.customer.evaluation import CaseContext, EvaluationDesk
from clerk_app.sync.engine import drain
from tests.integration.sync.test_faults import FAULTS
from tests.unit.sync.factory import make_case

pytestmark = pytest.mark.integration

NAMES = ("drop_after", "drop_before", "status_503", "everything")


@pytest.mark.parametrize("name", NAMES)
def test_each_evaluation_arrives_exactly_once_under_faults(name, workstation, sandbox, synced) -> None:
    rng = random.Random(name)
    desk = EvaluationDesk(workstation.db)
    sent = {}
    for index in range(10):
        case = make_case(workstation, pages=1, page_bytes=2_000, rng=rng)
        context = CaseContext(case["case_uuid"], case["case_number"], ("ITEM",), "330302001", "01", "trainee")
        grade = None if index == 9 else 1 + index % 5
        sent[desk.record(context, grade, ["服务效率"] if grade in (1, 2) else [], "慢" if grade == 1 else "")] = (
            case["case_uuid"], grade)
    sandbox.faults(*FAULTS[name], seed=sum(map(ord, name)))
    reports = drain(synced.engine, timeout=90)
    sandbox.faults()
    reports += drain(synced.engine, timeout=30)
    assert workstation.db.query("SELECT count(*) FROM outbox WHERE state != 'done'")[0][0] == 0
    rows = sandbox.query("SELECT evaluation_uuid, body FROM evaluations")
    assert sorted(r[0] for r in rows) == sorted(sent), "every evaluation exactly once"
    for uuid, text in rows:
        body = json.loads(text)
        case_uuid, grade = sent[uuid]
        assert (body["case_uuid"], body["score"], body["evaluated"]) == (case_uuid, grade, grade is not None)
        assert body["window_code"] == "01" and body["clerk_id"] == "trainee" and body["item_codes"] == ["ITEM"]
        assert "applicant" not in body and "11010519491231002X" not in json.dumps(body)
    injected = sum(1 for r in reports for _ in r.errors)
    assert injected > 0, "the fault never fired: the test proved nothing"
    print(f"\n{name}: {len(rows)} evaluations on the platform for {len(sent)} recorded, {injected} injected errors")
