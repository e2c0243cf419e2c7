"""A newcomer's first acceptance in training mode with no print service: the papers open in the preview, are saved
as PDF files, and the status bar says where (not "the print service is not running")."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.unit.acceptance.conftest import applicant
from tests.unit.acceptance.test_ui import REPLACEMENT
from tests.unit.printing.test_training_papers import DeadSpooler
from ui.acceptance.wiring import wire_acceptance
from ui.main_window import MainWindow
from ui.tasks import TaskRunner

pytestmark = pytest.mark.gui


def test_training_acceptance_without_print_service_opens_the_preview(qtbot, workstation, tmp_path) -> None:
    from clerk_app.services import DeviceHooks, build_services

    services = build_services(workstation, DeviceHooks(spooler=DeadSpooler()))
    services.catalog.ensure_training_catalog()
    window = MainWindow(training=True)
    qtbot.addWidget(window)
    tasks = TaskRunner()
    try:
        controller = wire_acceptance(window, services, tasks)
        window.show()
        controller.set_applicant(applicant())
        controller.choose_item(REPLACEMENT)
        qtbot.waitUntil(lambda: controller.checklist.table.rowCount() == 2)
        controller.checklist.table.setFocus()
        QTest.keyClick(controller.checklist.table, Qt.Key.Key_A)  # all received
        with qtbot.waitSignal(controller.printed, timeout=20_000) as printed:
            controller.accept_shortcut()
        outcomes = printed.args[0]
        assert outcomes and all(Path(o.saved_to).is_file() for o in outcomes)
        qtbot.waitUntil(lambda: any(d.objectName() == "trainingPrintPreview" and d.isVisible()
                                    for d in controller._dialogs))  # noqa: SLF001
        message = window.statusBar().currentMessage()
        assert str(Path(outcomes[0].saved_to).parent) in message
        preview = next(d for d in controller._dialogs if d.objectName() == "trainingPrintPreview")  # noqa: SLF001
        qtbot.wait(1500)  # the PDF view renders pages asynchronously
        preview.grab().save(str(tmp_path / "training_preview.png"))
        window.grab().save(str(tmp_path / "training_window.png"))
    finally:
        tasks.shutdown()
