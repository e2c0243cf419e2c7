"""作废 and the second 补打 on the real widgets: the case dialog's void button opens the supervisor's approval, a
clerk's credential is refused in the dialog, the supervisor's voids the case (grey in the list, red in its dialog);
the second reprint of a paper asks for the approval too. Grabs in /tmp/clerk for a look."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from clerk_app.security.clerk_session import NotASupervisor
from tests.unit.acceptance.test_ui import _ready, desk  # noqa: F401 - the fixture
from tests.unit.acceptance.test_void import practice_check

pytestmark = pytest.mark.gui
SHOTS = Path("/tmp/clerk")


def _visible(controller, name: str):
    return next((d for d in controller._dialogs if d.objectName() == name and d.isVisible()), None)  # noqa: SLF001


def _committed(qtbot, controller):
    _ready(qtbot, controller)
    QTest.keyClick(controller.checklist.table, Qt.Key.Key_A)
    with qtbot.waitSignal(controller.committed, timeout=10_000):
        controller.accept_shortcut()
    return controller.last_result


@pytest.fixture
def chinese(qapp):
    """The Chinese translations installed, as at the hall (the grabs show what a clerk reads)."""
    from PySide6.QtCore import QCoreApplication

    from clerk_app.i18n import install_translator
    from ui.i18n import load_translators

    translators = load_translators(qapp, "zh_CN")
    install_translator(QCoreApplication.translate)
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


@pytest.fixture
def logged_in(chinese, desk, monkeypatch):  # noqa: F811
    window, controller, spooler = desk
    session = controller.approvals.session
    # the practice accounts' own passwords, as a training workstation checks them without its sandbox
    monkeypatch.setattr(session, "_check_password", practice_check)
    session.start_training("trainee")
    return window, controller, spooler


def _approve(qtbot, approval, account: str, password: str, reason: str | None = None) -> None:
    if reason is not None:
        approval.reason.setPlainText(reason)
    approval.account.setText(account)
    approval.password.setText(password)
    QTest.mouseClick(approval.buttons.button(approval.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_void_from_the_case_dialog_with_the_supervisors_approval(qtbot, logged_in, workstation) -> None:
    window, controller, _ = logged_in
    result = _committed(qtbot, controller)
    controller.open_case(result.case_number)
    qtbot.waitUntil(lambda: _visible(controller, "caseDialog") is not None)
    dialog = _visible(controller, "caseDialog")
    assert dialog.void.isEnabled()
    QTest.mouseClick(dialog.void, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _visible(controller, "supervisorApproval") is not None)
    approval = _visible(controller, "supervisorApproval")
    assert approval.reason is not None and approval.password.echoMode() == approval.password.EchoMode.Password
    _approve(qtbot, approval, "trainee2", "trainee2", "选错了事项，应为首次申领")
    qtbot.waitUntil(approval.buttons.isEnabled, timeout=10_000)
    assert approval.error.text() == NotASupervisor(account="trainee2").user_text()
    assert "值班长" in approval.error.text()
    assert approval.isVisible() and approval.password.text() == ""
    SHOTS.mkdir(parents=True, exist_ok=True)
    approval.reason.setPlainText("选错了事项，应为首次申领")
    approval.account.setText("duty")
    approval.grab().save(str(SHOTS / "supervisor_approval.png"))
    _approve(qtbot, approval, "duty", "duty")
    # closed by the void and deleted with it (a dialog opened for one case does not outlive it)
    qtbot.waitUntil(lambda: not shiboken6.isValid(approval) or not approval.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: (d := _visible(controller, "caseDialog")) is not None and d is not dialog,
                    timeout=10_000)
    voided = _visible(controller, "caseDialog")
    assert "作废" in voided.body.text() and "选错了事项，应为首次申领" in voided.body.text()
    assert "duty" in voided.body.text() and not voided.void.isEnabled()
    voided.grab().save(str(SHOTS / "voided_case.png"))
    assert controller.service.cases.get(result.case_uuid).case.status.value == "voided"
    qtbot.waitUntil(lambda: any(r.summary.status.value == "voided" for r in controller.cases.model.rows),
                    timeout=10_000)
    window.grab().save(str(SHOTS / "case_list_voided.png"))
    kinds = [r["kind"] for r in workstation.db.query("SELECT kind FROM outbox ORDER BY outbox_id")]
    assert kinds == ["case_upsert", "case_void"]


def test_second_reprint_asks_the_supervisor(qtbot, logged_in) -> None:
    _window, controller, spooler = logged_in
    result = _committed(qtbot, controller)
    qtbot.waitUntil(lambda: len(spooler.jobs) == 2, timeout=10_000)  # the decision's papers
    controller.print_case(result.case_uuid)  # the first 补打: free
    qtbot.waitUntil(lambda: len(spooler.jobs) == 4, timeout=10_000)
    controller.print_case(result.case_uuid)
    qtbot.waitUntil(lambda: _visible(controller, "supervisorApproval") is not None, timeout=10_000)
    approval = _visible(controller, "supervisorApproval")
    assert approval.reason is None and len(spooler.jobs) == 4
    _approve(qtbot, approval, "duty", "duty")
    qtbot.waitUntil(lambda: len(spooler.jobs) == 6, timeout=10_000)
    assert not shiboken6.isValid(approval) or not approval.isVisible()  # closed (and deleted once closed)


def test_second_reprint_of_a_delivery_receipt_asks_the_supervisor(qtbot, logged_in, workstation) -> None:
    from tests.unit.acceptance.test_handover import COLLECTOR, _ready_for_pickup, authorise

    _window, controller, spooler = logged_in
    result = _committed(qtbot, controller)
    qtbot.waitUntil(lambda: len(spooler.jobs) == 2, timeout=10_000)
    _ready_for_pickup(workstation.db, controller.service.rules, result.case_uuid,
                      fee_paid=True)  # 居民身份证补领 charges: 办结前收费 by default
    authorise(workstation, controller.handover, result.case_uuid)
    controller.handover.hand_over(result.case_uuid, COLLECTOR)
    for expected in (3, 4):  # the 送达回执, then its first 补打 (free)
        controller.print_delivery_receipt(result.case_uuid)
        qtbot.waitUntil(lambda n=expected: len(spooler.jobs) == n, timeout=10_000)
    controller.print_delivery_receipt(result.case_uuid)
    qtbot.waitUntil(lambda: _visible(controller, "supervisorApproval") is not None, timeout=10_000)
    approval = _visible(controller, "supervisorApproval")
    assert "送达回执" in approval.findChild(type(approval.error), "approvalExplanation").text()
    _approve(qtbot, approval, "duty", "duty")
    qtbot.waitUntil(lambda: len(spooler.jobs) == 5, timeout=10_000)
    assert spooler.jobs[-1][2].startswith("送达回执")
