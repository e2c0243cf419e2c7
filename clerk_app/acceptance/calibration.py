"""Per-printer calibration of pre-printed stock (打印机校准): print the calibration page, let the clerk enter where
its crosses came out, keep the correction for that print queue, print a check page with it applied.

The correction is machine-local (``settings_kv``, key per queue name) and audited (``printer_calibrated``, with
the old and new values: a certificate printed off its boxes is traceable to the setting it used). Every stock print
on that queue takes it (``PrintService._calibrated``); other papers never do.
"""

from __future__ import annotations

import logging
from datetime import datetime

from clerk_app.context import Workstation
from clerk_app.print_service import TRAINING_FALLBACK, TRAINING_PRINTER, PrintService
from offline_cache import audit_log
from offline_cache.printer_calibration import store_calibration
from printing.render_worker import render
from printing.spooler import PrintJob
from printing.stock import Calibration

log = logging.getLogger("onewindow.printing")


class CalibrationDesk:
    def __init__(self, workstation: Workstation, printer: PrintService, *, clerk_id: str) -> None:
        self._ws = workstation
        self.printer = printer
        self.clerk_id = clerk_id

    def stock_printer(self) -> str:
        """The queue certificates go to (``printing.certificate_printer``, else the A4 printer); in training mode
        without a print service, the training PDF 'printer'."""
        config = self._ws.config
        configured = str(config.get("printing.certificate_printer")) or str(config.get("printing.a4_printer"))
        if configured:
            return configured
        try:
            default = self.printer.spooler.default_printer()
        except TRAINING_FALLBACK:
            if not self._ws.is_training:
                raise
            default = None
        return default or (TRAINING_PRINTER if self._ws.is_training else "")

    def printers(self) -> list[str]:
        try:
            names = list(self.printer.spooler.printers())
        except TRAINING_FALLBACK:
            names = []
        if self._ws.is_training and TRAINING_PRINTER not in names:
            names.append(TRAINING_PRINTER)
        return names

    def current(self, printer: str) -> Calibration:
        return self.printer.calibration(printer)

    def save(self, printer: str, calibration: Calibration) -> None:
        before = self.current(printer)
        stamp = datetime.now().astimezone().isoformat(timespec="seconds")
        value = {"offset_x_mm": calibration.offset_x_mm, "offset_y_mm": calibration.offset_y_mm,
                 "scale": calibration.scale, "set_at": stamp, "set_by": self.clerk_id}
        with self._ws.db.transaction() as conn:
            store_calibration(conn, printer, value)
            audit_log.record(conn, "printer_calibrated", self.clerk_id, {
                "printer": printer, "before": [before.offset_x_mm, before.offset_y_mm, before.scale],
                "after": [calibration.offset_x_mm, calibration.offset_y_mm, calibration.scale]})
        log.info("printer calibration saved (%+.2f, %+.2f mm, scale %.4f)", calibration.offset_x_mm,
                 calibration.offset_y_mm, calibration.scale)

    def page(self, printer: str, calibration: Calibration | None = None, *, check: bool = False) -> bytes:
        """The calibration page (no correction), or with ``check`` the check page with ``calibration`` (default:
        the stored one) applied to its crosses."""
        pdf: bytes = render("printing.stock_render:calibration_page", printer, calibration or self.current(printer),
                            datetime.now().astimezone(), check=check)
        return pdf

    def print_page(self, printer: str, *, check: bool = False) -> tuple[PrintJob, str]:
        """Spool the page on ``printer`` (A4, nothing archived: it belongs to no case). Training mode without a
        print service saves it as a PDF instead: ``(job, saved_to)``."""
        pdf = self.page(printer, check=check)
        if printer == TRAINING_PRINTER:
            folder = self.printer.training_folder()
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / ("printer-check.pdf" if check else "printer-calibration.pdf")
            path.write_bytes(pdf)
            return PrintJob(TRAINING_PRINTER, "saved"), str(path)
        job = self.printer.spooler.submit(printer, pdf, "打印机核对页" if check else "打印机校准页", "A4")
        return job, ""
