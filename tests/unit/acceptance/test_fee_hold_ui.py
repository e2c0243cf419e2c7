"""受理前收费 in the decision panel, offscreen and in Chinese: 受理 stays disabled with the reason, the notice prints
from the panel (the same notice again on a second click), offline 查询缴费 says so and the draft can be parked and
resumed; once the payment pull confirms it, 受理 opens and the commit goes through. 一次性告知 is never held."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from clerk_app.domain.case import Decision
from tests.integration.sync.test_fees import _code_of
from tests.unit.acceptance.conftest import applicant
from tests.unit.acceptance.test_fee_decision_hold import BEFORE_ACCEPTANCE, _pay
from tests.unit.acceptance.test_fee_ui import chinese_errors  # noqa: F401 - the fixture
from tests.unit.acceptance.test_reuse_ui import chinese  # noqa: F401 - the fixture
from tests.unit.acceptance.test_ui import desk  # noqa: F401 - the fixture

pytestmark = pytest.mark.gui

SHOTS = Path("/tmp/after-paper")


def test_fee_before_acceptance_holds_the_decision_until_paid(qtbot, chinese_errors, desk,  # noqa: F811
                                                             workstation) -> None:
    window, controller, spooler = desk
    panel = controller.decision
    controller.set_applicant(applicant())
    controller.choose_item(_code_of(BEFORE_ACCEPTANCE))
    qtbot.waitUntil(lambda: controller.checklist.table.rowCount() > 0, timeout=10_000)
    QTest.keyClick(controller.checklist.table, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: "10.00" in panel.fee_hold.text(), timeout=10_000)  # the amount, once read
    assert "受理前收费" in panel.fee_hold.text() and "10.00" in panel.fee_hold.text()
    assert not panel.is_enabled(Decision.ACCEPT) and panel.is_enabled(Decision.REJECT)
    assert "受理前收费" in panel.buttons[Decision.ACCEPT].toolTip()
    assert panel.fee_notice_button.isVisible() and panel.park_button.isVisible()

    QTest.mouseClick(panel.fee_notice_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "缴款码" in panel.fee_hold.text(), timeout=10_000)
    [notice] = controller.fees.notices(controller.session.case_uuid)
    assert notice.payment_code in panel.fee_hold.text()
    qtbot.waitUntil(lambda: any(t.startswith("缴费通知书") for _, _, t in spooler.jobs), timeout=10_000)
    QTest.mouseClick(panel.fee_notice_button, Qt.MouseButton.LeftButton)  # printed again: the same notice
    qtbot.waitUntil(lambda: sum(t.startswith("缴费通知书") for _, _, t in spooler.jobs) == 2, timeout=10_000)
    assert len(controller.fees.notices(controller.session.case_uuid)) == 1

    controller.fee_hold.payment_check = lambda: False  # the link is down
    QTest.mouseClick(panel.fee_check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "离线" in panel.fee_hold.text(), timeout=10_000)
    assert not panel.is_enabled(Decision.ACCEPT)
    SHOTS.mkdir(exist_ok=True)
    window.grab().save(str(SHOTS / "decision_held_by_fee.png"))

    draft = controller.session
    QTest.mouseClick(panel.park_button, Qt.MouseButton.LeftButton)  # the applicant goes to pay
    assert controller.session is not draft and panel.resume_button.isVisible()
    assert "1" in panel.resume_button.text()

    _pay(workstation, notice)  # the platform confirms with a status pull
    controller.fee_hold.resume_draft(draft.case_uuid)
    qtbot.waitUntil(lambda: panel.is_enabled(Decision.ACCEPT), timeout=10_000)
    assert not panel.fee_hold.isVisible() and not panel.resume_button.isVisible()
    with qtbot.waitSignal(controller.committed, timeout=10_000):
        controller.accept_shortcut()
    assert controller.last_result.case_uuid == draft.case_uuid


def test_one_time_notice_is_not_held(qtbot, chinese_errors, desk) -> None:  # noqa: F811
    _window, controller, _spooler = desk
    panel = controller.decision
    controller.set_applicant(applicant())
    controller.choose_item(_code_of(BEFORE_ACCEPTANCE))
    qtbot.waitUntil(panel.fee_hold.isVisible, timeout=10_000)
    assert panel.is_enabled(Decision.ONE_TIME_NOTICE)
    with qtbot.waitSignal(controller.committed, timeout=10_000):
        panel.buttons[Decision.ONE_TIME_NOTICE].click()
