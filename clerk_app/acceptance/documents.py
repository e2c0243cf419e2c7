"""The paper for a committed case: which documents a decision gives, and their contexts from the stored case.

Runs after the commit (never before), off the GUI thread. Rendering, the encrypted archive and the spooler belong to
``printing.service.PrintService``; this module decides what to print and fills the documents from the case.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from clerk_app.acceptance.authorisation_paper import authorisation_context, needs_authorisation_paper
from clerk_app.acceptance.correction import CorrectionResult
from clerk_app.acceptance.paper_facts import CentrePaperSettings, facts_from_snapshot, item_facts
from clerk_app.acceptance.ports import CaseRules
from clerk_app.acceptance.supplement import SupplementResult
from clerk_app.config import Config
from clerk_app.customer.signature import AUTHORISED_DECISIONS
from clerk_app.domain.applicant import IdDocumentType, LegalEntity
from clerk_app.domain.case import Decision, MaterialState
from clerk_app.domain.catalog import ServiceItem
from clerk_app.domain.decision_rules import Shortfall
from clerk_app.domain.delivery import delivery_text
from clerk_app.domain.fees import yuan
from clerk_app.domain.masking import mask_id_number
from clerk_app.domain.supervision import DatedLimit
from clerk_app.print_service import PrintOutcome, PrintService
from offline_cache.cases import CaseRepository, StoredCase
from offline_cache.corrections import CorrectionRequest
from offline_cache.fees import FeeNotice
from printing.model import DocumentContext, DocumentKind, ItemFacts, MaterialRow, SubItemRow

log = logging.getLogger("onewindow.acceptance")

ID_LABELS = {
    IdDocumentType.RESIDENT_ID: "居民身份证",
    IdDocumentType.HK_MACAU_TAIWAN_PERMIT: "港澳台居民居住证",
    IdDocumentType.FOREIGN_PERMANENT_2017: "外国人永久居留身份证",
    IdDocumentType.FOREIGN_PERMANENT_2023: "外国人永久居留身份证",
    IdDocumentType.SOCIAL_SECURITY: "社会保障卡",
    IdDocumentType.HOUSEHOLD_REGISTER: "户口簿",
    IdDocumentType.PASSPORT: "护照",
    IdDocumentType.OTHER: "证件",
}

# Notices addressed to the applicant identify them in full (they are legal vouchers); everything else masks.
FULL_ID_KINDS = frozenset({DocumentKind.ACCEPTANCE_NOTICE, DocumentKind.REJECTION_NOTICE,
                           DocumentKind.DEFICIENCY_COMMITMENT, DocumentKind.ONE_TIME_NOTICE,
                           DocumentKind.CORRECTION_NOTICE, DocumentKind.APPROVAL_DECISION,
                           DocumentKind.DENIAL_DECISION})

# Shortfalls of a received material print as "不符合要求" with what is wrong.
_SHORTFALL_NOTES = {
    Shortfall.ORIGINAL_NOT_CHECKED: "原件未核验",
    Shortfall.COPIES_SHORT: "复印件份数不足",
    Shortfall.DEFERRED_NOT_ALLOWED: "该材料不允许容缺",
    Shortfall.DEFERRED_WITHOUT_DATE: "未约定补交期限",
}


THERMAL_PAPER = "thermal"


def paper_of(config: Config) -> str:
    """``printing.paper``; ``auto`` is the 80 mm roll away from the centre (上门办理 / 代办点 take their portable
    receipt printer), A4 at the window."""
    paper = config.get_str("printing.paper")
    if paper == "auto":
        return THERMAL_PAPER if config.get_str("acceptance.taken_at") != "window" else "a4"
    return paper


def documents_for(decision: Decision, thermal_receipt: bool = False, paper: str = "a4") -> tuple[DocumentKind, ...]:
    """The papers of a decision. On the thermal paper the 80 mm 受理回执 takes the place of the A4 受理通知书 and
    材料清单 (it carries the case number, the items, the promised date, the query QR); papers that have no 80 mm
    layout (the 容缺 承诺书, the notices of 一次性告知 and 不予受理) stay A4."""
    if paper == THERMAL_PAPER and decision in (Decision.ACCEPT, Decision.ACCEPT_WITH_DEFICIENCY):
        a4 = documents_for(decision)
        return (DocumentKind.THERMAL_RECEIPT, *(k for k in a4 if k not in (DocumentKind.ACCEPTANCE_NOTICE,
                                                                           DocumentKind.MATERIAL_LIST)))
    kinds = {
        Decision.ACCEPT: (DocumentKind.ACCEPTANCE_NOTICE, DocumentKind.MATERIAL_LIST),
        Decision.ACCEPT_WITH_DEFICIENCY: (DocumentKind.ACCEPTANCE_NOTICE, DocumentKind.DEFICIENCY_COMMITMENT,
                                          DocumentKind.MATERIAL_LIST),
        Decision.ONE_TIME_NOTICE: (DocumentKind.ONE_TIME_NOTICE,),
        Decision.REJECT: (DocumentKind.REJECTION_NOTICE,),
    }[decision]
    if thermal_receipt and decision in (Decision.ACCEPT, Decision.ACCEPT_WITH_DEFICIENCY):
        kinds = (DocumentKind.THERMAL_RECEIPT, *kinds)
    return kinds


@dataclass(frozen=True)
class Letterhead:
    centre_name: str
    window_name: str
    clerk_name: str
    query_hint: str = ""
    centre: CentrePaperSettings = CentrePaperSettings()

    @classmethod
    def from_config(cls, config: Config, clerk_name: str) -> Letterhead:
        return cls(str(config.get("centre.name")), str(config.get("window.name")), clerk_name,
                   str(config.get("acceptance.query_hint")), CentrePaperSettings.from_config(config))


def _item_facts(stored: StoredCase, item_of: Callable[[str], ServiceItem] | None,
                department: str) -> tuple[ItemFacts, ...]:
    """The items as the case's snapshot states them; for a case stored before snapshots, the catalog's
    current entry, else the names only."""
    details = stored.details.get("decision_details", {})
    snapshot = details.get("items")
    if snapshot:
        return tuple(facts_from_snapshot(entry) for entry in snapshot)
    facts = []
    for code, name in zip(stored.case.item_codes, stored.item_names, strict=False):
        try:
            if item_of is not None:
                facts.append(facts_from_snapshot(item_facts(item_of(code))))
                continue
        except Exception:  # a retired or unknown item must not stop the paper
            log.warning("a case item is not in the catalog; its paper states the name only")
        facts.append(ItemFacts(name=name, deciding_body=department))
    return tuple(facts)


def _first(values: Iterable[str], default: str) -> str:
    return next((v for v in values if v), default)


def _material_rows(stored: StoredCase, kind: DocumentKind) -> tuple[MaterialRow, ...]:
    details = stored.details.get("decision_details", {})
    if kind is DocumentKind.ONE_TIME_NOTICE:
        # Exactly the lines the rules produced from the checklist: complete by construction.
        rows = []
        for line in details.get("notice_lines", []):
            shortfall = Shortfall(line["shortfall"])
            missing = shortfall in (Shortfall.MISSING, Shortfall.DEFERRED)
            note = line.get("note") or _SHORTFALL_NOTES.get(shortfall, "")
            rows.append(MaterialRow(
                name=line["name"], state=MaterialState.MISSING if missing else MaterialState.DEFECTIVE,
                requirement=line.get("requirement", ""), defect_note=note,
            ))
        return tuple(rows)
    requirements = {d["material_code"]: d.get("requirement", "") for d in details.get("deferred", [])}
    return tuple(
        MaterialRow(
            name=m.name, state=m.state, original_verified=m.original_verified,
            copies_received=m.copies_received, originals_received=1 if m.original_verified else 0,
            pages=len(m.page_blob_ids), supply_by=m.supply_by,
            requirement=requirements.get(m.material_code, ""), defect_note=m.defect_note,
        )
        for m in stored.case.materials
    )


PLACES = {"home_visit": "上门办理", "agent_point": "代办点"}


def taken_at_text(stored: StoredCase, window_name: str) -> str:
    """Where the case was taken, as the papers' 受理窗口 line says it: a case taken on a home visit or at an agent
    point names that place first (the window it belongs to after it)."""
    place = PLACES.get(str(stored.details.get("taken_at", "")))
    return f"{place}（{window_name}）" if place else window_name


def build_context(
    stored: StoredCase, kind: DocumentKind, letterhead: Letterhead, *, reprint: bool = False,
    printed_at: datetime | None = None, department: str = "", item_of: Callable[[str], ServiceItem] | None = None,
) -> DocumentContext:
    case = stored.case
    principal = case.applicant.principal
    if isinstance(principal, LegalEntity):
        id_label, id_number = "统一社会信用代码", principal.credit_code
    else:
        id_label, id_number = ID_LABELS[principal.id_type], principal.id_number
    display = id_number if kind in FULL_ID_KINDS else mask_id_number(id_number)
    details = stored.details.get("decision_details", {})
    rejection = details.get("rejection", {})
    deferred_dates = [m.supply_by for m in case.materials if m.supply_by is not None]
    accepted_at = datetime.fromisoformat(stored.accepted_at) if stored.accepted_at else case.created_at
    centre = letterhead.centre
    facts = _item_facts(stored, item_of, department)
    return DocumentContext(
        kind=kind,
        case_number=case.case_number,
        verification_code=str(stored.details.get("verification_code", "")),
        centre_name=letterhead.centre_name,
        window_name=taken_at_text(stored, letterhead.window_name),
        clerk_name=letterhead.clerk_name,
        applicant_name=case.applicant.display_name,
        applicant_id_label=id_label,
        applicant_id_display=display,
        item_names=stored.item_names,
        accepted_at=accepted_at,
        materials=_material_rows(stored, kind),
        department=department,
        promised_date=case.promised_date,
        promised_certain=stored.deadline_certain,
        promised_warning=stored.details.get("deadline_warning"),
        handling_type="即办件" if stored.handling_type == "IMMEDIATE" else "承诺件",
        agent_name=case.applicant.agent.agent.name if case.applicant.agent else "",
        decision_reason=str(rejection.get("reason", "")),
        legal_basis=str(rejection.get("legal_basis", "")),
        apply_instead=str(rejection.get("where_to_apply", "")),
        reconsideration_body=_first((f.reconsideration_body for f in facts), centre.reconsideration_body),
        litigation_court=_first((f.court for f in facts), centre.court),
        supply_deadline=max(deferred_dates) if deferred_dates else None,
        query_hint=letterhead.query_hint,
        reprint=reprint,
        printed_at=printed_at,
        decision=case.decision,
        items=facts,
        legal_deadline=stored.legal_deadline,
        rejection_type=str(rejection.get("reason_type", "")),
        deferral_rule=centre.deferral_rule,
        consultation_phone=centre.consultation_phone,
        complaint_phone=centre.complaint_phone,
        training=centre.training,
        query_url=centre.query_url,
        evaluation_url=centre.evaluation_url,
        result_delivery=delivery_text(stored.details.get("delivery")),
        sub_items=_sub_items(stored, facts),
    )


def _sub_items(stored: StoredCase, facts: tuple[ItemFacts, ...]) -> tuple[SubItemRow, ...]:
    """并联: a 一件事 case's member items with their departments; the platform's sub-case numbers once reported."""
    if stored.sub_cases:
        return tuple(SubItemRow(s.item_name, s.department, s.deciding_body, s.sub_number, s.deadline)
                     for s in stored.sub_cases)
    if not stored.details.get("bundle_code"):
        return ()
    return tuple(SubItemRow(f.name, f.department or f.deciding_body, f.deciding_body) for f in facts)


def supplement_context(stored: StoredCase, supplement: SupplementResult, letterhead: Letterhead, *,
                       department: str = "", item_of: Callable[[str], ServiceItem] | None = None,
                       ) -> DocumentContext:
    """补齐材料接收回执 of one supplement: the materials supplied then, and what is still deferred."""
    base = build_context(stored, DocumentKind.SUPPLEMENT_RECEIPT, letterhead, department=department,
                         item_of=item_of)
    names = {m.material_code: m.name for m in stored.case.materials}
    rows = tuple(
        MaterialRow(name=line["name"], state=MaterialState.RECEIVED,
                    original_verified=bool(line.get("original_verified")),
                    copies_received=int(line.get("copies_received", 0)),
                    originals_received=1 if line.get("original_verified") else 0, pages=int(line.get("pages", 0)),
                    supply_by=date.fromisoformat(line["supply_by"]) if line.get("supply_by") else None,
                    supplied_late=not line.get("on_time", True))
        for line in supplement.materials
    )
    remaining = "、".join(names.get(code, code) for code in supplement.remaining)
    return dataclasses.replace(base, materials=rows, supply_deadline=None,
                               printed_at=datetime.fromisoformat(supplement.supplied_at),
                               extra={"supplied_at": supplement.supplied_at, "remaining": remaining,
                                      "supplement_uuid": supplement.supplement_uuid})


def correction_notice_context(stored: StoredCase, request: CorrectionRequest, letterhead: Letterhead, *,
                              department: str = "", item_of: Callable[[str], ServiceItem] | None = None,
                              reprint: bool = False) -> DocumentContext:
    """补正告知书 of one request: exactly the materials the back office asked for, with its words and date."""
    base = build_context(stored, DocumentKind.CORRECTION_NOTICE, letterhead, department=department,
                         item_of=item_of, reprint=reprint)
    names = {m.material_code: m.name for m in stored.case.materials}
    rows = tuple(MaterialRow(name=i.name or names.get(i.material_code, i.material_code), state=MaterialState.MISSING,
                             requirement=i.requirement, supply_by=request.due_by) for i in request.items)
    return dataclasses.replace(base, materials=rows, supply_deadline=request.due_by, extra={
        "notice_number": request.request_id, "requested_at": request.requested_at, "note": request.note,
        "document_tag": request.request_id})


def correction_receipt_context(stored: StoredCase, result: CorrectionResult, request: CorrectionRequest,
                               letterhead: Letterhead, *, department: str = "",
                               item_of: Callable[[str], ServiceItem] | None = None) -> DocumentContext:
    """补正材料接收回执 of one submission: the materials as received, each against the notice's date."""
    base = build_context(stored, DocumentKind.CORRECTION_RECEIPT, letterhead, department=department,
                         item_of=item_of)
    rows = tuple(MaterialRow(name=line["name"], state=MaterialState.RECEIVED,
                             original_verified=bool(line.get("original_verified")),
                             copies_received=int(line.get("copies_received", 0)), pages=int(line.get("pages", 0)),
                             supply_by=request.due_by, supplied_late=not line.get("on_time", True))
                 for line in result.materials)
    return dataclasses.replace(base, materials=rows, supply_deadline=None,
                               printed_at=datetime.fromisoformat(result.submitted_at),
                               extra={"submitted_at": result.submitted_at, "notice_number": request.request_id,
                                      "document_tag": result.submission_uuid})


def fee_notice_context(stored: StoredCase, notice: FeeNotice, qr_text: str, letterhead: Letterhead, *,
                       department: str = "", item_of: Callable[[str], ServiceItem] | None = None) -> DocumentContext:
    """缴费通知书 of one notice: its lines, total, payment code and the payment QR's text."""
    base = build_context(stored, DocumentKind.FEE_NOTICE, letterhead, department=department, item_of=item_of,
                         printed_at=datetime.fromisoformat(notice.issued_at))
    lines = [{k: line[k] for k in ("name", "standard", "basis", "amount_fen")} for line in notice.items]
    return dataclasses.replace(base, extra={
        "lines": json.dumps(lines, ensure_ascii=False), "amount": yuan(notice.amount_fen),
        "payment_code": notice.payment_code, "payment_qr": qr_text, "stage": notice.stage,
        "expires_on": notice.expires_on.isoformat() if notice.expires_on else "", "issued_at": notice.issued_at,
        "document_tag": notice.notice_uuid})


RESULT_TEXT = {"approved": "准予（批准）", "denied": "不予批准", "concluded": "办结"}
CHECK_NOTE = {"applicant": "读取领取人身份证，与申请人一致", "agent": "读取领取人身份证，与受理时登记的代理人一致",
              "authorised": "领取人凭申请人签署的授权委托书领取（委托书已扫描存档，共{pages}页）"}


class NotHandedOver(LookupError):
    """The case has no handover event yet (nothing to put on a 送达回执)."""


def delivery_context(stored: StoredCase, letterhead: Letterhead, *, department: str = "", reprint: bool = False,
                     item_of: Callable[[str], ServiceItem] | None = None) -> DocumentContext:
    """送达回执 of the case's handover, from its ``handed_over`` event (which keeps only the masked collector)."""
    handed = [e for e in stored.events if e.kind == "handed_over"]
    if not handed:
        raise NotHandedOver(stored.case.case_number)
    details = handed[-1].details
    results = [e.to_status for e in stored.events if e.to_status in RESULT_TEXT]
    check = details.get("collector_check") or {}
    note = CHECK_NOTE.get(str(check.get("relation", "")), "—").format(pages=check.get("authorisation_pages", 0))
    if check.get("manual"):
        typed = "手工录入领取人身份（原因：" + str(check.get("manual_reason", "")) + "）"
        note = note.replace("读取领取人身份证", typed)
    collected_at = str(details.get("collected_at") or handed[-1].device_time)
    base = build_context(stored, DocumentKind.DELIVERY_RECEIPT, letterhead, department=department, item_of=item_of,
                         reprint=reprint, printed_at=datetime.fromisoformat(collected_at))
    return dataclasses.replace(base, extra={
        "result": RESULT_TEXT[results[0]] if results else "—",
        "collector_name": str(details.get("collector_name_masked", "")),
        "collector_id": str(details.get("collector_id_masked", "")),
        "relation": str(details.get("relation", "")), "check_note": note, "collected_at": collected_at,
        "handover_uuid": str(details.get("handover_uuid", "")),
        **({"elicence_id": elicence} if (elicence := elicence_of(stored)) else {}),
    })


def elicence_of(stored: StoredCase) -> str:
    """The e-licence identifier the platform issued for the case's result (the last one reported), or ''."""
    reported = [str(e.details.get("elicence_id") or "") for e in stored.events if e.kind == "result_received"]
    return next((r for r in reversed(reported) if r), "")


class DocumentDesk:
    """Contexts for a committed case's documents; preview and printing go through the ``PrintService``
    (render, archive encrypted with a ``printed``/``reprinted`` event, then spool)."""

    def __init__(self, cases: CaseRepository, printer: PrintService, letterhead: Letterhead, *, clerk_id: str,
                 thermal_receipt: bool = False, paper: str = "a4", department_of: Callable[[str], str] | None = None,
                 item_of: Callable[[str], ServiceItem] | None = None,
                 signature_of: Callable[[str, str], bytes | None] | None = None,
                 rules: CaseRules | None = None, today: Callable[[], date] = date.today) -> None:
        self._cases = cases
        self._rules = rules  # 补正 papers: the promised date moved by the pauses (None: the stored date)
        self._today = today
        self._signature_of = signature_of  # (case_uuid, kind) -> the citizen's PNG signed on the customer screen
        self.printer = printer
        self.letterhead = letterhead
        self.clerk_id = clerk_id
        self.thermal_receipt = thermal_receipt
        self.paper = paper
        self._department_of = department_of
        self._item_of = item_of

    def contexts(self, case_uuid: str, kinds: tuple[DocumentKind, ...] | None = None) -> list[DocumentContext]:
        stored = self._cases.get(case_uuid)
        decision = stored.case.decision or Decision.ACCEPT
        department = self._department(stored)
        contexts = [self._signed(case_uuid, build_context(stored, kind, self.letterhead, department=department,
                                                          item_of=self._item_of))
                    for kind in kinds or documents_for(decision, self.thermal_receipt, self.paper)
                    if kind is not DocumentKind.AUTHORISATION]
        # An accepted case's papers come with the agent's 授权委托书 when none is in the case (the principal signs
        # it), and it is there whenever asked for by kind.
        wanted = (DocumentKind.AUTHORISATION in kinds if kinds else
                  decision.value in AUTHORISED_DECISIONS and needs_authorisation_paper(stored.case.applicant,
                                                                                stored.case.materials))
        if wanted and stored.case.applicant.agent is not None:
            contexts.append(self.authorisation_context(case_uuid))
        return contexts

    def stored(self, case_uuid: str) -> StoredCase:
        return self._cases.get(case_uuid)

    def stored_context(self, case_uuid: str, kind: DocumentKind) -> tuple[StoredCase, DocumentContext]:
        """The stored case and the base context of one of its papers (letterhead, department, item facts), for
        the desks that fill their own papers (``clerk_app.acceptance.results``)."""
        stored = self._cases.get(case_uuid)
        return stored, self.context_of(stored, kind)

    def context_of(self, stored: StoredCase, kind: DocumentKind) -> DocumentContext:
        """The base context of a paper of a case already read (no second decryption)."""
        return build_context(stored, kind, self.letterhead, department=self._department(stored), item_of=self._item_of)

    def _signed(self, case_uuid: str, ctx: DocumentContext) -> DocumentContext:
        """The paper with the citizen's screen signature at its signature line, when there is one."""
        png = self._signature_of(case_uuid, ctx.kind.value) if self._signature_of is not None else None
        return dataclasses.replace(ctx, signature_png=png) if png else ctx

    def _department(self, stored: StoredCase) -> str:
        if self._department_of is None or not stored.case.item_codes:
            return ""
        try:
            return self._department_of(stored.case.item_codes[0])
        except Exception:  # a retired or unknown item must not stop the paper
            log.warning("department of a case item not found in the catalog")
            return ""

    def supplement_contexts(self, case_uuid: str, supplements: list[SupplementResult]) -> list[DocumentContext]:
        stored = self._cases.get(case_uuid)
        department = self._department(stored)
        return [supplement_context(stored, s, self.letterhead, department=department, item_of=self._item_of)
                for s in supplements]

    def print_supplement(self, case_uuid: str, supplement: SupplementResult,
                         approved_by: str | None = None) -> list[PrintOutcome]:
        """Print (and archive) the 补齐材料接收回执 of one supplement."""
        return [self.printer.print_document(case_uuid, ctx, self.clerk_id, approved_by)
                for ctx in self.supplement_contexts(case_uuid, [supplement])]

    def _extended_promise(self, stored: StoredCase, ctx: DocumentContext) -> DocumentContext:
        """The promised date as it stands after the case's pauses (补正, 特别程序): a paper printed after the clock
        stopped must not state the date the clock no longer runs to."""
        case = stored.case
        if self._rules is None or case.promised_date is None or not stored.accepted_at:
            return ctx
        moves = [(e.from_status, e.to_status, date.fromisoformat(e.device_time[:10]))
                 for e in self._cases.events(str(case.case_uuid))]
        watch = self._rules.case_supervision(case.status, date.fromisoformat(stored.accepted_at[:10]),
                                             DatedLimit(case.promised_date, stored.deadline_certain), None, moves,
                                             self._today())
        if watch.promised is None:
            return ctx
        return dataclasses.replace(ctx, promised_date=watch.promised.date, promised_certain=watch.promised.certain)

    def correction_notice_context(self, case_uuid: str, request: CorrectionRequest) -> DocumentContext:
        stored = self._cases.get(case_uuid)
        return self._extended_promise(stored, correction_notice_context(
            stored, request, self.letterhead, department=self._department(stored), item_of=self._item_of))

    def print_correction_notice(self, case_uuid: str, request: CorrectionRequest) -> PrintOutcome:
        """Print (and archive) the 补正告知书 of a request; a second copy of the same request is 补打."""
        return self.printer.print_document(case_uuid, self.correction_notice_context(case_uuid, request),
                                           self.clerk_id)

    def correction_receipt_context(self, case_uuid: str, result: CorrectionResult,
                                   request: CorrectionRequest) -> DocumentContext:
        stored = self._cases.get(case_uuid)
        return self._extended_promise(stored, correction_receipt_context(
            stored, result, request, self.letterhead, department=self._department(stored), item_of=self._item_of))

    def print_correction_receipt(self, case_uuid: str, result: CorrectionResult,
                                 request: CorrectionRequest) -> PrintOutcome:
        return self.printer.print_document(case_uuid, self.correction_receipt_context(case_uuid, result, request),
                                           self.clerk_id)

    def print_fee_notice(self, case_uuid: str, notice: FeeNotice, qr_text: str) -> PrintOutcome:
        """Print (and archive) the 缴费通知书 of a notice; the same notice again is 补打."""
        stored = self._cases.get(case_uuid)
        ctx = fee_notice_context(stored, notice, qr_text, self.letterhead, department=self._department(stored),
                                 item_of=self._item_of)
        return self.printer.print_document(case_uuid, ctx, self.clerk_id)

    def delivery_receipt_context(self, case_uuid: str) -> DocumentContext:
        stored = self._cases.get(case_uuid)
        return self._signed(case_uuid, delivery_context(stored, self.letterhead, department=self._department(stored),
                                                        item_of=self._item_of))

    def print_delivery_receipt(self, case_uuid: str, approved_by: str | None = None) -> PrintOutcome:
        """Print the 送达回执 of the handover; the PrintService archives it with the case (encrypted, with a
        ``printed`` event) before spooling, a second print comes out as 补打."""
        return self.printer.print_document(case_uuid, self.delivery_receipt_context(case_uuid), self.clerk_id,
                                           approved_by)

    def needs_authorisation(self, case_uuid: str) -> bool:
        """The case has an agent and no scanned 授权委托书: the window prints one for the principal to sign."""
        stored = self._cases.get(case_uuid)
        return needs_authorisation_paper(stored.case.applicant, stored.case.materials)

    def authorisation_context(self, case_uuid: str) -> DocumentContext:
        stored = self._cases.get(case_uuid)
        base = build_context(stored, DocumentKind.AUTHORISATION, self.letterhead,
                             department=self._department(stored), item_of=self._item_of)
        return self._signed(case_uuid, authorisation_context(base, stored))

    def print_authorisation(self, case_uuid: str, approved_by: str | None = None) -> PrintOutcome:
        """Print (and archive) the 授权委托书 of the case's agent; a second print is 补打 and carries the signature
        (a second 补打 needs ``approved_by``, like every paper)."""
        return self.printer.print_document(case_uuid, self.authorisation_context(case_uuid), self.clerk_id,
                                           approved_by)

    def archive_signed(self, case_uuid: str, kind: DocumentKind) -> PrintOutcome:
        """After the citizen signed this paper on the customer screen: archive the signed copy with the case
        (encrypted, with a ``printed`` event; no paper comes out: the clerk prints it with Ctrl+P if wanted)."""
        if kind is DocumentKind.DELIVERY_RECEIPT:
            contexts = [self.delivery_receipt_context(case_uuid)]
        elif kind is DocumentKind.AUTHORISATION:
            contexts = [self.authorisation_context(case_uuid)]
        else:
            contexts = self.contexts(case_uuid, (kind,))
        return self.printer.archive_only(case_uuid, contexts[0], self.clerk_id)

    def preview(self, case_uuid: str, kinds: tuple[DocumentKind, ...] | None = None) -> list[tuple[str, bytes]]:
        return [(ctx.title, self.printer.preview(ctx)) for ctx in self.contexts(case_uuid, kinds)]

    def print_case(self, case_uuid: str, kinds: tuple[DocumentKind, ...] | None = None,
                   progress: Callable[[int, int], None] | None = None,
                   approved_by: str | None = None) -> list[PrintOutcome]:
        """Print (and archive) each document; a kind printed before for this case comes out as 补打.
        ``progress(done, total)`` is called before each document and once at the end. When one of them would be a
        second or later 补打 and nobody approved, nothing is printed (``ReprintNeedsApproval``)."""
        contexts = self.contexts(case_uuid, kinds)
        if approved_by is None:
            self.printer.refuse_unapproved_reprints(case_uuid, contexts, self.clerk_id)
        outcomes = []
        for index, ctx in enumerate(contexts):
            if progress is not None:
                progress(index, len(contexts))
            outcomes.append(self.printer.print_document(case_uuid, ctx, self.clerk_id, approved_by))
        if progress is not None:
            progress(len(contexts), len(contexts))
        return outcomes
