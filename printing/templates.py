"""The bodies of the A4 documents (受理通知书, 一次性告知书, 容缺受理承诺书, 不予受理通知书, 材料接收清单,
补齐材料接收回执, 送达回执, 授权委托书).

Document text is the legal Chinese wording of the paper the applicant takes home, so it is written here in Chinese
and not run through the UI translation (FACTS §3.5a):

* the basis of a decision follows the item type: 《行政许可法》§32(1) clauses only for 行政许可 items, the item's own
  设定依据 for the others; a 容缺 acceptance names the deferred materials, their dates and the local 容缺 rule and
  never says the materials are complete;
* a 不予受理 prints only the sentences its reason type implies (where to apply only for lack of competence), names
  the deciding organ, the 行政复议机关 and the court, with 《行政复议法》(2023) §20 (60 days) and 《行政诉讼法》§46
  (6 months);
* papers of an application that was not accepted say 收件 (received), never 受理, and carry no 受理专用章.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from clerk_app.domain.case import MaterialState
from clerk_app.domain.decision_rules import RejectionType
from printing.a4 import (
    MARGIN,
    PAGE_W,
    SealArea,
    build_a4,
    evaluation_link,
    fmt_date,
    fmt_datetime,
    grid,
    query_hint,
    styles,
)
from printing.decision_paper import approval_decision, denial_decision
from printing.fee_notice import fee_notice
from printing.mailing_list import mailing_list
from printing.model import DocumentContext, DocumentKind, ItemFacts, MaterialRow
from printing.routing_slip import routing_slip
from printing.typesetting import application_of
from printing.typesetting import markup_text as _e  # short: it wraps most values of a paper

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


XKF = "《中华人民共和国行政许可法》"
REMEDY_LAW = "《中华人民共和国行政复议法》第二十条、《中华人民共和国行政诉讼法》第四十六条"
DEFAULT_REVIEW = "作出本决定的行政机关的本级人民政府"
DEFAULT_COURT = "有管辖权的人民法院"


def _p(text: str, style: str = "body") -> Paragraph:
    return Paragraph(text, styles()[style])


def _items(ctx: DocumentContext) -> str:
    return "、".join(f"“{_e(name)}”" for name in ctx.item_names)


def _application(ctx: DocumentContext) -> str:
    return application_of(tuple(_e(name) for name in ctx.item_names))


def _facts_of(ctx: DocumentContext) -> tuple[ItemFacts, ...]:
    """One ``ItemFacts`` per item (names only when the case predates the snapshot)."""
    if ctx.items:
        return ctx.items
    return tuple(ItemFacts(name=name, deciding_body=ctx.department) for name in ctx.item_names)


def _all_licences(ctx: DocumentContext) -> bool:
    facts = _facts_of(ctx)
    return bool(facts) and all(f.is_licence for f in facts)


def _licence_clause(clause: str) -> str:
    return f"{XKF}第三十二条第一款第（{clause}）项"


def _basis_of(item: ItemFacts, licence_clause: str) -> str:
    """The provision an item's decision rests on: §32 for a licence, otherwise the item's own 设定依据."""
    if item.is_licence:
        return _licence_clause(licence_clause)
    return item.legal_basis


def _addressee(ctx: DocumentContext) -> Paragraph:
    ident = f"（{_e(ctx.applicant_id_label)}：{_e(ctx.applicant_id_display)}）" if ctx.applicant_id_display else ""
    return _p(f"{_e(ctx.applicant_name)}{ident}：")


def _promised(ctx: DocumentContext) -> str:
    if ctx.promised_date is None:
        return "—"
    text = fmt_date(ctx.promised_date)
    text = text if ctx.promised_certain else text + UNCERTAIN_DATE_NOTE
    if ctx.kind is DocumentKind.CORRECTION_NOTICE:
        # the clock stands still until the 补正 is brought: the date moves by the working days it takes
        text += "（补正期间不计入办理时限，按提交补正材料之日相应顺延）"
    elif ctx.kind is DocumentKind.CORRECTION_RECEIPT:
        text += "（已扣除补正期间）"
    return text


def _limits(ctx: DocumentContext, attr: str) -> str:
    values = dict.fromkeys(getattr(f, attr) for f in _facts_of(ctx) if getattr(f, attr))
    return "；".join(values) or "—"


def _phone(ctx: DocumentContext, attr: str) -> str:
    own = dict.fromkeys(getattr(f, attr) for f in _facts_of(ctx) if getattr(f, attr))
    centre = getattr(ctx, attr)
    if centre and centre not in own:
        own[centre] = None
    return "、".join(own) or "—"


def _facts(ctx: DocumentContext, with_deadline: bool) -> Flowable:
    """The table of facts. Non-acceptance papers say 收件 (received), never 受理 (nothing was accepted)."""
    cell = styles()["cell"]
    verb = "受理" if ctx.accepted else "收件"
    rows: list[list[object]] = [
        ["办件编号", ctx.case_number, "验证码", ctx.verification_code],
        ["申请事项", Paragraph(_items(ctx), cell), "实施机关", Paragraph(_e(ctx.deciding_body or "—"), cell)],
        [f"{verb}时间", fmt_datetime(ctx.accepted_at), f"{verb}窗口", Paragraph(_e(ctx.window_name), cell)],
    ]
    spans = []
    if with_deadline and ctx.accepted:
        rows.append(["办件类型", ctx.handling_type or "—", "受理人", ctx.clerk_name])
        rows.append(["法定时限", Paragraph(_e(_limits(ctx, "legal_limit")), cell),
                     "承诺时限", Paragraph(_e(_limits(ctx, "promised_limit")), cell)])
        rows.append(["承诺办结时间", Paragraph(_e(_promised(ctx)), cell), "", ""])
        spans.append(len(rows) - 1)
        rows.append(["咨询电话", Paragraph(_e(_phone(ctx, "consultation_phone")), cell),
                     "投诉电话", Paragraph(_e(_phone(ctx, "complaint_phone")), cell)])
        if ctx.result_delivery:  # 邮寄送达 chosen at acceptance: the applicant checks where the result goes
            rows.append(["结果送达", Paragraph(_e(ctx.result_delivery), cell), "", ""])
            spans.append(len(rows) - 1)
    else:
        rows.append([f"{verb}人", ctx.clerk_name, "", ""])
        spans.append(len(rows) - 1)
    table = grid(rows, [26 * mm, WIDTH / 2 - 26 * mm, 22 * mm, WIDTH / 2 - 22 * mm], header=False)
    table.setStyle([("SPAN", (1, row), (3, row)) for row in spans])
    return table


Column = tuple[str, float, Callable[[MaterialRow], str]]


def _material_table(rows: list[MaterialRow], columns: list[Column]) -> Flowable:
    cell = styles()["cell"]
    head = styles()["head"]
    data: list[list[object]] = [[Paragraph("序号", head)] + [Paragraph(title, head) for title, _, _ in columns]]
    for index, row in enumerate(rows, start=1):
        data.append([str(index)] + [Paragraph(_e(getter(row)), cell) for _, _, getter in columns])
    return grid(data, [12 * mm] + [width for _, width, _ in columns])


def _seal(ctx: DocumentContext, lines: tuple[str, ...] = (), *, organ: str = "", label: str = "",
          evaluate_later: bool = False) -> Flowable:
    """The seal area; ``evaluate_later``: a paper a visit ends with carries the 扫码评价 QR (when configured)."""
    label = label or ("（受理专用章）" if ctx.accepted else "（收件专用章）")
    return SealArea(organ or ctx.centre_name, fmt_date(ctx.accepted_at), lines, label, ctx.signature_png,
                    evaluation_link(ctx) if evaluate_later else "")


def _query(ctx: DocumentContext) -> list[Flowable]:
    hint = ctx.query_hint or query_hint(ctx, "可凭本文书上的办件编号和验证码")
    return [Spacer(1, 3 * mm), _p(_e(hint), "small")]



def _tongban(ctx: DocumentContext) -> list[Flowable]:
    """跨域通办: who decides (the other area's body), where the application was received and where the result goes."""
    cross = ctx.cross_items
    if not cross:
        return []
    lines = "；".join(f"{_e(i.name)}由{_e(i.deciding_body)}作出决定" for i in cross)
    delivery = "；".join(dict.fromkeys(i.delivery for i in cross if i.delivery)) or "结果送回本中心领取"
    verb = "受理" if ctx.accepted else "收件"
    return [Spacer(1, 2 * mm), _p(
        f"跨域通办：{lines}（决定机构）。收件地：{_e(ctx.centre_name)}（本中心{verb}并转交决定机构）；"
        f"出件地：{_e(delivery)}。", "indent")]


def _sub_items(ctx: DocumentContext) -> list[Flowable]:
    """并联 of a 一件事: one row per member item — department, deciding body, its sub-case number once known."""
    if not ctx.sub_items:
        return []
    cell, head = styles()["cell"], styles()["head"]
    data: list[list[object]] = [[Paragraph(t, head) for t in ("序号", "子项事项", "承办部门", "决定机构", "子件编号")]]
    for index, sub in enumerate(ctx.sub_items, start=1):
        data.append([str(index)] + [Paragraph(_e(v or "—"), cell) for v in (
            sub.name, sub.department, sub.deciding_body, sub.number or "待平台分发")])
    return [Spacer(1, 2 * mm), _p("本件为“一件事”并联审批，各子项由下列部门分别办理，统一以本办件编号查询和领取结果：",
                                  "indent"),
            grid(data, [12 * mm, 46 * mm, 20 * mm, 40 * mm, WIDTH - 118 * mm])]


def _deferred(ctx: DocumentContext) -> list[MaterialRow]:
    return [m for m in ctx.materials if m.state is MaterialState.DEFERRED]


def _supply_by(ctx: DocumentContext) -> date | None:
    return ctx.supply_deadline or max((m.supply_by for m in _deferred(ctx) if m.supply_by), default=None)


def _item_basis_sentence(ctx: DocumentContext) -> str:
    """What the acceptance rests on for one item: §32(1)(5) for a licence, else the item's type and 设定依据."""
    item = _facts_of(ctx)[0]
    if item.is_licence:
        return f"根据{_licence_clause('五')}的规定，"
    if not item.item_type:
        return f"本事项设定依据为{_e(item.legal_basis)}。" if item.legal_basis else ""
    kind = f"本事项为{_e(item.item_type)}事项"
    return f"{kind}，设定依据为{_e(item.legal_basis)}。" if item.legal_basis else f"{kind}。"


def _basis_table(ctx: DocumentContext, licence_clause: str) -> Flowable:
    cell = styles()["cell"]
    head = styles()["head"]
    data: list[list[object]] = [[Paragraph(t, head) for t in ("申请事项", "事项类型", "实施机关", "依据")]]
    for item in _facts_of(ctx):
        data.append([Paragraph(_e(v or "—"), cell) for v in (
            item.name, item.item_type, item.deciding_body, _basis_of(item, licence_clause))])
    return grid(data, [50 * mm, 24 * mm, 40 * mm, WIDTH - 114 * mm])


def acceptance_notice(ctx: DocumentContext) -> list[Flowable]:
    received = [m for m in ctx.materials if m.state in (MaterialState.RECEIVED, MaterialState.ELICENCE_REUSED)]
    several = len(_facts_of(ctx)) > 1
    opening = f"你（单位）于{fmt_date(ctx.accepted_at)}提出的{_application(ctx)}，经审查，"
    body: list[Flowable] = [_addressee(ctx)]
    if ctx.with_deficiency:
        deferred = _deferred(ctx)
        listed = "、".join(f"{_e(m.name)}（{fmt_date(m.supply_by)}前补交）" if m.supply_by else _e(m.name)
                          for m in deferred)
        latest = _supply_by(ctx)
        rule = _e(ctx.deferral_rule or "本地容缺受理规定")
        basis = "" if several else _item_basis_sentence(ctx)
        if basis.startswith("根据"):
            basis = ""  # §32(1)(5) requires complete materials: a 容缺 acceptance rests on the local rule only
        body.append(_p(
            f"{opening}除下列材料暂缺、依容缺受理承诺后补外，其余申请材料符合受理要求：{listed}。"
            f"根据{rule}，决定予以容缺受理。{basis}"
            f"请于{fmt_date(latest) if latest else '承诺期限'}前补齐上述材料；逾期未补齐的，"
            "可以终止办理或者暂不发放办理结果。", "indent"))
    elif several:
        body.append(_p(f"{opening}申请材料齐全、符合法定形式，决定予以受理。各事项的依据如下：", "indent"))
    else:
        body.append(_p(f"{opening}申请材料齐全、符合法定形式。{_item_basis_sentence(ctx)}决定予以受理。",
                       "indent"))
    if several:
        body += [Spacer(1, 2 * mm), _basis_table(ctx, "五")]
    body += _tongban(ctx) + _sub_items(ctx)
    body += [Spacer(1, 3 * mm), _facts(ctx, with_deadline=True), Spacer(1, 4 * mm)]
    if ctx.with_deficiency:
        body += [_p("容缺后补的申请材料：", "section"), _material_table(_deferred(ctx), [
            ("材料名称", 70 * mm, lambda m: m.name),
            ("补交期限", 34 * mm, lambda m: fmt_date(m.supply_by) or "—"),
            ("要求", WIDTH - 12 * mm - 104 * mm, lambda m: m.requirement or "按办事指南要求提交"),
        ])]
    body += [
        _p("已收取的申请材料：", "section"),
        _material_table(received, [
            ("材料名称", WIDTH - 12 * mm - 78 * mm, lambda m: m.name),
            ("原件核验", 22 * mm, lambda m: "已核验" if m.original_verified else "—"),
            ("复印件（份）", 22 * mm, lambda m: str(m.copies_received)),
            ("收取方式", 34 * mm, lambda m: STATE_TEXT[m.state] + (f"，{m.pages}页" if m.pages else "")),
        ]),
        *_query(ctx),
        Spacer(1, 3 * mm), _seal(ctx, organ=ctx.deciding_body, evaluate_later=True),
    ]
    return body


def one_time_notice(ctx: DocumentContext) -> list[Flowable]:
    wanted = [m for m in ctx.materials if m.state in (MaterialState.MISSING, MaterialState.DEFECTIVE)]
    basis = (f"根据{_licence_clause('四')}的规定，" if _all_licences(ctx) else "按照本事项办事指南的要求，")
    body: list[Flowable] = [
        _addressee(ctx),
        _p(f"你（单位）于{fmt_date(ctx.accepted_at)}提交的{_application(ctx)}材料已收到。经审查，申请材料不齐全"
           f"或者不符合法定形式，申请未予受理。{basis}现一次性告知你（单位）需要补正的全部内容"
           f"（共{len(wanted)}项）如下：", "indent"),
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
    body += _tongban(ctx)
    body += [
        _p("请按上述要求一次性补齐全部材料后重新提交。补正后的材料齐全、符合法定形式的，将依法予以受理。"
           "本告知书是收件凭证，不是受理凭证。", "indent"),
        _facts(ctx, with_deadline=False), *_query(ctx), Spacer(1, 3 * mm),
        _seal(ctx, ("申请人签收：", "签收日期：      年    月    日"), evaluate_later=True),
    ]
    return body


def deficiency_commitment(ctx: DocumentContext) -> list[Flowable]:
    deferred = _deferred(ctx)
    latest = _supply_by(ctx)
    rule = f"根据{_e(ctx.deferral_rule)}，" if ctx.deferral_rule else ""
    return [
        _p(f"本人（单位）{_e(ctx.applicant_name)}申请办理{_items(ctx)}，因下列申请材料暂时无法提供，{rule}"
           "申请容缺受理，并郑重承诺：", "indent"),
        _material_table(deferred, [
            ("容缺材料名称", 70 * mm, lambda m: m.name),
            ("补交期限", 34 * mm, lambda m: fmt_date(m.supply_by) or "—"),
            ("要求", WIDTH - 12 * mm - 104 * mm, lambda m: m.requirement or "按办事指南要求提交"),
        ]),
        Spacer(1, 3 * mm),
        _p(f"一、在{fmt_date(latest) if latest else '上述期限'}前补齐上述全部材料，"
           "所补材料与已提交材料内容一致；", "indent"),
        _p("二、已提交和将补交的材料真实、合法、有效，如有虚假，愿意承担相应的法律责任；", "indent"),
        _p("三、逾期未补齐材料的，同意实施机关终止办理或者暂不发放办理结果，由此产生的后果由本人（单位）承担。",
           "indent"),
        Spacer(1, 3 * mm), _facts(ctx, with_deadline=True), *_query(ctx), Spacer(1, 4 * mm),
        _seal(ctx, ("承诺人（签字/盖章）：", "代办人（签字）：" + (_e(ctx.agent_name) if ctx.agent_name else ""),
                    "日期：      年    月    日"), organ=ctx.deciding_body),
    ]


# Per reason type: the finding sentence, and the §32 clause a licence's rejection rests on.
_REJECTION = {
    RejectionType.NOT_REQUIRED.value: ("该申请事项依法不需要取得行政许可", "该申请事项依法不需要办理", "一"),
    RejectionType.NOT_COMPETENT.value: ("该申请事项依法不属于本机关职权范围", "该申请事项依法不属于本机关职权范围",
                                        "二"),
    RejectionType.CONDITIONS_NOT_MET.value: ("你（单位）的申请不符合本事项的受理条件",
                                             "你（单位）的申请不符合本事项的受理条件", ""),
    RejectionType.OTHER.value: ("", "", ""),
}


def _rejection_basis(ctx: DocumentContext, clause: str) -> str:
    if ctx.legal_basis:
        return ctx.legal_basis
    facts = _facts_of(ctx)
    if clause and _all_licences(ctx):
        return _licence_clause(clause)
    bases = dict.fromkeys(f.legal_basis for f in facts if f.legal_basis)
    text = "、".join(bases)
    if ctx.rejection_type == RejectionType.CONDITIONS_NOT_MET.value:
        return f"{text}及本事项办事指南规定的受理条件" if text else "本事项办事指南规定的受理条件"
    return text


def rejection_notice(ctx: DocumentContext) -> list[Flowable]:
    kind = ctx.rejection_type or (RejectionType.NOT_COMPETENT.value if ctx.apply_instead
                                  else RejectionType.OTHER.value)
    licence_finding, other_finding, clause = _REJECTION.get(kind, _REJECTION[RejectionType.OTHER.value])
    finding = licence_finding if _all_licences(ctx) else other_finding
    body: list[Flowable] = [
        _addressee(ctx),
        _p(f"你（单位）于{fmt_date(ctx.accepted_at)}提交的{_application(ctx)}材料已收到。经审查，"
           + (f"{finding}，" if finding else "") + "决定不予受理。", "indent"),
        _p("理由：" + _e(ctx.decision_reason or "—"), "indent"),
    ]
    basis = _rejection_basis(ctx, clause)
    if basis:
        body.append(_p("依据：" + _e(basis), "indent"))
    if kind == RejectionType.NOT_COMPETENT.value and ctx.apply_instead:
        body.append(_p(f"请向{_e(ctx.apply_instead)}申请。", "indent"))
    deciding = ctx.deciding_body or ctx.centre_name
    body.append(_p(
        f"作出本决定的行政机关：{_e(deciding)}。如对本决定不服，可以自收到本通知书之日起六十日内向"
        f"{_e(ctx.reconsideration_body or DEFAULT_REVIEW)}申请行政复议，"
        f"也可以自收到本通知书之日起六个月内向{_e(ctx.litigation_court or DEFAULT_COURT)}"
        f"提起行政诉讼（{REMEDY_LAW}）。", "indent"))
    body += [Spacer(1, 3 * mm), _facts(ctx, with_deadline=False), *_query(ctx), Spacer(1, 6 * mm),
             _seal(ctx, organ=deciding, label="（行政机关印章）")]
    return body


def material_list(ctx: DocumentContext) -> list[Flowable]:
    def state(m: MaterialRow) -> str:
        text = STATE_TEXT[m.state]
        if m.state is MaterialState.DEFERRED and m.supply_by:
            text += f"（{fmt_date(m.supply_by)}前）"
        return text

    return [
        _p(f"申请人：{_e(ctx.applicant_name)}　{_e(ctx.applicant_id_label)}：{_e(ctx.applicant_id_display)}"),
        _p(f"申请事项：{_items(ctx)}　实施机关：{_e(ctx.deciding_body or '—')}"),
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
        _seal(ctx, ("申请人（签字）：", "受理人（签字）：" + _e(ctx.clerk_name), "日期：      年    月    日"),
              label="（收件专用章）"),
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
        _seal(ctx, ("申请人（签字）：", "收件人（签字）：" + _e(ctx.clerk_name), "日期：      年    月    日"),
              label="（收件专用章）"),
    ]


def delivery_receipt(ctx: DocumentContext) -> list[Flowable]:
    """送达回执 of a handover at the window (FACTS §4.4 送达回证 rows: 送达文书, 受送达人, 送达地点, 送达方式,
    收件人签名和日期, 送达人, 备注). ``extra``: ``result`` (送达的办理结果), ``collector_name`` /
    ``collector_id`` (masked), ``relation`` (与申请人关系, as checked), ``collected_at`` (ISO), ``check_note``
    (card or manual entry, authorisation), ``elicence_id`` (the e-licence issued for the result, if any)."""
    extra = ctx.extra
    collected_at = extra.get("collected_at", "")
    when = datetime.fromisoformat(collected_at) if collected_at else ctx.stamp_time
    cell = styles()["cell"]
    head = styles()["head"]

    def row(label: str, value: str) -> list[object]:
        return [Paragraph(label, head), Paragraph(_e(value), cell)]

    rows = [
        row("送达文书", f"{'、'.join(ctx.item_names)}　办理结果：{extra.get('result', '—')}"),
        *([row("电子证照标识", extra["elicence_id"])] if extra.get("elicence_id") else []),
        row("受送达人（申请人）", f"{ctx.applicant_name}　{ctx.applicant_id_label}：{ctx.applicant_id_display}"),
        row("领取人", f"{extra.get('collector_name', '')}　证件号码：{extra.get('collector_id', '')}"),
        row("与申请人关系", extra.get("relation", "")),
        row("身份核验", extra.get("check_note", "")),
        row("送达地点", f"{ctx.centre_name}　{ctx.window_name}"),
        row("送达方式", "直接送达（窗口领取）"),
        row("送达时间", fmt_datetime(when)),
        row("送达人", ctx.clerk_name),
        row("备注", "本回执一式两份，一份交领取人，一份随办件归档。"),
    ]
    return [
        _p(f"办件编号：{_e(ctx.case_number)}　实施机关：{_e(ctx.deciding_body or '—')}"),
        Spacer(1, 3 * mm),
        grid(rows, [34 * mm, WIDTH - 34 * mm], header=False),
        Spacer(1, 3 * mm),
        _p("领取人已当场核对上述办理结果，确认无误。", "indent"), *_query(ctx), Spacer(1, 6 * mm),
        SealArea(ctx.centre_name, fmt_date(when), ("领取人（签名或盖章）：", "送达人（签字）：" + _e(ctx.clerk_name),
                                                 "签收日期：      年    月    日"), "（出件专用章）",
                 ctx.signature_png),
    ]


def correction_notice(ctx: DocumentContext) -> list[Flowable]:
    """补正告知书 (FACTS §4.4): every material the back office asks for, once and complete, with what is asked and
    the date to bring it by. ``materials``: one row per requested material (``requirement`` = the reviewer's words,
    ``supply_by`` = the request's date); ``extra``: ``notice_number`` (the platform's request id),
    ``requested_at`` (ISO), ``note`` (the reviewer's remark)."""
    extra = ctx.extra
    requested = extra.get("requested_at", "")
    when = fmt_date(datetime.fromisoformat(requested)) if requested else fmt_date(ctx.stamp_time)
    due = ctx.supply_deadline
    due_text = f"请于{fmt_date(due)}前" if due else "请尽快"
    body: list[Flowable] = [
        _p(f"通知编号：{_e(extra.get('notice_number', ''))}", "small"),
        _addressee(ctx),
        _p(f"你（单位）申请办理的{_items(ctx)}（办件编号{_e(ctx.case_number)}）已于{fmt_date(ctx.accepted_at)}受理。"
           f"审批部门{_e(ctx.deciding_body or ctx.department or '')}于{when}审查认为，申请材料需要补正。现一次性告知你"
           f"（单位）需要补正的全部材料（共{len(ctx.materials)}项）如下：", "indent"),
        Spacer(1, 3 * mm),
        _material_table(list(ctx.materials), [
            ("材料名称", 52 * mm, lambda m: m.name),
            ("补正要求", WIDTH - 12 * mm - 52 * mm - 34 * mm, lambda m: m.requirement or "按办事指南要求提交"),
            ("补正期限", 34 * mm, lambda m: fmt_date(m.supply_by) or "—"),
        ]),
        Spacer(1, 3 * mm),
    ]
    if extra.get("note"):
        body.append(_p("审查意见：" + _e(extra["note"]), "indent"))
    body += [
        _p(f"{due_text}携带本告知书和上述材料到{_e(ctx.centre_name)}{_e(ctx.window_name)}一次性提交。补正期间不计入"
           "办理时限，自补正材料提交之日起继续计算。逾期未补正的，视为撤回申请，审批部门将依法作出处理。", "indent"),
        _facts(ctx, with_deadline=True), *_query(ctx), Spacer(1, 4 * mm),
        _seal(ctx, ("申请人（签字）：", "联系人：" + _e(ctx.clerk_name), "签收日期：      年    月    日"),
              label="（受理专用章）"),
    ]
    return body


def correction_receipt(ctx: DocumentContext) -> list[Flowable]:
    """补正材料接收回执: the materials received for one 补正 request (the notice's list, as brought). ``extra``:
    ``submitted_at`` (ISO), ``notice_number``."""
    submitted = ctx.extra.get("submitted_at", "")
    when = fmt_datetime(datetime.fromisoformat(submitted)) if submitted else fmt_datetime(ctx.stamp_time)
    return [
        _p(f"通知编号：{_e(ctx.extra.get('notice_number', ''))}", "small"),
        _addressee(ctx),
        _p(f"{when}收到你（单位）按补正告知书提交的下列补正材料（共{len(ctx.materials)}项），已转审批部门继续审查，"
           "办理时限自今日起继续计算：", "indent"),
        Spacer(1, 3 * mm),
        _material_table(list(ctx.materials), [
            ("材料名称", WIDTH - 12 * mm - 102 * mm, lambda m: m.name),
            ("补正期限", 34 * mm, lambda m: fmt_date(m.supply_by) or "—"),
            ("原件核验", 18 * mm, lambda m: "已核验" if m.original_verified else "—"),
            ("复印件数", 18 * mm, lambda m: str(m.copies_received)),
            ("页数", 16 * mm, lambda m: str(m.pages) if m.pages else "—"),
            ("提交情况", 16 * mm, lambda m: "逾期" if m.supplied_late else "按期"),
        ]),
        Spacer(1, 3 * mm),
        _facts(ctx, with_deadline=True), *_query(ctx), Spacer(1, 4 * mm),
        _seal(ctx, ("申请人（签字）：", "收件人（签字）：" + _e(ctx.clerk_name), "日期：      年    月    日"),
              label="（收件专用章）"),
    ]


def agent_batch_receipt(ctx: DocumentContext) -> list[Flowable]:
    """代办批次回执: the village agent's visit (代办员 identified once) and every villager's case it brought, for the
    agent to carry back beside each villager's own receipt. ``applicant_*`` is the agent; ``extra``: ``relation``,
    ``village``, ``authorisations`` (how many 委托书 were recorded)."""
    extra = ctx.extra
    cell, head = styles()["cell"], styles()["head"]
    rows: list[list[object]] = [[Paragraph(h, head) for h in ("序号", "办件编号", "申请人", "证件号码", "事项",
                                                              "受理结果", "承诺办结")]]
    for index, row in enumerate(ctx.batch_rows, 1):
        rows.append([Paragraph(str(index), cell), Paragraph(f"<font size=7.5>{_e(row.case_number)}</font>", cell),
                     Paragraph(_e(row.applicant_name), cell),
                     Paragraph(f"<font size=7.5>{_e(row.applicant_id)}</font>", cell),
                     Paragraph(_e("、".join(row.item_names)), cell), Paragraph(_e(row.result), cell),
                     Paragraph(row.promised_date.isoformat() if row.promised_date else "—", cell)])
    widths = [8 * mm, 46 * mm, 14 * mm, 34 * mm, WIDTH - 144 * mm, 16 * mm, 26 * mm]
    accepted = sum(1 for r in ctx.batch_rows if "受理" in r.result and "不予" not in r.result)
    return [
        _p(f"批次编号：{_e(ctx.case_number)}"),
        _p(f"代办员：{_e(ctx.applicant_name)}　{_e(ctx.applicant_id_label)}：{_e(ctx.applicant_id_display)}"
           f"　身份：{_e(extra.get('relation', '村级代办员'))}"
           + (f"　服务村（社区）：{_e(extra['village'])}" if extra.get("village") else "")),
        _p(f"受理窗口：{_e(ctx.centre_name)}　{_e(ctx.window_name)}　受理人：{_e(ctx.clerk_name)}"
           f"　时间：{fmt_datetime(ctx.stamp_time)}"),
        Spacer(1, 3 * mm),
        grid(rows, widths),
        Spacer(1, 2 * mm),
        _p(f"本批次共 {len(ctx.batch_rows)} 件，其中受理 {accepted} 件；已登记授权委托书 "
           f"{_e(extra.get('authorisations', str(len(ctx.batch_rows))))} 份。", "indent"),
        _p("每位申请人另有本人的受理回执（通知书），请代办员一并带回交申请人本人。办理结果可凭授权委托书由代办员代为领取；"
           "委托书未授权代领的，由申请人本人领取。", "indent"),
        *_query(ctx), Spacer(1, 6 * mm),
        SealArea(ctx.centre_name, fmt_date(ctx.stamp_time),
                 ("代办员（签名）：", "受理人（签字）：" + _e(ctx.clerk_name), "签收日期：      年    月    日"),
                 "（收件专用章）"),
    ]


def authorisation(ctx: DocumentContext) -> list[Flowable]:
    """授权委托书: the principal (委托人, the applicant) authorises the agent recorded at acceptance. Both are masked
    (the paper authorises, it does not identify for a legal notice). ``extra``: ``agent_id`` (masked),
    ``relation``, ``scope`` (委托权限), ``validity`` (委托期限)."""
    extra = ctx.extra
    cell, head = styles()["cell"], styles()["head"]

    def row(label: str, value: str) -> list[object]:
        return [Paragraph(label, head), Paragraph(_e(value), cell)]

    rows = [
        row("委托人（申请人）", f"{ctx.applicant_name}　{ctx.applicant_id_label}：{ctx.applicant_id_display}"),
        row("受托人（代理人）", f"{ctx.agent_name}　居民身份证：{extra.get('agent_id', '')}"),
        row("与委托人关系", extra.get("relation", "") or "—"),
        row("委托事项", "、".join(ctx.item_names) or "—"),
        row("委托权限", extra.get("scope", "")),
        row("委托期限", extra.get("validity", "")),
        row("受理窗口", f"{ctx.centre_name}　{ctx.window_name}"),
    ]
    return [
        _p(f"办件编号：{_e(ctx.case_number)}　实施机关：{_e(ctx.deciding_body or '—')}"),
        Spacer(1, 3 * mm),
        _p(f"本人{_e(ctx.applicant_name)}现委托{_e(ctx.agent_name)}代为办理{_items(ctx)}，"
           "具体委托事项、权限和期限如下：", "indent"),
        Spacer(1, 2 * mm),
        grid(rows, [34 * mm, WIDTH - 34 * mm], header=False),
        Spacer(1, 3 * mm),
        _p("受托人在委托权限内办理的事项，委托人均予以承认，并承担相应的法律责任。受托人无转委托权。"
           "本委托书一式两份，一份交委托人，一份随办件归档。", "indent"),
        *_query(ctx), Spacer(1, 6 * mm),
        SealArea(ctx.centre_name, fmt_date(ctx.stamp_time),
                 ("委托人（签名）：", "受托人（签名）：" + _e(ctx.agent_name), "日期：      年    月    日"),
                 "（收件专用章）", ctx.signature_png),
    ]


BODIES: dict[DocumentKind, Callable[[DocumentContext], list[Flowable]]] = {
    DocumentKind.ACCEPTANCE_NOTICE: acceptance_notice,
    DocumentKind.ONE_TIME_NOTICE: one_time_notice,
    DocumentKind.DEFICIENCY_COMMITMENT: deficiency_commitment,
    DocumentKind.REJECTION_NOTICE: rejection_notice,
    DocumentKind.MATERIAL_LIST: material_list,
    DocumentKind.SUPPLEMENT_RECEIPT: supplement_receipt,
    DocumentKind.DELIVERY_RECEIPT: delivery_receipt,
    DocumentKind.CORRECTION_NOTICE: correction_notice,
    DocumentKind.CORRECTION_RECEIPT: correction_receipt,
    DocumentKind.AGENT_BATCH_RECEIPT: agent_batch_receipt,
    DocumentKind.FEE_NOTICE: fee_notice,
    DocumentKind.AUTHORISATION: authorisation,
    DocumentKind.MAILING_LIST: mailing_list,
    DocumentKind.APPROVAL_DECISION: approval_decision,
    DocumentKind.DENIAL_DECISION: denial_decision,
    DocumentKind.ROUTING_SLIP: routing_slip,
}


def render_a4(ctx: DocumentContext) -> bytes:
    return build_a4(ctx, BODIES[ctx.kind](ctx))
