"""作废 over real HTTP: the void travels after its case, the sandbox marks the case void (its back office stops
moving it) and feeds the change back. The outbox rows name their clerk and drain after that clerk has left."""

from __future__ import annotations

import pytest

from clerk_app.acceptance.void import VoidDesk
from clerk_app.security.clerk_session import ClerkSession
from clerk_app.sync.engine import drain
from tests.unit.acceptance.test_handover import _accepted
from tests.unit.acceptance.test_void import _now, practice_check

pytestmark = pytest.mark.integration


def test_a_voided_case_is_void_on_the_platform(workstation, services, sandbox, synced):
    session = ClerkSession(workstation.db, True, practice_check)
    session.login("trainee", "trainee")
    desk = VoidDesk(workstation.db, services.acceptance.rules, session, window_code="01", clock=_now)
    kept, voided = _accepted(services), _accepted(services)
    desk.void(voided, "事项选错，重新受理", "duty", "duty")
    session.end("shift_change")  # the outbox per clerk still drains after its clerk has left
    session.login("trainee2", "trainee2")
    reports = drain(synced.engine, timeout=30)
    assert not [e for r in reports for e in r.errors], reports
    assert dict(sandbox.query("SELECT case_uuid, status FROM cases")) == {kept: "received", voided: "voided"}
    assert sandbox.query("SELECT count(*) FROM voids")[0][0] == 1
    assert sandbox.query("SELECT status, note FROM case_changes WHERE case_uuid = ? ORDER BY seq",
                         (voided,)) == [("received", ""), ("voided", "作废")]
    report = synced.engine.run_once(pull=True)  # the feed brings the void back: nothing moves, nothing fails
    assert not report.errors, report.errors
    rows = dict(workstation.db.query("SELECT case_uuid, status FROM cases"))
    assert rows == {kept: "submitted", voided: "voided"}
    done = workstation.db.query("SELECT kind, state, clerk_id FROM outbox ORDER BY outbox_id")
    assert [tuple(r) for r in done] == [("case_upsert", "done", "trainee")] * 2 + [("case_void", "done", "trainee")]
