"""The 80 mm thermal receipt (受理回执): one narrow page whose height follows its content.

Thermal heads print about 72 mm of the 80 mm roll; everything stays inside that. Drawn straight on the canvas (no
platypus) because it is printed for every case and must be fast. The applicant's ID number is masked by the
caller: the receipt is a slip, not the legal notice.
"""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from printing.a4 import draw_training_mark, evaluation_link, fmt_date, fmt_datetime, qr_content, query_hint
from printing.codes import CODE128_MODULE, code128_width, draw_code128, draw_qr
from printing.fonts import register_cjk_font
from printing.model import DocumentContext
from printing.typesetting import wrap

PAPER_W = 80 * mm
PRINTABLE = 72 * mm
LEFT = (PAPER_W - PRINTABLE) / 2
LINE = 4.6 * mm
QR_SIZE = 30 * mm
EVAL_QR = 22 * mm  # the 扫码评价 QR under the query QR
BAR_H = 10 * mm
SEAL_H = 20 * mm


_wrap = wrap


def _joined(values: list[str]) -> str:
    return "；".join(dict.fromkeys(v for v in values if v)) or "—"


def receipt_lines(ctx: DocumentContext) -> list[tuple[str, float]]:
    """(text, size) of every text line, in order; also what the bench's bare page prints."""
    promised = fmt_date(ctx.promised_date) if ctx.promised_date else "—"
    if ctx.promised_date and not ctx.promised_certain:
        promised += "（预计，以公布的节假日安排为准）"
    facts = ctx.items
    phones = [f.consultation_phone for f in facts] + [ctx.consultation_phone]
    pairs = [
        ("办件编号", ctx.case_number),
        ("验 证 码", ctx.verification_code),
        ("申 请 人", ctx.applicant_name),
        ("证件号码", ctx.applicant_id_display),
        ("申请事项", "、".join(ctx.item_names)),
        ("受理时间", fmt_datetime(ctx.accepted_at)),
        ("实施机关", ctx.deciding_body or "—"),
        ("办件类型", ctx.handling_type or "—"),
        ("法定时限", _joined([f.legal_limit for f in facts])),
        ("承诺时限", _joined([f.promised_limit for f in facts])),
        ("承诺办结", promised),
        ("受理窗口", ctx.window_name),
        ("受 理 人", ctx.clerk_name),
        ("咨询电话", _joined(phones)),
        ("投诉电话", _joined([f.complaint_phone for f in facts] + [ctx.complaint_phone])),
        *([("结果送达", ctx.result_delivery)] if ctx.result_delivery else []),
    ]
    cross = ctx.cross_items
    if cross:  # 跨域通办: who decides, where it was received, where the result goes (after 实施机关)
        at = next(i for i, (label, _) in enumerate(pairs) if label == "实施机关") + 1
        pairs[at:at] = [
            ("通办方式", "跨域通办（本中心收件，决定机构审批）"),
            ("决定机构", _joined([f.deciding_body for f in cross])),
            ("收 件 地", ctx.centre_name),
            ("出 件 地", _joined([f.delivery for f in cross])),
        ]
    font = register_cjk_font().name
    lines: list[tuple[str, float]] = []
    for label, value in pairs:
        for index, part in enumerate(_wrap(value, font, 9, PRINTABLE - 18 * mm)):
            lines.append(((label + "：" if index == 0 else "") + "\t" + part, 9))
    if ctx.sub_items:  # 并联: every member item and the department that decides it (its own number once known)
        lines.append(("并联审批（一件事）各子项：", 9))
        for index, sub in enumerate(ctx.sub_items, start=1):
            lines += [(part, 8) for part in _wrap(f"{index}. {sub.name}（{sub.department}）", font, 8, PRINTABLE)]
            if sub.number:  # its own line: a wrapped number cannot be read back
                lines.append((f"    子件编号 {sub.number}", 8))
    hint = ctx.query_hint or query_hint(ctx, "凭本回执的办件编号和验证码")
    lines += [(part, 8) for part in _wrap(hint, font, 8, PRINTABLE)]
    return lines


def _height(ctx: DocumentContext, line_count: int) -> float:
    header = 2 * LINE + (LINE if ctx.reprint else 0) + (LINE + 3 * mm if ctx.training else 0)
    codes = BAR_H + 6 * mm + QR_SIZE + 4 * mm + (EVAL_QR + 8 * mm if evaluation_link(ctx) else 0)
    return 6 * mm + header + line_count * LINE + codes + SEAL_H + 12 * mm


def receipt_size(ctx: DocumentContext) -> tuple[float, float]:
    """Page width and height in points (the roll is cut after the content)."""
    return PAPER_W, _height(ctx, len(receipt_lines(ctx)))


def _draw_header(canvas: Canvas, ctx: DocumentContext, font: str, y: float) -> float:
    """Centre name, title, training mark and 补打 line; returns the next baseline."""
    centre = PAPER_W / 2
    canvas.setFont(font, 9)
    canvas.drawCentredString(centre, y, ctx.centre_name)
    y -= LINE + 2 * mm
    canvas.setFont(font, 14)
    canvas.drawCentredString(centre, y, ctx.title + ("（补打）" if ctx.reprint else ""))
    y -= LINE
    if ctx.training:
        y -= 2 * mm  # clear of the title's descenders
        draw_training_mark(canvas, centre, y, size=10, centred=True)
        y -= LINE + 1 * mm
    if ctx.reprint:
        canvas.setFont(font, 8)
        canvas.drawCentredString(centre, y, f"补打件  打印时间 {fmt_datetime(ctx.stamp_time)}")
        y -= LINE
    return y


def render_receipt(ctx: DocumentContext) -> bytes:
    font = register_cjk_font().name
    lines = receipt_lines(ctx)
    height = _height(ctx, len(lines))
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAPER_W, height), invariant=1, pageCompression=0)
    canvas.setTitle(f"{ctx.title} {ctx.case_number}")
    canvas.setAuthor(ctx.centre_name)
    canvas.setCreator("OneWindow")
    centre = PAPER_W / 2
    y = _draw_header(canvas, ctx, font, height - 6 * mm)
    for text, size in lines:
        canvas.setFont(font, size)
        label, _, value = text.partition("\t")
        if value or label.endswith("："):
            canvas.drawString(LEFT, y, label)
            canvas.drawString(LEFT + 18 * mm, y, value)
        else:
            canvas.drawString(LEFT, y, label)
        y -= LINE
    y -= 2 * mm
    bar_w = code128_width(ctx.case_number, CODE128_MODULE)
    draw_code128(canvas, ctx.case_number, centre - bar_w / 2, y - BAR_H, BAR_H)
    y -= BAR_H + 4 * mm
    canvas.setFont(font, 8)
    canvas.drawCentredString(centre, y, ctx.case_number)
    y -= 2 * mm + QR_SIZE
    draw_qr(canvas, qr_content(ctx), centre - QR_SIZE / 2, y, QR_SIZE)
    link = evaluation_link(ctx)
    if link:
        y -= 4 * mm
        canvas.setFont(font, 8)
        canvas.drawCentredString(centre, y, "扫码评价本次服务（好差评）")
        y -= 2 * mm + EVAL_QR
        draw_qr(canvas, link, centre - EVAL_QR / 2, y, EVAL_QR)
    y -= 4 * mm + SEAL_H
    canvas.saveState()
    canvas.setDash(2, 2)
    canvas.rect(PAPER_W - LEFT - 34 * mm, y, 34 * mm, SEAL_H, stroke=1, fill=0)
    canvas.restoreState()
    canvas.setFont(font, 7)
    canvas.drawCentredString(PAPER_W - LEFT - 17 * mm, y + SEAL_H / 2, "（受理专用章）")
    canvas.setFont(font, 8)
    canvas.drawString(LEFT, y + SEAL_H - 4 * mm, fmt_date(ctx.accepted_at))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
