"""材料流转 at the window, offscreen and in Chinese: Ctrl+R shows the paper at the window per department, the slip is
made and printed from it, the signed slip's barcode scanned with the gun records the receipt (once), and the three
tabs count at the window / in transit / received. A case number scanned still opens the case."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from clerk_app.domain.routing import Custody
from tests.unit.acceptance.test_fee_ui import chinese_errors  # noqa: F401 - the fixture
from tests.unit.acceptance.test_reuse_ui import chinese  # noqa: F401 - the fixture
from tests.unit.acceptance.test_routing import MARRIAGE, TRAINING, _accept
from tests.unit.acceptance.test_ui import desk  # noqa: F401 - the fixture

pytestmark = pytest.mark.gui

SHOTS = Path("/tmp/after-paper")


def _scan(qtbot, controller, number: str, target) -> None:
    """What the gun types into whatever has the focus."""
    controller.barcode._max_gap = 10.0  # noqa: SLF001 - offscreen key delivery speed is not a gun's
    target.activateWindow()
    target.setFocus()
    qtbot.waitUntil(target.hasFocus)
    QTest.keyClicks(target, number)
    QTest.keyClick(target, Qt.Key.Key_Return)


def test_slip_made_printed_and_its_receipt_scanned(qtbot, chinese_errors, desk, workstation) -> None:  # noqa: F811
    window, controller, spooler = desk
    services_cases = controller.service.cases
    services = SimpleNamespace(catalog=controller.catalog, acceptance=controller.service)
    first, second, other = (_accept(services, name) for name in (MARRIAGE, MARRIAGE, TRAINING))
    QTest.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: controller.routing.dialog is not None and controller.routing.dialog.isVisible())
    dialog = controller.routing.dialog
    qtbot.waitUntil(lambda: dialog.tabs.tabText(0) == "在窗口（3）", timeout=10_000)
    dialog.department.setCurrentText("清河区民政局")
    qtbot.waitUntil(lambda: dialog.waiting.rowCount() == 2)
    assert "居民户口簿 原件×1" in dialog.waiting.item(0, 3).text() and "*" in dialog.waiting.item(0, 1).text()
    assert dialog.windowTitle() == "材料流转（按责转办）"
    QTest.mouseClick(dialog.make, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.tabs.tabText(1) == "在途（1）", timeout=10_000)
    assert dialog.tabs.tabText(0) == "在窗口（1）" and "已打印" in dialog.note.text()
    qtbot.waitUntil(lambda: any(t.startswith("材料流转单") for _, _, t in spooler.jobs), timeout=10_000)
    dialog.tabs.setCurrentIndex(1)
    number = dialog.transit.item(0, 0).text()
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "routing_in_transit.png"))

    dialog.close()
    qtbot.waitUntil(lambda: controller.routing.dialog is None)
    # The signed slip comes back: the gun types its number into whatever has the focus; the dialog opens on it
    _scan(qtbot, controller, number, controller.cases.table)
    qtbot.waitUntil(lambda: controller.routing.dialog is not None, timeout=10_000)
    dialog = controller.routing.dialog
    qtbot.waitUntil(lambda: dialog.tabs.tabText(2) == "已签收（1）", timeout=10_000)
    assert "已签收" in dialog.note.text() and dialog.tabs.tabText(1) == "在途（0）"
    controller.barcode.scanned.emit(number)  # scanned again (the gun's burst as the filter emits it): nothing new
    qtbot.waitUntil(lambda: "此前已登记" in dialog.note.text(), timeout=10_000)
    assert workstation.db.query("SELECT count(*) FROM outbox WHERE kind = 'routing_receipt'")[0][0] == 1
    dialog.tabs.setCurrentIndex(2)
    dialog.grab().save(str(SHOTS / "routing_received.png"))

    dialog.close()
    _scan(qtbot, controller, services_cases.get(other).case.case_number, controller.cases.table)  # opens the case
    qtbot.waitUntil(lambda: any(d.objectName() == "caseDialog" and d.isVisible() for d in controller._dialogs))
    assert {line["case_uuid"] for line in controller.routing.desk.slips(Custody.RECEIVED)[0].lines} == {first,
                                                                                                     second}


def test_an_unknown_number_from_the_gun_says_no_such_case(qtbot, chinese_errors, desk) -> None:  # noqa: F811
    from PySide6.QtWidgets import QApplication, QMessageBox

    from clerk_app.acceptance.errors import CaseNotFound

    _, controller, _ = desk
    QTest.keyClick(controller.window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)  # the gun is the slips'
    qtbot.waitUntil(lambda: controller.routing.dialog is not None and controller.routing.dialog.isVisible())
    controller.routing.dialog.close()
    _scan(qtbot, controller, "33030200101202699999999", controller.cases.table)  # neither a slip nor a case

    def box() -> QMessageBox | None:
        return next((w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()), None)

    qtbot.waitUntil(lambda: box() is not None, timeout=10_000)
    shown = box()
    assert shown is not None and shown.text() == CaseNotFound().user_text()
    assert not any(d.objectName() == "caseDialog" for d in controller._dialogs)
    shown.close()
