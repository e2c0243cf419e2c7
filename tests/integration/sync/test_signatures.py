"""Signatures (签批) through the outbox, over HTTP against the sandbox, under its sync faults: each signature arrives
exactly once, after its case; a screen signature's image is uploaded like a scan, bound to the case and byte-identical
on the platform; a 纸质签名 arrives without a file; the image stays on the workstation for reprints."""

from __future__ import annotations

import hashlib
import json
import random
from datetime import datetime
from pathlib import Path

import pytest

from clerk_app.customer.signature import SignatureDesk
from clerk_app.sync.engine import drain
from tests.integration.sync.test_faults import FAULTS
from tests.unit.customer.test_signature import stroke_png
from tests.unit.sync.factory import make_case

pytestmark = pytest.mark.integration

NAMES = ("drop_after", "drop_before", "status_503", "truncate", "everything")


@pytest.mark.parametrize("name", NAMES)
def test_each_signature_arrives_exactly_once_under_faults(name, workstation, sandbox, synced) -> None:
    rng = random.Random(name)
    desk = SignatureDesk(workstation.db, workstation.blobs, window_code="01", clerk_id="trainee",
                         clock=lambda: datetime.now().astimezone())
    sent = {}
    for index in range(8):
        case = make_case(workstation, pages=1, page_bytes=2_000, rng=rng)
        if index % 4 == 3:
            signed = desk.sign_on_paper(case["case_uuid"], "one_time_notice")
            sent[signed.signature_uuid] = (case["case_uuid"], "paper", None)
        else:
            png = stroke_png(600 + 40 * index, 200)  # a different image per case
            signed = desk.sign_on_screen(case["case_uuid"], "deficiency_commitment", png)
            sent[signed.signature_uuid] = (case["case_uuid"], "screen", png)
    sandbox.faults(*FAULTS[name], seed=sum(map(ord, name)))
    reports = drain(synced.engine, timeout=90)
    sandbox.faults()
    reports += drain(synced.engine, timeout=30)
    assert workstation.db.query("SELECT count(*) FROM outbox WHERE state != 'done'")[0][0] == 0

    rows = sandbox.query("SELECT signature_uuid, case_uuid, document_kind, body FROM signatures")
    assert sorted(r[0] for r in rows) == sorted(sent), "every signature exactly once"
    files_dir = Path(sandbox.db_path).with_name(Path(sandbox.db_path).stem + "-files")
    for uuid, case_uuid, kind, text in rows:
        body = json.loads(text)
        want_case, method, png = sent[uuid]
        assert (case_uuid, body["method"], body["clerk_id"], body["window_code"]) == (want_case, method, "trainee",
                                                                                      "01")
        assert "applicant" not in body and "11010519491231002X" not in text
        bound = sandbox.query("SELECT sha256 FROM case_files WHERE case_uuid = ? AND material_code = ?",
                              (case_uuid, f"signature:{kind}"))
        if png is None:
            assert bound == [] and body["sha256"] is None
            continue
        sha = hashlib.sha256(png).hexdigest()
        assert bound == [(sha,)] and (files_dir / f"{sha}.bin").read_bytes() == png
        assert workstation.blobs.get(sha) == png, "kept locally: a reprint embeds it again"
    injected = sum(1 for r in reports for _ in r.errors)
    assert injected > 0, "the fault never fired: the test proved nothing"
    print(f"\n{name}: {len(rows)} signatures on the platform for {len(sent)} recorded, {injected} injected errors")


def test_a_second_signature_of_the_same_paper_is_refused_by_the_platform(workstation, sandbox, synced) -> None:
    import requests

    case = make_case(workstation, pages=1, page_bytes=500)
    desk = SignatureDesk(workstation.db, workstation.blobs, window_code="01", clerk_id="trainee",
                         clock=lambda: datetime.now().astimezone())
    desk.sign_on_paper(case["case_uuid"], "one_time_notice")
    drain(synced.engine, timeout=30)
    token = requests.post(f"{sandbox.base_url}/api/v1/auth/login",
                          json={"account": "trainee", "password": "trainee"}, timeout=5).json()["access_token"]
    other = "0d1f5a3e-9a55-4c35-9a2f-5f2f4e2d8c11"
    body = {"signature_uuid": other, "case_uuid": case["case_uuid"], "document_kind": "one_time_notice",
            "method": "paper", "sha256": None, "signed_at": "2026-12-01T10:00:00+08:00", "clerk_id": "trainee",
            "window_code": "01", "materials": []}
    answer = requests.post(f"{sandbox.base_url}/api/v1/cases/{case['case_uuid']}/signatures/{other}", json=body,
                           headers={"Authorization": f"Bearer {token}"}, timeout=5)
    assert answer.status_code == 409 and answer.json()["code"] == "already_signed"
