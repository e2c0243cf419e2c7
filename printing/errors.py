"""Printing errors the clerk can act on (the generic ``PrintError`` lives in ``clerk_app.errors``)."""

from __future__ import annotations

from clerk_app.errors import PrintError
from clerk_app.i18n import QT_TRANSLATE_NOOP


class PrinterNotFound(PrintError):
    message = QT_TRANSLATE_NOOP(
        "errors", "The printer {printer} is not known to the system. Check the printer settings of this window."
    )


class NoPrinter(PrintError):
    message = QT_TRANSLATE_NOOP(
        "errors", "No printer is configured and the system has no default printer. Set one up, then print again."
    )


class SpoolerUnavailable(PrintError):
    message = QT_TRANSLATE_NOOP(
        "errors",
        "The print service of the system is not running. Start it or call the IT staff, then print again; "
        "the case itself is saved.",
    )


class PrintJobFailed(PrintError):
    message = QT_TRANSLATE_NOOP(
        "errors", "The printer did not finish the document (state: {state}). Check paper and printer, then reprint."
    )


class PaperNotRendered(PrintError):
    message = QT_TRANSLATE_NOOP(
        "errors", "This paper could not be produced: the program that lays out papers stopped on it twice. The "
        "case itself is saved; call the IT staff with the case number."
    )


class UnreadableImage(ValueError):
    """A scanned page's data is not a JPEG or PNG the material PDF can embed (``clerk_app.pages`` says so in the
    clerk's words). Raised in the render worker and re-raised in the caller: a class of this light module, so the
    caller catches it without importing img2pdf."""
