"""缴费通知书 from the case dialog, offscreen and in Chinese: the notice is issued once and printed, the dialog says
the amount and the payment code; 出件 is refused with the 办结前收费 reason while unpaid, and goes through once the
payment pull has confirmed it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from clerk_app.sync.pulls import pull_payments
from offline_cache.sync_store import SyncStore
from tests.unit.acceptance.conftest import applicant
from tests.unit.acceptance.test_handover import _ready_for_pickup
from tests.unit.acceptance.test_handover_ui import _dialog
from tests.unit.acceptance.test_reuse_ui import chinese  # noqa: F401 - the fixture
from tests.unit.acceptance.test_ui import _ready, desk  # noqa: F401 - the fixture
from tests.unit.sync.fake_platform import FakePlatform

pytestmark = pytest.mark.gui

SHOTS = Path("/tmp/after-paper")


@pytest.fixture
def chinese_errors(chinese):  # noqa: F811
    """What main.py does: Qt-free error texts translated through Qt as well."""
    from PySide6.QtCore import QCoreApplication

    from clerk_app import i18n

    i18n.install_translator(QCoreApplication.translate)
    yield
    i18n.install_translator(i18n._identity)  # noqa: SLF001 - restore the default for the other tests


def test_fee_notice_holds_the_handover_until_paid(qtbot, chinese_errors, desk, workstation) -> None:  # noqa: F811
    window, controller, spooler = desk
    _ready(qtbot, controller)
    QTest.keyClick(controller.checklist.table, Qt.Key.Key_A)
    with qtbot.waitSignal(controller.committed, timeout=10_000):
        controller.accept_shortcut()
    result = controller.last_result
    _ready_for_pickup(workstation.db, controller.service.rules, result.case_uuid)
    controller.new_case()
    controller.set_applicant(applicant())  # the applicant collects
    dialog = _dialog(qtbot, controller, result.case_number)
    assert dialog.fee_notice.isEnabled()
    QTest.mouseClick(dialog.fee_notice, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "缴款码" in dialog.collector_note.text(), timeout=10_000)
    [notice] = controller.fees.notices(result.case_uuid)
    assert notice.payment_code in dialog.collector_note.text() and "40.00" in dialog.collector_note.text()
    qtbot.waitUntil(lambda: any(title.startswith("缴费通知书") for _, _, title in spooler.jobs), timeout=10_000)
    QTest.mouseClick(dialog.fee_notice, Qt.MouseButton.LeftButton)  # the same notice again (补打), not a second one
    qtbot.waitUntil(lambda: sum(t.startswith("缴费通知书") for _, _, t in spooler.jobs) == 2, timeout=10_000)
    assert len(controller.fees.notices(result.case_uuid)) == 1
    assert workstation.db.query("SELECT count(*) FROM outbox WHERE kind = 'fee_notice'")[0][0] == 1

    QTest.mouseClick(dialog.handover, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "办结前收费：应缴费用 40.00 元尚未缴纳" in dialog.collector_note.text(), timeout=10_000)
    assert "c62828" in dialog.collector_note.text()  # shown as a refusal
    assert controller.service.cases.get(result.case_uuid).case.status.value == "ready_for_pickup"
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "handover_held_by_fee.png"))

    platform = FakePlatform()
    platform.payments = [{"seq": 1, "notice_uuid": notice.notice_uuid, "payment_code": notice.payment_code,
                          "status": "paid", "paid_at": "2026-12-02T09:00:00+08:00", "voucher": "PZ0001"}]
    assert pull_payments(workstation.db, platform, SyncStore(workstation.db)) == 1
    QTest.mouseClick(dialog.handover, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.service.cases.get(result.case_uuid).case.status.value == "handed_over",
                    timeout=10_000)
