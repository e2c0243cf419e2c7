"""The printing service the acceptance UI calls (off the GUI thread): preview, print, reprint, archive.

Order of a print: render the PDF, archive it with the case (blob + rows + event in one transaction), then hand it
to the spooler. The case itself was committed before (the acceptance flow's rule), so a printer failure never
loses a case: the clerk reprints from the archive or with ``reprint``.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from clerk_app.context import Workstation
from clerk_app.errors import UserFacingError
from clerk_app.i18n import QT_TRANSLATE_NOOP
from offline_cache import audit_log, print_archive
from offline_cache.print_archive import archive_in, archive_printed, printed_documents, reprint_count, was_printed
from offline_cache.printer_calibration import stored_calibration
from printing.errors import NoPrinter, SpoolerUnavailable
from printing.model import TITLES, DocumentContext, DocumentKind
from printing.render_worker import default_worker, render
from printing.spooler import PrintJob, Spooler, resolve_printer, route, system_spooler
from printing.stock import Calibration

log = logging.getLogger("onewindow.printing")


@dataclass(frozen=True)
class ArchivedDocument:
    case_uuid: str
    sha256: str
    kind: DocumentKind
    reprint: bool
    printer: str
    archived_at: str
    position: int

    @classmethod
    def from_record(cls, record: print_archive.ArchivedDocument) -> ArchivedDocument:
        return cls(record.case_uuid, record.sha256, DocumentKind(record.kind), record.reprint, record.printer,
                   record.archived_at, record.position)


@dataclass(frozen=True)
class PrintOutcome:
    job: PrintJob
    archived: ArchivedDocument
    pdf: bytes
    saved_to: str = ""  # training mode without a print service: the PDF file written instead

    @property
    def title(self) -> str:
        return TITLES[self.archived.kind]


# Training mode: a newcomer's first acceptance must not end in "the print service is not running" (or "no printer
# at all"). A configured printer that does not exist stays an error: that is a setting to fix.
TRAINING_FALLBACK = (SpoolerUnavailable, NoPrinter)
TRAINING_PRINTER = "PDF（培训）"
SIGNED_ARCHIVE = "电子签名存档"  # the "printer" of a copy archived after the citizen signed it on the screen


FREE_REPRINTS = 1  # the first 补打 of a paper is the clerk's; the second and later need a supervisor's approval



def render_document(ctx: DocumentContext) -> bytes:
    """The paper's PDF, rendered in the render worker: reportlab with the CJK font (~0.6 s to load, ~50 MB) never
    loads in this process (issue 11), unless no worker can start (``printing.render_worker``)."""
    pdf: bytes = render("printing.render:render_document", ctx)
    return pdf


def media_option(ctx: DocumentContext) -> str:
    """The IPP ``media`` of the paper (a receipt's length is known once it is laid out: the worker knows it)."""
    option: str = render("printing.render:media_option", ctx)
    return option


class ReprintNeedsApproval(UserFacingError):
    message = QT_TRANSLATE_NOOP("errors", "“{title}” was already reprinted once: another copy needs the approval of "
                                "the supervisor (值班长).")

    def __init__(self, title: str, kind: str) -> None:
        super().__init__(title=title)
        self.kind = kind


class CalibrationUnreadable(UserFacingError):
    message = QT_TRANSLATE_NOOP("errors", "The calibration kept for the printer {printer} cannot be read: calibrate "
                                "it again (打印机校准) before printing on pre-printed stock.")


class PrintService:
    def __init__(self, workstation: Workstation, spooler: Spooler | None = None) -> None:
        self._ws = workstation
        self._spooler = spooler

    def close(self) -> None:
        """The workstation closes: the render worker ends now, in order, not in the interpreter's exit."""
        default_worker().stop()

    @property
    def spooler(self) -> Spooler:
        if self._spooler is None:
            self._spooler = system_spooler()
        return self._spooler

    def warm_up(self) -> None:
        """Start the render worker and load the papers' code in it, so the first paper of the day does not wait
        for it (off the GUI thread: it returns once the child process is started, not when it is warm)."""
        default_worker().warm_up()

    def preview(self, ctx: DocumentContext) -> bytes:
        """The PDF exactly as it would print (for QPdfDocument in the UI)."""
        return render_document(ctx)

    @property
    def a4_printer(self) -> str:
        """The configured A4 printer (empty = the system default)."""
        return str(self._ws.config.get("printing.a4_printer"))

    def printer_for(self, ctx: DocumentContext) -> str:
        config = self._ws.config
        configured = route(ctx.kind, str(config.get("printing.a4_printer")),
                           str(config.get("printing.receipt_printer")))
        if ctx.kind is DocumentKind.CERTIFICATE:
            configured = str(config.get("printing.certificate_printer")) or configured
        return resolve_printer(self.spooler, configured)

    def calibration(self, printer: str) -> Calibration:
        """The x/y correction kept for this print queue (none = no correction)."""
        stored = stored_calibration(self._ws.db, printer)
        if stored is None:
            return Calibration()
        try:
            return Calibration(float(stored["offset_x_mm"]), float(stored["offset_y_mm"]),
                               float(stored.get("scale", 1.0)))
        except (KeyError, TypeError, ValueError):
            # A stored value this version cannot read must not print certificates off their places unnoticed.
            raise CalibrationUnreadable(printer=printer) from None

    def _calibrated(self, ctx: DocumentContext, printer: str) -> DocumentContext:
        """Pre-printed stock takes the correction of the printer the job goes to; other papers stay as they are."""
        if ctx.kind is not DocumentKind.CERTIFICATE:
            return ctx
        return dataclasses.replace(ctx, calibration=self.calibration(printer))

    def training_folder(self) -> Path:
        return Path(self._ws.paths.data_dir) / "training-prints"

    def refuse_unapproved_reprints(self, case_uuid: str, ctxs: list[DocumentContext], clerk_id: str) -> None:
        """Before printing a set: if any of them would be a second or later 补打 (counted per case and paper),
        audit the refused attempt and raise ``ReprintNeedsApproval`` naming them, so nothing is half printed."""
        refused = [ctx for ctx in ctxs
                   if reprint_count(self._ws.db, case_uuid, ctx.kind.value, ctx.extra.get("supplement_uuid"))
                   >= FREE_REPRINTS]
        if refused:
            audit_log.write(self._ws.db, "reprint_refused", clerk_id,
                            {"case_number": refused[0].case_number, "kinds": [ctx.kind.value for ctx in refused]})
            raise ReprintNeedsApproval("、".join(ctx.title for ctx in refused), refused[0].kind.value)

    def print_document(self, case_uuid: str, ctx: DocumentContext, clerk_id: str,
                       approved_by: str | None = None) -> PrintOutcome:
        """Print one document of a committed case. A kind printed before for this case is marked 补打; the second
        and later 补打 of a paper need ``approved_by`` (the supervisor whose credential ``ClerkSession.approve``
        checked), else ``ReprintNeedsApproval``. Every 补打 is audited (``reprint``, with the copy and approver).

        In training mode with no usable print service the paper is archived as printed and saved as a PDF in
        ``training_folder()`` instead (``saved_to``), for the UI to open in the preview."""
        # Each 补齐 has its own receipt, each 补正 request its own notice and receipt: not copies of the last one.
        tag = ctx.extra.get("supplement_uuid") or ctx.extra.get("document_tag")
        if not ctx.reprint and was_printed(self._ws.db, case_uuid, ctx.kind.value, tag):
            ctx = dataclasses.replace(ctx, reprint=True, printed_at=ctx.printed_at or datetime.now().astimezone())
        if ctx.reprint:
            self._audit_reprint(case_uuid, ctx, clerk_id, tag, approved_by)
        try:
            printer = self.printer_for(ctx)
        except TRAINING_FALLBACK:
            if not self._ws.is_training:
                raise
            return self._save_instead(case_uuid, ctx, clerk_id, tag)
        ctx = self._calibrated(ctx, printer)
        pdf = render_document(ctx)
        record = archive_printed(self._ws.db, self._ws.blobs, case_uuid, pdf, ctx.kind.value, ctx.reprint, printer,
                                   clerk_id, str(self._ws.config.get("window.code")), tag)
        archived = ArchivedDocument.from_record(record)
        job = self.spooler.submit(printer, pdf, f"{ctx.title}-{ctx.case_number}", media_option(ctx))
        log.info("printed %s of a case on %s (job %s, reprint=%s)", ctx.kind.value, printer, job.job_id, ctx.reprint)
        return PrintOutcome(job, archived, pdf)

    def _audit_reprint(self, case_uuid: str, ctx: DocumentContext, clerk_id: str, tag: str | None,
                       approved_by: str | None) -> None:
        """Refuse a second or later 补打 without an approval (audited as ``reprint_refused``), else audit it."""
        copy = reprint_count(self._ws.db, case_uuid, ctx.kind.value, tag) + 1
        facts = {"case_number": ctx.case_number, "kind": ctx.kind.value, "copy": copy}
        if copy > FREE_REPRINTS and not approved_by:
            audit_log.write(self._ws.db, "reprint_refused", clerk_id, facts)
            raise ReprintNeedsApproval(ctx.title, ctx.kind.value)
        audit_log.write(self._ws.db, "reprint", clerk_id, {**facts, "approved_by": approved_by})

    def _save_instead(self, case_uuid: str, ctx: DocumentContext, clerk_id: str, tag: str | None) -> PrintOutcome:
        pdf = render_document(self._calibrated(ctx, TRAINING_PRINTER))
        record = archive_printed(self._ws.db, self._ws.blobs, case_uuid, pdf, ctx.kind.value, ctx.reprint,
                                 TRAINING_PRINTER, clerk_id, str(self._ws.config.get("window.code")), tag)
        folder = self.training_folder()
        folder.mkdir(parents=True, exist_ok=True)
        suffix = f"-{record.position}" if ctx.reprint or tag else ""
        path = folder / f"{ctx.case_number}-{ctx.kind.value}{suffix}.pdf"
        path.write_bytes(pdf)
        log.info("training mode, no print service: %s saved as a PDF", ctx.kind.value)
        return PrintOutcome(PrintJob(TRAINING_PRINTER, "saved"), ArchivedDocument.from_record(record), pdf,
                            str(path))

    def print_for_cases(self, case_uuids: Sequence[str], ctx: DocumentContext, clerk_id: str) -> list[PrintOutcome]:
        """One paper about several cases (a 材料流转单, the 当日寄件清单, a 代办批次's receipt): rendered and printed
        once, as ``print_document`` for the first case (its 补打 rule), and the same copy archived with each other
        case, on the printer it went to (each case's file shows the paper it left with). One outcome per case."""
        first, *others = case_uuids
        outcome = self.print_document(first, ctx, clerk_id)
        made = outcome.archived
        tag = ctx.extra.get("supplement_uuid") or ctx.extra.get("document_tag")
        window = str(self._ws.config.get("window.code"))
        with self._ws.db.transaction() as conn:
            records = [archive_in(conn, key, made.sha256, len(outcome.pdf), made.kind.value, made.reprint,
                                  made.printer, clerk_id, window, tag) for key in others]
        return [outcome, *(dataclasses.replace(outcome, archived=ArchivedDocument.from_record(r)) for r in records)]

    def archive_only(self, case_uuid: str, ctx: DocumentContext, clerk_id: str) -> PrintOutcome:
        """Archive a copy with the case without spooling it (the copy signed on the customer screen). It is a
        new version of the paper, not a 补打: the mark stays off; the next print of the kind is one."""
        pdf = render_document(ctx)
        record = archive_printed(self._ws.db, self._ws.blobs, case_uuid, pdf, ctx.kind.value, ctx.reprint,
                                 SIGNED_ARCHIVE, clerk_id, str(self._ws.config.get("window.code")),
                                 ctx.extra.get("supplement_uuid"))
        log.info("archived the screen-signed %s of a case", ctx.kind.value)
        return PrintOutcome(PrintJob(SIGNED_ARCHIVE, "archived"), ArchivedDocument.from_record(record), pdf)

    def wait(self, job: PrintJob, timeout: float = 30.0) -> str:
        return self.spooler.wait(job, timeout)

    def archived(self, case_uuid: str) -> list[ArchivedDocument]:
        return [ArchivedDocument.from_record(r) for r in printed_documents(self._ws.db, case_uuid)]

    def archived_pdf(self, sha256: str) -> bytes:
        return self._ws.blobs.get(sha256)

