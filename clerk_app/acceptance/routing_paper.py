"""The 材料流转单 of a slip as a document: its context (the cases with the applicant masked, as stored in the slip's
lines) and its printing through the print service, archived with every case on it (each case's file shows the slip
its paper left with); the same slip printed again is a 补打 (tagged by the slip's UUID)."""

from __future__ import annotations

import json
from datetime import datetime

from clerk_app.acceptance.documents import DocumentDesk
from clerk_app.domain.masking import mask_name
from clerk_app.print_service import PrintOutcome
from offline_cache.cases import CaseRepository
from offline_cache.routing import StoredSlip
from printing.model import DocumentContext, DocumentKind

NUMBER_LABEL = "流转单编号"


def slip_context(slip: StoredSlip, cases: CaseRepository, documents: DocumentDesk) -> DocumentContext:
    head = documents.letterhead
    rows = []
    for line in slip.lines:
        applicant = cases.get(line["case_uuid"]).case.applicant.display_name
        rows.append({"case_number": line["case_number"], "applicant_masked": mask_name(applicant),
                     "item_names": line["item_names"], "paper": line["paper"]})
    made = datetime.fromisoformat(slip.created_at)
    return DocumentContext(
        kind=DocumentKind.ROUTING_SLIP, case_number=slip.slip_number, verification_code=slip.slip_number[-4:],
        centre_name=head.centre_name, window_name=head.window_name, clerk_name=head.clerk_name,
        applicant_name="", applicant_id_label="", applicant_id_display="",
        item_names=tuple(dict.fromkeys(n for line in slip.lines for n in line["item_names"])),
        accepted_at=made, department=slip.department, training=head.centre.training,
        extra={"cases": json.dumps(rows, ensure_ascii=False), "department": slip.department,
               "created_at": slip.created_at, "number_label": NUMBER_LABEL, "document_tag": slip.slip_uuid})


def print_slip(slip: StoredSlip, cases: CaseRepository, documents: DocumentDesk) -> PrintOutcome:
    ctx = slip_context(slip, cases, documents)
    keys = [line["case_uuid"] for line in slip.lines]
    return documents.printer.print_for_cases(keys, ctx, documents.clerk_id)[0]
