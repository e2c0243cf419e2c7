"""The queue ticket is part of the case: stored with it, wait and service times computed, sent in the payload."""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta

from clerk_app.acceptance.service import AcceptanceService
from clerk_app.domain.applicant import Applicant, CaptureSource
from clerk_app.domain.case import Decision
from clerk_app.queue.adapter import QueueTicket
from clerk_app.queue.case_link import CaseTicket, case_queue_record, parse_time, queue_record
from tests.unit.acceptance.conftest import CHECKLIST, NOW, applicant, item


def _ticket() -> CaseTicket:
    issued = (NOW - timedelta(minutes=25)).astimezone()
    called = (NOW - timedelta(minutes=5)).astimezone()
    return CaseTicket(QueueTicket("A007", "general", "综合受理", issued.isoformat(), called.isoformat(), "7"),
                      called_at_local=NOW - timedelta(minutes=4))


def _commit(service: AcceptanceService):
    session = service.new_session()
    typed = applicant()  # typed by hand: no card read, so the service time runs from the call
    session.set_applicant(Applicant(dataclasses.replace(typed.principal, source=CaptureSource.MANUAL)))
    session.set_items((item(),), CHECKLIST, {})
    for code in ("M1", "M2", "M3"):
        session.mark_received(code)
    return service.commit(session, Decision.ACCEPT)


def test_a_case_served_under_a_ticket_records_wait_and_service_time(service, workstation) -> None:
    service.ticket_source = _ticket
    result = _commit(service)
    with workstation.db.transaction() as conn:
        record = case_queue_record(conn, result.case_uuid)
    assert record is not None
    assert record["ticket_number"] == "A007" and record["business_code"] == "general"
    assert record["wait_seconds"] == 20 * 60  # call - issue, the queue's clock
    assert record["service_seconds"] == 4 * 60  # this workstation's call -> decision
    payload = json.loads(workstation.db.query("SELECT payload FROM outbox")[0][0])
    assert payload["queue"]["ticket_number"] == "A007"
    assert payload["queue"]["wait_seconds"] == 1200 and payload["queue"]["service_seconds"] == 240
    assert payload["queue"]["decided_at"] == NOW.isoformat(timespec="milliseconds")


def test_a_case_without_a_ticket_has_no_queue_record(service, workstation) -> None:
    service.ticket_source = lambda: None
    result = _commit(service)
    with workstation.db.transaction() as conn:
        assert case_queue_record(conn, result.case_uuid) is None
    assert "queue" not in json.loads(workstation.db.query("SELECT payload FROM outbox")[0][0])


def test_vendor_times_are_read_in_their_usual_shapes() -> None:
    iso = parse_time("2026-11-23T02:30:00Z")
    assert iso is not None and iso.utcoffset() == timedelta(0)
    assert parse_time("1795401000") == parse_time("1795401000000")  # epoch seconds and milliseconds
    assert parse_time("2026-11-23 10:30:00") is not None  # naive = local time
    assert parse_time("") is None and parse_time("soon") is None


def test_unreadable_issue_time_leaves_wait_unknown_but_keeps_service_time() -> None:
    ticket = CaseTicket(QueueTicket("B002", issued_at="garbage"), called_at_local=NOW)
    record = queue_record(ticket, NOW + timedelta(seconds=90))
    assert record["wait_seconds"] is None and record["service_seconds"] == 90


def test_with_a_card_read_the_service_time_runs_from_the_read() -> None:
    ticket = CaseTicket(QueueTicket("B003"), called_at_local=NOW)
    read = NOW + timedelta(seconds=50)  # greeting, the citizen sits down, the card goes on the reader
    record = queue_record(ticket, NOW + timedelta(seconds=290), served_from=read)
    assert record["service_seconds"] == 240
