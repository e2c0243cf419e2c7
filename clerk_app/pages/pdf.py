"""One PDF per material, for upload and archive.

img2pdf embeds JPEG and PNG data without re-encoding (lossless over the processed images); rotations the clerk
applied become the page's /Rotate entry, so no pixels are touched. The archived copy of a material whose original
the clerk verified (B-level, 国办函〔2016〕108号) carries the watermark "此件经与原件核对无误，仅供办理…" as a
text overlay drawn with reportlab and merged with pikepdf; the page images stay byte-identical underneath.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

import img2pdf
import pikepdf

from clerk_app.pages.errors import BrokenImage

B_LEVEL_TEXT = "此件经与原件核对无误，仅供办理{purpose}使用"
DEFAULT_PURPOSE = "政务服务事项"


@dataclass(frozen=True)
class PdfPage:
    data: bytes  # JPEG or PNG as stored
    rotation: int = 0  # clockwise degrees


def watermark_text(purpose: str | None = None) -> str:
    return B_LEVEL_TEXT.format(purpose=(purpose or DEFAULT_PURPOSE).strip() or DEFAULT_PURPOSE)


def assemble_pdf(pages: Sequence[PdfPage], watermark: str | None = None, footer: str | None = None) -> bytes:
    """Pages in order → PDF bytes. ``watermark`` (e.g. ``watermark_text(item_name)``) stamps every page."""
    if not pages:
        raise ValueError("a material PDF needs at least one page")
    try:
        raw = img2pdf.convert([p.data for p in pages], rotation=img2pdf.Rotation.ifvalid)
    except (img2pdf.ImageOpenError, img2pdf.PdfTooLargeError, ValueError) as exc:
        raise BrokenImage() from exc
    assert raw is not None
    pdf = pikepdf.open(io.BytesIO(raw))
    overlay = _watermark_pdf(pdf, pages, watermark, footer) if (watermark or footer) else None
    for index, (page, spec) in enumerate(zip(pdf.pages, pages, strict=True)):
        if spec.rotation % 360:
            page.obj.Rotate = spec.rotation % 360
        if overlay is not None:
            page.add_overlay(overlay.pages[index], None)
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)
    return out.getvalue()


def _watermark_pdf(pdf: pikepdf.Pdf, pages: Sequence[PdfPage], text: str | None,
                   footer: str | None) -> pikepdf.Pdf:
    from reportlab.lib.colors import Color
    from reportlab.pdfgen import canvas

    from printing.fonts import register_cjk_font

    font = register_cjk_font().name
    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer)
    for page, spec in zip(pdf.pages, pages, strict=True):
        box = [float(v) for v in page.mediabox]
        width, height = box[2] - box[0], box[3] - box[1]
        # pikepdf's add_overlay maps the overlay onto the page as displayed (it honours /Rotate), so the
        # watermark page is laid out in the displayed orientation and needs no rotation of its own
        shown_w, shown_h = (height, width) if spec.rotation % 180 else (width, height)
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
