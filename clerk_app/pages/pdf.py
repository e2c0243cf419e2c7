"""One PDF per material, for upload and archive, rendered in the render worker (``printing.material_pdf``: img2pdf,
pikepdf and reportlab stay out of the GUI process).

The images are embedded without re-encoding and the clerk's rotations become /Rotate entries, so no pixels are
touched. The archived copy of a material whose original the clerk verified (B-level, 国办函〔2016〕108号) carries
the watermark "此件经与原件核对无误，仅供办理…" as a text overlay; the page images stay byte-identical underneath.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from clerk_app.pages.errors import BrokenImage
from printing.errors import UnreadableImage
from printing.render_worker import render

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
        pdf: bytes = render("printing.material_pdf:assemble_pdf", [(p.data, p.rotation) for p in pages],
                            watermark, footer)
    except UnreadableImage as exc:
        raise BrokenImage() from exc
    return pdf
