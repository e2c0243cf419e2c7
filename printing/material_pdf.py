"""One PDF per scanned material (``clerk_app.pages.pdf`` asks for it through the render worker).

img2pdf embeds JPEG and PNG data without re-encoding (lossless over the processed images); rotations the clerk
applied become the page's /Rotate entry, so no pixels are touched. A watermark or footer is a text overlay drawn
with reportlab and merged with pikepdf; the page images stay byte-identical underneath. Pages are plain
``(image bytes, clockwise degrees)`` pairs: this layer knows nothing of the case or the page store.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import img2pdf
import pikepdf

from printing.errors import UnreadableImage


def assemble_pdf(pages: Sequence[tuple[bytes, int]], watermark: str | None = None,
                 footer: str | None = None) -> bytes:
    """Pages in order → PDF bytes. ``watermark`` stamps every page diagonally, ``footer`` at the bottom."""
    if not pages:
        raise ValueError("a material PDF needs at least one page")
    try:
        raw = img2pdf.convert([data for data, _rotation in pages], rotation=img2pdf.Rotation.ifvalid)
    except (img2pdf.ImageOpenError, img2pdf.PdfTooLargeError, ValueError) as exc:
        raise UnreadableImage(type(exc).__name__) from None
    assert raw is not None
    pdf = pikepdf.open(io.BytesIO(raw))
    rotations = [rotation for _data, rotation in pages]
    overlay = _watermark_pdf(pdf, rotations, watermark, footer) if (watermark or footer) else None
    for index, (page, rotation) in enumerate(zip(pdf.pages, rotations, strict=True)):
        if rotation % 360:
            page.obj.Rotate = rotation % 360
        if overlay is not None:
            page.add_overlay(overlay.pages[index], None)
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)
    return out.getvalue()


def _watermark_pdf(pdf: pikepdf.Pdf, rotations: Sequence[int], text: str | None,
                   footer: str | None) -> pikepdf.Pdf:
    from reportlab.lib.colors import Color
    from reportlab.pdfgen import canvas

    from printing.fonts import register_cjk_font

    font = register_cjk_font().name
    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer)
    for page, rotation in zip(pdf.pages, rotations, strict=True):
        box = [float(v) for v in page.mediabox]
        width, height = box[2] - box[0], box[3] - box[1]
        # pikepdf's add_overlay maps the overlay onto the page as displayed (it honours /Rotate), so the
        # watermark page is laid out in the displayed orientation and needs no rotation of its own
        shown_w, shown_h = (height, width) if rotation % 180 else (width, height)
        sheet.setPageSize((shown_w, shown_h))
        sheet.saveState()
        sheet.translate(shown_w / 2, shown_h / 2)
        if text:
            size = max(10.0, min(shown_w, shown_h) / 22)
            sheet.saveState()
            sheet.rotate(35)
            sheet.setFillColor(Color(0.85, 0.1, 0.1, alpha=0.35))
            sheet.setFont(font, size)
            sheet.drawCentredString(0, 0, text)
            sheet.restoreState()
        if footer:
            sheet.setFillColor(Color(0.2, 0.2, 0.2, alpha=0.8))
            sheet.setFont(font, 8)
            sheet.drawCentredString(0, -shown_h / 2 + 12, footer)
        sheet.restoreState()
        sheet.showPage()
    sheet.save()
    return pikepdf.open(io.BytesIO(buffer.getvalue()))
