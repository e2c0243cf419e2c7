"""``render_document(ctx) -> PDF bytes``: the one entry point for preview, printing and the archive."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from printing.model import DocumentContext, DocumentKind
from printing.receipt import receipt_size, render_receipt
from printing.stock_render import media_of, render_stock
from printing.templates import render_a4


def render_document(ctx: DocumentContext) -> bytes:
    if not ctx.case_number or not ctx.verification_code:
        raise ValueError("a document needs the case number and its verification code")
    if ctx.kind is DocumentKind.THERMAL_RECEIPT:
        return render_receipt(ctx)
    if ctx.kind is DocumentKind.CERTIFICATE:
        if ctx.stock is None:
            raise ValueError("a certificate needs its stock template")
        return render_stock(ctx.stock, ctx.extra, ctx.calibration, training=ctx.training)
    return render_a4(ctx)


def page_size(ctx: DocumentContext) -> tuple[float, float]:
    """Width and height in points of the document's pages."""
    if ctx.kind is DocumentKind.THERMAL_RECEIPT:
        return receipt_size(ctx)
    if ctx.kind is DocumentKind.CERTIFICATE and ctx.stock is not None:
        return ctx.stock.width_mm * mm, ctx.stock.height_mm * mm
    return A4


def media_option(ctx: DocumentContext) -> str:
    """The IPP ``media`` of the job: A4, or a custom size exactly as long as the receipt (no scaling, no blank
    roll fed out)."""
    if ctx.kind is DocumentKind.CERTIFICATE and ctx.stock is not None:
        return media_of(ctx.stock)
    if ctx.kind is not DocumentKind.THERMAL_RECEIPT:
        return "A4"
    width, height = page_size(ctx)
    return f"Custom.{width / 72 * 25.4:.0f}x{height / 72 * 25.4:.1f}mm"
