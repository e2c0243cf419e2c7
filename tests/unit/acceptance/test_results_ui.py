"""打印结果/证照 in the case dialog and the 打印机校准 dialog, offscreen: the button is offered once the back office
decided (with the e-licence shown), prints the decision and the certificate off the GUI thread; the calibration
dialog turns the measured crosses into the correction, previews the check page, saves it per printer and prints
the calibration page."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from clerk_app.services import DeviceHooks, build_services
from printing.stock import Calibration
from tests.unit.acceptance.test_results import EID, _case, _decide
from tests.unit.printing.helpers import RecordingSpooler
from ui.acceptance.wiring import wire_acceptance
from ui.calibration_dialog import CalibrationDialog
from ui.main_window import MainWindow
from ui.results_wiring import wire_results
from ui.tasks import TaskRunner

pytestmark = pytest.mark.gui
SHOTS = Path("/tmp/results-paper")


@pytest.fixture
def desk(qtbot, workstation):
    spooler = RecordingSpooler(known=["A4-Laser", "Stock-Printer"])
    services = build_services(workstation, DeviceHooks(spooler=spooler))
    services.catalog.ensure_training_catalog()
    window = MainWindow(training=True)
    qtbot.addWidget(window)
    tasks = TaskRunner()
    controller = wire_acceptance(window, services, tasks)
    wire_results(window, services, tasks, controller)
    window.show()
    yield window, controller, services, spooler, tasks
    tasks.shutdown()
    services.close()


def test_the_case_dialog_prints_the_result_and_the_certificate(qtbot, desk):
    window, controller, services, spooler, _ = desk
    case_uuid, _ = _case(services, "有限责任公司设立登记")
    _decide(services, case_uuid, "approved", decision={"decision_number": "清河审批〔2026〕8号"},
            elicence={"identifier": EID, "licence_kind": "营业执照", "licence_number": "91511602MA6XXXXX1K"})
    number = services.cases.get(case_uuid).case.case_number
    controller.open_case(number)
    qtbot.waitUntil(lambda: any(d.objectName() == "caseDialog" and d.isVisible() for d in controller._dialogs))
    dialog = next(d for d in controller._dialogs if d.objectName() == "caseDialog")
    qtbot.waitUntil(dialog.result_button.isEnabled, timeout=10_000)
    assert EID in dialog.result_note.text() and "营业执照（副本）" in dialog.result_note.text()
    assert "result received from the back office" in dialog.body.text()
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "case_dialog_result.png"))
    QTest.mouseClick(dialog.result_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(spooler.jobs) == 2, timeout=15_000)
    assert [title.split("-")[0] for _, _, title in spooler.jobs] == ["准予行政许可决定书", "营业执照（副本）"]
    assert spooler.media[1] == "Custom.297x210mm"


def test_an_undecided_case_offers_nothing(qtbot, desk):
    _, controller, services, _, _ = desk
    case_uuid, _ = _case(services, "有限责任公司设立登记")
    controller.open_case(services.cases.get(case_uuid).case.case_number)
    qtbot.waitUntil(lambda: any(d.objectName() == "caseDialog" and d.isVisible() for d in controller._dialogs))
    dialog = next(d for d in controller._dialogs if d.objectName() == "caseDialog")
    qtbot.waitUntil(lambda: bool(dialog.result_button.toolTip()), timeout=10_000)
    assert not dialog.result_button.isEnabled()


def test_the_calibration_dialog_computes_previews_saves_and_prints(qtbot, desk):
    window, _, services, spooler, tasks = desk
    dialog = CalibrationDialog(window, services.calibration, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.printer.count() > 0 and bool(dialog.current.text()), timeout=10_000)
    assert dialog.printer.currentText() == "A4-Laser"
    dialog.a_x.setValue(21.5)  # cross A came out 1.5 mm right and 2 mm high
    dialog.a_y.setValue(18.0)
    assert dialog.calibration() == Calibration(-1.5, 2.0)
    qtbot.waitUntil(lambda: dialog.preview_pages == 1 and not dialog.view.pixmap().isNull(), timeout=10_000)
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: services.calibration.current("A4-Laser") == Calibration(-1.5, 2.0), timeout=10_000)
    assert services.calibration.current("Stock-Printer") == Calibration()  # per printer
    QTest.mouseClick(dialog.print_page, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(spooler.jobs) == 1, timeout=10_000)
    assert spooler.jobs[0][0] == "A4-Laser" and spooler.jobs[0][2] == "打印机校准页"
    [row] = services.workstation.db.query("SELECT details FROM audit_log WHERE kind = 'printer_calibrated'")
    assert '"after": [-1.5, 2.0, 1.0]' in row[0]
    dialog.grab().save(str(SHOTS / "calibration_dialog.png"))


def test_an_implausible_calibration_mark_is_refused_in_the_clerks_words(qtbot, desk):
    window, _, services, _, tasks = desk
    dialog = CalibrationDialog(window, services.calibration, tasks)
    qtbot.addWidget(dialog)
    dialog.a_x.setValue(21.5)
    kept = dialog.calibration()
    dialog.a_x.setValue(50.0)  # 30 mm off: a misread ruler, not a printer
    note = dialog.note.text()
    assert "#c62828" in note and "measure the crosses again" in note and "±25 mm" in note
    assert dialog.calibration() == kept  # the last plausible correction stays
