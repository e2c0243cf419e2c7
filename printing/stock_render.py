"""Printing on pre-printed stock: only the values, at the template's places, moved by the printer's calibration.

No frame, no background, no labels: the stock has them. The printer's calibration (``Calibration``: x/y offset in
mm and an optional scale, kept per print queue) is applied as one transform of the whole page, so every value and
the QR move and scale together: a point the template puts at (x, y) mm from the stock's top-left corner is drawn
at (x·scale + offset_x, y·scale + offset_y).

The calibration page (``calibration_page``) is printed without any correction: two crosses at known places and a
100 mm bar. The clerk measures from the paper's edges where the crosses came out; ``calibration_from_marks``
turns that into the correction (offset = where it should be − where it came out, at scale 1).
"""

from __future__ import annotations

import io
from datetime import datetime

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.pdfgen.canvas import Canvas

from printing.codes import draw_qr
from printing.fonts import register_cjk_font
from printing.stock import (  # noqa: F401  (MARK_A/MARK_B/calibration_from_marks: their old home)
    MARK_A,
    MARK_B,
    MIN_FONT,
    Calibration,
    FieldDoesNotFit,
    MissingField,
    StockField,
    StockTemplate,
    calibration_from_marks,
)

LEADING = 1.25  # line height / font size of multi-line fields
BAR_MM = 100.0


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Break at any character (Chinese text has no spaces); an explicit newline breaks too."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for char in paragraph:
            if line and stringWidth(line + char, font, size) > width:
                lines.append(line)
                line = char
            else:
                line += char
        lines.append(line)
    return lines


def _fit(field: StockField, text: str, font: str, title: str) -> tuple[float, list[str]]:
    """The largest size from the template's down to ``MIN_FONT`` at which the text fits the box."""
    size = field.font_size
    while size >= MIN_FONT - 1e-9:
        lines = _wrap(text, font, size, field.max_width_mm * mm)
        if len(lines) <= field.max_lines and all(stringWidth(ln, font, size) <= field.max_width_mm * mm
                                                   for ln in lines):
            return size, lines
        size -= 0.5
    raise FieldDoesNotFit(label=field.label, title=title)


def _draw_text(canvas: Canvas, field: StockField, text: str, font: str, title: str) -> None:
    size, lines = _fit(field, text, font, title)
    ascent = getAscentDescent(font, size)[0]
    for index, line in enumerate(lines):
        baseline = field.y_mm * mm + ascent + index * size * LEADING
        width = stringWidth(line, font, size)
        left = field.x_mm * mm
        if field.align == "centre":
            left += (field.max_width_mm * mm - width) / 2
        elif field.align == "right":
            left += field.max_width_mm * mm - width
        canvas.setFont(font, size)
        canvas.drawString(left, -baseline, line)


def render_stock(template: StockTemplate, values: dict[str, str], calibration: Calibration | None = None,
                 *, training: bool = False) -> bytes:
    """The PDF of one certificate: a page the size of the stock with the values only. A required field without a
    value raises ``MissingField``; a value that does not fit at the smallest size raises ``FieldDoesNotFit``."""
    calibration = calibration or Calibration()
    font = register_cjk_font().name
    for field in template.fields:
        if field.required and not values.get(field.name, "").strip():
            raise MissingField(title=template.title, label=field.label)
    buffer = io.BytesIO()
    width, height = template.width_mm * mm, template.height_mm * mm
    canvas = Canvas(buffer, pagesize=(width, height), invariant=1)
    canvas.setTitle(template.title)
    canvas.setCreator("OneWindow")
    # Stock coordinates: origin at the top-left corner, y downwards (negative in PDF space), then the printer's
    # correction: every point moves and scales together.
    canvas.translate(calibration.offset_x_mm * mm, height - calibration.offset_y_mm * mm)
    canvas.scale(calibration.scale, calibration.scale)
    canvas.setFillColorRGB(0, 0, 0)
    for field in template.fields:
        value = values.get(field.name, "").strip()
        if not value:
            continue
        if field.kind == "qr":
            side = field.size_mm * mm
            draw_qr(canvas, value, field.x_mm * mm, -field.y_mm * mm - side, side)
        else:
            _draw_text(canvas, field, value, font, template.title)
    if training:  # a training print must never pass for a real certificate
        canvas.setFont(font, 9)
        canvas.drawString(5 * mm, -(template.height_mm - 5) * mm, "培训 · 非真实证照")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def media_of(template: StockTemplate) -> str:
    """The IPP ``media`` of a stock job: the stock's own size, so nothing is scaled to fit A4."""
    return f"Custom.{template.width_mm:g}x{template.height_mm:g}mm"


def _cross(canvas: Canvas, x_mm: float, y_mm: float, label: str, font: str, *, label_left: bool = False) -> None:
    """A cross centred at (x, y) mm from the top-left corner (the canvas is in stock coordinates)."""
    x, y = x_mm * mm, -y_mm * mm
    canvas.setLineWidth(0.2)
    canvas.line(x - 8 * mm, y, x + 8 * mm, y)
    canvas.line(x, y - 8 * mm, x, y + 8 * mm)
    canvas.circle(x, y, 3 * mm, stroke=1, fill=0)
    canvas.setFont(font, 8)
    if label_left:  # near the right edge: the label goes left of the cross, on the page
        canvas.drawRightString(x - 4 * mm, y + 4 * mm, label)
    else:
        canvas.drawString(x + 4 * mm, y + 4 * mm, label)


def calibration_page(printer: str, current: Calibration, printed_at: datetime, *, check: bool = False) -> bytes:
    """The A4 calibration page: crosses A (20, 20) and B (190, 277) mm from the left and top edges, a 100 mm bar,
    and how to measure them. Printed with no correction to measure; with ``check`` the crosses get the current
    correction, as every stock print does, and must then come out exactly at their places."""
    font = register_cjk_font().name
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    canvas.setTitle("打印机核对页" if check else "打印机校准页")
    canvas.setCreator("OneWindow")
    applied = current if check else Calibration()
    canvas.saveState()
    canvas.translate(applied.offset_x_mm * mm, A4[1] - applied.offset_y_mm * mm)
    canvas.scale(applied.scale, applied.scale)
    _cross(canvas, *MARK_A, f"A（{MARK_A[0]:g}, {MARK_A[1]:g}）", font)
    _cross(canvas, *MARK_B, f"B（{MARK_B[0]:g}, {MARK_B[1]:g}）", font, label_left=True)
    canvas.restoreState()
    top = A4[1]
    canvas.setFont(font, 16)
    canvas.drawCentredString(A4[0] / 2, top - 45 * mm,
                             "打印机核对页（已按当前校正）" if check else "打印机校准页（预印证照纸套打）")
    canvas.setFont(font, 10)
    state = "本页十字已按当前校正打印，应正好落在标注位置。" if check else "本页不做任何校正。"
    lines = [
        f"打印机：{printer}　打印时间：{printed_at.strftime('%Y-%m-%d %H:%M')}",
        f"{state}当前校正：x {current.offset_x_mm:+.2f} mm，y {current.offset_y_mm:+.2f} mm，"
        f"比例 {current.scale:.4f}。",
        "1. 用直尺从纸张左边缘量到十字 A 的中心（x），从上边缘量到十字 A 的中心（y），精确到 0.5 mm；",
        "2. 十字 B 同样量取（用于校正缩放，可不填）；",
        f"3. 下方横线应长 {BAR_MM:g} mm，可用于核对缩放；",
        "4. 在“打印机校准”窗口中填入量得的数值，保存后再打印一张核对页。",
    ]
    for index, line in enumerate(lines):
        canvas.drawString(30 * mm, top - (60 + index * 7) * mm, line)
    y = top - 120 * mm
    canvas.setLineWidth(0.4)
    canvas.line(55 * mm, y, (55 + BAR_MM) * mm, y)
    for tick in range(0, int(BAR_MM) + 1, 10):
        canvas.line((55 + tick) * mm, y, (55 + tick) * mm, y + (3 if tick % 50 else 5) * mm)
    canvas.setFont(font, 8)
    canvas.drawString((55 + BAR_MM + 3) * mm, y - 1 * mm, f"{BAR_MM:g} mm")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
