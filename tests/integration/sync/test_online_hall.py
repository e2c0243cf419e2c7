"""网上申报 → 窗口接件 over real HTTP against the sandbox's online hall: a citizen's pre-application (files uploaded
online, an e-licence reference, the pre-review's 需补正) is fetched by its number and by the applicant's ID number,
accepted at the window with only the missing material scanned, and synced; the sandbox's byte counts show the files
uploaded online were bound by hash and never sent again."""

from __future__ import annotations

import hashlib
import json
import random
import uuid

import pytest
import requests

from clerk_app.acceptance.online import OnlineDesk, OnlineUnavailable, PreApplicationNotFound, PreApplicationTaken
from clerk_app.domain.case import Decision, MaterialSource, MaterialState
from clerk_app.sync.engine import drain
from clerk_app.sync.http_client import HttpPlatformClient
from offline_cache.cases import PageRef

pytestmark = pytest.mark.integration

ITEM = "51160202000301-511602000000-000-11511602MB10100023-1-00"  # 失业保险金申领: id, termination, bank_card
PERSON = ("陈网办", "110105199103030014")


def _upload(base: str, data: bytes) -> str:
    sha = hashlib.sha256(data).hexdigest()
    requests.put(f"{base}/online/v1/uploads/{sha}", data=data, timeout=10).raise_for_status()
    return sha


def _pre_application(base: str, centre: str, termination: bytes) -> dict:
    sha = _upload(base, termination)
    body = {"pre_application_id": str(uuid.uuid4()), "centre_code": centre, "item_code": ITEM,
            "applicant": {"name": PERSON[0], "id_number": PERSON[1], "phone": "13900000000"},
            "form": {"联系地址": "清河区示范路1号"}, "answers": {"agent": "self"},
            "materials": [
                {"material_code": "termination", "name": "解除或终止劳动关系证明",
                 "files": [{"sha256": sha, "name": "termination.jpg", "size": len(termination)}]},
                {"material_code": "id", "name": "申请人居民身份证",
                 "elicence": {"licence_type": "居民身份证", "licence_number": "EL0001"}}]}
    response = requests.post(f"{base}/online/v1/pre-applications", json=body, timeout=10)
    response.raise_for_status()
    again = requests.post(f"{base}/online/v1/pre-applications", json=body, timeout=10)  # idempotent
    assert again.json()["number"] == response.json()["number"]
    return {**response.json(), "termination_sha": sha}


def _desk(services, synced) -> OnlineDesk:
    return OnlineDesk(synced.client, services.catalog, configured=True, token_rejected=synced.auth.token_rejected)


def test_pre_application_is_fetched_accepted_and_synced_without_reuploading(workstation, services, sandbox, synced):
    services.catalog.ensure_training_catalog()
    rng = random.Random(21)
    termination = rng.randbytes(48_000)
    made = _pre_application(sandbox.base_url, workstation.config.get("centre.code"), termination)
    assert made["prereview"]["result"] == "needs_correction"  # the bank card was not uploaded: 一次性告知
    assert [m["material_code"] for m in made["prereview"]["missing"]] == ["bank_card"]

    desk = _desk(services, synced)
    pre = desk.fetch(made["number"])
    assert (pre.item_code, pre.applicant_name, pre.prereview.passed) == (ITEM, PERSON[0], False)
    session = desk.session_for(pre, services.acceptance.new_session())
    hits = desk.find_for(session.applicant)  # the card read at the window finds it as well
    assert [h.number for h in hits] == [made["number"]]

    termination_record = session.record("termination")
    assert (termination_record.state, termination_record.source) == (MaterialState.RECEIVED, MaterialSource.ONLINE)
    assert not termination_record.original_verified  # the clerk still checks the original
    assert session.record("id").state is MaterialState.ELICENCE_REUSED
    assert session.record("bank_card").state is MaterialState.MISSING
    assert Decision.ACCEPT not in session.evaluate(services.acceptance.today()).allowed

    session.mark_received("termination")  # original seen at the window
    assert session.record("termination").original_verified and session.record("termination").page_blob_ids == ()
    card = rng.randbytes(30_000)  # only what was missing is scanned
    page = PageRef(workstation.blobs.put(card), len(card), "image/png")
    session.attach_page("bank_card", page)
    session.mark_received("bank_card")
    result = services.acceptance.commit(session, Decision.ACCEPT)

    reports = drain(synced.engine, timeout=30)
    assert sum(r.actions_done for r in reports) == 1
    assert sum(r.bytes_sent for r in reports) == len(card)  # the online file was not sent by the window

    status, case_uuid = sandbox.query("SELECT status, case_uuid FROM pre_applications WHERE number = ?",
                                      (made["number"],))[0]
    assert (status, case_uuid) == ("accepted", result.case_uuid)
    body = json.loads(sandbox.query("SELECT body FROM cases WHERE case_uuid = ?", (result.case_uuid,))[0][0])
    assert body["pre_application_id"] == made["pre_application_id"]
    bound = set(sandbox.query("SELECT material_code, sha256 FROM case_files WHERE case_uuid = ?",
                              (result.case_uuid,)))
    assert bound == {("termination", made["termination_sha"]), ("bank_card", page.sha256)}
    counted = {(r["sha256"], r["channel"]): r["bytes"]
               for r in requests.get(f"{sandbox.base_url}/__admin/upload-bytes", timeout=5).json()["files"]}
    assert counted == {(made["termination_sha"], "online"): len(termination), (page.sha256, "window"): len(card)}

    stored = services.cases.get(result.case_uuid)
    assert stored.details["online"]["number"] == made["number"]
    with pytest.raises(PreApplicationTaken):
        desk.fetch(made["number"])
    assert desk.find_for(session.applicant) == []


def test_unknown_number_and_offline_are_said_clearly(workstation, services, sandbox, synced):
    services.catalog.ensure_training_catalog()
    desk = _desk(services, synced)
    with pytest.raises(PreApplicationNotFound):
        desk.fetch("WS209901010001")
    dead = HttpPlatformClient("http://127.0.0.1:9", connect_timeout=0.5, read_timeout=1.0)
    dead.token_source = lambda: "token"
    offline = OnlineDesk(dead, services.catalog, configured=True)
    with pytest.raises(OnlineUnavailable) as unreachable:
        offline.fetch("WS209901010001")
    assert "Ctrl+N" in unreachable.value.user_text()
    with pytest.raises(OnlineUnavailable):
        OnlineDesk(dead, services.catalog, configured=False).fetch("WS209901010001")


def test_a_home_visit_day_offline_is_synced_when_back(workstation, services, sandbox, synced):
    """上门办理: a day on the laptop away from the centre (no link: every pass fails with the network), then back
    at the centre everything arrives once, each case saying where it was taken."""
    import dataclasses

    from clerk_app.domain.case import TakenAt
    from clerk_app.sync.service import SyncService
    from tests.unit.acceptance.conftest import CHECKLIST, applicant, item

    services.acceptance.taken_at = TakenAt.HOME_VISIT
    numbers = []
    for _ in range(3):
        session = services.acceptance.new_session()
        session.set_applicant(applicant())
        session.set_items((item(),), CHECKLIST)
        for spec in CHECKLIST:
            session.mark_received(spec.code)
        numbers.append(services.acceptance.commit(session, Decision.ACCEPT).case_uuid)
    away = SyncService(dataclasses.replace(workstation, config=workstation.config.with_overrides(
        platform__base_url="http://127.0.0.1:9", platform__connect_timeout=0.3)))
    try:
        report = away.run_once(pull=False)
    finally:
        away.close()
    assert report.online is False and report.actions_done == 0
    assert workstation.db.query("SELECT count(*) FROM outbox WHERE state != 'done'")[0][0] == 3

    drain(synced.engine, timeout=30)  # back at the centre
    rows = sandbox.query("SELECT case_uuid, body FROM cases")
    assert sorted(r[0] for r in rows) == sorted(numbers)
    assert {json.loads(r[1])["taken_at"] for r in rows} == {"home_visit"}
