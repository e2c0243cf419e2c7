"""The 补齐 dialog by keyboard (no scanner): what the clerk marks is what the draft gets; overdue dates in red."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from clerk_app.domain.case import MaterialState
from tests.unit.acceptance.test_followup import _deficient_case
from ui.acceptance.supplement_dialog import RED, SupplementDialog


def test_keyboard_marks_and_commit_enabling(qtbot, services) -> None:
    case_uuid = _deficient_case(services)
    service = services.acceptance
    stored = service.cases.get(case_uuid)
    deferred = [m for m in stored.case.materials if m.state is MaterialState.DEFERRED]
    late_day = deferred[0].supply_by + timedelta(days=1)
    dialog = SupplementDialog(None, stored, deferred, late_day)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    assert dialog.table.item(0, 1).foreground().color().name() == RED
    assert not dialog.commit_button.isEnabled() and not dialog.import_button.isEnabled()
    table = dialog.table
    table.setCurrentCell(0, 0)
    QTest.keyClick(table, Qt.Key.Key_Space)  # received, one copy
    table.setCurrentCell(1, 0)
    QTest.keyClick(table, Qt.Key.Key_O)  # original checked → received
    QTest.keyClick(table, Qt.Key.Key_Plus)
    QTest.keyClick(table, Qt.Key.Key_Plus)
    QTest.keyClick(table, Qt.Key.Key_Minus)
    assert dialog.commit_button.isEnabled()
    supplied = {m.material_code: m for m in dialog.supplied()}
    assert set(supplied) == {"D1", "D2"}
    assert supplied["D1"].copies_received == 1 and not supplied["D1"].original_verified
    assert supplied["D2"].original_verified and supplied["D2"].copies_received == 1
    QTest.keyClick(table, Qt.Key.Key_Space)  # D2 no longer received
    assert {m.material_code for m in dialog.supplied()} == {"D1"}
    with qtbot.waitSignal(dialog.commit_requested):
        QTest.keyClick(table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    dialog.set_done("done")
    assert dialog.reprint_button.isVisibleTo(dialog) and not dialog.commit_button.isEnabled()
    QTest.keyClick(table, Qt.Key.Key_Space)  # a committed supplement is frozen
    assert {m.material_code for m in dialog.supplied()} == {"D1"}


def test_nothing_overdue_before_the_date(qtbot, services) -> None:
    case_uuid = _deficient_case(services)
    stored = services.acceptance.cases.get(case_uuid)
    deferred = [m for m in stored.case.materials if m.state is MaterialState.DEFERRED]
    dialog = SupplementDialog(None, stored, deferred, deferred[0].supply_by)
    qtbot.addWidget(dialog)
    assert dialog.table.item(0, 1).foreground().color().name() != RED
