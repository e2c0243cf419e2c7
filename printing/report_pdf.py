"""A supervision report on paper: A4 landscape, the centre's letterhead, the table and its titled lists (overdue,
好差评, 差评).

The printing layer knows nothing of reports: it is given the heading, column names and rows to lay out."""

from __future__ import annotations

import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import HRFlowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from printing.fonts import register_cjk_font


def _styles() -> dict[str, ParagraphStyle]:
    font = register_cjk_font().name
    base = ParagraphStyle("report", fontName=font, fontSize=9, leading=12, wordWrap="CJK")
    return {
        "letterhead": ParagraphStyle("letterhead", parent=base, fontSize=20, leading=26, alignment=1,
                                     textColor=colors.Color(0.7, 0.1, 0.1)),
        "title": ParagraphStyle("title", parent=base, fontSize=15, leading=20, alignment=1, spaceBefore=4),
        "subtitle": ParagraphStyle("subtitle", parent=base, alignment=1, textColor=colors.grey),
        "h": ParagraphStyle("h", parent=base, fontSize=11, leading=15, spaceBefore=8, spaceAfter=3),
        "cell": ParagraphStyle("cell", parent=base, fontSize=7.5, leading=9.5, alignment=1),
        "note": ParagraphStyle("note", parent=base, fontSize=8, textColor=colors.Color(0.3, 0.3, 0.3)),
    }


def _p(text: object, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(str(text)), style)


def _grid(header: Sequence[str], rows: Sequence[Sequence[object]], st: dict[str, ParagraphStyle],
          widths: Sequence[float] | None, total_row: bool) -> Table:
    table = Table([[_p(c, st["cell"]) for c in header], *([_p(c, st["cell"]) for c in r] for r in rows)],
                  colWidths=list(widths) if widths else None, repeatRows=1)
    style = [("GRID", (0, 0), (-1, -1), 0.4, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.88, 0.88))]
    if total_row and rows:
        style.append(("BACKGROUND", (0, len(rows)), (-1, len(rows)), colors.Color(0.95, 0.95, 0.8)))
    table.setStyle(TableStyle(style))
    return table


def render_report_pdf(centre_name: str, title: str, subtitle: str, header: Sequence[str],
                      rows: Sequence[Sequence[object]],
                      sections: Sequence[tuple[str, Sequence[str], Sequence[Sequence[object]]]],
                      notes: Sequence[str]) -> bytes:
    """``sections``: (title, column names, rows) laid out under the main table; an empty one shows its title."""
    st = _styles()
    out = io.BytesIO()
    page = landscape(A4)
    doc = SimpleDocTemplate(out, pagesize=page, leftMargin=12 * mm, rightMargin=12 * mm, topMargin=12 * mm,
                            bottomMargin=12 * mm, title=title, author=centre_name, invariant=True)
    usable = page[0] - 24 * mm
    first = 40 * mm
    widths = [first] + [(usable - first) / (len(header) - 1)] * (len(header) - 1)
    story: list[object] = [
        _p(centre_name, st["letterhead"]),
        HRFlowable(width="100%", thickness=1.5, color=colors.Color(0.7, 0.1, 0.1), spaceBefore=2, spaceAfter=2),
        _p(title, st["title"]), _p(subtitle, st["subtitle"]), Spacer(1, 4 * mm),
        _grid(header, rows, st, widths, total_row=True),
    ]
    for section_title, section_header, section_rows in sections:
        story.append(_p(section_title, st["h"]))
        if section_rows:
            story.append(_grid(section_header, section_rows, st, None, total_row=False))
    story.append(Spacer(1, 3 * mm))
    story += [_p(note, st["note"]) for note in notes]
    doc.build(story)
    return out.getvalue()
