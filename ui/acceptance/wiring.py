"""``wire_acceptance``: the acceptance panels into their areas, their shortcuts, and the links to the applicant and
catalog panels (handed in by ``ui.wiring.wire_features`` from what their own ``wire_*`` returned)."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt

from clerk_app.services import Services
from ui.acceptance.case_list import CaseListPanel
from ui.acceptance.checklist_panel import MaterialChecklistPanel
from ui.acceptance.controller import AcceptanceController
from ui.acceptance.decision_panel import DecisionPanel
from ui.acceptance.routing_dialog import RoutingActions
from ui.applicant_panel import ApplicantPanel
from ui.catalog_panel import CatalogPanel
from ui.input_filter import app_input
from ui.main_window import MainWindow
from ui.pages_widget import PageStripRegistry
from ui.tasks import TaskRunner

log = logging.getLogger("onewindow.ui.acceptance")


def wire_acceptance(window: MainWindow, services: Services, tasks: TaskRunner, *,
                    applicant: ApplicantPanel | None = None, catalog: CatalogPanel | None = None,
                    strips: PageStripRegistry | None = None) -> AcceptanceController:
    """``applicant`` and ``catalog`` are the panels the controller follows (None: not on this window)."""
    config = services.config
    checklist = MaterialChecklistPanel()
    decision = DecisionPanel()
    cases = CaseListPanel()
    window.install_area("materials", checklist)
    window.install_area("decision", decision)
    window.install_area("cases", cases)
    controller = AcceptanceController(
        window, tasks, services.acceptance, services.documents, services.catalog, checklist, decision, cases,
        auto_print=config.get("acceptance.auto_print"), supply_days=config.get("acceptance.default_supply_days"),
        scanner=services.scanning, handover=services.handover, supplements=services.supplements,
        registry=strips, corrections=services.corrections, fees=services.fees,
        clerk_session=services.clerk_session, voids=services.voids, deliveries=services.deliveries,
    )
    if controller.fee_hold is not None and services.sync.configured:
        sync = services.sync

        def payment_check() -> bool:  # 查询缴费: one pass sends the queued order and pulls the payments
            return sync.run_once().online is not False

        controller.fee_hold.payment_check = payment_check
    if applicant is not None:
        applicant.applicant_changed.connect(controller.set_applicant)
        current = applicant.current_applicant()
        if current is not None:
            controller.set_applicant(current)
        if controller.drafts is not None:  # 交班: the next clerk sees nothing of the last citizen, not even masked
            controller.drafts.shift_ended.connect(applicant.clear)
    if catalog is not None:
        catalog.item_chosen.connect(controller.choose_item)
        if catalog.chosen_code is not None:  # chosen while this flow was still being wired (ui/startup.py)
            controller.choose_item(catalog.chosen_code, catalog.answers())

    def new_case() -> None:
        controller.new_case()
        if applicant is not None:
            applicant.clear()

    def accept() -> None:
        if decision.rejection.isVisible():
            if decision.rejection.confirm.isEnabled():
                decision.rejection.confirm.click()
            return
        controller.accept_shortcut()

    # 按责转办: Ctrl+R, and a scanned slip number records its department's receipt
    routing = RoutingActions(controller, services.routing)
    controller.routing = routing
    shortcuts = window.shortcuts
    shortcuts.bind("routing", routing.open)
    shortcuts.bind("new_case", new_case)
    shortcuts.bind("materials", checklist.focus_table)
    shortcuts.bind("decide", decision.focus_first_enabled)
    shortcuts.bind("accept", accept)
    shortcuts.bind("print", controller.print_current)
    shortcuts.bind("find_case", controller.ask_case_number)
    shortcuts.bind("case_list", lambda: cases.table.setFocus(Qt.FocusReason.ShortcutFocusReason))

    filters = app_input()  # the one app-wide filter: the gun sees key presses anywhere in the window
    if filters is not None:
        filters.add_key_filter(controller.barcode)
    controller.refresh_cases()
    return controller
