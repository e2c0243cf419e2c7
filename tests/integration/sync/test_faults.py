"""For each fault the sandbox can inject, many cases with attachments end on the platform exactly once, with every
file complete and bound, verified in the sandbox's own database."""

from __future__ import annotations

import hashlib
import json
import random

import pytest

from clerk_app.sync.engine import drain
from tests.unit.sync.factory import make_case

pytestmark = pytest.mark.integration

FAULTS = {
    "delay": [{"kind": "delay", "probability": 0.5, "seconds": 0.05}],
    "status_429": [{"kind": "status", "status": 429, "retry_after": 0, "probability": 0.3}],
    "status_500": [{"kind": "status", "status": 500, "retry_after": 0, "probability": 0.3}],
    "status_503": [{"kind": "status", "status": 503, "retry_after": 0, "probability": 0.3}],
    "drop_before": [{"kind": "drop_before", "probability": 0.3}],
    "drop_after": [{"kind": "drop_after", "probability": 0.3}],
    "truncate": [{"kind": "truncate", "probability": 0.4, "methods": ["PATCH"]}],
    "trickle": [{"kind": "trickle", "probability": 0.15, "seconds": 0.05}],
    "everything": [
        {"kind": "drop_after", "probability": 0.1}, {"kind": "drop_before", "probability": 0.1},
        {"kind": "truncate", "probability": 0.2, "methods": ["PATCH"]},
        {"kind": "status", "status": 503, "retry_after": 0, "probability": 0.1},
        {"kind": "delay", "probability": 0.1, "seconds": 0.02},
    ],
}


def assert_exactly_once(sandbox, cases) -> None:
    rows = sandbox.query("SELECT case_uuid, body FROM cases")
    assert sorted(r[0] for r in rows) == sorted(c["case_uuid"] for c in cases)
    bodies = {r[0]: json.loads(r[1]) for r in rows}
    for case in cases:
        body = bodies[case["case_uuid"]]
        assert body["case_number"] == case["case_number"]
        assert body["applicant"]["principal"]["id_number"] == "11010519491231002X"
        assert [m["files"] for m in body["materials"]] == [m["files"] for m in case["payload"]["materials"]]
    expected_files = {sha for c in cases for sha in c["files"]}
    stored = sandbox.query("SELECT sha256, size FROM files")
    assert {r[0] for r in stored} == expected_files
    for sha, _size in stored:
        data = (sandbox.db_path.parent / "sandbox-files" / f"{sha}.bin").read_bytes()
        assert hashlib.sha256(data).hexdigest() == sha
    assert sandbox.query("SELECT count(*) FROM bindings")[0][0] == len(cases)
    bound = sandbox.query("SELECT case_uuid, sha256 FROM case_files")
    assert sorted(bound) == sorted((c["case_uuid"], sha) for c in cases for sha in c["files"])
    assert sandbox.query("SELECT count(*) FROM case_changes WHERE status = 'received'")[0][0] == len(cases)


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_every_case_and_file_arrives_exactly_once(name, workstation, sandbox, synced):
    rng = random.Random(name)
    cases = [make_case(workstation, pages=3, page_bytes=20_000, rng=rng, materials=2) for _ in range(12)]
    sandbox.faults(*FAULTS[name], seed=sum(map(ord, name)))
    reports = drain(synced.engine, timeout=90)
    sandbox.faults()
    reports += drain(synced.engine, timeout=30)  # whatever the last faulty pass left (nothing, usually)
    assert workstation.db.query("SELECT state, count(*) FROM outbox GROUP BY state")[0][:] == ("done", 12)
    assert_exactly_once(sandbox, cases)
    injected = sum(1 for r in reports for e in r.errors)
    if name not in ("delay", "trickle"):
        assert injected > 0, "the fault never fired: the test proved nothing"
    platform_numbers = workstation.db.query("SELECT count(*) FROM cases WHERE platform_number IS NOT NULL")[0][0]
    assert platform_numbers == 12


def test_lost_response_then_edited_body_is_a_conflict_not_a_duplicate(workstation, sandbox, synced):
    case = make_case(workstation, pages=1, rng=random.Random(5))
    sandbox.faults({"kind": "drop_after", "methods": ["PUT"]})
    report = synced.engine.run_once(pull=False)
    assert report.errors and report.errors[0]["kind"] == "network"
    sandbox.faults()
    # Somebody changed the payload after the platform had committed the first version (what ODK users did).
    with workstation.db.transaction() as conn:
        conn.execute("UPDATE outbox SET payload = json_set(payload, '$.decision', 'reject')")
    drain(synced.engine, timeout=10)
    row = workstation.db.query("SELECT state, last_error_code FROM outbox")[0]
    assert tuple(row) == ("conflict", "conflict_different_content")
    assert sandbox.query("SELECT count(*) FROM cases WHERE case_uuid = ?", (case["case_uuid"],))[0][0] == 1
    assert synced.status().conflicts == 1
