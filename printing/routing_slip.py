"""材料流转单 (FACTS §4.4: applicant, department, case number, date, notice number, materials with counts, 流转人,
receiver): the paper a window sends to one back-office department with one batch of cases.

The page frame's Code128 carries the slip's own number (``ctx.case_number``): the department signs, the slip comes
back, and the window's barcode gun records the receipt from it. ``extra``: ``department``, ``created_at`` (ISO),
``cases`` (JSON list of ``{case_number, applicant_masked, item_names, paper: [{name, kind, copies, pages}]}``).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from printing.a4 import MARGIN, PAGE_W, SealArea, fmt_date, fmt_datetime, grid, styles
from printing.codes import draw_code128
from printing.model import DocumentContext
from printing.typesetting import markup_text as _e  # short: it wraps most values of a paper

WIDTH = PAGE_W - 2 * MARGIN
BAR_H = 8 * mm
# 序号 | 办件编号 (barcode) / 申请人 / 事项 | 材料 | 形式 | 份数 | 页数
COLUMNS = (8 * mm, 72 * mm, WIDTH - 8 * mm - 72 * mm - 18 * mm - 13 * mm - 13 * mm, 18 * mm, 13 * mm, 13 * mm)


class CaseNumberBar(Flowable):
    """A case number's Code128 with the digits under it (the department's gun reads each case off the slip)."""

    def __init__(self, number: str) -> None:
        super().__init__()
        self.number = number
        self.width, self.height = COLUMNS[1] - 4 * mm, BAR_H + 4 * mm

    def draw(self) -> None:
        c = self.canv
        draw_code128(c, self.number, -3.4 * mm, 3.5 * mm, BAR_H)
        c.setFont(styles()["cell"].fontName, 8)
        c.drawString(0, 0.5 * mm, self.number)


def _case_rows(cases: list[dict[str, Any]]) -> tuple[list[list[object]], list[tuple[object, ...]]]:
    cell, head = styles()["cell"], styles()["head"]
    titles = ("序号", "办件编号 / 申请人 / 事项", "材料名称", "原件/复印件", "份数", "页数")
    rows: list[list[object]] = [[Paragraph(t, head) for t in titles]]
    spans: list[tuple[object, ...]] = []
    for index, case in enumerate(cases, start=1):
        at = len(rows)
        paper = case["paper"] or [{"name": "—", "kind": "", "copies": 0, "pages": 0}]
        who = Paragraph(f"申请人：{_e(case['applicant_masked'])}<br/>{_e('、'.join(case['item_names']))}", cell)
        for n, line in enumerate(paper):
            rows.append([Paragraph(str(index), cell) if n == 0 else "",
                         [CaseNumberBar(case["case_number"]), who] if n == 0 else "",
                         Paragraph(_e(line["name"]), cell), Paragraph(_e(line["kind"]), cell),
                         str(line["copies"]), str(line["pages"]) if line["pages"] else "—"])
        if len(paper) > 1:
            last = at + len(paper) - 1
            spans += [("SPAN", (0, at), (0, last)), ("SPAN", (1, at), (1, last))]
        spans.append(("VALIGN", (0, at), (1, at), "TOP"))
    return rows, spans


def routing_slip(ctx: DocumentContext) -> list[Flowable]:
    extra = ctx.extra
    cases: list[dict[str, Any]] = json.loads(extra.get("cases", "[]"))
    made = datetime.fromisoformat(extra["created_at"]) if extra.get("created_at") else ctx.stamp_time
    rows, spans = _case_rows(cases)
    table = grid(rows, COLUMNS)
    table.setStyle([*spans, ("ALIGN", (4, 1), (5, -1), "RIGHT")])
    lines = [line for case in cases for line in case["paper"]]
    originals = sum(int(line["copies"]) for line in lines if line["kind"] == "原件")
    copies = sum(int(line["copies"]) for line in lines if line["kind"] == "复印件")
    pages = sum(int(line["pages"]) for line in lines)
    head, body = styles()["head"], styles()["body"]
    facts = grid([
        [Paragraph("流转单编号", head), Paragraph(_e(ctx.case_number), body),
         Paragraph("接收部门", head), Paragraph(_e(extra.get("department", "")), body)],
        [Paragraph("移交窗口", head), Paragraph(_e(f"{ctx.centre_name}　{ctx.window_name}"), body),
         Paragraph("移交人", head), Paragraph(_e(ctx.clerk_name), body)],
        [Paragraph("制单时间", head), Paragraph(fmt_datetime(made), body), Paragraph("流转方式", head),
         Paragraph("按责转办（纸质材料移交）", body)],
    ], [22 * mm, WIDTH / 2 - 22 * mm, 20 * mm, WIDTH / 2 - 20 * mm], header=False)
    return [
        facts, Spacer(1, 3 * mm), table, Spacer(1, 2 * mm),
        Paragraph(f"合计：办件 {len(cases)} 件，材料 {len(lines)} 项，其中原件 {originals} 份、复印件 {copies} 份，"
                  f"扫描页数共 {pages} 页。", styles()["body"]),
        Paragraph("接收部门请逐件核对办件编号及材料的形式、份数，无误后在下方签字并注明接收时间；本单签字后返回窗口，"
                  "窗口扫描本单右上角条码登记签收。本单一式两份，接收部门与窗口各留存一份。", styles()["small"]),
        Spacer(1, 4 * mm),
        SealArea(ctx.centre_name, fmt_date(made.date()),
                 ("移交人（签字）：" + _e(ctx.clerk_name) + "　移交时间：      时    分",
                  "接收人（签字）：　　　　　　接收时间：    月    日    时    分", "接收人联系电话："),
                 "（业务专用章）"),
    ]
