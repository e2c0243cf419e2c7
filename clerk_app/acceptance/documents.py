"""The paper for a committed case: which documents, their contexts, rendering and the encrypted archive.

Runs after the commit (never before): rendering and printing happen off the GUI thread, and every printed PDF is
archived in the blob store (encrypted) and linked to the case with a ``printed``/``reprinted`` event, so a reprint
is marked 补打 and the audit log shows who printed what when.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from clerk_app.domain.applicant import IdDocumentType, LegalEntity
from clerk_app.domain.case import Decision, MaterialState
from clerk_app.domain.decision_rules import Shortfall
from clerk_app.domain.masking import mask_id_number
from offline_cache.cases import CaseRepository, PageRef, StoredCase
from offline_cache.db import Database
from printing.model import DocumentContext, DocumentKind, MaterialRow
from printing.render import render_document

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
                           DocumentKind.DEFICIENCY_COMMITMENT, DocumentKind.ONE_TIME_NOTICE})

# Shortfalls of a received material print as "不符合要求" with what is wrong.
_SHORTFALL_NOTES = {
    Shortfall.ORIGINAL_NOT_CHECKED: "原件未核验",
    Shortfall.COPIES_SHORT: "复印件份数不足",
    Shortfall.DEFERRED_NOT_ALLOWED: "该材料不允许容缺",
    Shortfall.DEFERRED_WITHOUT_DATE: "未约定补交期限",
}


def documents_for(decision: Decision, thermal_receipt: bool = False) -> tuple[DocumentKind, ...]:
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


def build_context(
    stored: StoredCase, kind: DocumentKind, letterhead: Letterhead, *, reprint: bool = False,
    printed_at: datetime | None = None, department: str = "",
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
    return DocumentContext(
        kind=kind,
        case_number=case.case_number,
        verification_code=str(stored.details.get("verification_code", "")),
        centre_name=letterhead.centre_name,
        window_name=letterhead.window_name,
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
        supply_deadline=max(deferred_dates) if deferred_dates else None,
        query_hint=letterhead.query_hint,
        reprint=reprint,
        printed_at=printed_at,
    )


@dataclass(frozen=True)
class RenderedDocument:
    kind: DocumentKind
    pdf: bytes
    sha256: str
    reprint: bool


PrintFn = Callable[[bytes, DocumentKind, str], Any]  # (pdf, kind, job title) -> job id or None


class DocumentDesk:
    """Render, archive and (through the injected spooler) print a case's documents."""

    def __init__(self, db: Database, blobs: Any, cases: CaseRepository, letterhead: Letterhead,
                 rules: Any, *, clerk_id: str, window_code: str,
                 department_of: Callable[[str], str] | None = None) -> None:
        self._db = db
        self._blobs = blobs
        self._cases = cases
        self.letterhead = letterhead
        self._rules = rules
        self._clerk_id = clerk_id
        self._window_code = window_code
        self._department_of = department_of

    def render(self, case_uuid: str, kinds: tuple[DocumentKind, ...] | None = None,
               thermal_receipt: bool = False) -> list[RenderedDocument]:
        """Render and archive; a case that already has printed documents gets 补打 copies."""
        stored = self._cases.get(case_uuid)
        decision = stored.case.decision or Decision.ACCEPT
        reprint = bool(stored.printed)
        department = ""
        if self._department_of is not None and stored.case.item_codes:
            department = self._department_of(stored.case.item_codes[0])
        now = datetime.now().astimezone()
        out = []
        for kind in kinds or documents_for(decision, thermal_receipt):
            ctx = build_context(stored, kind, self.letterhead, reprint=reprint,
                                printed_at=now if reprint else None, department=department)
            pdf = render_document(ctx)
            out.append(RenderedDocument(kind, pdf, self._blobs.put(pdf), reprint))
        self._archive(stored, out)
        return out

    def _archive(self, stored: StoredCase, documents: list[RenderedDocument]) -> None:
        case_uuid = str(stored.case.case_uuid)
        with self._db.transaction() as conn:
            start = conn.execute("SELECT count(*) FROM case_blobs WHERE case_uuid = ? AND role = ?",
                                 (case_uuid, "printed_document")).fetchone()[0]
            for offset, doc in enumerate(documents):
                ref = PageRef(doc.sha256, len(doc.pdf), "application/pdf")
                CaseRepository.link_blob(conn, case_uuid, ref, "printed_document", material_code=None,
                                         position=start + offset,
                                         details={"kind": doc.kind.value, "reprint": doc.reprint})
            self._rules.record_event(
                conn, case_uuid=case_uuid, kind="reprinted" if any(d.reprint for d in documents) else "printed",
                from_status=None, to_status=None, clerk_id=self._clerk_id, window_code=self._window_code,
                details={"documents": [d.kind.value for d in documents],
                         "sha256": [d.sha256 for d in documents]},
            )
        log.info("archived %d document(s) for a case", len(documents))
