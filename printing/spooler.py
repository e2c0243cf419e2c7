"""Real printing through the operating system's spooler, and which printer gets which document.

* Linux/macOS: CUPS via pycups. The PDF is streamed to the job (createJob / startDocument / writeRequestData), so
  no plaintext copy of a document with personal data is ever written to a temporary file.
* Windows: the Windows spooler via pywin32 ``win32print``, as a RAW job. This needs a printer (driver) that accepts
  PDF directly, which current A4 office printers and the usual PDF-capable thermal drivers do. Written against
  the pywin32 API and tested here with a fake module only (``windows_only``).

Routing: 80 mm receipts go to ``printing.receipt_printer`` (empty = the A4 printer), everything else to
``printing.a4_printer`` (empty = the system default printer).
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from typing import Any, Protocol

from printing.errors import NoPrinter, PrinterNotFound, PrintJobFailed, SpoolerUnavailable
from printing.model import DocumentKind, Paper, paper_for

# IPP job states (RFC 8011 §5.3.7).
JOB_COMPLETED = 9
JOB_FINISHED = {7: "canceled", 8: "aborted", 9: "completed"}


@dataclass(frozen=True)
class PrintJob:
    printer: str
    job_id: str


class Spooler(Protocol):
    def printers(self) -> list[str]: ...

    def default_printer(self) -> str | None: ...

    def submit(self, printer: str, pdf: bytes, title: str, media: str | None = None) -> PrintJob: ...

    def wait(self, job: PrintJob, timeout: float) -> str: ...


def route(kind: DocumentKind, a4_printer: str, receipt_printer: str) -> str:
    """The configured printer for a document kind ("printing.a4_printer" / "printing.receipt_printer");
    '' means "the system default"."""
    if paper_for(kind) is Paper.RECEIPT_80MM:
        return receipt_printer or a4_printer
    return a4_printer


def resolve_printer(spooler: Spooler, configured: str) -> str:
    if configured:
        if configured not in spooler.printers():
            raise PrinterNotFound(printer=configured)
        return configured
    default = spooler.default_printer()
    if not default:
        raise NoPrinter()
    return default


class CupsSpooler:
    def __init__(self) -> None:
        try:
            import cups
        except ImportError as exc:
            raise SpoolerUnavailable() from exc
        self._cups = cups

    def _conn(self) -> Any:
        try:
            return self._cups.Connection()
        except RuntimeError as exc:  # cupsd not running
            raise SpoolerUnavailable() from exc

    def printers(self) -> list[str]:
        return sorted(self._conn().getPrinters())

    def default_printer(self) -> str | None:
        default = self._conn().getDefault()
        return str(default) if default else None

    def submit(self, printer: str, pdf: bytes, title: str, media: str | None = None) -> PrintJob:
        conn = self._conn()
        options = {"media": media} if media else {}
        try:
            job_id = conn.createJob(printer, title, options)
            conn.startDocument(printer, job_id, title, "application/pdf", 1)
            conn.writeRequestData(pdf, len(pdf))
            conn.finishDocument(printer)
        except self._cups.IPPError as exc:
            status = exc.args[0] if exc.args else 0
            if status in (1030, 1028):  # client-error-not-found / printer gone
                raise PrinterNotFound(printer=printer) from exc
            raise SpoolerUnavailable() from exc
        return PrintJob(printer, str(job_id))

    def wait(self, job: PrintJob, timeout: float) -> str:
        conn = self._conn()
        deadline = time.monotonic() + timeout
        state = 0
        while time.monotonic() < deadline:
            state = int(conn.getJobAttributes(int(job.job_id)).get("job-state", 0))
            if state in JOB_FINISHED:
                if state != JOB_COMPLETED:
                    raise PrintJobFailed(state=JOB_FINISHED[state])
                return JOB_FINISHED[state]
            time.sleep(0.1)
        return "pending"


class WindowsSpooler:
    """The Windows print spooler (pywin32). RAW PDF job; see the module docstring."""

    def __init__(self, win32print: Any | None = None) -> None:
        if win32print is None:
            try:
                import win32print as module
            except ImportError as exc:
                raise SpoolerUnavailable() from exc
            win32print = module
        self._w = win32print

    def printers(self) -> list[str]:
        flags = self._w.PRINTER_ENUM_LOCAL | self._w.PRINTER_ENUM_CONNECTIONS
        return sorted(str(entry[2]) for entry in self._w.EnumPrinters(flags))

    def default_printer(self) -> str | None:
        try:
            return str(self._w.GetDefaultPrinter()) or None
        except Exception:  # pywintypes.error when no default printer is set
            return None

    def submit(self, printer: str, pdf: bytes, title: str, media: str | None = None) -> PrintJob:
        del media  # a RAW job keeps the driver's paper setting (the roll or A4 tray of that printer)
        handle = self._w.OpenPrinter(printer)
        try:
            job_id = self._w.StartDocPrinter(handle, 1, (title, None, "RAW"))
            try:
                self._w.StartPagePrinter(handle)
                self._w.WritePrinter(handle, pdf)
                self._w.EndPagePrinter(handle)
            finally:
                self._w.EndDocPrinter(handle)
        finally:
            self._w.ClosePrinter(handle)
        return PrintJob(printer, str(job_id))

    def wait(self, job: PrintJob, timeout: float) -> str:
        handle = self._w.OpenPrinter(job.printer)
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline:
                try:
                    info = self._w.GetJob(handle, int(job.job_id), 1)
                except Exception:  # the job left the queue: printed
                    return "completed"
                status = int(info.get("Status", 0))
                if status & (self._w.JOB_STATUS_ERROR | self._w.JOB_STATUS_DELETED):
                    raise PrintJobFailed(state=str(status))
                time.sleep(0.2)
        finally:
            self._w.ClosePrinter(handle)
        return "pending"


def system_spooler() -> Spooler:
    if sys.platform == "win32":
        return WindowsSpooler()
    return CupsSpooler()
