"""Service time for supervision: from the reader's card read to the decision, with or without a queue ticket; an
applicant typed by hand has no card read, so the case has no service time rather than a made-up one."""

from __future__ import annotations

import dataclasses
import time

from clerk_app.domain.applicant import Applicant, CaptureSource
from clerk_app.domain.case import Decision
from tests.unit.acceptance.conftest import CHECKLIST, applicant, item


def _commit(services, who: Applicant, pause: float = 0.0) -> str:
    service = services.acceptance
    session = service.new_session()
    session.set_applicant(who)
    session.set_items((item(),), CHECKLIST)
    for spec in CHECKLIST:
        session.mark_received(spec.code)
    time.sleep(pause)  # the clerk checking the papers
    return service.commit(session, Decision.ACCEPT).case_uuid


def _service_seconds(services, case_uuid: str) -> float | None:
    row = services.workstation.db.query("SELECT service_seconds FROM cases WHERE case_uuid = ?", (case_uuid,))
    return row[0][0]


def test_service_time_runs_from_the_card_read(services) -> None:
    read = _commit(services, applicant(), pause=0.2)  # the simulated reader's card
    seconds = _service_seconds(services, read)
    assert seconds is not None and 0.2 <= seconds < 30


def test_a_typed_applicant_has_no_service_time(services) -> None:
    typed = applicant()
    typed = Applicant(dataclasses.replace(typed.principal, source=CaptureSource.MANUAL))
    assert _service_seconds(services, _commit(services, typed)) is None
