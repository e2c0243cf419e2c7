"""出件 to the right person with a real card read: the collector's card comes from the SAM reader emulator on a pty
(pyserial, the reader manager's card-read signal), and the handover service checks it against the case."""

from __future__ import annotations

import json

import pytest

from clerk_app.acceptance.collector_check import CollectorNotAuthorised, CollectorRelation
from clerk_app.domain.applicant import AgentAuthorisation, Applicant, CaptureSource, IdDocumentType, NaturalPerson
from clerk_app.domain.case import Decision
from clerk_app.identity.records import to_natural_person
from devices.idcard.serial_reader import SamSerialDriver
from devices.identity_manager import ReaderManager
from tests.integration.identity.sam_emulator import SamEmulator
from tests.integration.identity.test_sam_serial import CARDS, _Events, _text
from tests.unit.acceptance.conftest import CHECKLIST, item
from tests.unit.acceptance.test_handover import _ready_for_pickup

pytestmark = pytest.mark.integration


def _case_with_agent(services, agent_number: str) -> str:
    service = services.acceptance
    session = service.new_session()
    principal = NaturalPerson("张三", IdDocumentType.RESIDENT_ID, "11010519491231002X", source=CaptureSource.MANUAL,
                              manual_entry_reason="测试")
    agent = NaturalPerson("代办员", IdDocumentType.RESIDENT_ID, agent_number, source=CaptureSource.MANUAL,
                          manual_entry_reason="测试")
    session.set_applicant(Applicant(principal, AgentAuthorisation(agent, "村代办员")))
    session.set_items((item(),), CHECKLIST)
    for spec in CHECKLIST:
        session.mark_received(spec.code)
    case_uuid = service.commit(session, Decision.ACCEPT).case_uuid
    _ready_for_pickup(services.workstation.db, services.acceptance.rules, case_uuid)
    return case_uuid


def test_the_agents_card_on_the_reader_collects_and_a_strangers_is_refused(sam: SamEmulator, workstation,
                                                                          services) -> None:
    resident = CARDS["resident"].record
    case_uuid = _case_with_agent(services, resident.id_number)  # the agent is the person on the resident card
    desk = services.handover
    events = _Events()
    manager = ReaderManager([SamSerialDriver([sam.port])], poll_interval=0.05, rediscover_interval=0.2)
    manager.add_listener(events)
    manager.start()
    try:
        assert events.wait(lambda: events.connected and len(events.connected[-1]) == 1)
        sam.place(_text("foreign_2017"))  # first someone else's card
        assert events.wait(lambda: len(events.records) == 1)
        stranger = to_natural_person(events.records[0])
        assert stranger.source is CaptureSource.CARD_READER
        with pytest.raises(CollectorNotAuthorised):
            desk.hand_over(case_uuid, stranger)
        assert workstation.db.query("SELECT count(*) FROM outbox WHERE kind = 'handover'")[0][0] == 0

        sam.lift()
        sam.place(_text("resident"))
        assert events.wait(lambda: len(events.records) == 2)
        collector = to_natural_person(events.records[1])
    finally:
        manager.close()
    record = desk.hand_over(case_uuid, collector)
    assert record.check is not None and record.check.relation is CollectorRelation.AGENT
    [row] = workstation.db.query("SELECT payload FROM outbox WHERE kind = 'handover'")
    check = json.loads(row["payload"])["collector_check"]
    assert check["relation"] == "agent" and check["source"] == "card_reader" and not check["manual"]
    assert resident.id_number not in row["payload"]
