"""缴费通知书 (FACTS §4.4: payer, items, total, make date, expiry, 执收单位, notice number; the 20-digit 缴款码):
what is charged and why, the amount, and the payment code with its QR (the QR's text is what the centre's
configuration says the province's pay page reads: ``extra["payment_qr"]``).

``extra``: ``lines`` (JSON list of ``{name, standard, basis, amount_fen}``), ``amount`` (yuan, "80.00"),
``payment_code``, ``payment_qr``, ``expires_on`` (ISO date), ``stage`` (before_acceptance / before_conclusion),
``issued_at`` (ISO), ``case_number_note`` (a draft's notice, 受理前收费: the case number follows on acceptance).
"""

from __future__ import annotations

import json
from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from printing.a4 import MARGIN, PAGE_W, SealArea, fmt_date, grid, query_hint, styles
from printing.codes import draw_qr
from printing.model import DocumentContext
from printing.typesetting import markup_text as _e  # short: it wraps most values of a paper

WIDTH = PAGE_W - 2 * MARGIN
STAGE_TEXT = {"before_acceptance": "受理前收费", "before_conclusion": "办结前收费"}
STAGE_RULE = {"before_acceptance": "缴费确认后，方可受理你（单位）的申请。",
              "before_conclusion": "缴费确认后，方可领取办理结果。"}


class PaymentQr(Flowable):
    """The payment QR with the 缴款码 beside it, large enough for a phone at arm's length."""

    SIZE = 34 * mm

    def __init__(self, payload: str, code: str, amount: str) -> None:
        super().__init__()
        self.payload, self.code, self.amount = payload, code, amount
        self.width, self.height = WIDTH, self.SIZE + 4 * mm

    def draw(self) -> None:
        c = self.canv
        draw_qr(c, self.payload, 0, 2 * mm, self.SIZE)
        name = styles()["body"].fontName
        x = self.SIZE + 8 * mm
        c.setFont(name, 11)
        c.drawString(x, self.SIZE - 4 * mm, "扫码缴费（支持银行、微信、支付宝等渠道）")
        c.setFont(name, 16)
        c.drawString(x, self.SIZE - 14 * mm, "缴款码：" + " ".join(self.code[i:i + 4] for i in range(0, 20, 4)))
        c.drawString(x, self.SIZE - 24 * mm, f"应缴金额：¥{self.amount}")


def fee_notice(ctx: DocumentContext) -> list[Flowable]:
    extra = ctx.extra
    cell, head = styles()["cell"], styles()["head"]
    lines = json.loads(extra.get("lines", "[]"))
    stage = extra.get("stage", "before_conclusion")
    expires = date.fromisoformat(extra["expires_on"]) if extra.get("expires_on") else None
    issued = datetime.fromisoformat(extra["issued_at"]) if extra.get("issued_at") else ctx.stamp_time
    titles = ("序号", "收费项目", "收费标准", "收费依据", "金额（元）")
    rows: list[list[object]] = [[Paragraph(t, head) for t in titles]]
    for index, line in enumerate(lines, start=1):
        fen = int(line["amount_fen"])
        rows.append([str(index), Paragraph(_e(line["name"]), cell), Paragraph(_e(line["standard"]), cell),
                     Paragraph(_e(line.get("basis") or "—"), cell), f"{fen // 100}.{fen % 100:02d}"])
    rows.append(["", Paragraph("合计", head), "", "", extra.get("amount", "")])
    table = grid(rows, [12 * mm, 46 * mm, 34 * mm, WIDTH - 12 * mm - 46 * mm - 34 * mm - 26 * mm, 26 * mm])
    table.setStyle([("SPAN", (1, len(rows) - 1), (3, len(rows) - 1)), ("ALIGN", (4, 0), (4, -1), "RIGHT")])
    facts = grid([
        [Paragraph("缴款人", head), Paragraph(_e(f"{ctx.applicant_name}（{ctx.applicant_id_label}："
                                                f"{ctx.applicant_id_display}）"), cell)],
        [Paragraph("办件编号", head), Paragraph(_e(extra.get("case_number_note") or ctx.case_number), cell)],
        [Paragraph("申请事项", head), Paragraph(_e("、".join(ctx.item_names)), cell)],
        [Paragraph("执收单位", head), Paragraph(_e(ctx.deciding_body or ctx.department or "—"), cell)],
        [Paragraph("收费环节", head), Paragraph(STAGE_TEXT.get(stage, stage), cell)],
        [Paragraph("开具时间", head), Paragraph(f"{fmt_date(issued)} {issued:%H:%M}　开具窗口：{_e(ctx.window_name)}"
                                                f"　经办人：{_e(ctx.clerk_name)}", cell)],
        [Paragraph("缴款期限", head), Paragraph((fmt_date(expires) + "前") if expires else "—", cell)],
    ], [26 * mm, WIDTH - 26 * mm], header=False)
    hint = ctx.query_hint or query_hint(ctx, "可凭本通知书上的办件编号和验证码")
    return [
        Paragraph(f"你（单位）申请办理的{_e('、'.join(ctx.item_names))}，依照下列收费依据应缴纳费用"
                  f"共计人民币{extra.get('amount', '')}元。{STAGE_RULE.get(stage, '')}", styles()["indent"]),
        Spacer(1, 3 * mm), table, Spacer(1, 3 * mm),
        PaymentQr(extra.get("payment_qr", ""), extra.get("payment_code", ""), extra.get("amount", "")),
        Spacer(1, 2 * mm), facts, Spacer(1, 2 * mm),
        Paragraph("请在缴款期限内缴纳；缴费成功后凭电子缴款凭证办理，无需再到窗口出示纸质凭证。重复缴纳的款项将在结算时"
                  "退回。本通知书不作为收款凭证。", styles()["small"]),
        Paragraph(_e(hint), styles()["small"]), Spacer(1, 3 * mm),
        SealArea(ctx.centre_name, fmt_date(issued), ("缴款人（签字）：", "经办人：" + _e(ctx.clerk_name)),
                 "（业务专用章）"),
    ]
