"""The 缴费通知书 of a draft (受理前收费): printed from the decision panel before the case exists.

The draft has no case number yet (numbers are allocated by the commit, so a case that is never accepted burns none):
the notice's own number, the 20-digit 缴款码, stands in the frame's 办件编号 place and its Code128, as the
代办批次回执 does with its batch number; the paper says the case number follows on acceptance. It is spooled but
not archived with a case (there is none yet): the notice itself (``case_fees``) and its payment order are stored,
and the commit records them in the case's history (``FeeDesk.record_paid_on_commit``).
"""

from __future__ import annotations

import dataclasses
import logging
import uuid
from datetime import datetime

from clerk_app.acceptance.documents import Letterhead, fee_notice_context
from clerk_app.acceptance.session import AcceptanceSession
from clerk_app.domain.case import Case, CaseStatus
from clerk_app.print_service import PrintService, media_option, render_document
from offline_cache.cases import StoredCase
from offline_cache.fees import FeeNotice
from printing.model import DocumentContext
from printing.spooler import PrintJob

log = logging.getLogger("onewindow.acceptance")

DRAFT_NUMBER_NOTE = "受理后生成（本通知书以缴款码为编号）"


def draft_fee_notice_context(session: AcceptanceSession, notice: FeeNotice, qr_text: str, letterhead: Letterhead,
                             *, centre_code: str, window_code: str, clerk_id: str) -> DocumentContext:
    if session.applicant is None or not session.items:
        raise ValueError("a draft's payment notice needs its applicant and items")
    issued = datetime.fromisoformat(notice.issued_at)
    case = Case(case_uuid=uuid.UUID(session.case_uuid), case_number=notice.payment_code,
                item_codes=tuple(i.implementation_code for i in session.items), applicant=session.applicant,
                status=CaseStatus.DRAFT, decision=None, materials=(), centre_code=centre_code,
                window_code=window_code, clerk_id=clerk_id, created_at=issued)
    stored = StoredCase(case, None, None, True, tuple(i.name for i in session.items),
                        session.items[0].handling_type.name, False, {"verification_code": notice.payment_code[-6:]})
    ctx = fee_notice_context(stored, notice, qr_text, letterhead, department=session.items[0].department)
    return dataclasses.replace(ctx, extra={**ctx.extra, "case_number_note": DRAFT_NUMBER_NOTE})


def print_draft_fee_notice(printer: PrintService, ctx: DocumentContext) -> tuple[PrintJob, bytes]:
    pdf = render_document(ctx)
    job = printer.spooler.submit(printer.printer_for(ctx), pdf, f"{ctx.title}-{ctx.case_number}", media_option(ctx))
    log.info("printed the payment notice of a draft (job %s)", job.job_id)
    return job, pdf
