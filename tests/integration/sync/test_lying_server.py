"""A platform that lies over real HTTP (the sandbox's ``lie`` fault: the write is committed, the answer is wrong).

No wrong answer may mark a row done: the row stays queued (retry) or becomes a conflict, and once the platform
tells the truth again every case, file and binding is there exactly once, each case with the platform's own number.
"""

from __future__ import annotations

import random

import pytest

from clerk_app.sync.engine import drain
from tests.integration.sync.test_faults import assert_exactly_once
from tests.unit.sync.factory import make_case

pytestmark = pytest.mark.integration

CASES, FILES = "/api/v1/cases", "/api/v1/files"
LIES = {
    "empty_200_put": {"lie": "empty", "methods": ["PUT"], "path": CASES},
    "empty_200_bind": {"lie": "empty", "methods": ["POST"], "path": CASES},
    "empty_200_patch": {"lie": "empty", "methods": ["PATCH"], "path": FILES},
    "replayed_receipts": {"lie": "replay", "methods": ["PUT", "POST"], "path": CASES},
    "receipt_for_another_case": {"lie": "other_case", "methods": ["PUT", "POST"], "path": CASES},
    "receipt_for_another_file": {"lie": "other_case", "methods": ["PATCH"], "path": FILES},
    "wrong_hash": {"lie": "wrong_hash", "methods": ["PUT", "POST"], "path": CASES},
    "wrong_platform_number": {"lie": "wrong_number", "methods": ["PUT"], "path": CASES},
    "truncated_json": {"lie": "cut_json", "methods": ["PUT", "POST"], "path": CASES},
}


def _resend_first_case(workstation, sandbox, case) -> None:
    """Replay the first case's PUT and binding as they were sent (idempotent: the platform answers as before), so
    the lying sandbox has a real earlier receipt to replay or take a number from."""
    import json

    import requests

    row = workstation.db.query("SELECT server_result FROM outbox WHERE case_uuid = ?", (case["case_uuid"],))[0][0]
    assert json.loads(row)["case"]["case_uuid"] == case["case_uuid"]
    body = json.loads(sandbox.query("SELECT body FROM cases WHERE case_uuid = ?", (case["case_uuid"],))[0][0])
    token = requests.post(f"{sandbox.base_url}/api/v1/auth/login", timeout=5,
                          json={"account": "trainee", "password": "trainee"}).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    requests.put(f"{sandbox.base_url}/api/v1/cases/{case['case_uuid']}", json=body, headers=headers, timeout=5)
    materials = [{"material_code": m["material_code"], "files": m["files"]} for m in body["materials"] if m["files"]]
    requests.post(f"{sandbox.base_url}/api/v1/cases/{case['case_uuid']}/materials", json={"materials": materials},
                  headers=headers, timeout=5)


def _platform_numbers(sandbox) -> dict[str, str]:
    return dict(sandbox.query("SELECT case_uuid, platform_number FROM cases"))


@pytest.mark.parametrize("name", sorted(LIES))
def test_no_lie_marks_anything_done(name, workstation, sandbox, synced):
    rng = random.Random(name)
    lie = LIES[name]
    # One case goes through truthfully first, so a replayed receipt / another case's number has a source.
    first = make_case(workstation, pages=2, page_bytes=9_000, rng=rng)
    sandbox.faults({"kind": "delay", "seconds": 0})
    drain(synced.engine, timeout=30)
    cases = [first] + [make_case(workstation, pages=2, page_bytes=9_000, rng=rng) for _ in range(5)]
    # The sandbox remembers each route's first answer from here on: seed it with the first case's receipts.
    sandbox.faults({"kind": "lie", **lie})
    _resend_first_case(workstation, sandbox, first)
    reports = drain(synced.engine, timeout=8)
    states = dict(workstation.db.query("SELECT state, count(*) FROM outbox GROUP BY state"))
    if "PATCH" not in lie["methods"]:
        assert states.get("done", 0) == 1, f"a lie was taken for a receipt: {states}"
    # (A lie about an upload is found out by the next attempt's HEAD, which tells the truth here.)
    codes = {e["code"] for r in reports for e in r.errors}
    assert codes, "the lie never fired"
    assert not any(e["kind"] == "internal" for r in reports for e in r.errors), codes
    # No local case took a number the platform did not give it.
    numbers = _platform_numbers(sandbox)
    for case_uuid, number in workstation.db.query(
            "SELECT case_uuid, platform_number FROM cases WHERE platform_number IS NOT NULL"):
        assert numbers[case_uuid] == number
    sandbox.faults()
    synced.engine.store.retry_now()
    drain(synced.engine, timeout=60)
    states = dict(workstation.db.query("SELECT state, count(*) FROM outbox GROUP BY state"))
    assert states == {"done": 6}, states
    assert_exactly_once(sandbox, cases)
    local = dict(workstation.db.query("SELECT case_uuid, platform_number FROM cases"))
    assert local == numbers and len(set(local.values())) == 6
    # Both clocks on each case: the platform's receipt time (never a lie's), ours, and the measured difference.
    received = dict(sandbox.query("SELECT case_uuid, received_at FROM cases"))
    for case_uuid, platform_at, local_at, skew in workstation.db.query(
            "SELECT case_uuid, platform_received_at, local_received_at, clock_skew_seconds FROM cases"):
        assert platform_at == received[case_uuid] and local_at and abs(skew) <= 5


def test_a_changed_platform_number_is_a_conflict_for_the_clerk(workstation, sandbox, synced):
    import json
    import uuid

    import requests

    case = make_case(workstation, pages=1, rng=random.Random(3))
    # The case PUT is answered truthfully, then the binding's answer is lost, so the next attempt PUTs again ...
    sandbox.faults({"kind": "drop_after", "methods": ["POST"], "path": CASES})
    synced.engine.run_once(pull=False)
    recorded = workstation.db.query("SELECT platform_number FROM cases WHERE case_uuid = ?",
                                    (case["case_uuid"],))[0][0]
    assert recorded and recorded == _platform_numbers(sandbox)[case["case_uuid"]]
    # ... and this time the platform names another case's number for it.
    sandbox.faults({"kind": "lie", "lie": "wrong_number", "methods": ["PUT"], "path": CASES})
    body = json.loads(sandbox.query("SELECT body FROM cases WHERE case_uuid = ?", (case["case_uuid"],))[0][0])
    stranger = str(uuid.uuid4())
    token = requests.post(f"{sandbox.base_url}/api/v1/auth/login", timeout=5,
                          json={"account": "trainee", "password": "trainee"}).json()["access_token"]
    requests.put(f"{sandbox.base_url}/api/v1/cases/{stranger}", json={**body, "case_uuid": stranger}, timeout=5,
                 headers={"Authorization": f"Bearer {token}"})
    synced.engine.store.retry_now()
    report = synced.engine.run_once(pull=False)
    state = workstation.db.query("SELECT state, last_error_code FROM outbox WHERE case_uuid = ?",
                                 (case["case_uuid"],))[0]
    assert tuple(state) == ("conflict", "platform_number_changed")
    assert report.conflicts == 1
    assert workstation.db.query("SELECT platform_number FROM cases WHERE case_uuid = ?",
                                (case["case_uuid"],))[0][0] == recorded
