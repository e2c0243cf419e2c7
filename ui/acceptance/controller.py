"""The acceptance flow at the window: drives the draft session from the panels' signals, commits and prints.

Everything slow runs as an operation (``ui.tasks``): catalog look-ups and the commit are ``DatabaseOp``s, printing a
``DeviceOp`` reporting its progress. The decision buttons are disabled from the click until the commit returns.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QComboBox, QFileDialog, QInputDialog, QWidget

from clerk_app.acceptance.agent_batch import AUTHORISATION_CODE, AgentBatch, AgentBatchDesk
from clerk_app.acceptance.correction import CorrectionDesk
from clerk_app.acceptance.delivery import DeliveryDesk
from clerk_app.acceptance.documents import DocumentDesk
from clerk_app.acceptance.errors import CaseNotFound, ContradictoryMaterialState, NotTheOnlineApplicant
from clerk_app.acceptance.fees import FeeDesk
from clerk_app.acceptance.handover import HandoverDesk
from clerk_app.acceptance.service import AcceptanceService
from clerk_app.acceptance.session import AcceptanceSession, CommitResult
from clerk_app.acceptance.supplement import SupplementDesk
from clerk_app.acceptance.tongban import OutsideTongbanScope, check_reach
from clerk_app.acceptance.void import VoidDesk
from clerk_app.catalog.service import CatalogService
from clerk_app.domain.applicant import AgentAuthorisation, Applicant, NaturalPerson
from clerk_app.domain.case import CaseStatus, Decision, MaterialState
from clerk_app.domain.case_states import CLOCK_STOPPED
from clerk_app.domain.catalog import ServiceItem
from clerk_app.domain.decision_rules import RejectionDetails, Shortfall
from clerk_app.domain.supervision import NO_WARNING, CaseSupervision, DatedLimit
from clerk_app.errors import UserFacingError
from clerk_app.pages.service import ScanningService
from clerk_app.print_service import ReprintNeedsApproval
from clerk_app.security.clerk_session import ClerkSession
from offline_cache.cases import PageRef
from ui.acceptance.approvals import ApprovalActions
from ui.acceptance.barcode import BarcodeWedgeFilter
from ui.acceptance.case_list import CaseDialog, CaseListPanel, CaseRow
from ui.acceptance.checklist_panel import MaterialChecklistPanel
from ui.acceptance.correction_actions import CorrectionActions
from ui.acceptance.decision_panel import DecisionPanel
from ui.acceptance.delivery_actions import DeliveryActions
from ui.acceptance.drafts import ClerkDrafts
from ui.acceptance.fee_hold import HELD, FeeHoldActions
from ui.acceptance.followup import FollowUpActions
from ui.acceptance.pages import PageStrips
from ui.acceptance.preview import PdfPreviewDialog
from ui.errors import inline_error_text, show_exception
from ui.pages_widget import PageStripRegistry
from ui.tasks import DatabaseOp, DeviceOp, TaskRunner

log = logging.getLogger("onewindow.ui.acceptance")

CASE_LIST_REFRESH_MS = 60_000
DUE_HORIZON_DAYS = 7  # running cases due within this many days are listed with their 电子监察 level


class AcceptanceController(QObject):
    session_changed = Signal()
    committed = Signal(object)  # CommitResult
    printed = Signal(object)  # list of PrintOutcome
    cases_loaded = Signal()
    online_refused = Signal(str)  # a card that is not the online application's applicant (the text why)
    checklist_changed = Signal()  # after every refresh of the draft's checklist (the customer screen follows it)
    handed_over = Signal(str)  # case UUID: 出件 done (the customer screen asks for the 送达回执 signature)

    def __init__(self, window: QWidget, tasks: TaskRunner, service: AcceptanceService, desk: DocumentDesk,
                 catalog: CatalogService | None, checklist: MaterialChecklistPanel, decision: DecisionPanel,
                 cases: CaseListPanel, *, auto_print: bool = True, supply_days: int = 10,
                 scanner: ScanningService | None = None, handover: HandoverDesk | None = None,
                 supplements: SupplementDesk | None = None, registry: PageStripRegistry | None = None,
                 corrections: CorrectionDesk | None = None, fees: FeeDesk | None = None,
                 clerk_session: ClerkSession | None = None, voids: VoidDesk | None = None,
                 deliveries: DeliveryDesk | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.tasks = tasks
        self.service = service
        self.desk = desk
        self.catalog = catalog
        self.checklist = checklist
        self.decision = decision
        self.cases = cases
        self.auto_print = auto_print
        self.supply_days = supply_days
        self.session: AcceptanceSession = service.new_session()
        self.scanner = scanner
        self.handover = handover
        self.registry = registry or PageStripRegistry()  # the window's strips (F6, drag between materials)
        self.strips = PageStrips(self, scanner, tasks, self.registry)
        # 补齐 and the follow-up after a one-time notice; None where no supplement desk is given
        self.followups = FollowUpActions(self, supplements) if supplements is not None else None
        # 补正 asked by the back office: its notice and its materials; None where no correction desk is given
        self.corrections = CorrectionActions(self, corrections) if corrections is not None else None
        self.fees = fees  # 缴费通知书; None where no fee desk is given
        # 受理前收费 holds 受理 / 容缺受理 in the decision panel until paid; None where no fee desk is given
        self.fee_hold = FeeHoldActions(self, fees) if fees is not None else None
        # 打印结果/证照 after the back office decided (ui.acceptance.result_actions); set by ui.results_wiring
        self.results: Any = None
        # 作废 and the second 补打: the supervisor approves on the spot; None without a clerk session
        self.approvals = ApprovalActions(self, clerk_session, voids) if clerk_session is not None else None
        # each clerk's open draft over a shift change; None without a clerk session
        self.drafts = ClerkDrafts(self, clerk_session) if clerk_session is not None else None
        # barcode gun (keyboard wedge) on a receipt: opens the case; installed app-wide by ``wire_acceptance``
        self.barcode = BarcodeWedgeFilter(self)
        self.barcode.scanned.connect(self.open_case)
        # 快递送达: the dispatch dialog (the gun's burst is its waybill) and the 当日寄件清单; None without a desk
        self.delivery = DeliveryActions(self, deliveries) if deliveries is not None else None
        self.routing: Any = None  # 材料流转 (ui/acceptance/routing_dialog.py), set by ``wire_acceptance``
        self.committing = False
        self.last_result: CommitResult | None = None
        # 代办批次 open at this window: each applicant is a villager the batch's agent acts for
        self.agent_batch: AgentBatch | None = None
        self.agent_collects = False  # 代办批次: the current villager's 委托书 covers 领取 (the batch bar's box)
        checklist.action_requested.connect(self.apply_action)
        checklist.import_requested.connect(self.import_pages)
        checklist.current_changed.connect(self._show_strip)
        decision.decision_requested.connect(self.decide)
        decision.rejection_submitted.connect(self.reject)
        decision.preview_requested.connect(self.preview_current)
        decision.print_requested.connect(self.print_current)
        decision.new_case_requested.connect(self.new_case)
        cases.open_requested.connect(self.open_case)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh_cases)
        self._timer.start(CASE_LIST_REFRESH_MS)
        self._kept: list[QWidget] = []
        self._next_applicant: list[Any] = []
        self.refresh()

    # -- the draft ---------------------------------------------------------------------------------------------
    def new_case(self) -> None:
        """Ctrl+N: a fresh draft (with a fresh case UUID); a committed case stays as it is."""
        if self.committing:
            return
        self.session = self.service.new_session()
        self.last_result = None
        self.strips.reset()
        self.checklist.clear_pages()
        self.decision.reset()
        self.refresh()
        self.session_changed.emit()

    def adopt_session(self, session: AcceptanceSession) -> None:
        """A draft built elsewhere (an online pre-application, 网上申报) becomes the window's draft."""
        if self.committing:
            return
        self.new_case()
        self.session = session
        self.refresh()
        self.session_changed.emit()
        self.checklist.focus_table()

    def restore_draft(self, session: AcceptanceSession, case_pages: Any) -> None:
        """A clerk's own draft back after their login (``ClerkDrafts``), with the pages scanned into it."""
        if self.committing:
            return
        self.session = session
        self.last_result = None
        self.strips.reset()
        self.strips.case_pages = case_pages
        self.checklist.clear_pages()
        self.decision.reset()
        self.refresh()
        self.session_changed.emit()

    def set_applicant(self, applicant: Any) -> None:
        if self.committing:
            # A card read while the decision is being stored belongs to the next case, not to this one.
            self._next_applicant = [applicant]
            return
        if self.session.committed:
            self.new_case()  # the next applicant at the window starts the next case
        try:
            self.session.set_applicant(self._for_batch(applicant))
        except NotTheOnlineApplicant as refused:  # 网上申报: another person's card does not take over the draft
            self._status(refused.user_text())
            self.online_refused.emit(refused.user_text())
            return
        self.refresh()

    def _for_batch(self, applicant: Any) -> Any:
        """In a 代办批次 every applicant but the agent is a villager: the agent acts for them, the case joins."""
        batch = self.agent_batch
        principal = applicant.principal if isinstance(applicant, Applicant) else None
        if batch is None or not isinstance(principal, NaturalPerson) or principal.id_number == batch.agent.id_number:
            return applicant
        self.session.agent_batch = batch.batch_uuid
        self.session.agent_collects = self.agent_collects  # what the batch bar says of this villager's 委托书
        return replace(applicant, agent=AgentAuthorisation(batch.agent, batch.relation, AUTHORISATION_CODE))

    def choose_item(self, code: str, answers: dict[str, str] | None = None) -> None:
        """An item or bundle was chosen (with its 情形 answers): load it and its checklist off the GUI thread."""
        if self.catalog is None:
            return
        if self.session.committed:
            applicant = self.session.applicant
            self.new_case()
            self.session.set_applicant(applicant)
        answers = dict(answers or {})
        DatabaseOp(self.window, lambda: self._load_item(code, answers)).success(self._item_loaded) \
            .failure(self._item_refused).run(self.tasks)

    def _item_refused(self, exc: BaseException) -> None:
        """Outside its 通办范围: the draft keeps what it had; the clerk reads why and where to apply instead."""
        if not isinstance(exc, OutsideTongbanScope):
            show_exception(self.window, exc)
            return
        self._status(exc.user_text())
        show_exception(self.window, exc)

    def _load_item(self, code: str, answers: dict[str, str]) -> tuple[str, tuple[ServiceItem, ...], Any, Any]:
        catalog = self.catalog
        assert catalog is not None  # choose_item returns early without a catalog
        if self.session.agent_batch is not None:  # 代办: the agent 情形 is answered by the batch
            for situation in catalog.situations(code):
                if situation.code == "agent" and situation.option("agent") is not None:
                    answers = {**answers, "agent": "agent"}
        checklist = tuple(catalog.checklist(code, answers))
        if catalog.is_bundle(code):
            bundle = catalog.get_bundle(code)
            skipped = self._skipped_members(code, answers)
            items = tuple(catalog.get_item(c) for c in bundle.item_codes if c not in skipped)
            check_reach(items, catalog.centre_region)  # 通办范围: refused now, with its reason, not at the commit
            return code, items, checklist, answers
        item = catalog.get_item(code)
        check_reach((item,), catalog.centre_region)
        return "", (item,), checklist, answers

    def _skipped_members(self, code: str, answers: dict[str, str]) -> set[str]:
        skipped: set[str] = set()
        assert self.catalog is not None
        for situation in self.catalog.situations(code):
            chosen = answers.get(situation.code, situation.default)
            for option in situation.options:
                if option.code == chosen:
                    skipped.update(option.skip_items)
        return skipped

    def _item_loaded(self, loaded: tuple[str, tuple[ServiceItem, ...], Any, Any]) -> None:
        bundle, items, checklist, answers = loaded
        if self.session.committed or self.committing:
            return
        self.session.set_items(items, checklist, answers, bundle_code=bundle or None)
        if self.session.agent_batch is not None:
            AgentBatchDesk.prepare(self.session)  # the agent's ID material: the card read at the batch's opening
        self.refresh()
        if self.fee_hold is not None:
            self.fee_hold.reload()
        if not isinstance(QApplication.focusWidget(), QComboBox):
            # Straight to the materials, unless the clerk is answering the item's 情形 questions.
            self.checklist.focus_table()

    # -- the checklist ------------------------------------------------------------------------------------------
    def apply_action(self, code: str, action: str) -> None:
        if self.session.committed or self.committing:
            return
        try:
            self._apply(code, action)
        except ContradictoryMaterialState as error:
            # Refused, nothing changed: say why where the clerk is looking.
            self._status(error.user_text())
            self.refresh()

    def _apply(self, code: str, action: str) -> None:
        session = self.session
        record = session.record(code)
        if action == "received":
            session.mark_received(code)
        elif action == "all_received":
            for other in session.checklist:
                if session.record(other.code).state is MaterialState.MISSING:
                    session.mark_received(other.code)
        elif action == "reuse":
            self._reuse(code)
            return
        elif action == "elicence":
            session.update(code, state=MaterialState.ELICENCE_REUSED)
        elif action == "missing":
            session.update(code, state=MaterialState.MISSING, original_verified=False, copies_received=0,
                           defect_note="")
        elif action == "toggle_original":
            session.update(code, original_verified=not record.original_verified)
        elif action == "copies_up":
            session.update(code, copies_received=record.copies_received + 1)
        elif action == "copies_down":
            session.update(code, copies_received=max(0, record.copies_received - 1))
        elif action == "defer":
            today = self.service.today()
            chosen = self.checklist.ask_supply_date(code, record.supply_by or today + timedelta(days=self.supply_days),
                                                    today + timedelta(days=1))
            if chosen is None:
                return
            session.update(code, state=MaterialState.DEFERRED, supply_by=chosen, defect_note="")
        elif action == "defective":
            note = self.checklist.ask_defect_note(code, record.defect_note)
            if note is None:
                return
            session.update(code, state=MaterialState.DEFECTIVE, defect_note=note)
        else:
            log.warning("unknown checklist action %s", action)
            return
        self.refresh()

    def _reuse(self, code: str) -> None:
        """F: the material as verified in an earlier case of the same applicant (looked up off the GUI thread)."""
        session = self.session
        if session.applicant is None:
            self._status(self.tr("Read the applicant's card first: earlier cases are found by the ID number."))
            return

        def found(earlier: Any) -> None:
            if self.session is not session or session.committed or self.committing or code not in session.records:
                return
            if earlier is None:
                self._status(self.tr("No earlier case of this applicant has this material verified."))
                return
            session.reuse(code, earlier)
            self.refresh()

        DatabaseOp(self.window, lambda: self.service.reusable(session, code)).success(found).run(self.tasks)

    def import_pages(self, code: str) -> None:
        """I: import files into the material's page strip (the page pipeline applies size policy, PDF expansion)."""
        if self.session.committed:
            return
        strip = self.strips.strip_for(code, self.session.spec(code).name)
        if strip is None:
            self._status(self.tr("Scanning and page import are not available on this workstation."))
            return
        self.checklist.show_pages(strip)
        strip.import_files()

    # -- page strips (scanning area) ------------------------------------------------------------------------------
    def _show_strip(self, code: str) -> None:
        if self.session.committed or code not in self.session.records:
            return
        strip = self.strips.strip_for(code, self.session.spec(code).name)
        if strip is not None:
            self.checklist.show_pages(strip)

    def pages_changed(self, code: str, refs: list[PageRef], original_verified: bool) -> None:
        """The strip changed: its pages, or its "original checked" badge (one flag, whichever side sets it)."""
        if self.session.committed or self.committing or code not in self.session.records:
            return
        self.session.set_pages(code, refs)
        if self.session.record(code).original_verified != original_verified:
            self.session.update(code, original_verified=original_verified)
        self.refresh()

    # -- showing the state ---------------------------------------------------------------------------------------
    def refresh(self) -> None:
        session = self.session
        self.strips.sync_verified(session)
        self.checklist.show_checklist(session.checklist, session.records, session.page_bytes)
        self.checklist_changed.emit()
        if session.committed:
            return
        self.decision.delivery.set_items(session.items)
        if session.applicant is not None:
            self.decision.delivery.suggest_name(session.applicant.display_name)
        evaluation = session.evaluate(self.service.today())
        allowed = evaluation.allowed if session.ready else frozenset()
        reasons = {d: QCoreApplication.translate("acceptance", r) for d, r in evaluation.reasons.items()}
        if self.fee_hold is not None:
            held = self.fee_hold.held(session) if session.ready else None
            if held:
                allowed = allowed - HELD
                reasons.update(dict.fromkeys(HELD, held))
            self.fee_hold.show(session)
        self.decision.set_allowed(allowed, reasons)
        if not session.ready:
            text = self.tr("Waiting for the applicant and the service item.")
            self.checklist.set_summary(text, False)
            self.decision.set_explanation(text)
            return
        names = "、".join(f"{i.name}（{self._shortfall_text(i.shortfall)}）" for i in evaluation.issues)
        if not evaluation.issues:
            text = self.tr("All required materials are present.")
        elif Decision.ACCEPT_WITH_DEFICIENCY in evaluation.allowed:
            text = self.tr("Only deferrable materials are outstanding: %1. Accept with deficiency, or issue "
                           "a one-time notice.").replace("%1", names)
        else:
            text = self.tr("Not complete: %1").replace("%1", names)
        self.checklist.set_summary(text, Decision.ACCEPT_WITH_DEFICIENCY in evaluation.allowed
                                   or not evaluation.issues)
        self.decision.set_explanation(text)

    def _shortfall_text(self, shortfall: Shortfall) -> str:
        return {
            Shortfall.MISSING: self.tr("missing"),
            Shortfall.DEFECTIVE: self.tr("defective"),
            Shortfall.ORIGINAL_NOT_CHECKED: self.tr("original not checked"),
            Shortfall.COPIES_SHORT: self.tr("too few copies"),
            Shortfall.DEFERRED: self.tr("deferred"),
            Shortfall.DEFERRED_NOT_ALLOWED: self.tr("may not be deferred"),
            Shortfall.DEFERRED_WITHOUT_DATE: self.tr("no supply-by date"),
        }[shortfall]

    # -- deciding -----------------------------------------------------------------------------------------------
    def accept_shortcut(self) -> None:
        """Ctrl+Return: 受理 if valid, else 容缺受理 if that is the only acceptance possible."""
        for decision in (Decision.ACCEPT, Decision.ACCEPT_WITH_DEFICIENCY):
            if self.decision.is_enabled(decision):
                self.decide(decision)
                return

    def decide(self, decision: Decision) -> None:
        if decision is Decision.REJECT:
            self.decision.buttons[Decision.REJECT].click()
            return
        self._commit(decision, None)

    def reject(self, details: RejectionDetails) -> None:
        self._commit(Decision.REJECT, details)

    def _commit(self, decision: Decision, rejection: RejectionDetails | None) -> None:
        if self.committing or self.session.committed:
            return  # double-submit guard: the first click is being (or has been) committed
        try:  # 邮寄送达: the recipient goes into the draft now, committed with the case (or nothing is)
            self.session.choose_mail_delivery(self.decision.delivery.recipient())
        except UserFacingError as exc:
            show_exception(self.window, exc)
            return
        self.committing = True
        self.decision.set_busy(True)
        self.checklist.pages_host.setEnabled(False)
        session = self.session
        prepare = self.strips.prepare_commit(session)  # snapshot now, on the GUI thread that owns the models

        def work() -> CommitResult:
            return self.service.commit(session, decision, rejection, extra_writes=prepare())

        DatabaseOp(self.window, work).success(self._committed).failure(self._commit_failed).run(self.tasks)

    def _committed(self, result: CommitResult) -> None:
        self.committing = False
        self.last_result = result
        self.decision.set_busy(False)
        self.decision.set_done(self._result_text(result))
        self.refresh_cases()
        self.committed.emit(result)
        if self.auto_print:
            self.print_current()
        self._apply_next_applicant()

    def _commit_failed(self, exc: BaseException) -> None:
        self.committing = False
        self.checklist.pages_host.setEnabled(True)
        self.decision.set_busy(False)
        self.refresh()
        self._apply_next_applicant()
        show_exception(self.window, exc)

    def _apply_next_applicant(self) -> None:
        if self._next_applicant:
            applicant = self._next_applicant.pop()
            self.set_applicant(applicant)

    def _result_text(self, result: CommitResult) -> str:
        text = self.tr("Case %1 stored and queued.").replace("%1", result.case_number)
        if result.concluded:
            text += " " + self.tr("Concluded on the spot (即办件).")
        elif result.promised_date is not None:
            text += " " + self.tr("Promised by %1.").replace("%1", result.promised_date.isoformat())
        if not result.promised_certain and result.deadline_warning:
            text += " ⚠ " + result.deadline_warning
        return text

    # -- paper --------------------------------------------------------------------------------------------------
    def print_current(self) -> None:
        if self.last_result is None:
            return
        self.print_case(self.last_result.case_uuid)

    def print_case(self, case_uuid: str) -> None:
        self.decision.set_busy(True)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ReprintNeedsApproval) and self.approvals is not None:
                self.decision.set_busy(False)
                self.approvals.reprint(case_uuid, exc.user_text())
                return
            self._print_failed(exc)

        DeviceOp.reporting(self.window, lambda progress: self.desk.print_case(case_uuid, progress=progress.step),
                           self.tr("Printing the documents…")) \
            .success(self._printed).failure(failed).run(self.tasks)

    def show_printed(self, outcomes: list[Any]) -> None:
        """Papers printed elsewhere (the 代办批次回执): the same notice and training preview as the case's own."""
        self._printed(outcomes)

    def _printed(self, outcomes: list[Any]) -> None:
        self.decision.set_busy(False)
        self.printed.emit(outcomes)
        names = "、".join(o.archived.kind.value for o in outcomes)
        log.info("printed %d document(s)", len(outcomes))
        saved = [o for o in outcomes if getattr(o, "saved_to", "")]
        if saved:
            # Training without a print service: show the papers and say where the PDFs are.
            folder = str(Path(saved[0].saved_to).parent)
            self._status(self.tr("Training mode: no print service, so the papers were saved as PDF files in %1")
                         .replace("%1", folder))
            dialog = PdfPreviewDialog(self.window, [(o.title, o.pdf) for o in saved])
            dialog.setObjectName("trainingPrintPreview")
            self._keep(dialog)
            dialog.open()
            return
        self._status(self.tr("Printed: %1").replace("%1", names))

    def _print_failed(self, exc: BaseException) -> None:
        self.decision.set_busy(False)
        self._status(self.tr("Printing failed; the case is stored. Press Ctrl+P to try again."))
        show_exception(self.window, exc)

    def preview_current(self) -> None:
        if self.last_result is None:
            return
        key = self.last_result.case_uuid
        DatabaseOp(self.window, lambda: self.desk.preview(key)).success(self._show_preview).run(self.tasks)

    def _show_preview(self, documents: list[tuple[str, bytes]]) -> None:
        dialog = PdfPreviewDialog(self.window, documents)
        dialog.accepted.connect(self.print_current)
        self._keep(dialog)
        dialog.open()

    # -- today's cases and look-up -------------------------------------------------------------------------------
    def refresh_cases(self) -> None:
        DatabaseOp(self.window, self._load_rows).success(self._rows_loaded).run(self.tasks)
        if self.fee_hold is not None and self.fee_hold.applies(self.session) and not self.session.committed:
            self.fee_hold.reload()  # a payment the background sync pulled since shows without a click

    def _load_rows(self) -> list[CaseRow]:
        """Running cases due within a week (overdue first), then today's other cases."""
        today = self.service.today()
        cases = self.service.cases
        due = cases.list_open_due(today + timedelta(days=DUE_HORIZON_DAYS), self.service.window_code)
        seen = {s.case_uuid for s in due}
        todays = [s for s in cases.list_created_on(today, self.service.window_code) if s.case_uuid not in seen]
        late = cases.list_supply_overdue(today, self.service.window_code)  # 容缺 past its supply-by date
        late_ids = {s.case_uuid for s in late}
        # 补正 asked by the back office, whatever day the case was accepted: the window has to act on these.
        waiting = cases.list_correction_requested(self.service.window_code) if self.corrections else []
        due_by = self.corrections.desk.open_due_dates(self.service.window_code) if self.corrections else {}
        listed = {s.case_uuid for s in due + todays}
        extra = [s for s in late + waiting if s.case_uuid not in listed]
        extra = list({s.case_uuid: s for s in extra}.values())
        returned = (self.delivery.desk.returned_of([s.case_uuid for s in due + todays + extra])
                    if self.delivery is not None else {})
        rows = []
        for listed_summary in due + todays + extra:
            summary = listed_summary
            # 电子监察 from the case's state, with its dates extended by past 补正 / 特别程序 (domain rule).
            watch = self._supervision(summary.status, summary.created_at, summary.promised_date,
                                      summary.deadline_certain, summary.legal_deadline, summary.legal_certain,
                                      summary.case_uuid, today)
            level = watch.level.value if watch.level is not None else "none"
            if watch.promised is not None:
                summary = replace(summary, promised_date=watch.promised.date,
                                  deadline_certain=watch.promised.certain)
            flagged = summary.case_uuid in due_by
            rows.append(CaseRow(summary, level, supply_overdue=summary.case_uuid in late_ids, correction=flagged,
                                correction_due=due_by.get(summary.case_uuid), returned=returned.get(summary.case_uuid)))
        order = {"red": 0, "yellow": 1}
        return sorted(rows, key=lambda r: 0 if r.supply_overdue else 1 if r.correction else 1 + order.get(r.level, 2))

    def _rows_loaded(self, rows: list[CaseRow]) -> None:
        self.cases.show_rows(rows)
        self.cases_loaded.emit()

    def ask_case_number(self) -> None:
        """Ctrl+F: a case number, or the applicant's ID number / credit code (e.g. the receipt was lost)."""
        text, ok = QInputDialog.getText(self.window, self.tr("Open a case"),
                                        self.tr("Case number, or the applicant's ID number or credit code"))
        text = text.strip().upper()
        if not ok or not text:
            return
        cases = self.service.cases

        def find() -> list[str]:
            return [text] if cases.uuid_for_number(text) else cases.numbers_for_identifier(text)

        DatabaseOp(self.window, find).success(self._choose_case).run(self.tasks)

    def _choose_case(self, numbers: list[str]) -> None:
        if not numbers:
            show_exception(self.window, CaseNotFound())
            return
        if len(numbers) == 1:
            self.open_case(numbers[0])
            return
        chosen, ok = QInputDialog.getItem(self.window, self.tr("Open a case"),
                                          self.tr("Cases of this applicant, newest first"), numbers, 0, False)
        if ok:
            self.open_case(chosen)

    def open_case(self, number: str) -> None:
        DatabaseOp(self.window, lambda: self.load_case(number)).success(self.show_loaded_case).run(self.tasks)

    def load_case(self, number: str) -> tuple[Any, CaseSupervision]:
        """On the database thread: the case of a number with its 电子监察 state, for ``show_loaded_case``."""
        try:
            return self._watched(self.service.cases.get_by_number(number))
        except KeyError:
            raise CaseNotFound() from None

    def show_case_by_uuid(self, case_uuid: str) -> None:
        """Open a case's dialog (after a void: the case as it is now)."""
        DatabaseOp(self.window, lambda: self._watched(self.service.cases.get(case_uuid))) \
            .success(self.show_loaded_case).run(self.tasks)

    def _watched(self, stored: Any) -> tuple[Any, CaseSupervision]:
        """The case with its 电子监察 state, on the database thread: the state reads the case's events (a query)
        and counts working days over the holiday calendar, neither of which belongs on the GUI thread."""
        return stored, self._supervision(
            stored.case.status, stored.accepted_at, stored.case.promised_date, stored.deadline_certain,
            stored.legal_deadline, bool(stored.details.get("legal_certain", True)), str(stored.case.case_uuid),
            self.service.today())

    def _supervision(self, status: CaseStatus, accepted_at: str | None, promised: date | None,
                     promised_certain: bool, legal: date | None, legal_certain: bool, case_uuid: str,
                     today: date) -> CaseSupervision:
        moves = [(e.from_status, e.to_status, date.fromisoformat(e.device_time[:10]))
                 for e in self.service.cases.events(case_uuid)] if status in CLOCK_STOPPED or (
                     promised is not None and status not in NO_WARNING) else []
        return self.service.rules.case_supervision(
            status, date.fromisoformat(accepted_at[:10]) if accepted_at else None,
            DatedLimit(promised, promised_certain) if promised else None,
            DatedLimit(legal, legal_certain) if legal else None, moves, today)

    def show_loaded_case(self, loaded: tuple[Any, CaseSupervision]) -> None:
        stored, watch = loaded
        today = self.service.today()
        level = self.cases.level_text(watch.level.value) if watch.level is not None else ""
        dialog = CaseDialog(self.window, stored, level, self.cases.status_text, supply_today=today,
                            supervision=watch)
        dialog.reprint_requested.connect(self.print_case)
        dialog.handover_requested.connect(lambda key: self.hand_over(key, dialog))
        dialog.authorisation_requested.connect(lambda key: self.import_authorisation(key, dialog))
        dialog.authorisation_print_requested.connect(self.print_authorisation)
        if self.approvals is not None and self.approvals.voids is not None:
            dialog.void_requested.connect(lambda key: self.approvals.void_case(key, dialog)
                                          if self.approvals is not None else None)
        else:
            dialog.void.setEnabled(False)
        if self.followups is not None:
            dialog.supplement_requested.connect(self.followups.supplement_case)
            dialog.follow_up_requested.connect(lambda key: self.followups.follow_up(key, dialog))
        else:
            dialog.supplement.setEnabled(False)
            dialog.follow_up.setEnabled(False)
        if self.fees is not None:
            dialog.fee_notice_requested.connect(lambda key: self.print_fee_notice(key, dialog))
        else:
            dialog.fee_notice.setEnabled(False)
        if self.results is not None:
            dialog.result_requested.connect(self.results.print_results)
            self.results.load_offer(str(stored.case.case_uuid), dialog)
        if self.corrections is not None:
            dialog.correction_notice_requested.connect(self.corrections.print_notice)
            dialog.correction_requested.connect(self.corrections.receive)
        else:
            dialog.correction_notice.setEnabled(False)
            dialog.correction.setEnabled(False)
        if self.delivery is not None:
            self.delivery.attach(dialog, str(stored.case.case_uuid), stored.case.status)
        self._keep(dialog)
        dialog.open()

    def hand_over(self, case_uuid: str, dialog: QWidget | None = None) -> None:
        """出件 to the person whose card is on the applicant panel (the agent if one is on it, else the person, a
        legal entity's representative). The handover desk checks them against the case; the relation that is
        recorded and printed is the check's (applicant / agent / authorised), never assumed here."""
        applicant = self.session.applicant
        collector: NaturalPerson | None = None
        if applicant is not None:
            if applicant.agent is not None:
                collector = applicant.agent.agent
            elif isinstance(applicant.principal, NaturalPerson):
                collector = applicant.principal
            else:
                collector = applicant.principal.legal_representative
        if collector is None or self.handover is None:
            self._status(self.tr("Read the collector's ID card first (F2), then hand over."))
            return
        desk = self.handover

        def done(_record: Any) -> None:
            self._status(self.tr("Result handed over and queued for the platform; the delivery receipt (送达回执) "
                                 "is printing for the collector to sign."))
            if dialog is not None and shiboken6.isValid(dialog):  # the clerk may have closed it meanwhile
                dialog.close()
            self.refresh_cases()
            self.print_delivery_receipt(case_uuid)
            self.handed_over.emit(case_uuid)

        def refused(exc: BaseException) -> None:
            if isinstance(dialog, CaseDialog) and shiboken6.isValid(dialog) and isinstance(exc, UserFacingError):
                dialog.show_collector(exc.user_text(), refused=True)
                self._status(exc.user_text())
                return
            show_exception(self.window, exc)

        DatabaseOp(self.window, lambda: desk.hand_over(case_uuid, collector)).success(done).failure(refused) \
            .run(self.tasks)

    def print_fee_notice(self, case_uuid: str, dialog: CaseDialog | None = None) -> None:
        """The case's 缴费通知书: issued once (its payment order queued for the platform), printed (again as 补打)."""
        fees, documents = self.fees, self.desk
        if fees is None:
            return
        number = self.service.cases

        def work() -> Any:
            notice = fees.issue(case_uuid)
            case_number = number.get(case_uuid).case.case_number
            documents.print_fee_notice(case_uuid, notice, fees.qr_text(notice, case_number))
            return notice

        def done(notice: Any) -> None:
            text = self.tr("Payment notice printed: %1 yuan, payment code %2. Paid: %3.").replace(
                "%1", f"{notice.amount_fen // 100}.{notice.amount_fen % 100:02d}").replace(
                "%2", notice.payment_code).replace("%3", self.tr("yes") if notice.paid else self.tr("not yet"))
            if dialog is not None and shiboken6.isValid(dialog):
                dialog.show_collector(text, refused=False)
            self._status(text)

        def failed(exc: BaseException) -> None:
            if isinstance(dialog, CaseDialog) and shiboken6.isValid(dialog) and isinstance(exc, UserFacingError):
                dialog.show_collector(exc.user_text(), refused=True)
                return
            show_exception(self.window, exc)

        DeviceOp(self.window, work).success(done).failure(failed).run(self.tasks)  # printing: the device executor

    def print_delivery_receipt(self, case_uuid: str) -> None:
        """送达回执 of the handover: printed (archived with the case) for the collector's signature."""
        desk = self.desk

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ReprintNeedsApproval) and self.approvals is not None:  # a second 补打 of it
                self.approvals.reprint(case_uuid, exc.user_text(),
                                       lambda approver: [desk.print_delivery_receipt(case_uuid, approver)])
                return
            self._print_failed(exc)

        DeviceOp(self.window, lambda: [desk.print_delivery_receipt(case_uuid)]).success(self._printed) \
            .failure(failed).run(self.tasks)

    def print_authorisation(self, case_uuid: str) -> None:
        """The agent's 授权委托书 (the case holds none): printed and archived for the principal to sign."""
        desk = self.desk

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ReprintNeedsApproval) and self.approvals is not None:  # a second 补打 of it
                self.approvals.reprint(case_uuid, exc.user_text(),
                                       lambda approver: [desk.print_authorisation(case_uuid, approver)])
                return
            self._print_failed(exc)

        DeviceOp(self.window, lambda: [desk.print_authorisation(case_uuid)]).success(self._printed) \
            .failure(failed).run(self.tasks)

    def import_authorisation(self, case_uuid: str, dialog: CaseDialog) -> None:
        """File import of the collector's 授权委托书 (scans or a PDF) into the case."""
        if self.handover is None:
            return
        files, _ = QFileDialog.getOpenFileNames(dialog, self.tr("Power of attorney (授权委托书)"), "",
                                                self.tr("Scans or PDF (*.jpg *.jpeg *.png *.pdf)"))
        if not files:
            return
        self.attach_authorisation_files(case_uuid, [Path(f) for f in files], dialog)

    def attach_authorisation_files(self, case_uuid: str, files: list[Path], dialog: CaseDialog) -> None:
        desk = self.handover
        if desk is None:
            return

        def done(pages: int) -> None:
            dialog.show_collector(self.tr("Power of attorney in the case: %1 page(s). A collector who is neither "
                                          "the applicant nor the agent may now collect.").replace("%1", str(pages)),
                                  refused=False)

        def failed(exc: BaseException) -> None:
            dialog.show_collector(inline_error_text(exc), refused=True)

        # Delivered to the case dialog (dropped once it is closed and deleted): the import itself is committed.
        DatabaseOp(dialog, lambda: desk.import_authorisation(case_uuid, files)).success(done).failure(failed) \
            .run(self.tasks)

    def _keep(self, dialog: QWidget) -> None:
        """A dialog opened for one case or one paper: deleted when it closes. Parented to the window, a closed dialog
        was only hidden, and every case the gun opened stayed alive with its widgets and its window's backing store
        (about 2 MB each: 125 MB over a busy day, issue 11)."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._kept = [d for d in self._kept if shiboken6.isValid(d) and d.isVisible()] + [dialog]

    @property
    def _dialogs(self) -> list[QWidget]:
        """The dialogs opened through ``_keep`` that still exist (a closed one is deleted by the event loop)."""
        return [d for d in self._kept if shiboken6.isValid(d)]

    def _status(self, text: str) -> None:
        bar = getattr(self.window, "statusBar", None)
        if callable(bar):
            bar().showMessage(text, 8000)
