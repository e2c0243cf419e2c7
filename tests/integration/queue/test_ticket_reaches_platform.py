"""End to end over real HTTP: a window calls a ticket, the case accepted while serving it records the ticket, and
the case the platform receives carries the ticket with its wait and service times."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest

from clerk_app.acceptance.service import AcceptanceService
from clerk_app.domain.case import Decision
from clerk_app.queue.factory import queue_service, ticket_source
from clerk_app.sync.engine import drain
from offline_cache.cases import CaseRepository
from tests.integration.queue.conftest import Hall
from tests.unit.acceptance.conftest import CHECKLIST, ScriptedRules, applicant, item

pytestmark = pytest.mark.integration


def test_the_called_ticket_goes_to_the_platform_with_the_case(workstation: Any, hall: Hall) -> None:
    from clerk_app.sync.service import SyncService

    hall.issue("general")
    workstation = dataclasses.replace(
        workstation, config=workstation.config.with_overrides(
        queue__base_url=hall.base_url, platform__base_url=hall.base_url, sync__backoff_base_seconds=0.01))
    queue = queue_service(workstation.config)
    state = queue.run_action("call")
    assert state.served is not None and state.served.ticket.number == "A001"
    cases = CaseRepository(workstation.db, workstation.cipher, workstation.applicants)
    acceptance = AcceptanceService(workstation.db, workstation.cipher, workstation.applicants, cases,
                                   ScriptedRules(), centre_code="330302001", window_code="01", clerk_id="trainee")
    acceptance.ticket_source = ticket_source(queue)
    session = acceptance.new_session()
    session.set_applicant(applicant())
    session.set_items((item(),), CHECKLIST, {})
    for code in ("M1", "M2", "M3"):
        session.mark_received(code)
    result = acceptance.commit(session, Decision.ACCEPT)
    sync = SyncService(workstation)
    try:
        reports = drain(sync.engine, timeout=30)
        assert sum(r.actions_done for r in reports) == 1
    finally:
        sync.close()
        queue.close()
    import sqlite3

    with sqlite3.connect(hall.db_path) as conn:
        body = json.loads(conn.execute("SELECT body FROM cases WHERE case_uuid = ?",
                                       (result.case_uuid,)).fetchone()[0])
    record = body["queue"]
    assert record["ticket_number"] == "A001" and record["business_name"] == "综合受理"
    assert record["wait_seconds"] is not None and record["wait_seconds"] >= 0
    assert record["service_seconds"] >= 0 and record["decided_at"] >= record["called_at"][:10]
    local = workstation.db.query("SELECT queue_ticket, wait_seconds, service_seconds FROM cases")[0]
    assert local[0] == "A001" and local[2] == record["service_seconds"]
