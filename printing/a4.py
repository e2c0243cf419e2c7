"""A4 page frame shared by every A4 document: codes, title, 补打 mark, seal area and footer.

The body of each document is a list of platypus flowables (``printing.templates``); this module draws what is the
same on every page. Output is deterministic (reportlab ``invariant``): the same context gives the same bytes on
every machine with the same font, which is what "renders identically in CI" is checked against.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from clerk_app.domain.numbering import qr_payload, query_link
from printing.codes import code128_width, draw_code128, draw_qr
from printing.fonts import register_cjk_font
from printing.model import DocumentContext, fmt_date

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


def fmt_datetime(value: datetime) -> str:
    return f"{fmt_date(value)} {value.hour:02d}:{value.minute:02d}"


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
    """Where the organ's seal goes, with the organ name and the date under it.

    The circle sits above the name and date lines and right of the signature lines: nothing printed overlaps it
    (the seal is pressed there). ``label`` names the seal: 受理专用章 only on acceptance papers."""

    RADIUS = 15 * mm

    def __init__(self, organ: str, when: str, signature_lines: Sequence[str] = (),
                 label: str = "（受理专用章）", signature_png: bytes | None = None,
                 evaluation_link: str = "") -> None:
        super().__init__()
        self.evaluation_link = evaluation_link  # 扫码评价 QR in the lower left, under the signature lines
        self.signature_png = signature_png  # drawn right after the first signature line's label
        self.organ = organ
        self.when = when
        self.label = label
        self.signature_lines = tuple(signature_lines)
        self.width = PAGE_W - 2 * MARGIN
        self.height = 44 * mm

    def seal_box(self) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1) of the seal circle's bounding box in the flowable's coordinates."""
        cx, cy = self.width - 32 * mm, self.height - 2 * mm - self.RADIUS
        return cx - self.RADIUS, cy - self.RADIUS, cx + self.RADIUS, cy + self.RADIUS

    def draw(self) -> None:
        c = self.canv
        name = font()
        x0, y0, x1, y1 = self.seal_box()
        c.setFont(name, 11)
        for index, line in enumerate(self.signature_lines):
            c.drawString(0, self.height - 10 * mm - index * 9 * mm, line)
        if self.signature_png and self.signature_lines:
            self._draw_signature(name)
        if self.evaluation_link:
            self._draw_evaluation_qr()
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        c.saveState()
        c.setDash(3, 2)
        c.setStrokeColor(colors.grey)
        c.circle(cx, cy, self.RADIUS, stroke=1, fill=0)
        c.restoreState()
        c.setFont(name, 8)
        c.setFillColor(colors.grey)
        c.drawCentredString(cx, cy - 1 * mm, self.label)
        c.setFillColor(colors.black)
        c.setFont(name, 11)
        # Under the circle, right-aligned with it when the name is wider than the circle (long organ names).
        for offset, text in ((y0 - 6 * mm, self.organ), (y0 - 12 * mm, self.when)):
            width = stringWidth(text, name, 11)
            if width <= 2 * (self.width - cx):
                c.drawCentredString(cx, offset, text)
            else:
                c.drawRightString(self.width, offset, text)


    SIGNATURE_BOX = (52 * mm, 16 * mm)  # width, height: left of the seal circle, never under it

    def signature_box(self) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1) of the signature image in the flowable's coordinates: after the first line's label,
        its baseline a little above the line's, ending before the seal's bounding box."""
        label = self.signature_lines[0] if self.signature_lines else ""
        x0 = stringWidth(label, font(), 11) + 2 * mm
        width, height = self.SIGNATURE_BOX
        x1 = min(x0 + width, self.seal_box()[0] - 2 * mm)
        y0 = self.height - 10 * mm - 3 * mm
        return x0, y0, x1, min(y0 + height, self.height)

    def evaluation_box(self) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1) of the 扫码评价 QR and its caption: the lower left, below the signature lines (the
        lowest baseline is 28 mm up with three lines) and left of the seal's bounding box."""
        return 0, 0, self.seal_box()[0] - 4 * mm, EVALUATION_QR

    def _draw_evaluation_qr(self) -> None:
        x0, y0, x1, y1 = self.evaluation_box()
        draw_qr(self.canv, self.evaluation_link, x0, y0, EVALUATION_QR)
        caption = Paragraph(EVALUATION_CAPTION, styles()["small"])
        _w, h = caption.wrap(x1 - x0 - EVALUATION_QR - 3 * mm, y1 - y0)
        caption.drawOn(self.canv, x0 + EVALUATION_QR + 3 * mm, y0 + (y1 - y0 - h) / 2)

    def _draw_signature(self, _font: str) -> None:
        x0, y0, x1, y1 = self.signature_box()
        image = ImageReader(io.BytesIO(self.signature_png or b""))
        self.canv.drawImage(image, x0, y0, width=x1 - x0, height=y1 - y0, preserveAspectRatio=True,
                            anchor="sw", mask="auto")


TRAINING_MARK = "培训 · 非真实办件"


def draw_training_mark(canvas: Canvas, x: float, y: float, size: float = 12, centred: bool = False) -> None:
    """The visible mark of a training paper: red text in a red box at (x, y) (baseline; left or centre).

    A banner rather than a diagonal watermark: a watermark's glyphs interleave with the body in the text layer,
    and the paper's text must stay readable by machines (archive search, the checks)."""
    name = font()
    width = stringWidth(TRAINING_MARK, name, size)
    left = x - width / 2 if centred else x
    canvas.saveState()
    red = colors.Color(0.8, 0.05, 0.05)
    canvas.setFillColor(red)
    canvas.setStrokeColor(red)
    canvas.setLineWidth(1.2)
    canvas.rect(left - 1.5 * mm, y - 0.3 * size - 1 * mm, width + 3 * mm, 1.1 * size + 2 * mm, stroke=1, fill=0)
    canvas.setFont(name, size)
    canvas.drawString(left, y, TRAINING_MARK)
    canvas.restoreState()


def qr_content(ctx: DocumentContext) -> str:
    """What the QR holds: the configured query URL with the case number and code only, or the bare payload."""
    if ctx.query_url:
        return query_link(ctx.query_url, ctx.case_number, ctx.verification_code)
    return qr_payload(ctx.case_number, ctx.verification_code)


def evaluation_link(ctx: DocumentContext) -> str:
    """What the 扫码评价 QR opens: the configured evaluation page with the case number and code only; "" = none."""
    if not ctx.evaluation_url:
        return ""
    return query_link(ctx.evaluation_url, ctx.case_number, ctx.verification_code)


EVALUATION_CAPTION = "扫码评价：用手机扫描左侧二维码，可对本次服务作出评价（好差评）。二维码只含办件编号和验证码。"
EVALUATION_QR = 20 * mm


def query_hint(ctx: DocumentContext, lead: str) -> str:
    """The default how-to-check sentence: where the QR leads (the configured query page), else the QR alone."""
    if ctx.query_url:
        page = ctx.query_url.split("://", 1)[-1].split("?", 1)[0]
        return f"扫描二维码，或访问{page}并输入办件编号和验证码，查询办理进度。"
    return f"{lead}，或扫描二维码查询办理进度。"


def _frame(ctx: DocumentContext) -> Callable[[Canvas, object], None]:
    payload = qr_content(ctx)

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
        # A paper numbered by itself (a 材料流转单) names its number so; a case's paper shows the case's
        label = ctx.extra.get("number_label")
        canvas.drawRightString(bar_x + bar_w - 3 * mm, top - 9 * mm - BAR_H,
                               f"{label} {ctx.case_number}" if label else
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
        if ctx.training:
            draw_training_mark(canvas, MARGIN + 1.5 * mm, top - 10 * mm)
        page = canvas.getPageNumber()
        canvas.setFont(name, 8.5)
        who = "受理人" if ctx.accepted else "收件人"
        canvas.drawString(MARGIN, MARGIN - 6 * mm,
                          f"{ctx.window_name}  {who}：{ctx.clerk_name}  打印时间：{fmt_datetime(ctx.stamp_time)}"
                          + ("  （补打件）" if ctx.reprint else "")
                          + (f"  {TRAINING_MARK}" if ctx.training else ""))
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
