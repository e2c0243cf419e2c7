"""出件: only a case ready for pickup can be handed over; once, with the collector encrypted in the outbox."""

from __future__ import annotations

import json
import uuid

import pytest

from clerk_app.domain.applicant import CaptureSource, IdDocumentType, NaturalPerson
from clerk_app.domain.case import Decision
from clerk_app.domain.case_states import TransitionNotAllowed
from offline_cache.cases import PageRef
from offline_cache.fees import FeeNotice, insert_notice, mark_paid
from tests.unit.acceptance.conftest import CHECKLIST, applicant, item

COLLECTOR = NaturalPerson("李四", IdDocumentType.RESIDENT_ID, "110105194912310021", source=CaptureSource.CARD_READER)


def _accepted(services) -> str:
    service = services.acceptance
    session = service.new_session()
    session.set_applicant(applicant())
    session.set_items((item(),), CHECKLIST)
    for spec in CHECKLIST:
        session.mark_received(spec.code)
    return service.commit(session, Decision.ACCEPT).case_uuid


def _ready_for_pickup(db, rules, case_uuid: str, *, fee_paid: bool = False) -> None:
    """What sync does when the back office reports the result (accepted → approved → ready for pickup).
    ``fee_paid``: the case's 办结前收费 was paid too (a paid notice, as the payment pull leaves it), for tests of
    出件 itself on an item that charges."""
    with db.transaction() as conn:
        if fee_paid:
            notice = FeeNotice(str(uuid.uuid4()), case_uuid, "before_conclusion", (), 100,
                               f"{uuid.uuid4().int % 10**20:020d}", "2026-12-02T09:00:00+08:00", None)
            insert_notice(conn, notice)
            mark_paid(conn, notice.notice_uuid, "2026-12-02T09:30:00+08:00", "PZTEST")
        for before, after in (("accepted", "approved"), ("approved", "ready_for_pickup")):
            rules.record_event(conn, case_uuid=case_uuid, kind="conclude", from_status=before, to_status=after,
                               clerk_id="platform", window_code="01", details={})
        conn.execute("UPDATE cases SET status = 'ready_for_pickup' WHERE case_uuid = ?", (case_uuid,))


def authorise(workstation, desk, case_uuid: str, pages: int = 1) -> None:
    """A scanned 授权委托书 (pages in the BlobStore, as the page pipeline leaves them)."""
    refs = []
    for n in range(pages):
        data = f"authorisation page {n} of {case_uuid}".encode()
        refs.append(PageRef(workstation.blobs.put(data), len(data)))
    desk.attach_authorisation(case_uuid, refs)


def test_handover_records_status_event_and_encrypted_outbox_row(services) -> None:
    case_uuid = _accepted(services)
    desk = services.handover
    with pytest.raises(TransitionNotAllowed):
        desk.hand_over(case_uuid, COLLECTOR)  # the result is not there yet
    _ready_for_pickup(services.workstation.db, services.acceptance.rules, case_uuid)
    authorise(services.workstation, desk, case_uuid)  # 李四 is neither applicant nor agent
    first = desk.hand_over(case_uuid, COLLECTOR, relation="代理人")
    again = desk.hand_over(case_uuid, COLLECTOR, relation="代理人")
    assert first.created and not again.created and again.handover_uuid == first.handover_uuid
    row = services.workstation.db.query("SELECT * FROM outbox WHERE kind = 'handover'")
    assert len(row) == 1
    payload = json.loads(row[0]["payload"])
    assert payload["handover_uuid"] == first.handover_uuid and payload["relation"] == "代理人"
    assert "李四" not in row[0]["payload"] and COLLECTOR.id_number not in row[0]["payload"]
    cipher = services.workstation.cipher
    secret = json.loads(cipher.decrypt(row[0]["payload_enc"], f"outbox:{first.handover_uuid}".encode()))
    assert secret["id_number"] == COLLECTOR.id_number
    stored = services.acceptance.cases.get(case_uuid)
    assert stored.case.status.value == "handed_over"
    assert stored.events[-1].kind == "handed_over"
