"""出件 to the right person: every branch of the collector check, through the handover service."""

from __future__ import annotations

import json
import logging

import pytest

from clerk_app.acceptance.collector_check import (
    CollectorNotAuthorised,
    CollectorRelation,
    ManualCollectorWithoutReason,
)
from clerk_app.domain.applicant import AgentAuthorisation, Applicant, CaptureSource, IdDocumentType, NaturalPerson
from clerk_app.domain.case import Decision
from tests.unit.acceptance.conftest import CHECKLIST, ID_NUMBER, item
from tests.unit.acceptance.test_handover import _ready_for_pickup, authorise

AGENT = NaturalPerson("王五", IdDocumentType.RESIDENT_ID, "110105198001010016", source=CaptureSource.SIMULATED)
STRANGER = NaturalPerson("赵六", IdDocumentType.RESIDENT_ID, "110105199003070038", source=CaptureSource.CARD_READER)


def _card(person: NaturalPerson) -> NaturalPerson:
    return NaturalPerson(person.name, person.id_type, person.id_number, source=CaptureSource.CARD_READER)


def _case(services, with_agent: bool = True) -> str:
    service = services.acceptance
    session = service.new_session()
    principal = NaturalPerson("张三", IdDocumentType.RESIDENT_ID, ID_NUMBER, source=CaptureSource.SIMULATED)
    session.set_applicant(Applicant(principal, AgentAuthorisation(AGENT, "亲属") if with_agent else None))
    session.set_items((item(),), CHECKLIST)
    for spec in CHECKLIST:
        session.mark_received(spec.code)
    case_uuid = service.commit(session, Decision.ACCEPT).case_uuid
    _ready_for_pickup(services.workstation.db, services.acceptance.rules, case_uuid)
    return case_uuid


def _handover_rows(services) -> list:
    return services.workstation.db.query("SELECT * FROM outbox WHERE kind = 'handover'")


def _check_on_record(services, case_uuid: str) -> dict:
    stored = services.acceptance.cases.get(case_uuid)
    assert stored.case.status.value == "handed_over"
    event = stored.events[-1]
    assert event.kind == "handed_over"
    [row] = _handover_rows(services)
    payload = json.loads(row["payload"])
    assert payload["collector_check"] == event.details["collector_check"]  # what travels = what is recorded
    return payload["collector_check"]


def test_the_applicant_with_the_card_collects(workstation, services, caplog) -> None:
    case_uuid = _case(services)
    caplog.set_level(logging.DEBUG)
    record = services.handover.hand_over(case_uuid, _card(NaturalPerson(
        "张三", IdDocumentType.RESIDENT_ID, ID_NUMBER.lower())))  # a lower-case x still matches
    assert record.check is not None and record.check.relation is CollectorRelation.APPLICANT
    check = _check_on_record(services, case_uuid)
    assert check == {"relation": "applicant", "source": "card_reader", "manual": False, "manual_reason": "",
                     "authorisation_pages": 0}
    assert ID_NUMBER not in caplog.text and ID_NUMBER[-6:] not in caplog.text


def test_the_agent_recorded_at_acceptance_collects(workstation, services) -> None:
    case_uuid = _case(services)
    record = services.handover.hand_over(case_uuid, _card(AGENT))
    assert record.check is not None and record.check.relation is CollectorRelation.AGENT
    assert _check_on_record(services, case_uuid)["relation"] == "agent"
    event = services.acceptance.cases.get(case_uuid).events[-1]
    assert event.details["collector_name_masked"] == "王*"
    assert AGENT.id_number not in json.dumps(event.details) and event.details["collector_id_masked"].endswith("0016")


def test_a_stranger_without_authorisation_is_refused_and_nothing_is_written(workstation, services) -> None:
    case_uuid = _case(services, with_agent=False)
    desk = services.handover
    with pytest.raises(CollectorNotAuthorised) as refused:
        desk.hand_over(case_uuid, STRANGER)
    assert "power of attorney" in str(refused.value)
    with pytest.raises(CollectorNotAuthorised):
        desk.check(case_uuid, _card(AGENT))  # the agent of no record is a stranger too
    assert _handover_rows(services) == []
    assert services.acceptance.cases.get(case_uuid).case.status.value == "ready_for_pickup"


def test_a_stranger_with_a_scanned_authorisation_collects(workstation, services) -> None:
    case_uuid = _case(services)
    desk = services.handover
    authorise(workstation, desk, case_uuid, pages=2)
    assert desk.authorisation_pages(case_uuid) == 2
    record = desk.hand_over(case_uuid, STRANGER)
    assert record.check is not None and record.check.relation is CollectorRelation.AUTHORISED
    check = _check_on_record(services, case_uuid)
    assert check["relation"] == "authorised" and check["authorisation_pages"] == 2
    pages = workstation.db.query(
        "SELECT details FROM case_blobs WHERE case_uuid = ? AND role = 'authorisation' ORDER BY position",
        (case_uuid,))
    assert [json.loads(p["details"])["kind"] for p in pages] == ["authorisation", "authorisation"]
    kinds = [e.kind for e in services.acceptance.cases.get(case_uuid).events]
    assert kinds[-2:] == ["authorisation_attached", "handed_over"]


def test_a_manual_entry_needs_its_reason_and_is_recorded_as_manual(workstation, services) -> None:
    case_uuid = _case(services)
    desk = services.handover
    typed = NaturalPerson("张三", IdDocumentType.RESIDENT_ID, ID_NUMBER, source=CaptureSource.MANUAL)
    with pytest.raises(ManualCollectorWithoutReason):
        desk.hand_over(case_uuid, typed)
    blank = NaturalPerson("张三", IdDocumentType.RESIDENT_ID, ID_NUMBER, source=CaptureSource.MANUAL,
                          manual_entry_reason="   ")
    with pytest.raises(ManualCollectorWithoutReason):
        desk.hand_over(case_uuid, blank)
    assert _handover_rows(services) == []
    reasoned = NaturalPerson("张三", IdDocumentType.RESIDENT_ID, ID_NUMBER, source=CaptureSource.MANUAL,
                             manual_entry_reason="读卡器故障")
    desk.hand_over(case_uuid, reasoned)
    check = _check_on_record(services, case_uuid)
    assert check == {"relation": "applicant", "source": "manual", "manual": True, "manual_reason": "读卡器故障",
                     "authorisation_pages": 0}


def test_a_manual_stranger_with_a_reason_still_needs_the_authorisation(workstation, services) -> None:
    case_uuid = _case(services)
    typed = NaturalPerson("赵六", IdDocumentType.RESIDENT_ID, STRANGER.id_number, source=CaptureSource.MANUAL,
                          manual_entry_reason="证件芯片损坏")
    with pytest.raises(CollectorNotAuthorised):
        services.handover.hand_over(case_uuid, typed)


def test_the_handover_goes_out_exactly_once(workstation, services) -> None:
    case_uuid = _case(services)
    desk = services.handover
    first = desk.hand_over(case_uuid, _card(AGENT))
    again = desk.hand_over(case_uuid, STRANGER)  # a second press returns the first record, checks nobody again
    assert not again.created and again.handover_uuid == first.handover_uuid
    assert len(_handover_rows(services)) == 1


def test_the_refusal_reads_in_chinese_for_the_clerk(qapp) -> None:
    from PySide6.QtCore import QCoreApplication

    from clerk_app import i18n
    from ui.i18n import load_translators

    translators = load_translators(qapp, "zh_CN")
    i18n.install_translator(QCoreApplication.translate)  # what main.py does
    try:
        assert "须先将申请人签署的《授权委托书》扫描或导入本办件" in CollectorNotAuthorised().user_text()
        assert "手工录入领取人身份时必须填写原因" in ManualCollectorWithoutReason().user_text()
    finally:
        i18n.install_translator(i18n._identity)  # noqa: SLF001 - restore the default for the other tests
        for translator in translators:
            qapp.removeTranslator(translator)


def test_an_imported_authorisation_file_lets_a_stranger_collect(workstation, services, tmp_path) -> None:
    from clerk_app.acceptance.handover import UnsupportedAuthorisationFile

    case_uuid = _case(services)
    desk = services.handover
    text = tmp_path / "委托书.txt"
    text.write_text("not a scan")
    with pytest.raises(UnsupportedAuthorisationFile):
        desk.import_authorisation(case_uuid, [text])
    scan = tmp_path / "委托书.pdf"
    scan.write_bytes(b"%PDF-1.4 a signed power of attorney")
    assert desk.import_authorisation(case_uuid, [scan]) == 1
    [row] = workstation.db.query("SELECT sha256 FROM case_blobs WHERE case_uuid = ? AND role = 'authorisation'",
                                 (case_uuid,))
    assert workstation.blobs.get(row["sha256"]) == scan.read_bytes()
    assert desk.hand_over(case_uuid, STRANGER).check.relation is CollectorRelation.AUTHORISED
