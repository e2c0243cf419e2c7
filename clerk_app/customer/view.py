"""What the customer screen shows, computed from the case as it happens; the widget only renders a ``CustomerView``.

Privacy rules live here, so they are tested without Qt: names and ID numbers are masked, the full ID number is never
in a view, and every view of the idle or blank stage carries nothing of a citizen (``end_citizen`` and ``blank``
build a fresh view from the window's facts only, not by clearing fields of the last one).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from clerk_app.customer.evaluation import DEFAULT_REASONS, LOW_GRADES, CaseContext, EvaluationDesk
from clerk_app.customer.signature import SIGNED_PAPERS, papers_to_sign
from clerk_app.domain.applicant import Applicant, LegalEntity, NaturalPerson
from clerk_app.domain.case import Decision, MaterialRecord, MaterialState
from clerk_app.domain.catalog import MaterialSpec
from clerk_app.domain.masking import mask_id_number, mask_name
from printing.model import TITLES, DocumentKind, QrModules


class Stage(enum.Enum):
    BLANK = "blank"  # idle lock / session ended: nothing at all
    IDLE = "idle"
    CONFIRM_IDENTITY = "confirm_identity"
    CHECKLIST = "checklist"
    DECISION = "decision"
    SIGNATURE = "signature"  # the citizen signs a paper of the case on the screen
    EVALUATION = "evaluation"
    THANKS = "thanks"


@dataclass(frozen=True)
class ChecklistLine:
    name: str
    state: str  # "received" | "missing" | "deferred" | "defective" | "pending" | "not_applicable"
    supply_by: date | None = None


@dataclass(frozen=True)
class BringLine:
    """One thing the citizen must still bring or fill in (一次性告知 / 容缺), with the catalog's 空表/样表."""

    name: str
    requirement: str
    supply_by: date | None = None
    blank_form_ref: str | None = None
    sample_ref: str | None = None


@dataclass(frozen=True)
class CustomerView:
    stage: Stage
    centre: str = ""
    window: str = ""
    ticket: str = ""
    masked_name: str = ""
    masked_id: str = ""
    validity: str = ""
    identity_confirmed: str = ""  # "" | "screen" | "verbal"
    items: tuple[str, ...] = ()
    lines: tuple[ChecklistLine, ...] = ()
    decision: str = ""  # Decision value
    case_number: str = ""
    promised_date: date | None = None
    concluded: bool = False
    to_bring: tuple[BringLine, ...] = ()
    reasons: tuple[str, ...] = ()  # the 差评 reasons offered after a low grade
    sign_paper: str = ""  # SIGNATURE: the paper's DocumentKind value
    sign_title: str = ""  # its title as printed (容缺受理承诺书, 一次性告知书, 送达回执)
    signer: str = ""  # who signs it, as the paper's signature line says (承诺人, 申请人, 领取人)
    evaluate_later: str = ""  # EVALUATION: the 扫码评价 link (case number and verification code only), or ""
    evaluate_later_qr: QrModules = ()  # the link's QR modules, made in the render worker; () = not made yet


_STATE = {
    MaterialState.RECEIVED: "received", MaterialState.ELICENCE_REUSED: "received",
    MaterialState.MISSING: "missing", MaterialState.DEFERRED: "deferred",
    MaterialState.DEFECTIVE: "defective", MaterialState.NOT_APPLICABLE: "not_applicable",
}


def _person_of(applicant: Applicant) -> tuple[str, str, NaturalPerson | None]:
    principal = applicant.principal
    if applicant.agent is not None:  # the person at the counter is the agent
        person = applicant.agent.agent
        return person.name, person.id_number, person
    if isinstance(principal, LegalEntity):
        return principal.name, principal.credit_code, None
    return principal.name, principal.id_number, principal


def _validity(person: NaturalPerson | None) -> str:
    if person is None or person.valid_from is None:
        return ""
    until = person.valid_until.isoformat() if person.valid_until else "长期"
    return f"{person.valid_from.isoformat()} — {until}"


class CustomerScreenPresenter:
    """Turns case events into views; listeners get every new view (the widget) and the clerk-side facts
    (``on_clerk_notice``: only *that* an evaluation was given, never the grade)."""

    def __init__(self, centre: str, window: str, desk: EvaluationDesk | None = None,
                 reasons: Iterable[str] = DEFAULT_REASONS) -> None:
        self.centre = centre
        self.window = window
        self.desk = desk
        self.reasons = tuple(reasons) or DEFAULT_REASONS
        self.ticket = ""
        self.listeners: list[Callable[[CustomerView], None]] = []
        self.clerk_listeners: list[Callable[[str], None]] = []  # "evaluated" | "not_evaluated" | "" (reset)
        self._case: CaseContext | None = None
        self._evaluated: set[str] = set()
        self._to_sign: list[str] = []  # papers of the current case the citizen still signs before the evaluation
        self._links: dict[str, tuple[str, QrModules]] = {}  # case UUID -> its 扫码评价 link and QR, once known
        self._evaluate_after = True  # after the last signature: the evaluation (acceptance) or the thanks (出件)
        self.view = self._idle_view()

    # -- building views -------------------------------------------------------------------------------------
    def _idle_view(self) -> CustomerView:
        return CustomerView(Stage.IDLE, centre=self.centre, window=self.window, ticket=self.ticket)

    def _show(self, view: CustomerView) -> None:
        self.view = view
        for listener in list(self.listeners):
            listener(view)

    def _notify_clerk(self, fact: str) -> None:
        for listener in list(self.clerk_listeners):
            listener(fact)

    def _citizen_view(self, stage: Stage, **changes: Any) -> CustomerView:
        base = self.view if self.view.stage not in (Stage.IDLE, Stage.BLANK, Stage.THANKS) else self._idle_view()
        return replace(base, stage=stage, **changes)

    @property
    def current_case(self) -> CaseContext | None:
        return self._case

    # -- case events ----------------------------------------------------------------------------------------
    def ticket_called(self, number: str, window: str = "") -> None:
        """A new ticket is called to this window: the next citizen; nothing of the previous one stays."""
        self.ticket = number
        if window:
            self.window = window
        self._case = None
        self._to_sign = []
        self._links = {}
        self._show(self._idle_view())
        self._notify_clerk("")

    def identity_read(self, applicant: Applicant | None) -> None:
        if applicant is None:
            return
        if self.view.stage in (Stage.DECISION, Stage.SIGNATURE, Stage.EVALUATION, Stage.THANKS):
            self.end_citizen()  # a card read after a decision starts the next citizen
        name, number, person = _person_of(applicant)
        self._show(replace(self._idle_view(), stage=Stage.CONFIRM_IDENTITY, masked_name=mask_name(name),
                           masked_id=mask_id_number(number), validity=_validity(person)))

    def confirm_identity(self, how: str = "screen") -> None:
        """The citizen touched 确认 (``screen``), or the clerk recorded a verbal confirmation (``verbal``)."""
        if self.view.stage is Stage.CONFIRM_IDENTITY:
            self._show(replace(self.view, identity_confirmed=how))

    def checklist(self, item_names: Iterable[str], specs: Iterable[MaterialSpec],
                  records: dict[str, MaterialRecord]) -> None:
        if self.view.stage in (Stage.DECISION, Stage.SIGNATURE, Stage.EVALUATION, Stage.THANKS):
            return  # the committed case keeps its decision on screen
        lines = []
        for spec in specs:
            record = records.get(spec.code)
            lines.append(ChecklistLine(spec.name, _STATE.get(record.state, "pending") if record else "pending",
                                       record.supply_by if record else None))
        items = tuple(item_names)
        if not items and not lines and self.view.stage is not Stage.CHECKLIST:
            return
        keep = {} if self.view.stage is Stage.IDLE else {"identity_confirmed": self.view.identity_confirmed}
        self._show(self._citizen_view(Stage.CHECKLIST, items=items, lines=tuple(lines), **keep))

    def decided(self, case: CaseContext, decision: Decision, promised_date: date | None, concluded: bool,
                to_bring: Iterable[tuple[str, str, date | None]], specs: Iterable[MaterialSpec], *,
                authorisation: bool = False) -> None:
        """The case is committed: what it means for the citizen. ``to_bring`` = (code, requirement, supply_by)
        of every material still to bring (the notice's lines, or the 容缺 lines); ``authorisation``: the principal
        also signs the 授权委托书 the window printed for the agent."""
        by_code = {s.code: s for s in specs}
        bring = []
        for code, requirement, supply_by in to_bring:
            spec = by_code.get(code)
            bring.append(BringLine(spec.name if spec else code, requirement, supply_by,
                                   spec.blank_form_ref if spec else None, spec.sample_ref if spec else None))
        self._case = case
        self._to_sign = list(papers_to_sign(decision.value, authorisation=authorisation))
        self._evaluate_after = True
        self._show(self._citizen_view(Stage.DECISION, decision=decision.value, case_number=case.case_number,
                                      promised_date=promised_date, concluded=concluded, to_bring=tuple(bring)))

    def invite_evaluation(self) -> bool:
        """After the decision (the citizen touched 继续, or the clerk invited): first every paper the citizen signs
        (one signature page each), then the five grades, none chosen."""
        case = self._case
        if case is None or case.case_uuid in self._evaluated:
            return False
        if self._to_sign:
            self._show_signature(case, self._to_sign[0])
            return True
        self._show(CustomerView(Stage.EVALUATION, centre=self.centre, window=self.window, ticket=self.ticket,
                                case_number=case.case_number, reasons=self.reasons,
                                **self._evaluate_later(case.case_uuid)))
        return True

    def evaluation_link(self, case_uuid: str, link: str, qr: QrModules = ()) -> None:
        """The case's 扫码评价 link is known (it needs the stored verification code): shown with its evaluation.
        ``qr``: its modules (``printing.codes.qr_matrix``, made off the GUI thread)."""
        self._links = {case_uuid: (link, qr)}  # only the current case's: nothing of an earlier citizen is kept
        case = self._case
        if self.view.stage is Stage.EVALUATION and case is not None and case.case_uuid == case_uuid:
            self._show(replace(self.view, **self._evaluate_later(case_uuid)))

    def _evaluate_later(self, case_uuid: str) -> dict[str, Any]:
        link, qr = self._links.get(case_uuid, ("", ()))
        return {"evaluate_later": link, "evaluate_later_qr": qr}

    def ask_signature(self, case: CaseContext, paper: str) -> None:
        """A paper outside the decision needs the citizen's signature (the 送达回执 at 出件): its page now, then
        the thanks (the case's evaluation belongs to its acceptance: one per case)."""
        self._case = case
        self._to_sign = [paper]
        self._evaluate_after = False
        self._show_signature(case, paper)

    def _show_signature(self, case: CaseContext, paper: str) -> None:
        self._show(CustomerView(Stage.SIGNATURE, centre=self.centre, window=self.window, ticket=self.ticket,
                                case_number=case.case_number, sign_paper=paper,
                                sign_title=TITLES[DocumentKind(paper)], signer=SIGNED_PAPERS[paper]))

    @property
    def signatures_pending(self) -> bool:
        """The current case still has a paper for the citizen to sign before the evaluation."""
        return bool(self._to_sign)

    @property
    def signing(self) -> str:
        """The paper on screen to be signed, or ""."""
        return self.view.sign_paper if self.view.stage is Stage.SIGNATURE else ""

    def signed(self, paper: str) -> None:
        """The paper was signed (on the screen, or the clerk recorded 纸质签名): the next paper, else the grades."""
        if paper in self._to_sign:
            self._to_sign.remove(paper)
        if not (self.view.stage is Stage.SIGNATURE and self.view.sign_paper == paper):
            return
        if not self._evaluate_after and not self._to_sign:
            self._show(CustomerView(Stage.THANKS, centre=self.centre, window=self.window, ticket=self.ticket))
        elif not self.invite_evaluation():
            self.end_citizen()

    def evaluate(self, grade: int | None, reasons: Iterable[str] = (), comment: str = "") -> bool:
        """The citizen's choice (``None`` = skipped or timed out: 未评价). Recorded once per case."""
        case = self._case
        if self.view.stage is not Stage.EVALUATION or case is None or case.case_uuid in self._evaluated:
            return False
        chosen = tuple(r for r in reasons if r in self.reasons) if grade in LOW_GRADES else ()
        if self.desk is not None:
            self.desk.record(case, grade, chosen, comment)
        self._evaluated.add(case.case_uuid)
        self._show(CustomerView(Stage.THANKS, centre=self.centre, window=self.window, ticket=self.ticket))
        self._notify_clerk("evaluated" if grade is not None else "not_evaluated")
        return True

    def end_citizen(self) -> None:
        """Back to idle with nothing of this citizen left (a new draft, the next ticket, the thanks timeout)."""
        self._case = None
        self._to_sign = []
        self._links = {}
        self._show(self._idle_view())

    def blank(self) -> None:
        """Idle lock or end of the clerk's session: the screen shows nothing, and forgets the citizen."""
        self._case = None
        self._to_sign = []
        self._links = {}
        self._show(CustomerView(Stage.BLANK))

    def unblank(self) -> None:
        if self.view.stage is Stage.BLANK:
            self._show(self._idle_view())


__all__ = ["BringLine", "ChecklistLine", "CustomerScreenPresenter", "CustomerView", "Stage"]
