"""作废 and the second 补打: a supervisor's credential entered on the spot, audited; a clerk's is refused."""

from __future__ import annotations

import json

import pytest

from clerk_app.acceptance.void import VoidDesk, VoidReasonRequired, void_of
from clerk_app.domain.case import Decision
from clerk_app.domain.case_states import TransitionNotAllowed
from clerk_app.print_service import ReprintNeedsApproval
from clerk_app.security.clerk_session import TRAINING_ACCOUNTS, ClerkSession, NotAuthorised
from clerk_app.sync.errors import InvalidCredentials
from offline_cache import audit_log
from printing.model import DocumentKind
from tests.unit.acceptance.test_documents import _commit, accepted  # noqa: F401 - the fixture
from tests.unit.acceptance.test_handover import _accepted


def practice_check(account: str, password: str) -> tuple[dict, bool]:
    """The practice accounts' own passwords (what a training workstation accepts without its sandbox)."""
    if TRAINING_ACCOUNTS.get(account, ("",))[0] != password:
        raise InvalidCredentials()
    return {}, False


@pytest.fixture
def session(workstation) -> ClerkSession:
    clerk_session = ClerkSession(workstation.db, True, practice_check)
    clerk_session.login("trainee", "trainee")
    return clerk_session


def _kinds(db, n: int) -> list[str]:
    return [row["kind"] for row in audit_log.recent(db, n)][::-1]


def test_void_needs_a_reason_and_a_supervisor_and_tells_the_platform(services, session) -> None:
    db = services.workstation.db
    desk = VoidDesk(db, services.acceptance.rules, session, window_code="01", clock=_now)
    case_uuid = _accepted(services)
    with pytest.raises(VoidReasonRequired):
        desk.void(case_uuid, "错", "duty", "duty")
    with pytest.raises(NotAuthorised):  # a plain clerk cannot approve, not even another one
        desk.void(case_uuid, "选错了事项，应为补领", "trainee2", "trainee2")
    assert _kinds(db, 1) == ["approval_refused"]
    with pytest.raises(InvalidCredentials):
        desk.void(case_uuid, "选错了事项，应为补领", "duty", "wrong")
    assert _kinds(db, 1) == ["login_failed"]
    assert services.acceptance.cases.get(case_uuid).case.status.value == "accepted"

    record = desk.void(case_uuid, "选错了事项，应为补领", "duty", "duty")
    assert record.created and record.approved_by == "duty"
    assert _kinds(db, 3) == ["approval", "case_event", "void"]
    void_entry = audit_log.recent(db, 1)[0]
    assert void_entry["clerk_id"] == "trainee" and json.loads(void_entry["details"])["approved_by"] == "duty"
    stored = services.acceptance.cases.get(case_uuid)
    assert stored.case.status.value == "voided"
    assert void_of(stored) is not None and void_of(stored)["reason"] == "选错了事项，应为补领"
    assert stored.events[-1].kind == "voided" and stored.events[-1].clerk_id == "trainee"
    rows = db.query("SELECT kind, clerk_id, payload FROM outbox WHERE kind = 'case_void'")
    assert len(rows) == 1 and rows[0]["clerk_id"] == "trainee"
    payload = json.loads(rows[0]["payload"])
    assert payload["approved_by"] == "duty" and payload["void_uuid"] == record.void_uuid
    assert payload["from_status"] == "accepted"

    again = desk.void(case_uuid, "选错了事项，应为补领", "duty", "duty")
    assert not again.created and again.void_uuid == record.void_uuid
    assert len(db.query("SELECT 1 FROM outbox WHERE kind = 'case_void'")) == 1
    assert audit_log.verify(db)["ok"]


def test_a_handed_over_case_cannot_be_voided_and_the_attempt_is_audited(services, session) -> None:
    from tests.unit.acceptance.test_handover import COLLECTOR, _ready_for_pickup, authorise

    db = services.workstation.db
    desk = VoidDesk(db, services.acceptance.rules, session, window_code="01", clock=_now)
    case_uuid = _accepted(services)
    _ready_for_pickup(db, services.acceptance.rules, case_uuid)
    authorise(services.workstation, services.handover, case_uuid)
    services.handover.hand_over(case_uuid, COLLECTOR)
    with pytest.raises(TransitionNotAllowed):
        desk.void(case_uuid, "已出件后发现录错", "duty", "duty")
    assert _kinds(db, 1) == ["void_refused"]


def test_second_reprint_of_a_paper_needs_an_approver(accepted, services) -> None:  # noqa: F811
    service, desk = accepted
    db = services.workstation.db
    result = _commit(service, Decision.ACCEPT)
    notice = (DocumentKind.ACCEPTANCE_NOTICE,)
    desk.print_case(result.case_uuid)  # the papers of the decision
    first = desk.print_case(result.case_uuid, notice)  # the first 补打 is free
    assert first[0].archived.reprint and _kinds(db, 2) == ["reprint", "case_event"]
    with pytest.raises(ReprintNeedsApproval):
        desk.print_case(result.case_uuid, notice)
    assert _kinds(db, 1) == ["reprint_refused"]
    assert len(desk.printer.archived(result.case_uuid)) == 3  # nothing printed
    desk.print_case(result.case_uuid, (DocumentKind.MATERIAL_LIST,))  # counted per paper: another kind is free
    approved = desk.print_case(result.case_uuid, notice, approved_by="duty")
    assert approved[0].archived.reprint
    entry = audit_log.recent(db, 1, kind="reprint")[0]
    assert json.loads(entry["details"]) == {
        "case_number": result.case_number, "kind": "acceptance_notice", "copy": 2, "approved_by": "duty"}


def _now():
    from datetime import datetime

    return datetime(2026, 12, 1, 10, 0).astimezone()
