"""``wire_results``: 打印结果/证照 in the case dialog (``ResultActions``) and the 打印机校准 entry of the toolbar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolBar, QWidget

from clerk_app.services import Services
from ui.acceptance.result_actions import ResultActions
from ui.acceptance.result_actions import tr_results as tr
from ui.calibration_dialog import CalibrationDialog
from ui.tasks import TaskRunner


def wire_results(window: QWidget, services: Services, tasks: TaskRunner, acceptance: object) -> QToolBar:
    if acceptance is not None:
        acceptance.results = ResultActions(acceptance, services.results)  # type: ignore[attr-defined]
    bar = QToolBar(tr("Printer calibration"), window)
    bar.setObjectName("calibrationToolbar")
    bar.setMovable(False)
    action = QAction(tr("Printer calibration"), bar)
    action.setObjectName("openCalibration")
    action.setToolTip(tr("Set the x/y offset of certificates printed on pre-printed stock, per printer"))

    def open_dialog() -> None:
        # Owned by the window; deleted when it closes, not only hidden for the rest of the day (issue 11). What it
        # asked for off the GUI thread (printers, previews, a save, a print) and arrives later is dropped with it.
        dialog = CalibrationDialog(window, services.calibration, tasks)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    action.triggered.connect(open_dialog)
    bar.addAction(action)
    add = getattr(window, "addToolBar", None)
    if callable(add):
        add(Qt.ToolBarArea.TopToolBarArea, bar)
    return bar
