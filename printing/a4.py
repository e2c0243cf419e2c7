"""A4 page frame shared by every A4 document: codes, title, 补打 mark, seal area and footer.

The body of each document is a list of platypus flowables (``printing.templates``); this module draws what is the
same on every page. Output is deterministic (reportlab ``invariant``): the same context gives the same bytes on
every machine with the same font, which is what "renders identically in CI" is checked against.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from clerk_app.domain.numbering import qr_payload
from printing.codes import code128_width, draw_code128, draw_qr
from printing.fonts import register_cjk_font
from printing.model import DocumentContext

PAGE_W, PAGE_H = A4
MARGIN = 18 * mm
HEADER_H = 42 * mm
FOOTER_H = 14 * mm
QR_SIZE = 30 * mm
BAR_H = 12 * mm


def font() -> str:
    return register_cjk_font().name


def styles() -> dict[str, ParagraphStyle]:
    name = font()
    base = ParagraphStyle("body", fontName=name, fontSize=11, leading=18, wordWrap="CJK", alignment=TA_LEFT)
    return {
        "body": base,
        "indent": ParagraphStyle("indent", parent=base, firstLineIndent=22),
        "small": ParagraphStyle("small", parent=base, fontSize=9, leading=13),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9.5, leading=13),
        "head": ParagraphStyle("head", parent=base, fontSize=9.5, leading=13, alignment=TA_CENTER),
        "title": ParagraphStyle("title", parent=base, fontSize=20, leading=26, alignment=TA_CENTER),
        "section": ParagraphStyle("section", parent=base, fontSize=12, leading=20, spaceBefore=6),
    }


def fmt_date(value: object) -> str:
    if value is None:
        return ""
    return f"{value.year}年{value.month}月{value.day}日"  # type: ignore[attr-defined]


def fmt_datetime(value: object) -> str:
    return f"{fmt_date(value)} {value.hour:02d}:{value.minute:02d}"  # type: ignore[attr-defined]


def grid(rows: Sequence[Sequence[object]], widths: Sequence[float], header: bool = True) -> Table:
    table = Table([list(r) for r in rows], colWidths=list(widths), repeatRows=1 if header else 0)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), font()),
        ("FONTSIZE", (0, 0), (-1, -1), 9.5),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)))
    table.setStyle(TableStyle(style))
    return table


class SealArea(Flowable):
    """Where the organ's special seal (受理专用章) goes, with the organ name and the date under it."""

    def __init__(self, organ: str, when: str, signature_lines: Sequence[str] = ()) -> None:
        super().__init__()
        self.organ = organ
        self.when = when
        self.signature_lines = tuple(signature_lines)
        self.width = PAGE_W - 2 * MARGIN
        self.height = 46 * mm

    def draw(self) -> None:
        c = self.canv
        name = font()
        c.setFont(name, 11)
        for index, line in enumerate(self.signature_lines):
            c.drawString(0, self.height - 10 * mm - index * 9 * mm, line)
        cx = self.width - 32 * mm
        cy = self.height / 2 + 2 * mm
        c.saveState()
        c.setDash(3, 2)
        c.setStrokeColor(colors.grey)
        c.circle(cx, cy, 20 * mm, stroke=1, fill=0)
        c.restoreState()
        c.setFont(name, 8)
        c.setFillColor(colors.grey)
        c.drawCentredString(cx, cy - 1 * mm, "（受理专用章）")
        c.setFillColor(colors.black)
        c.setFont(name, 11)
        c.drawCentredString(cx, 4 * mm, self.organ)
        c.drawCentredString(cx, -2 * mm, self.when)


def _frame(ctx: DocumentContext) -> Callable[[Canvas, object], None]:
    payload = qr_payload(ctx.case_number, ctx.verification_code)

    def draw(canvas: Canvas, _doc: object) -> None:
        name = font()
        top = PAGE_H - MARGIN
        canvas.setFont(name, 9)
        canvas.drawString(MARGIN, top - 4 * mm, ctx.centre_name)
        draw_qr(canvas, payload, PAGE_W - MARGIN - QR_SIZE, top - QR_SIZE, QR_SIZE)
        bar_w = code128_width(ctx.case_number)
        bar_x = PAGE_W - MARGIN - QR_SIZE - 4 * mm - bar_w
        draw_code128(canvas, ctx.case_number, bar_x, top - 4 * mm - BAR_H, BAR_H)
        canvas.setFont(name, 9)
        canvas.drawRightString(bar_x + bar_w - 3 * mm, top - 9 * mm - BAR_H,
                               f"办件编号 {ctx.case_number}  验证码 {ctx.verification_code}")
        if ctx.reprint:
            canvas.saveState()
            canvas.setStrokeColor(colors.red)
            canvas.setFillColor(colors.red)
            canvas.setLineWidth(1.5)
            canvas.rect(MARGIN, top - 24 * mm, 22 * mm, 11 * mm, stroke=1, fill=0)
            canvas.setFont(name, 18)
            canvas.drawCentredString(MARGIN + 11 * mm, top - 21 * mm, "补打")
            canvas.restoreState()
        page = canvas.getPageNumber()
        canvas.setFont(name, 8.5)
        canvas.drawString(MARGIN, MARGIN - 6 * mm,
                          f"{ctx.window_name}  受理人：{ctx.clerk_name}  打印时间：{fmt_datetime(ctx.stamp_time)}"
                          + ("  （补打件）" if ctx.reprint else ""))
        canvas.drawRightString(PAGE_W - MARGIN, MARGIN - 6 * mm, f"第 {page} 页")

    return draw


def build_a4(ctx: DocumentContext, body: list[Flowable]) -> bytes:
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN + HEADER_H,
        bottomMargin=MARGIN + FOOTER_H - 6 * mm, title=f"{ctx.title} {ctx.case_number}", author=ctx.centre_name,
        creator="OneWindow", subject=ctx.title, invariant=1,
    )
    frame = _frame(ctx)
    title = ctx.title + ("（补打）" if ctx.reprint else "")
    story: list[Flowable] = [Paragraph(title, styles()["title"]), Spacer(1, 6 * mm), *body]
    doc.build(story, onFirstPage=frame, onLaterPages=frame)
    return buffer.getvalue()
