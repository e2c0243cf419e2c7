"""``wire_acceptance``: the acceptance panels into their areas, their shortcuts, and the links to the applicant and
catalog panels (found in their areas by the signals they expose, so this runs after their wiring)."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from clerk_app.acceptance.documents import DocumentDesk, Letterhead
from clerk_app.acceptance.factory import acceptance_service, bind_to_clerk, handover_desk, supplement_desk
from clerk_app.print_service import print_service
from ui.acceptance.barcode import BarcodeWedgeFilter
from ui.acceptance.case_list import CaseListPanel
from ui.acceptance.checklist_panel import MaterialChecklistPanel
from ui.acceptance.controller import AcceptanceController
from ui.acceptance.decision_panel import DecisionPanel
from ui.acceptance.followup import FollowUpActions
from ui.main_window import MainWindow
from ui.tasks import TaskRunner

log = logging.getLogger("onewindow.ui.acceptance")

ITEM_SIGNALS = ("item_chosen", "item_selected")


def _panel_with(window: MainWindow, area: str, names: tuple[str, ...]) -> tuple[Any, str] | None:
    for widget in window.areas[area].findChildren(QWidget):
        for name in names:
            if hasattr(widget, name):
                return widget, name
    return None


def _department_of(catalog: Any) -> Any:
    if catalog is None:
        return None
    return lambda code: catalog.get_item(code).department


def _link_panels(window: MainWindow, controller: AcceptanceController) -> tuple[Any, str] | None:
    applicant = _panel_with(window, "applicant", ("applicant_changed",))
    if applicant is not None:
        panel, _ = applicant
        panel.applicant_changed.connect(controller.set_applicant)
        current = getattr(panel, "current_applicant", None)
        if callable(current) and current() is not None:
            controller.set_applicant(current())
    else:
        log.warning("no applicant panel to follow")
    item = _panel_with(window, "item", ITEM_SIGNALS)
    if item is not None:
        panel, name = item
        getattr(panel, name).connect(controller.choose_item)
    else:
        log.warning("no item panel to follow")
    return applicant


def wire_acceptance(window: MainWindow, workstation: Any, tasks: TaskRunner) -> AcceptanceController:
    config = workstation.config
    service = acceptance_service(workstation)
    catalog = workstation.services.get("catalog")
    letterhead = Letterhead.from_config(config, service.clerk_id)
    desk = DocumentDesk(service.cases, print_service(workstation), letterhead, clerk_id=service.clerk_id,
                        thermal_receipt=config.get("acceptance.thermal_receipt"),
                        department_of=_department_of(catalog),
                        item_of=catalog.get_item if catalog is not None else None)
    bind_to_clerk(workstation, desk)
    checklist = MaterialChecklistPanel()
    decision = DecisionPanel()
    cases = CaseListPanel()
    window.install_area("materials", checklist)
    window.install_area("decision", decision)
    window.install_area("cases", cases)
    controller = AcceptanceController(
        window, tasks, service, desk, catalog, checklist, decision, cases,
        auto_print=config.get("acceptance.auto_print"), supply_days=config.get("acceptance.default_supply_days"),
        scanner=workstation.services.get("scanner"), handover=handover_desk(workstation),
    )
    controller.followups = FollowUpActions(controller, supplement_desk(workstation))

    applicant = _link_panels(window, controller)

    def new_case() -> None:
        controller.new_case()
        if applicant is not None and hasattr(applicant[0], "clear"):
            applicant[0].clear()

    def accept() -> None:
        if decision.rejection.isVisible():
            if decision.rejection.confirm.isEnabled():
                decision.rejection.confirm.click()
            return
        controller.accept_shortcut()

    shortcuts = window.shortcuts
    shortcuts.bind("new_case", new_case)
    shortcuts.bind("materials", checklist.focus_table)
    shortcuts.bind("decide", decision.focus_first_enabled)
    shortcuts.bind("accept", accept)
    shortcuts.bind("print", controller.print_current)
    shortcuts.bind("find_case", controller.ask_case_number)
    shortcuts.bind("case_list", lambda: cases.table.setFocus(Qt.FocusReason.ShortcutFocusReason))

    app = QApplication.instance()
    gun = BarcodeWedgeFilter(controller)
    gun.scanned.connect(controller.open_case)
    if app is not None:
        app.installEventFilter(gun)
    controller.barcode = gun  # type: ignore[attr-defined]
    controller.refresh_cases()
    return controller
