"""出件 to the right person in the case dialog: a stranger's card is refused with the reason shown in the dialog, a
power of attorney imported from a file lets them collect, and the 送达回执 is printed and archived."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from clerk_app.acceptance.collector_check import CollectorNotAuthorised
from clerk_app.domain.applicant import Applicant, CaptureSource, IdDocumentType, NaturalPerson
from tests.unit.acceptance.test_handover import _ready_for_pickup
from tests.unit.acceptance.test_ui import _ready, desk  # noqa: F401 - the fixture

pytestmark = pytest.mark.gui

STRANGER = NaturalPerson("赵六", IdDocumentType.RESIDENT_ID, "110105199003070038", source=CaptureSource.CARD_READER)
SHOTS = Path("/tmp/after-paper")


def _dialog(qtbot, controller, case_number: str):
    controller.open_case(case_number)
    qtbot.waitUntil(lambda: any(d.objectName() == "caseDialog" and d.isVisible() for d in controller._dialogs))
    return next(d for d in controller._dialogs if d.objectName() == "caseDialog" and d.isVisible())


def test_a_stranger_is_refused_then_collects_with_an_imported_authorisation(qtbot, desk, workstation,  # noqa: F811
                                                                           tmp_path) -> None:
    window, controller, spooler = desk
    _ready(qtbot, controller)
    QTest.keyClick(controller.checklist.table, Qt.Key.Key_A)
    with qtbot.waitSignal(controller.committed, timeout=10_000):
        controller.accept_shortcut()
    result = controller.last_result
    _ready_for_pickup(workstation.db, controller.service.rules, result.case_uuid,
                      fee_paid=True)  # 居民身份证补领 charges: 办结前收费 by default
    controller.new_case()
    controller.set_applicant(Applicant(STRANGER))  # the card read at the window is someone else's
    dialog = _dialog(qtbot, controller, result.case_number)
    assert dialog.authorisation.isEnabled()
    QTest.mouseClick(dialog.handover, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.collector_note.text()), timeout=10_000)
    assert CollectorNotAuthorised().user_text() in dialog.collector_note.text()
    assert controller.service.cases.get(result.case_uuid).case.status.value == "ready_for_pickup"
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "handover_refused.png"))

    scan = tmp_path / "委托书.jpg"
    scan.write_bytes(b"\xff\xd8\xff\xe0 a scanned power of attorney")
    controller.attach_authorisation_files(result.case_uuid, [scan], dialog)
    qtbot.waitUntil(lambda: "1" in dialog.collector_note.text() and "c62828" not in dialog.collector_note.text(),
                    timeout=10_000)
    dialog.grab().save(str(SHOTS / "handover_authorised.png"))
    QTest.mouseClick(dialog.handover, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.service.cases.get(result.case_uuid).case.status.value == "handed_over",
                    timeout=10_000)
    qtbot.waitUntil(lambda: any(title.startswith("送达回执") for _, _, title in spooler.jobs), timeout=10_000)
    assert sum(title.startswith("送达回执") for _, _, title in spooler.jobs) == 1
    archived = workstation.db.query(
        "SELECT details FROM case_blobs WHERE case_uuid = ? AND role = 'printed_document'", (result.case_uuid,))
    assert any("delivery_receipt" in r["details"] for r in archived)
    [row] = workstation.db.query("SELECT payload FROM outbox WHERE kind = 'handover'")
    assert '"relation": "authorised"' in row["payload"]
