"""作废 in the report: a case voided with a supervisor's approval is counted as voided, in its group and the total,
and the paper's table shows the figure (measured, not "-")."""

from __future__ import annotations

from datetime import date

from clerk_app.acceptance.void import VoidDesk
from clerk_app.reports.table import report_table
from clerk_app.security.clerk_session import ClerkSession
from tests.unit.acceptance.test_handover import _accepted
from tests.unit.acceptance.test_void import _now, practice_check


def test_a_voided_case_is_counted_as_voided(services) -> None:
    db = services.workstation.db
    session = ClerkSession(db, True, practice_check)
    session.login("trainee", "trainee")
    desk = VoidDesk(db, services.acceptance.rules, session, window_code="01", clock=_now)
    kept, voided, also_voided = (_accepted(services) for _ in range(3))
    desk.void(voided, "选错了事项，应为补领", "duty", "duty")
    desk.void(also_voided, "重复录入，同一申请已受理", "duty", "duty")
    today = date.today()
    report = services.reports.report(today, today, "window", today)
    assert report.total.cases == 3 and report.total.voids == 2
    assert sum(g.voids for g in report.groups) == 2
    assert "voids" not in report.unavailable
    table = report_table(report)
    column = table.header.index("作废")
    assert table.rows[-1][column] == 2  # the total row: a measured figure, not "-"
    assert services.acceptance.cases.get(kept).case.status.value == "accepted"
