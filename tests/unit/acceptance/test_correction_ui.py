"""补正 at the window, offscreen: a status pull brings the back office's request; the case list flags the case (and
its filter shows only such cases); the case dialog prints the 补正告知书 and opens the 补齐 dialog's keyboard flow on
exactly the requested materials; recording needs every one of them, commits once, queues one outbox action and
prints the receipt."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from clerk_app.domain.case import Decision
from clerk_app.sync.pulls import pull_case_changes
from offline_cache.sync_store import SyncStore
from tests.unit.acceptance.conftest import applicant
from tests.unit.acceptance.test_followup import DEFERRABLE, _item
from tests.unit.acceptance.test_handover_ui import _dialog
from tests.unit.acceptance.test_reuse_ui import chinese  # noqa: F401 - the fixture
from tests.unit.acceptance.test_ui import _ready, desk  # noqa: F401 - the fixture
from tests.unit.sync.fake_platform import FakePlatform

pytestmark = pytest.mark.gui

SHOTS = Path("/tmp/after-paper")


def _ask_for_correction(workstation, case_uuid: str, codes: list[tuple[str, str]], due: date) -> None:
    """What the status pull does when the back office asks for 补正 (the real pull, a fake platform)."""
    platform = FakePlatform()
    platform.changes = [
        {"seq": 1, "case_uuid": case_uuid, "status": "in_review", "note": "", "at": "t1"},
        {"seq": 2, "case_uuid": case_uuid, "status": "supplement_required", "note": "请补正", "at": "t2",
         "correction": {"request_id": "BZ-UI-1", "due_by": due.isoformat(), "requested_at": "2026-12-02T08:00:00",
                        "items": [{"material_code": code, "name": name, "requirement": "请提交清晰完整的复印件"}
                                  for code, name in codes]}},
    ]
    assert pull_case_changes(workstation.db, platform, SyncStore(workstation.db)) == 2


def _another_case(service):
    session = service.new_session()
    session.set_applicant(applicant())
    session.set_items((_item(),), DEFERRABLE)
    for spec in DEFERRABLE:
        session.mark_received(spec.code)
    return service.commit(session, Decision.ACCEPT)


def _flagged(controller, case_number: str):
    return next((r for r in controller.cases.rows if r.summary.case_number == case_number), None)


def test_correction_is_flagged_noticed_and_received_by_keyboard(qtbot, chinese, desk,  # noqa: F811
                                                                 workstation) -> None:
    window, controller, spooler = desk
    _ready(qtbot, controller)
    QTest.keyClick(controller.checklist.table, Qt.Key.Key_A)
    with qtbot.waitSignal(controller.committed, timeout=10_000):
        controller.accept_shortcut()
    first = controller.last_result
    other = _another_case(controller.service)
    stored = controller.service.cases.get(first.case_uuid)
    asked = [(m.material_code, m.name) for m in stored.case.materials]
    due = date.today() + timedelta(days=7)
    _ask_for_correction(workstation, first.case_uuid, asked, due)

    controller.refresh_cases()
    qtbot.waitUntil(lambda: (row := _flagged(controller, first.case_number)) is not None and row.correction,
                    timeout=10_000)
    panel = controller.cases
    assert "待补正" in panel.correction_filter.text() and "1" in panel.correction_filter.text()
    model = panel.model
    flagged_row = next(i for i in range(model.rowCount()) if model.rows[i].summary.case_number == first.case_number)
    flag = model.data(model.index(flagged_row, 5))
    assert flag.startswith("⚑ 待补正") and due.isoformat() in flag
    assert model.rows[0].summary.case_number == first.case_number  # the window has to act: first
    panel.correction_filter.setChecked(True)
    assert [r.summary.case_number for r in panel.rows] == [first.case_number]
    SHOTS.mkdir(exist_ok=True)
    panel.grab().save(str(SHOTS / "case_list_correction_filter.png"))
    panel.correction_filter.setChecked(False)
    assert other.case_number in [r.summary.case_number for r in panel.rows]
    panel.grab().save(str(SHOTS / "case_list_correction.png"))

    dialog = _dialog(qtbot, controller, first.case_number)
    assert dialog.correction_notice.isEnabled() and dialog.correction.isEnabled()
    QTest.mouseClick(dialog.correction_notice, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(title.startswith("补正告知书") for _, _, title in spooler.jobs), timeout=10_000)
    QTest.mouseClick(dialog.correction, Qt.MouseButton.LeftButton)
    actions = controller.corrections
    qtbot.waitUntil(lambda: actions.dialog is not None and actions.dialog.isVisible(), timeout=10_000)
    receive = actions.dialog
    assert receive.objectName() == "correctionDialog"
    assert receive.table.rowCount() == len(asked)
    assert "请提交清晰完整的复印件" in receive.table.item(0, 0).text()
    table = receive.table
    table.setCurrentCell(0, 0)
    QTest.keyClick(table, Qt.Key.Key_Space)
    assert not receive.commit_button.isEnabled()  # the notice asked for all of them
    for row in range(1, len(asked)):
        table.setCurrentCell(row, 0)
        QTest.keyClick(table, Qt.Key.Key_O)
    assert receive.commit_button.isEnabled()
    receive.grab().save(str(SHOTS / "correction_dialog.png"))
    QTest.keyClick(table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # a second press: nothing more
    qtbot.waitUntil(lambda: receive.committed, timeout=10_000)
    qtbot.waitUntil(lambda: any(title.startswith("补正材料接收回执") for _, _, title in spooler.jobs), timeout=10_000)
    assert workstation.db.query("SELECT count(*) FROM outbox WHERE kind = 'correction'")[0][0] == 1
    assert controller.service.cases.get(first.case_uuid).case.status.value == "in_review"
    receive.grab().save(str(SHOTS / "correction_dialog_done.png"))
    controller.refresh_cases()
    qtbot.waitUntil(lambda: "（0）" in panel.correction_filter.text(), timeout=10_000)
    row = _flagged(controller, first.case_number)
    assert row is None or not row.correction
