"""``wire_customer_screen``: the customer screen follows the case at this window.

Sources: the queue bar's ``ticket_called`` (idle shows the ticket), the applicant panel's card reads (请核对您的信息),
the acceptance controller's checklist refreshes, commits and new drafts. The clerk gets a small bar with
"verbal confirmation", "invite evaluation" and a label that says only *whether* an evaluation was given.

Idle lock / end of the clerk's session (issue 13): ``follow_clerk_gate`` connects the login gate's ``blanked(bool)``
to ``blank()``/``unblank()`` (the screen shows nothing while locked or logged out).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QToolBar

from clerk_app.acceptance.authorisation_paper import needs_authorisation_paper
from clerk_app.acceptance.session import CommitResult
from clerk_app.customer.evaluation import AlreadyEvaluated, CaseContext
from clerk_app.customer.signature import AlreadySigned
from clerk_app.customer.view import CustomerScreenPresenter, CustomerView, Stage
from clerk_app.domain.case import Decision
from clerk_app.domain.numbering import query_link
from clerk_app.services import Services
from printing.model import DocumentKind, QrModules
from printing.render_worker import render
from ui.acceptance.controller import AcceptanceController
from ui.applicant_panel import ApplicantPanel
from ui.clerk_gate import SessionGate
from ui.customer_screen.placement import place
from ui.customer_screen.screen import CustomerScreen
from ui.main_window import MainWindow
from ui.queue_bar import QueuePresenter
from ui.tasks import CpuOp, DatabaseOp, TaskRunner

log = logging.getLogger("onewindow.ui.customer_screen")


def tr(text: str) -> str:
    return QCoreApplication.translate("customer", text)


def tr_sign(text: str) -> str:
    return QCoreApplication.translate("citizen", text)


class CustomerScreenWiring(QObject):
    """Owns the screen and the presenter for the main window's lifetime."""

    signature_archived = Signal(str, str)  # case UUID, paper: the screen-signed copy is in the case's archive
    pad_pressed = Signal(int)  # a grade from the evaluation pad (emitted on the pad's thread, handled here)

    def __init__(self, window: MainWindow, services: Services, tasks: TaskRunner,
                 controller: AcceptanceController) -> None:
        super().__init__(window)
        config = services.config
        self.window = window
        self.tasks = tasks
        self.controller = controller
        self.desk = services.evaluations
        service = controller.service
        self.presenter = CustomerScreenPresenter(  # records through ``desk`` off the GUI thread, see _evaluated
            config.get_str("centre.name"), config.get_str("window.name") or service.window_code, desk=None,
            reasons=config.get_list("customer_screen.evaluation_reasons"))
        self.screen = CustomerScreen(None, config.get_int("customer_screen.evaluation_timeout_seconds") * 1000)
        self.presenter.listeners.append(self._render)
        self.presenter.clerk_listeners.append(self._clerk_notice)
        self.thanks = QTimer(self)
        self.thanks.setSingleShot(True)
        self.thanks.setInterval(config.get_int("customer_screen.thanks_seconds") * 1000)
        self.thanks.timeout.connect(self._thanks_over)
        self.screen.identity_confirmed.connect(lambda: self.presenter.confirm_identity("screen"))
        self.screen.continue_requested.connect(self.presenter.invite_evaluation)
        self.screen.evaluation_chosen.connect(self._evaluated)
        self.signatures = services.signatures
        self.cases = services.cases
        self.evaluation_url = config.get_str("customer_screen.evaluation_url")
        self.documents = services.documents
        self.screen.signature_confirmed.connect(self._signed_on_screen)
        self.pad_pressed.connect(self._pad_grade)
        self._build_clerk_bar()
        self.placed_on = place(self.screen, config.get_str("customer_screen.screen"), window)
        self.screen.show_view(self.presenter.view)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.screen.close)

    # -- the clerk's side --------------------------------------------------------------------------------------
    def close(self) -> None:
        """The workstation is shutting down: the citizen's screen goes with it (it is a window of its own)."""
        self.screen.close()

    def _build_clerk_bar(self) -> None:
        bar = QToolBar(tr("Customer screen"), self.window)
        bar.setObjectName("customerScreenToolbar")
        bar.setMovable(False)
        self.verbal = QPushButton(tr("Citizen confirmed verbally"))
        self.verbal.setObjectName("verbalConfirmation")
        self.verbal.clicked.connect(lambda: self.presenter.confirm_identity("verbal"))
        self.invite = QPushButton(tr("Invite evaluation"))
        self.invite.setObjectName("inviteEvaluation")
        self.invite.clicked.connect(self.presenter.invite_evaluation)
        self.paper_signature = QPushButton(tr_sign("Paper signature"))
        self.paper_signature.setObjectName("paperSignature")
        self.paper_signature.setToolTip(tr_sign("The citizen signs the printed paper instead of the screen"))
        self.paper_signature.setEnabled(False)
        self.paper_signature.clicked.connect(self._signed_on_paper)
        self.evaluation_state = QLabel(tr("Evaluation: —"))
        self.evaluation_state.setObjectName("evaluationState")
        for widget in (self.verbal, self.invite, self.paper_signature, self.evaluation_state):
            bar.addWidget(widget)
        add = getattr(self.window, "addToolBar", None)
        if callable(add):
            add(Qt.ToolBarArea.TopToolBarArea, bar)
        self.clerk_bar = bar

    def _clerk_notice(self, fact: str) -> None:
        # Only whether an evaluation was given: the grade never reaches a clerk's widget.
        self.evaluation_state.setText({"evaluated": tr("Evaluation: given"),
                                       "not_evaluated": tr("Evaluation: not given")}.get(fact, tr("Evaluation: —")))
        self.controller.decision.show_evaluation({"evaluated": True, "not_evaluated": False}.get(fact))

    def _render(self, view: CustomerView) -> None:
        self.screen.show_view(view)
        self.verbal.setEnabled(view.stage is Stage.CONFIRM_IDENTITY and not view.identity_confirmed)
        self.invite.setEnabled(view.stage is Stage.DECISION)
        self.paper_signature.setEnabled(view.stage is Stage.SIGNATURE)
        if view.stage is Stage.THANKS:
            self.thanks.start()

    def _thanks_over(self) -> None:
        if self.presenter.view.stage is Stage.THANKS:
            self.presenter.end_citizen()

    # -- the case's events --------------------------------------------------------------------------------------
    def ticket_called(self, number: str, _window_code: str, _text: str = "") -> None:
        # the ticket is called to this window: the citizen keeps seeing the window's name, not its queue code
        self.presenter.ticket_called(number)

    def applicant_read(self, applicant: Any) -> None:
        self.presenter.identity_read(applicant)

    def new_draft(self) -> None:
        if self.presenter.view.stage not in (Stage.EVALUATION, Stage.THANKS, Stage.BLANK, Stage.DECISION,
                                             Stage.SIGNATURE):
            self.presenter.end_citizen()

    def checklist_changed(self) -> None:
        session = self.controller.session
        if session.committed:
            return
        self.presenter.checklist([i.name for i in session.items], session.checklist, session.records)

    def committed(self, result: CommitResult) -> None:
        session = self.controller.session
        service = self.controller.service
        case = CaseContext(result.case_uuid, result.case_number, tuple(session.item_codes),
                           service.centre_code, service.window_code, service.clerk_id)
        evaluation = session.evaluate(service.today())
        if result.decision is Decision.ONE_TIME_NOTICE:
            lines = evaluation.notice_lines
        elif result.decision is Decision.ACCEPT_WITH_DEFICIENCY:
            lines = evaluation.deferred
        else:
            lines = ()
        to_bring = [(i.code, i.requirement, i.supply_by) for i in lines]
        # an agent without a scanned 授权委托书: the principal signs the one the window printed
        authorisation = (session.applicant is not None
                         and needs_authorisation_paper(session.applicant, session.records.values()))
        self.presenter.decided(case, result.decision, result.promised_date, result.concluded, to_bring,
                               session.checklist, authorisation=authorisation)
        if self.evaluation_url:
            self._fetch_evaluation_link(case)

    def handed_over(self, case_uuid: str) -> None:
        """出件 done: the collector signs the 送达回执 on the screen (or the clerk records 纸质签名)."""
        cases, service = self.cases, self.controller.service

        def context() -> CaseContext:
            stored = cases.get(case_uuid)
            return CaseContext(case_uuid, stored.case.case_number, tuple(stored.case.item_codes),
                               service.centre_code, service.window_code, service.clerk_id)

        DatabaseOp(self.window, context).success(
            lambda case: self.presenter.ask_signature(case, "delivery_receipt")).failure(
            lambda exc: log.error("no 送达回执 signature page: %s", type(exc).__name__)).run(self.tasks)

    def _fetch_evaluation_link(self, case: CaseContext) -> None:
        """扫码评价: the link needs the case's stored verification code (a database read: off the GUI thread)."""
        cases, base = self.cases, self.evaluation_url

        def link() -> tuple[str, QrModules]:
            code = str(cases.get(case.case_uuid).details.get("verification_code", ""))
            url = query_link(base, case.case_number, code) if code else ""
            # the QR's modules from the render worker (qrcode stays out of this process); the worker was warmed
            # after the clerk gate and has just rendered the case's papers, so this is a round trip of a few ms
            qr: QrModules = render("printing.codes:qr_matrix", url) if url else ()
            return url, qr

        DatabaseOp(self.window, link).success(
            lambda found: self.presenter.evaluation_link(case.case_uuid, *found) if found[0] else None).failure(
            lambda exc: log.warning("no evaluation link for the case: %s", type(exc).__name__)).run(self.tasks)

    def _evaluated(self, grade: int | None, reasons: list[str], comment: str) -> None:
        case = self.presenter.current_case
        if case is None or not self.presenter.evaluate(grade, reasons, comment):
            return
        desk = self.desk
        DatabaseOp(self.window, lambda: desk.record(case, grade, reasons, comment)).failure(
            self._record_failed).run(self.tasks)

    # -- signatures ---------------------------------------------------------------------------------------------
    def _signed_on_screen(self, paper: str, png: bytes) -> None:
        case = self.presenter.current_case
        if case is None or self.presenter.signing != paper:
            return
        desk = self.signatures
        DatabaseOp(self.window, lambda: desk.sign_on_screen(case.case_uuid, paper, png)).success(
            lambda _s: self._signature_stored(case.case_uuid, paper, archive=True)).failure(
            lambda exc: self._signature_failed(case.case_uuid, paper, exc)).run(self.tasks)

    def _signed_on_paper(self) -> None:
        case, paper = self.presenter.current_case, self.presenter.signing
        if case is None or not paper:
            return
        self.paper_signature.setEnabled(False)
        desk = self.signatures
        DatabaseOp(self.window, lambda: desk.sign_on_paper(case.case_uuid, paper)).success(
            lambda _s: self._signature_stored(case.case_uuid, paper, archive=False)).failure(
            lambda exc: self._signature_failed(case.case_uuid, paper, exc)).run(self.tasks)

    def _signature_stored(self, case_uuid: str, paper: str, *, archive: bool) -> None:
        current = self.presenter.current_case
        if current is not None and current.case_uuid == case_uuid:
            self.presenter.signed(paper)
        if archive:  # the signed copy goes into the case's archive (rendering: a CpuOp)
            documents = self.documents
            CpuOp(self.window, lambda: documents.archive_signed(case_uuid, DocumentKind(paper))).success(
                lambda _o: self.signature_archived.emit(case_uuid, paper)).failure(
                lambda exc: log.error("archiving the signed paper failed: %s", type(exc).__name__)).run(self.tasks)

    def _signature_failed(self, case_uuid: str, paper: str, exc: BaseException) -> None:
        if isinstance(exc, AlreadySigned):  # signed meanwhile (the clerk's 纸质签名, a double touch): move on
            self._signature_stored(case_uuid, paper, archive=False)
            return
        log.error("the signature could not be stored: %s", type(exc).__name__)
        view = self.presenter.view
        if view.stage is Stage.SIGNATURE:
            self.screen.show_view(view)  # a fresh pad: the citizen may sign again, or the clerk choose paper
            self.paper_signature.setEnabled(True)

    def _pad_grade(self, grade: int) -> None:
        """A key of the evaluation pad: it evaluates the current case, once (the presenter refuses a second). On the
        decision page with nothing left to sign, the press is the evaluation too; otherwise it is ignored."""
        presenter = self.presenter
        stage = presenter.view.stage
        if stage is Stage.DECISION and not presenter.signatures_pending:
            presenter.invite_evaluation()
        elif stage is not Stage.EVALUATION:
            log.info("an evaluation pad press outside an evaluation was ignored")
            return
        self._evaluated(grade, [], "")

    def _record_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, AlreadyEvaluated):
            log.error("evaluation could not be stored: %s", type(exc).__name__)

    # -- privacy -----------------------------------------------------------------------------------------------
    def blank(self) -> None:
        self.presenter.blank()

    def unblank(self) -> None:
        self.presenter.unblank()


def wire_customer_screen(window: MainWindow, services: Services, tasks: TaskRunner, controller: AcceptanceController,
                         applicant: ApplicantPanel, queue: QueuePresenter) -> CustomerScreenWiring | None:
    if not services.config.get_bool("customer_screen.enabled"):
        return None
    wiring = CustomerScreenWiring(window, services, tasks, controller)
    queue.ticket_called.connect(wiring.ticket_called)
    applicant.applicant_changed.connect(wiring.applicant_read)
    controller.session_changed.connect(wiring.new_draft)
    controller.checklist_changed.connect(wiring.checklist_changed)
    controller.committed.connect(wiring.committed)
    controller.handed_over.connect(wiring.handed_over)
    services.evaluator.listeners.append(wiring.pad_pressed.emit)  # queued to the GUI thread by Qt
    services.evaluator.start()  # opens the pad on its own thread
    return wiring


def follow_clerk_gate(wiring: CustomerScreenWiring | None, gate: SessionGate) -> None:
    """Blank the customer screen while the workstation is locked or nobody is logged in (``ui.clerk_gate``'s
    ``blanked``); called once both are wired (the gate first, the customer screen after it)."""
    if wiring is None:
        return
    gate.blanked.connect(lambda blanked: wiring.blank() if blanked else wiring.unblank())
    if gate.covering:
        wiring.blank()
