"""``render_document(ctx) -> PDF bytes``: the one entry point for preview, printing and the archive."""

from __future__ import annotations

from printing.model import DocumentContext, DocumentKind
from printing.receipt import render_receipt
from printing.templates import render_a4


def render_document(ctx: DocumentContext) -> bytes:
    if not ctx.case_number or not ctx.verification_code:
        raise ValueError("a document needs the case number and its verification code")
    if ctx.kind is DocumentKind.THERMAL_RECEIPT:
        return render_receipt(ctx)
    return render_a4(ctx)
