"""The acceptance panels driven offscreen through their real widgets (keyboard first)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from clerk_app.domain.case import Decision, MaterialState
from clerk_app.services import DeviceHooks, build_services
from tests.unit.acceptance.conftest import applicant
from tests.unit.acceptance.test_documents import RecordingSpooler
from ui.acceptance.controller import AcceptanceController
from ui.acceptance.wiring import wire_acceptance
from ui.main_window import MainWindow
from ui.tasks import TaskRunner

pytestmark = pytest.mark.gui

REPLACEMENT = "51160201000300-511602000000-000-11511602MB10100010-1-00"  # 居民身份证补领: hukou + photo (容缺)


@pytest.fixture
def desk(qtbot, workstation):
    spooler = RecordingSpooler()
    services = build_services(workstation, DeviceHooks(spooler=spooler))
    services.catalog.ensure_training_catalog()
    window = MainWindow(training=True)
    qtbot.addWidget(window)
    tasks = TaskRunner()
    controller = wire_acceptance(window, services, tasks)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    yield window, controller, spooler
    tasks.shutdown()
    services.close()


def _ready(qtbot, controller: AcceptanceController) -> None:
    controller.set_applicant(applicant())
    controller.choose_item(REPLACEMENT)
    qtbot.waitUntil(lambda: controller.checklist.table.rowCount() == 2)


def test_buttons_follow_the_rules(qtbot, desk) -> None:
    window, controller, _ = desk
    panel = controller.decision
    assert not any(panel.is_enabled(d) for d in Decision)  # nothing chosen yet
    _ready(qtbot, controller)
    assert controller.checklist.table.hasFocus() or controller.checklist.table.currentRow() == 0
    assert panel.is_enabled(Decision.ONE_TIME_NOTICE) and panel.is_enabled(Decision.REJECT)
    assert not panel.is_enabled(Decision.ACCEPT)
    QTest.keyClick(controller.checklist.table, Qt.Key.Key_Space)  # first row received
    assert controller.session.record(controller.session.checklist[0].code).state is MaterialState.RECEIVED
    QTest.keyClick(controller.checklist.table, Qt.Key.Key_A)  # the rest
    assert panel.is_enabled(Decision.ACCEPT) and not panel.is_enabled(Decision.ONE_TIME_NOTICE)
    QTest.keyClick(controller.checklist.table, Qt.Key.Key_Down)
    QTest.keyClick(controller.checklist.table, Qt.Key.Key_N)
    assert not panel.is_enabled(Decision.ACCEPT)
    issues = controller.session.evaluate(controller.service.today()).issues
    assert [i.code for i in issues] == [controller.session.checklist[1].code]


def test_accept_by_keyboard_commits_once_and_prints(qtbot, desk, workstation) -> None:
    window, controller, spooler = desk
    _ready(qtbot, controller)
    QTest.keyClick(controller.checklist.table, Qt.Key.Key_A)
    button = controller.decision.buttons[Decision.ACCEPT]
    with qtbot.waitSignal(controller.committed, timeout=10_000):
        QTest.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert not button.isEnabled()  # disabled from the keystroke until the commit returns
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)  # a second click while committing does nothing
        QTest.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(spooler.jobs) == 2, timeout=10_000)
    assert workstation.db.query("SELECT count(*) FROM cases")[0][0] == 1
    assert workstation.db.query("SELECT count(*) FROM outbox")[0][0] == 1
    assert controller.last_result.case_number in controller.decision.result.text()
    assert not button.isEnabled()  # the case is decided; Ctrl+N starts the next
    qtbot.waitUntil(lambda: controller.cases.model.rowCount() == 1)


def test_rejection_form_needs_all_fields(qtbot, desk, workstation) -> None:
    window, controller, _ = desk
    _ready(qtbot, controller)
    QTest.mouseClick(controller.decision.buttons[Decision.REJECT], Qt.MouseButton.LeftButton)
    form = controller.decision.rejection
    assert form.isVisible() and not form.confirm.isEnabled()
    form.reason.insertPlainText("不属于本机关职权范围")  # Chinese arrives through the input method, not keys
    assert not form.confirm.isEnabled()
    form.where.insert("市自然资源局")
    assert form.confirm.isEnabled()
    with qtbot.waitSignal(controller.committed, timeout=10_000):
        QTest.keyClick(form.where, Qt.Key.Key_Return)
    stored = controller.service.cases.get(controller.last_result.case_uuid)
    assert stored.details["decision_details"]["rejection"]["where_to_apply"] == "市自然资源局"


def test_new_case_after_commit_gets_a_new_uuid(qtbot, desk) -> None:
    window, controller, _ = desk
    _ready(qtbot, controller)
    QTest.keyClick(controller.checklist.table, Qt.Key.Key_A)
    with qtbot.waitSignal(controller.committed, timeout=10_000):
        controller.accept_shortcut()
    first = controller.session.case_uuid
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert controller.session.case_uuid != first and not controller.session.committed
    assert controller.checklist.table.rowCount() == 0


def test_barcode_gun_opens_the_case_from_anywhere(qtbot, desk) -> None:
    window, controller, _ = desk
    _ready(qtbot, controller)
    QTest.keyClick(controller.checklist.table, Qt.Key.Key_A)
    with qtbot.waitSignal(controller.committed, timeout=10_000):
        controller.accept_shortcut()
    number = controller.last_result.case_number
    controller.barcode._max_gap = 10.0  # noqa: SLF001 - offscreen key delivery speed is not a gun's
    target = controller.decision.rejection.where
    controller.decision.rejection.setEnabled(True)
    controller.decision.rejection.show()
    target.setFocus()
    qtbot.waitUntil(target.hasFocus)
    QTest.keyClicks(target, number)
    QTest.keyClick(target, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(d.objectName() == "caseDialog" and d.isVisible() for d in controller._dialogs))
    assert target.text() == ""  # the scanned digits did not stay in the field


@pytest.fixture
def desk_with_scanner(qtbot, workstation):
    services = build_services(workstation, DeviceHooks(spooler=RecordingSpooler()))
    services.catalog.ensure_training_catalog()
    window = MainWindow(training=True)
    qtbot.addWidget(window)
    tasks = TaskRunner()
    controller = wire_acceptance(window, services, tasks)
    window.show()
    yield window, controller
    tasks.shutdown()
    services.close()


def test_pages_from_the_strip_are_committed_with_material_pdfs(qtbot, desk_with_scanner, workstation,
                                                               tmp_path) -> None:
    from PIL import Image

    window, controller = desk_with_scanner
    _ready(qtbot, controller)
    code = controller.session.checklist[0].code
    controller.checklist.table.setCurrentCell(0, 0)
    strip = controller.strips.strip_for(code, "x")
    assert controller.checklist.pages_host.isVisible() and controller.checklist.pages_host.currentWidget() is strip
    scan = tmp_path / "page.png"
    Image.new("RGB", (400, 560), "white").save(scan)
    strip.import_paths([scan])
    qtbot.waitUntil(lambda: len(controller.session.record(code).page_blob_ids) == 1, timeout=20_000)
    assert "1 ·" in controller.checklist.table.item(0, 5).text()  # pages count and size shown in the row
    QTest.keyClick(controller.checklist.table, Qt.Key.Key_A)
    with qtbot.waitSignal(controller.committed, timeout=20_000):
        controller.accept_shortcut()
    roles = workstation.db.query("SELECT role, material_code FROM case_blobs WHERE role IN ('page', 'material_pdf')"
                                 " ORDER BY role")
    assert [(r["role"], r["material_code"]) for r in roles] == [("material_pdf", code), ("page", code)]
    stored = controller.service.cases.get(controller.last_result.case_uuid)
    assert len(stored.case.materials[0].page_blob_ids) == 1


def test_handover_from_the_case_dialog_uses_the_card_on_the_panel(qtbot, desk, workstation) -> None:
    from tests.unit.acceptance.test_handover import _ready_for_pickup

    window, controller, _ = desk
    _ready(qtbot, controller)
    QTest.keyClick(controller.checklist.table, Qt.Key.Key_A)
    with qtbot.waitSignal(controller.committed, timeout=10_000):
        controller.accept_shortcut()
    result = controller.last_result
    _ready_for_pickup(workstation.db, controller.service.rules, result.case_uuid,
                      fee_paid=True)  # 居民身份证补领 charges: 办结前收费 by default
    controller.new_case()
    controller.set_applicant(applicant())  # the collector's card, read at the window
    controller.open_case(result.case_number)
    qtbot.waitUntil(lambda: any(d.objectName() == "caseDialog" and d.isVisible() for d in controller._dialogs))
    dialog = next(d for d in controller._dialogs if d.objectName() == "caseDialog")
    assert dialog.handover.isEnabled()
    QTest.mouseClick(dialog.handover, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.service.cases.get(result.case_uuid).case.status.value == "handed_over")
    assert workstation.db.query("SELECT count(*) FROM outbox WHERE kind = 'handover'")[0][0] == 1


def test_case_list_puts_overdue_cases_first_in_red(qtbot, desk, workstation) -> None:
    from datetime import timedelta

    from clerk_app.acceptance.service import local_now

    window, controller, _ = desk
    controller.auto_print = False
    service = controller.service
    now = local_now()
    for days_ago in (40, 0):
        service._clock = lambda d=days_ago: now - timedelta(days=d)  # noqa: SLF001
        controller.new_case()
        _ready(qtbot, controller)
        QTest.keyClick(controller.checklist.table, Qt.Key.Key_A)
        with qtbot.waitSignal(controller.committed, timeout=10_000):
            controller.accept_shortcut()
    service._clock = local_now  # noqa: SLF001
    controller.refresh_cases()
    # the refresh after the first commit may still deliver first: wait for the rows of both cases
    qtbot.waitUntil(lambda: len(controller.cases.rows) == 2, timeout=10_000)
    rows = controller.cases.rows
    assert len(rows) == 2 and rows[0].level == "red"  # the overdue case from 40 days ago comes first
    assert rows[1].level != "red"
    assert rows[0].summary.created_at[:10] == (now - timedelta(days=40)).date().isoformat()
    model = controller.cases.model
    colour = model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole).color().name()
    assert colour == "#ef9a9a"


def test_preview_shows_the_pdfs_and_ctrl_p_reprints(qtbot, desk, workstation) -> None:
    from ui.acceptance.preview import PdfPreviewDialog

    window, controller, spooler = desk
    controller.auto_print = False
    _ready(qtbot, controller)
    QTest.keyClick(controller.checklist.table, Qt.Key.Key_A)
    with qtbot.waitSignal(controller.committed, timeout=10_000):
        controller.accept_shortcut()
    QTest.mouseClick(controller.decision.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(isinstance(d, PdfPreviewDialog) and d.isVisible() for d in controller._dialogs))
    preview = next(d for d in controller._dialogs if isinstance(d, PdfPreviewDialog))
    assert preview.tabs.count() == 2 and all(n >= 1 for n in preview.page_counts())
    preview.close()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window and QApplication.focusWidget() is not None)
    with qtbot.waitSignal(controller.printed, timeout=10_000):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(controller.printed, timeout=10_000) as second:
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert [o.archived.reprint for o in second.args[0]] == [True, True]  # the second print is 补打
    assert len(spooler.jobs) == 4


def test_a_card_read_during_the_commit_goes_to_the_next_case(qtbot, desk) -> None:
    from clerk_app.domain.applicant import Applicant, CaptureSource, IdDocumentType, NaturalPerson

    window, controller, _ = desk
    controller.auto_print = False
    _ready(qtbot, controller)
    QTest.keyClick(controller.checklist.table, Qt.Key.Key_A)
    other = Applicant(NaturalPerson("李四", IdDocumentType.RESIDENT_ID, "110105194912310021",
                                    source=CaptureSource.SIMULATED))
    first = controller.session
    with qtbot.waitSignal(controller.committed, timeout=10_000) as done:
        controller.accept_shortcut()
        controller.set_applicant(other)  # arrives while the commit runs
    stored = controller.service.cases.get(done.args[0].case_uuid)
    assert stored.case.applicant == applicant()
    assert controller.session is not first and controller.session.applicant == other


def test_ctrl_f_finds_the_case_by_the_applicants_id_number(qtbot, desk, monkeypatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    from tests.unit.acceptance.conftest import ID_NUMBER

    window, controller, _ = desk
    controller.auto_print = False
    _ready(qtbot, controller)
    QTest.keyClick(controller.checklist.table, Qt.Key.Key_A)
    with qtbot.waitSignal(controller.committed, timeout=10_000):
        controller.accept_shortcut()
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: (ID_NUMBER.lower(), True))
    QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: any(d.objectName() == "caseDialog" and d.isVisible() for d in controller._dialogs))
    dialog = next(d for d in controller._dialogs if d.objectName() == "caseDialog")
    assert controller.last_result.case_number in dialog.body.text()
    assert ID_NUMBER not in dialog.body.text()  # masked on screen where the full number is not needed


def test_original_checked_is_one_flag_for_checklist_and_strip(qtbot, desk_with_scanner) -> None:
    window, controller = desk_with_scanner
    _ready(qtbot, controller)
    code = controller.session.checklist[0].code
    controller.checklist.table.setCurrentCell(0, 0)
    strip = controller.strips.strip_for(code, "x")
    QTest.keyClick(controller.checklist.table, Qt.Key.Key_O)  # checked in the checklist …
    assert controller.session.record(code).original_verified and strip.model.original_verified
    strip.set_original_verified(False)  # … and unchecked on the strip
    assert not controller.session.record(code).original_verified
    assert controller.checklist.table.item(0, 3).text() == ""


def test_case_concluded_on_the_spot_shows_no_warning_in_list_or_dialog(qtbot, desk) -> None:
    """电子监察 from the state: a 即办件 concluded at the window ends today but is not 'due soon'."""
    from clerk_app.domain.catalog import HandlingType
    from tests.unit.acceptance.test_commit import _session

    window, controller, _ = desk
    service = controller.service
    done = service.commit(_session(service, handling=HandlingType.IMMEDIATE), Decision.ACCEPT)
    running = service.commit(_session(service), Decision.ACCEPT)  # 承诺件: its clock runs
    controller.refresh_cases()

    def both_listed() -> bool:  # a refresh started before the commits may deliver first: wait for this one's rows
        shown = {r.summary.case_number for r in controller.cases.rows}
        return {done.case_number, running.case_number} <= shown

    qtbot.waitUntil(both_listed, timeout=10_000)
    levels = {r.summary.case_number: r.level for r in controller.cases.rows}
    assert levels[done.case_number] == "none"
    assert levels[running.case_number] in ("normal", "yellow")
    controller.open_case(done.case_number)
    qtbot.waitUntil(lambda: any(d.objectName() == "caseDialog" and d.isVisible() for d in controller._dialogs))
    dialog = next(d for d in controller._dialogs if d.objectName() == "caseDialog")
    text = dialog.body.text()
    assert controller.cases.level_text("yellow") not in text
    assert "Legal deadline" in text or "法定办结时限" in text
