"""The result the window prints after the back office decided (issue #16): the decision paper (准予/不予行政许可
决定书, or 办理结果通知书/不予办理决定书 for other item types) and, for an approval whose result is a licence, the
证照 on pre-printed stock from the template of its kind (``printing.stock``), moved by the printer's calibration.

What the papers say comes from the case's stored result (``case_results``, brought by the status pull: 文号,
date, organ, provision, reasons, e-licence) and the item facts of the case; without a stored decision (a platform
that sent none) the decision paper still prints from the status history, with the item's own basis. Printing goes
through the ``PrintService`` (archived with the case, a second copy is 补打 under the existing reprint rules).
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from clerk_app.acceptance.documents import DocumentDesk
from clerk_app.domain.applicant import LegalEntity
from clerk_app.domain.case import CaseStatus
from clerk_app.domain.catalog import ServiceItem
from clerk_app.errors import ValidationError
from clerk_app.i18n import QT_TRANSLATE_NOOP
from clerk_app.print_service import PrintOutcome
from clerk_app.sync.result_pull import result_details
from offline_cache.case_results import CaseResult, result_of
from offline_cache.cases import StoredCase
from offline_cache.crypto import FieldCipher
from offline_cache.db import Database
from printing.model import DocumentContext, DocumentKind, fmt_date
from printing.stock import StockTemplate, TemplateLibrary

log = logging.getLogger("onewindow.acceptance")

LICENCE_RESULT = "证照"
# Where a result can be printed: decided, and not voided; a reprint after 出件 is still a reprint of the same paper.
_DECIDED = frozenset({CaseStatus.APPROVED, CaseStatus.DENIED, CaseStatus.READY_FOR_PICKUP, CaseStatus.HANDED_OVER,
                      CaseStatus.MAILED, CaseStatus.CONCLUDED})


class NoResultYet(ValidationError):
    message = QT_TRANSLATE_NOOP("errors", "The back office has not decided this case yet: there is no result to "
                                "print.")


@dataclass(frozen=True)
class ResultOffer:
    """What the case dialog offers: which decision paper, and the certificate (or why there is none)."""

    outcome: str | None  # approved | denied | None
    decision_kind: DocumentKind | None
    certificate_title: str = ""  # the stock template's title; empty = no certificate printed at the window
    licence_kind: str = ""  # the result's name when it is a licence
    elicence_id: str | None = None
    # The template's required values the case does not have yet (e.g. 证照编号 before the platform sent it): the
    # decision prints, the certificate waits.
    certificate_waits_for: tuple[str, ...] = ()

    @property
    def printable(self) -> bool:
        return self.decision_kind is not None


def outcome_of(stored: StoredCase, result: CaseResult | None) -> str | None:
    if stored.case.status not in _DECIDED:  # a voided case is not decided
        return None
    if result is not None:
        return result.outcome
    reached = {e.to_status for e in stored.events}
    if CaseStatus.DENIED.value in reached:
        return "denied"
    return "approved"  # approved / ready for pickup / handed over without a denial on the way


class ResultDesk:
    def __init__(self, db: Database, cipher: FieldCipher, documents: DocumentDesk,
                 templates: Callable[[], TemplateLibrary], item_of: Callable[[str], ServiceItem] | None = None
                 ) -> None:
        self._db = db
        self._cipher = cipher
        self.documents = documents
        self._templates = templates  # loaded (and checked) on first use, so a broken site file names itself then
        self._library: TemplateLibrary | None = None
        self._item_of = item_of

    @property
    def library(self) -> TemplateLibrary:
        if self._library is None:
            self._library = self._templates()
        return self._library

    def _licence_kind(self, stored: StoredCase, result: CaseResult | None) -> str:
        if result is not None and result.licence_kind:
            return result.licence_kind
        for code in stored.case.item_codes:
            try:
                item = self._item_of(code) if self._item_of is not None else None
            except Exception:  # a retired item: no catalog facts, no certificate kind
                log.warning("a case item is not in the catalog; no certificate kind for it")
                continue
            if item is not None and item.result is not None and item.result.type == LICENCE_RESULT:
                return item.result.name
        return ""

    def offer(self, case_uuid: str) -> ResultOffer:
        return self._offer(*self._facts(case_uuid))

    def _facts(self, case_uuid: str) -> tuple[StoredCase, CaseResult | None, dict[str, object]]:
        """The case and its result, each decrypted once for everything a print needs."""
        stored = self.documents.stored(case_uuid)
        result = result_of(self._db, case_uuid)
        return stored, result, result_details(self._cipher, result) if result is not None else {}

    def _offer(self, stored: StoredCase, result: CaseResult | None, details: dict[str, object]) -> ResultOffer:
        outcome = outcome_of(stored, result)
        if outcome is None:
            return ResultOffer(None, None)
        kind = DocumentKind.APPROVAL_DECISION if outcome == "approved" else DocumentKind.DENIAL_DECISION
        licence = self._licence_kind(stored, result) if outcome == "approved" else ""
        template = self.library.for_kind(licence) if licence else None
        elicence = result.elicence_id if result is not None else None
        if template is None:
            return ResultOffer(outcome, kind, "", licence, elicence)
        base = self.documents.context_of(stored, DocumentKind.CERTIFICATE)
        values = _certificate_values(stored, base, _decision_extra(stored, result, details, licence), details,
                                     template)
        waiting = tuple(f.label for f in template.fields if f.required and not values.get(f.name))
        return ResultOffer(outcome, kind, "" if waiting else template.title, licence, elicence, waiting)

    def contexts(self, case_uuid: str) -> list[DocumentContext]:
        stored, result, details = self._facts(case_uuid)
        offer = self._offer(stored, result, details)
        if offer.decision_kind is None:
            raise NoResultYet()
        decision = self.documents.context_of(stored, offer.decision_kind)
        extra = _decision_extra(stored, result, details, offer.licence_kind)
        contexts = [dataclasses.replace(decision, extra=extra, printed_at=datetime.now().astimezone())]
        template = self.library.for_kind(offer.licence_kind) if offer.certificate_title else None
        if template is not None:
            base = self.documents.context_of(stored, DocumentKind.CERTIFICATE)
            contexts.append(dataclasses.replace(
                base, stock=template, extra=_certificate_values(stored, base, extra, details, template)))
        elif offer.certificate_waits_for:
            log.info("certificate not printed: the case lacks %d required value(s)", len(offer.certificate_waits_for))
        return contexts

    def preview(self, case_uuid: str) -> list[tuple[str, bytes]]:
        printer = self.documents.printer
        return [(ctx.title, printer.preview(ctx)) for ctx in self.contexts(case_uuid)]

    def print_results(self, case_uuid: str, approved_by: str | None = None) -> list[PrintOutcome]:
        """Print (and archive) the decision and the certificate; when either would be a second 补打 without an
        approval, nothing is printed (``ReprintNeedsApproval``)."""
        contexts = self.contexts(case_uuid)
        printer, clerk = self.documents.printer, self.documents.clerk_id
        if approved_by is None:
            printer.refuse_unapproved_reprints(case_uuid, contexts, clerk)
        return [printer.print_document(case_uuid, ctx, clerk, approved_by) for ctx in contexts]


def _day(text: str | None) -> str:
    if not text:
        return ""
    try:
        return fmt_date(date.fromisoformat(text[:10]))
    except ValueError:
        return text


def _decision_extra(stored: StoredCase, result: CaseResult | None, details: dict[str, object],
                    licence_kind: str) -> dict[str, str]:
    decided = result.decided_at if result is not None and result.decided_at else _decided_at(stored)
    extra = {"decided_at": decided or "", "result_name": licence_kind}
    if result is not None:
        extra.update({"decision_number": result.decision_number, "basis": result.basis,
                      "licence_number": result.licence_number, "elicence_id": result.elicence_id or "",
                      "valid_until": _day(result.valid_until), "issued_at": result.issued_at or ""})
    if details.get("reasons"):
        extra["reasons"] = str(details["reasons"])
    return {k: v for k, v in extra.items() if v}


def _decided_at(stored: StoredCase) -> str:
    """When the platform sent no date: the back office's move, else a 即办件's conclusion on the spot."""
    for wanted in ((CaseStatus.APPROVED.value, CaseStatus.DENIED.value), (CaseStatus.CONCLUDED.value,)):
        for event in reversed(stored.events):
            if event.to_status in wanted:
                return event.device_time
    return stored.accepted_at or ""


def _certificate_values(stored: StoredCase, base: DocumentContext, extra: dict[str, str], details: dict[str, object],
                        template: StockTemplate) -> dict[str, str]:
    """The stock fields' display values: the holder in full (a certificate identifies its holder)."""
    principal = stored.case.applicant.principal
    holder_id = principal.credit_code if isinstance(principal, LegalEntity) else principal.id_number
    values = {
        "holder_name": stored.case.applicant.display_name, "holder_id": holder_id,
        "item_name": "、".join(stored.item_names), "licence_number": extra.get("licence_number", ""),
        "elicence_id": extra.get("elicence_id", ""), "issuer": base.deciding_body or base.centre_name,
        "issue_date": _day(extra.get("issued_at") or extra.get("decided_at")),
        "valid_until": extra.get("valid_until", ""), "case_number": stored.case.case_number,
        "decision_number": extra.get("decision_number", ""),
    }
    data = details.get("data")
    if isinstance(data, dict):
        values.update({f"licence.{k}": str(v) for k, v in data.items()})
    wanted = {f.name for f in template.fields}
    return {k: v for k, v in values.items() if k in wanted and v}
