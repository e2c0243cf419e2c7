"""当日寄件清单: the results a window mailed on one day, handed to the courier with the envelopes.

One entry per mailed case: the case number and items, the recipient masked (name and phone: the envelope carries
them in full), the address in full (what the courier checks against the envelope), the carrier and the waybill
number with its Code128 barcode (the courier's gun reads it), and a line for the courier's signature per envelope.
The page frame's codes carry the list's own number (``ctx.case_number``). ``ctx.mailing_rows`` holds the entries.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from printing.a4 import MARGIN, PAGE_W, SealArea, fmt_date, grid, styles
from printing.codes import code128_width, draw_code128
from printing.model import DocumentContext
from printing.typesetting import markup_text as _e  # short: it wraps most values of a paper

WIDTH = PAGE_W - 2 * MARGIN
BAR_H = 9 * mm
COLUMNS = (8 * mm, 47 * mm, 28 * mm, WIDTH - 8 * mm - 47 * mm - 28 * mm - 30 * mm, 30 * mm)


class WaybillBar(Flowable):
    """The waybill's Code128 with the number printed beside it (human-readable when the gun fails)."""

    def __init__(self, carrier: str, number: str, width: float) -> None:
        super().__init__()
        self.carrier, self.number = carrier, number
        self.width, self.height = width, BAR_H + 1 * mm

    def draw(self) -> None:
        c = self.canv
        bar = draw_code128(c, self.number, 0, 0.5 * mm, BAR_H)
        c.setFont(styles()["cell"].fontName, 9)
        c.drawString(bar + 2 * mm, BAR_H - 3.5 * mm, f"{self.carrier}")
        c.drawString(bar + 2 * mm, 1.5 * mm, f"运单号 {self.number}")


def mailing_list(ctx: DocumentContext) -> list[Flowable]:
    cell, head = styles()["cell"], styles()["head"]
    titles = ("序号", "办件编号 / 事项", "收件人", "寄达地址", "揽收签名")
    rows: list[list[object]] = [[Paragraph(t, head) for t in titles]]
    spans = []
    for index, row in enumerate(ctx.mailing_rows, start=1):
        at = len(rows)
        postcode = f"（{_e(row.postcode)}）" if row.postcode else ""
        rows.append([Paragraph(str(index), cell),
                     Paragraph(f"<font size=7.5>{_e(row.case_number)}</font><br/>{_e('、'.join(row.item_names))}",
                               cell),
                     Paragraph(_e(row.recipient_masked), cell), Paragraph(_e(row.address) + postcode, cell), ""])
        bar_room = COLUMNS[1] + COLUMNS[2] + COLUMNS[3] - 4 * mm
        rows.append(["", WaybillBar(row.carrier, row.waybill, max(bar_room, code128_width(row.waybill))), "", "",
                     ""])
        spans += [("SPAN", (1, at + 1), (3, at + 1)), ("SPAN", (0, at), (0, at + 1)),
                  ("SPAN", (4, at), (4, at + 1)), ("VALIGN", (0, at), (0, at + 1), "MIDDLE")]
    table = grid(rows, COLUMNS)
    table.setStyle(spans)
    count = len(ctx.mailing_rows)
    day = ctx.stamp_time
    return [
        Paragraph(f"交寄窗口：{_e(ctx.centre_name)}　{_e(ctx.window_name)}　交寄人：{_e(ctx.clerk_name)}"
                  f"　寄件日期：{fmt_date(day.date())}", styles()["body"]),
        Spacer(1, 3 * mm),
        table if count else Paragraph("本日无寄出的办理结果。", styles()["indent"]),
        Spacer(1, 3 * mm),
        Paragraph(f"本清单共 {count} 件。揽收时请逐件扫描运单条码、核对寄达地址，并在对应行签名；收件人姓名和电话"
                  "已作脱敏处理，完整信息以运单面单为准。本清单一式两份，一份交揽收人，一份窗口留存。",
                  styles()["small"]),
        Spacer(1, 6 * mm),
        SealArea(ctx.centre_name, fmt_date(day.date()),
                 ("揽收人（签名）：", "交寄人（签字）：" + _e(ctx.clerk_name), "揽收时间：      时    分"),
                 "（出件专用章）"),
    ]
