"""The bodies of the A4 documents (受理通知书, 一次性告知书, 容缺受理承诺书, 不予受理通知书, 材料接收清单).

Document text is the legal Chinese wording of the paper the applicant takes home, so it is written here in Chinese
and not run through the UI translation. Wording follows 《行政许可法》第三十二条 (acceptance, 一次告知, 不予受理 with
reasons and remedies) and the usual local templates; the remedies use 《行政复议法》 (60 days) and 《行政诉讼法》
(6 months).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from html import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from clerk_app.domain.case import MaterialState
from printing.a4 import MARGIN, PAGE_W, SealArea, build_a4, fmt_date, fmt_datetime, grid, styles
from printing.model import DocumentContext, DocumentKind, MaterialRow

WIDTH = PAGE_W - 2 * MARGIN

STATE_TEXT = {
    MaterialState.RECEIVED: "已收取",
    MaterialState.ELICENCE_REUSED: "电子证照免提交",
    MaterialState.MISSING: "缺少",
    MaterialState.DEFERRED: "容缺后补",
    MaterialState.DEFECTIVE: "不符合要求",
    MaterialState.NOT_APPLICABLE: "不适用",
}

UNCERTAIN_DATE_NOTE = "（所跨年度节假日安排尚未公布，该日期按周一至周五推算，以正式公布的节假日安排为准）"


def _p(text: str, style: str = "body") -> Paragraph:
    return Paragraph(text, styles()[style])


def _e(text: str) -> str:
    return escape(text, quote=False)


def _items(ctx: DocumentContext) -> str:
    return "、".join(f"“{_e(name)}”" for name in ctx.item_names)


def _addressee(ctx: DocumentContext) -> Paragraph:
    ident = f"（{_e(ctx.applicant_id_label)}：{_e(ctx.applicant_id_display)}）" if ctx.applicant_id_display else ""
    return _p(f"{_e(ctx.applicant_name)}{ident}：")


def _promised(ctx: DocumentContext) -> str:
    if ctx.promised_date is None:
        return "—"
    text = fmt_date(ctx.promised_date)
    return text if ctx.promised_certain else text + UNCERTAIN_DATE_NOTE


def _facts(ctx: DocumentContext, with_deadline: bool) -> Flowable:
    cell = styles()["cell"]
    rows = [
        ["办件编号", ctx.case_number, "验证码", ctx.verification_code],
        ["申请事项", Paragraph(_items(ctx), cell), "受理部门", Paragraph(_e(ctx.department or "—"), cell)],
        ["受理时间", fmt_datetime(ctx.accepted_at), "受理窗口", Paragraph(_e(ctx.window_name), cell)],
    ]
    if with_deadline:
        rows.append(["办件类型", ctx.handling_type or "—", "受理人", ctx.clerk_name])
        rows.append(["承诺办结时间", Paragraph(_e(_promised(ctx)), cell), "", ""])
    else:
        rows.append(["受理人", ctx.clerk_name, "", ""])
    table = grid(rows, [26 * mm, WIDTH / 2 - 26 * mm, 22 * mm, WIDTH / 2 - 22 * mm], header=False)
    table.setStyle([("SPAN", (1, len(rows) - 1), (3, len(rows) - 1))])
    return table


Column = tuple[str, float, Callable[[MaterialRow], str]]


def _material_table(rows: list[MaterialRow], columns: list[Column]) -> Flowable:
    cell = styles()["cell"]
    head = styles()["head"]
    data: list[list[object]] = [[Paragraph("序号", head)] + [Paragraph(title, head) for title, _, _ in columns]]
    for index, row in enumerate(rows, start=1):
        data.append([str(index)] + [Paragraph(_e(getter(row)), cell) for _, _, getter in columns])
    return grid(data, [12 * mm] + [width for _, width, _ in columns])


def _seal(ctx: DocumentContext, lines: tuple[str, ...] = ()) -> Flowable:
    return SealArea(ctx.centre_name, fmt_date(ctx.accepted_at), lines)


def _query(ctx: DocumentContext) -> list[Flowable]:
    hint = ctx.query_hint or "可凭本文书上的办件编号或扫描二维码查询办理进度。"
    return [Spacer(1, 3 * mm), _p(_e(hint), "small")]


def acceptance_notice(ctx: DocumentContext) -> list[Flowable]:
    received = [m for m in ctx.materials if m.state in (MaterialState.RECEIVED, MaterialState.ELICENCE_REUSED)]
    body: list[Flowable] = [
        _addressee(ctx),
        _p(f"你（单位）于{fmt_date(ctx.accepted_at)}提出的{_items(ctx)}申请，经审查，申请材料齐全、符合法定形式。"
           "根据《中华人民共和国行政许可法》第三十二条第一款第（五）项的规定，决定予以受理。", "indent"),
        Spacer(1, 3 * mm), _facts(ctx, with_deadline=True), Spacer(1, 4 * mm),
        _p("已收取的申请材料：", "section"),
        _material_table(received, [
            ("材料名称", WIDTH - 12 * mm - 78 * mm, lambda m: m.name),
            ("原件核验", 22 * mm, lambda m: "已核验" if m.original_verified else "—"),
            ("复印件（份）", 22 * mm, lambda m: str(m.copies_received)),
            ("收取方式", 34 * mm, lambda m: STATE_TEXT[m.state] + (f"，{m.pages}页" if m.pages else "")),
        ]),
        *_query(ctx),
        Spacer(1, 6 * mm), _seal(ctx),
    ]
    return body


def one_time_notice(ctx: DocumentContext) -> list[Flowable]:
    wanted = [m for m in ctx.materials if m.state in (MaterialState.MISSING, MaterialState.DEFECTIVE)]
    body: list[Flowable] = [
        _addressee(ctx),
        _p(f"你（单位）于{fmt_date(ctx.accepted_at)}提出的{_items(ctx)}申请，经审查，申请材料不齐全或者不符合法定"
           "形式。根据《中华人民共和国行政许可法》第三十二条第一款第（四）项的规定，现一次性告知你（单位）需要补正的"
           f"全部内容（共{len(wanted)}项）如下：", "indent"),
        Spacer(1, 3 * mm),
        _material_table(wanted, [
            ("材料名称", 52 * mm, lambda m: m.name),
            ("问题", 30 * mm, lambda m: STATE_TEXT[m.state] + (f"：{m.defect_note}" if m.defect_note else "")),
            ("补正要求", WIDTH - 12 * mm - 82 * mm, lambda m: m.requirement or "按办事指南要求提交"),
        ]),
        Spacer(1, 3 * mm),
    ]
    if ctx.decision_reason:
        body.append(_p("说明：" + _e(ctx.decision_reason), "indent"))
    body += [
        _p("请按上述要求一次性补齐全部材料后重新提交。补正后的材料齐全、符合法定形式的，本机关将依法受理。", "indent"),
        _facts(ctx, with_deadline=False), *_query(ctx), Spacer(1, 6 * mm), _seal(ctx),
    ]
    return body


def deficiency_commitment(ctx: DocumentContext) -> list[Flowable]:
    deferred = [m for m in ctx.materials if m.state is MaterialState.DEFERRED]
    latest = ctx.supply_deadline or max((m.supply_by for m in deferred if m.supply_by), default=None)
    return [
        _p(f"本人（单位）{_e(ctx.applicant_name)}申请办理{_items(ctx)}，因下列申请材料暂时无法提供，申请容缺受理，"
           "并郑重承诺：", "indent"),
        _material_table(deferred, [
            ("容缺材料名称", 70 * mm, lambda m: m.name),
            ("补交期限", 34 * mm, lambda m: fmt_date(m.supply_by) or "—"),
            ("要求", WIDTH - 12 * mm - 104 * mm, lambda m: m.requirement or "按办事指南要求提交"),
        ]),
        Spacer(1, 3 * mm),
        _p(f"一、在{fmt_date(latest) if latest else '上述期限'}前补齐上述全部材料，"
           "所补材料与已提交材料内容一致；", "indent"),
        _p("二、已提交和将补交的材料真实、合法、有效，如有虚假，愿意承担相应的法律责任；", "indent"),
        _p("三、逾期未补齐材料的，同意审批机关终止办理或者暂不发放办理结果，由此产生的后果由本人（单位）承担。",
           "indent"),
        Spacer(1, 3 * mm), _facts(ctx, with_deadline=True), *_query(ctx), Spacer(1, 4 * mm),
        _seal(ctx, ("承诺人（签字/盖章）：", "代办人（签字）：" + (_e(ctx.agent_name) if ctx.agent_name else ""),
                    "日期：      年    月    日")),
    ]


def rejection_notice(ctx: DocumentContext) -> list[Flowable]:
    body: list[Flowable] = [
        _addressee(ctx),
        _p(f"你（单位）于{fmt_date(ctx.accepted_at)}提出的{_items(ctx)}申请，经审查，决定不予受理。", "indent"),
        _p("理由：" + _e(ctx.decision_reason or "—"), "indent"),
        _p("依据：" + _e(ctx.legal_basis or "《中华人民共和国行政许可法》第三十二条第一款"), "indent"),
    ]
    if ctx.apply_instead:
        body.append(_p(f"该申请事项依法不属于本机关职权范围，请向{_e(ctx.apply_instead)}申请。", "indent"))
    body.append(_p(
        "如对本决定不服，可以自收到本通知书之日起六十日内向"
        f"{_e(ctx.reconsideration_body or '本机关的上一级主管部门或者本级人民政府')}申请行政复议，"
        f"也可以自收到本通知书之日起六个月内向{_e(ctx.litigation_court or '有管辖权的人民法院')}"
        "提起行政诉讼。", "indent"))
    body += [Spacer(1, 3 * mm), _facts(ctx, with_deadline=False), *_query(ctx), Spacer(1, 6 * mm), _seal(ctx)]
    return body


def material_list(ctx: DocumentContext) -> list[Flowable]:
    def state(m: MaterialRow) -> str:
        text = STATE_TEXT[m.state]
        if m.state is MaterialState.DEFERRED and m.supply_by:
            text += f"（{fmt_date(m.supply_by)}前）"
        return text

    return [
        _p(f"申请人：{_e(ctx.applicant_name)}　{_e(ctx.applicant_id_label)}：{_e(ctx.applicant_id_display)}"),
        _p(f"申请事项：{_items(ctx)}"),
        Spacer(1, 3 * mm),
        _material_table(list(ctx.materials), [
            ("材料名称", WIDTH - 12 * mm - 104 * mm, lambda m: m.name),
            ("状态", 34 * mm, state),
            ("原件核验", 20 * mm, lambda m: "已核验" if m.original_verified else "—"),
            ("原件数", 16 * mm, lambda m: str(m.originals_received)),
            ("复印件数", 18 * mm, lambda m: str(m.copies_received)),
            ("页数", 16 * mm, lambda m: str(m.pages) if m.pages else "—"),
        ]),
        Spacer(1, 3 * mm), _p("以上材料经双方当面清点无误。", "indent"), *_query(ctx), Spacer(1, 4 * mm),
        _seal(ctx, ("申请人（签字）：", "受理人（签字）：" + _e(ctx.clerk_name), "日期：      年    月    日")),
    ]


def supplement_receipt(ctx: DocumentContext) -> list[Flowable]:
    """补齐材料接收回执: ``materials`` are the materials supplied now; ``extra["supplied_at"]`` (ISO) when, and
    ``extra["remaining"]`` the names still deferred (、-joined, empty when the case is complete)."""
    supplied_at = ctx.extra.get("supplied_at", "")
    when = fmt_datetime(datetime.fromisoformat(supplied_at)) if supplied_at else fmt_datetime(ctx.stamp_time)
    remaining = ctx.extra.get("remaining", "")
    outcome = (f"尚待补交的材料：{_e(remaining)}，请在承诺期限内补齐。" if remaining
               else "容缺受理时承诺补交的材料已全部补齐，办件转入正常审批程序。")
    return [
        _addressee(ctx),
        _p(f"你（单位）申请办理的{_items(ctx)}已于{fmt_date(ctx.accepted_at)}容缺受理。{when}收到你（单位）补交的"
           f"下列申请材料（共{len(ctx.materials)}项）：", "indent"),
        Spacer(1, 3 * mm),
        _material_table(list(ctx.materials), [
            ("材料名称", WIDTH - 12 * mm - 102 * mm, lambda m: m.name),
            ("承诺期限", 34 * mm, lambda m: fmt_date(m.supply_by) or "—"),
            ("原件核验", 20 * mm, lambda m: "已核验" if m.original_verified else "—"),
            ("复印件数", 18 * mm, lambda m: str(m.copies_received)),
            ("页数", 16 * mm, lambda m: str(m.pages) if m.pages else "—"),
            ("补交情况", 14 * mm, lambda m: "逾期" if m.supplied_late else "按期"),
        ]),
        Spacer(1, 3 * mm), _p(outcome, "indent"), Spacer(1, 2 * mm),
        _facts(ctx, with_deadline=True), *_query(ctx), Spacer(1, 4 * mm),
        _seal(ctx, ("申请人（签字）：", "受理人（签字）：" + _e(ctx.clerk_name), "日期：      年    月    日")),
    ]


BODIES: dict[DocumentKind, Callable[[DocumentContext], list[Flowable]]] = {
    DocumentKind.ACCEPTANCE_NOTICE: acceptance_notice,
    DocumentKind.ONE_TIME_NOTICE: one_time_notice,
    DocumentKind.DEFICIENCY_COMMITMENT: deficiency_commitment,
    DocumentKind.REJECTION_NOTICE: rejection_notice,
    DocumentKind.MATERIAL_LIST: material_list,
    DocumentKind.SUPPLEMENT_RECEIPT: supplement_receipt,
}


def render_a4(ctx: DocumentContext) -> bytes:
    return build_a4(ctx, BODIES[ctx.kind](ctx))
