"""补齐 over real HTTP against the sandbox: a supplement of a 容缺 case arrives exactly once, with its files bound,
whatever the link does; the route's idempotency contract (same key + same body = same answer, different body = 409,
files first)."""

from __future__ import annotations

import hashlib
import json
import random
import uuid
from datetime import timedelta

import pytest

from clerk_app.acceptance.supplement import SuppliedMaterial
from clerk_app.domain.case import Decision, MaterialState
from clerk_app.sync.engine import drain
from clerk_app.sync.errors import ContentConflict, PlatformRejected
from offline_cache.cases import PageRef
from tests.integration.sync.test_faults import FAULTS
from tests.unit.acceptance.conftest import applicant
from tests.unit.acceptance.test_followup import DEFERRABLE, _item

pytestmark = pytest.mark.integration


def _supplemented_case(services, rng: random.Random) -> dict:
    ws = services.workstation
    service = services.acceptance
    session = service.new_session()
    session.set_applicant(applicant())
    session.set_items((_item(),), DEFERRABLE)
    session.mark_received("M1")
    for code in ("D1", "D2", "D3"):
        session.update(code, state=MaterialState.DEFERRED, supply_by=service.today() + timedelta(days=5))
    case = service.commit(session, Decision.ACCEPT_WITH_DEFICIENCY)
    desk = services.supplements
    files = {}
    results = []
    for batch in (("D1",), ("D2", "D3")):  # two supplements: partial, then complete
        draft = desk.new_draft(case.case_uuid)
        for code in batch:
            data = rng.randbytes(30_000)
            ref = PageRef(ws.blobs.put(data), len(data), "image/png")
            files[code] = ref.sha256
            draft.set(SuppliedMaterial(code, copies_received=1, pages=(ref,)))
        results.append(desk.commit(draft))
    return {"case_uuid": case.case_uuid, "supplements": [r.supplement_uuid for r in results], "files": files}


def _assert_once(sandbox, cases) -> None:
    rows = sandbox.query("SELECT supplement_uuid, case_uuid, complete, body FROM supplements")
    expected = {s: c["case_uuid"] for c in cases for s in c["supplements"]}
    assert sorted(r[0] for r in rows) == sorted(expected)
    assert all(r[1] == expected[r[0]] for r in rows)
    complete = {r[0]: r[2] for r in rows}
    for case in cases:
        first, last = case["supplements"]
        assert (complete[first], complete[last]) == (0, 1)
    bound = set(sandbox.query("SELECT case_uuid, material_code, sha256 FROM case_files"))
    for case in cases:
        for code, sha in case["files"].items():
            assert (case["case_uuid"], code, sha) in bound
            data = (sandbox.db_path.parent / "sandbox-files" / f"{sha}.bin").read_bytes()
            assert hashlib.sha256(data).hexdigest() == sha


@pytest.mark.parametrize("name", ["drop_after", "drop_before", "truncate", "status_503", "everything"])
def test_supplements_arrive_exactly_once_under_faults(name, workstation, services, sandbox, synced):
    rng = random.Random(name)
    cases = [_supplemented_case(services, rng) for _ in range(5)]
    sandbox.faults(*FAULTS[name], seed=sum(map(ord, name)) + 1)
    reports = drain(synced.engine, timeout=90)
    sandbox.faults()
    reports += drain(synced.engine, timeout=30)
    states = dict(workstation.db.query("SELECT kind, count(*) FROM outbox WHERE state = 'done' GROUP BY kind"))
    assert states == {"case_upsert": 5, "supplement": 10}
    _assert_once(sandbox, cases)
    assert any(r.errors for r in reports), "the fault never fired: the test proved nothing"


def test_supplement_contract_over_http(workstation, services, sandbox, synced):
    rng = random.Random(7)
    case = _supplemented_case(services, rng)
    drain(synced.engine, timeout=30)
    engine = synced.engine
    row = workstation.db.query("SELECT action_uuid, payload FROM outbox WHERE kind = 'supplement' ORDER BY outbox_id")
    action, payload = row[0]["action_uuid"], json.loads(row[0]["payload"])
    again = engine._authed(engine.adapter.supplement, case["case_uuid"], action, payload)  # noqa: SLF001
    assert again["processed"] and again["id"] == action
    changed = {**payload, "materials": [{**payload["materials"][0], "copies_received": 3}]}
    with pytest.raises(ContentConflict) as conflict:
        engine._authed(engine.adapter.supplement, case["case_uuid"], action, changed)  # noqa: SLF001
    assert conflict.value.code == "conflict_different_content"
    unsent = str(uuid.uuid4())
    missing = {**payload, "supplement_uuid": unsent,
               "materials": [{**payload["materials"][0], "files": [hashlib.sha256(b"never sent").hexdigest()]}]}
    with pytest.raises(ContentConflict) as incomplete:
        engine._authed(engine.adapter.supplement, case["case_uuid"], unsent, missing)  # noqa: SLF001
    assert incomplete.value.code == "files_incomplete"
    other = str(uuid.uuid4())
    with pytest.raises(PlatformRejected) as unknown:
        engine._authed(engine.adapter.supplement, other, action, {**payload, "case_uuid": other})  # noqa: SLF001
    assert unknown.value.status == 404
    assert sandbox.query("SELECT count(*) FROM supplements")[0][0] == 2
