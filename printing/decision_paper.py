"""The back office's decision as the window prints it (FACTS §3.5a): 准予行政许可决定书 / 不予行政许可决定书, and for
items that are not 行政许可 (行政确认, 行政给付, 公共服务 …) 办理结果通知书 / 不予办理决定书.

* An approval of a licence rests on 《行政许可法》§38(1) and the item's 设定依据; of another item, on its 设定依据
  only (never the licence law by default). It names the result (证照 name, 证照编号, e-licence identifier) and where
  to collect it.
* A denial states the reasons, the provision, the deciding organ, and the applicant's rights: 行政复议 within 60
  days (《行政复议法》2023 §20) to the reviewing body, 行政诉讼 within 6 months (《行政诉讼法》§46) at the court
  (licence denials: 《行政许可法》§38(2) requires exactly this).

``extra`` (display text): ``decision_number``, ``decided_at`` (ISO), ``basis`` (the platform's provision),
``reasons`` (denial), ``result_name``, ``licence_number``, ``elicence_id``, ``valid_until``.
"""

from __future__ import annotations

from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from printing.a4 import MARGIN, PAGE_W, SealArea, fmt_date, grid, query_hint, styles
from printing.model import DocumentContext, ItemFacts
from printing.typesetting import application_of
from printing.typesetting import markup_text as _e  # short: it wraps most values of a paper

WIDTH = PAGE_W - 2 * MARGIN
XKF = "《中华人民共和国行政许可法》"
REMEDY_LAW = "《中华人民共和国行政复议法》第二十条、《中华人民共和国行政诉讼法》第四十六条"
DEFAULT_REVIEW = "作出本决定的行政机关的本级人民政府"
DEFAULT_COURT = "有管辖权的人民法院"


def _p(text: str, style: str = "indent") -> Paragraph:
    return Paragraph(text, styles()[style])


def _facts(ctx: DocumentContext) -> tuple[ItemFacts, ...]:
    return ctx.items or tuple(ItemFacts(name=name, deciding_body=ctx.department) for name in ctx.item_names)


def _licence(ctx: DocumentContext) -> bool:
    facts = _facts(ctx)
    return bool(facts) and all(f.is_licence for f in facts)


def _basis(ctx: DocumentContext, clause: str) -> str:
    """The provision: §38 for a licence, then the platform's or the items' own 设定依据."""
    own = ctx.extra.get("basis") or "、".join(dict.fromkeys(f.legal_basis for f in _facts(ctx) if f.legal_basis))
    parts = [f"{XKF}第三十八条第{clause}款"] if _licence(ctx) else []
    if own:
        parts.append(own)
    return "和".join(parts)


def _decided(ctx: DocumentContext) -> datetime:
    text = ctx.extra.get("decided_at", "")
    return datetime.fromisoformat(text) if text else ctx.stamp_time


def _head(ctx: DocumentContext) -> list[Flowable]:
    number = ctx.extra.get("decision_number", "")
    ident = f"（{_e(ctx.applicant_id_label)}：{_e(ctx.applicant_id_display)}）" if ctx.applicant_id_display else ""
    return [
        Paragraph(f"<para alignment='center'>{_e(number)}</para>" if number else "", styles()["body"]),
        Spacer(1, 2 * mm),
        _p(f"{_e(ctx.applicant_name)}{ident}：", "body"),
    ]


def _table(rows: list[tuple[str, str]]) -> Flowable:
    cell, head = styles()["cell"], styles()["head"]
    data: list[list[object]] = [[Paragraph(label, head), Paragraph(_e(value or "—"), cell)] for label, value in rows]
    return grid(data, [34 * mm, WIDTH - 34 * mm], header=False)


def _common_rows(ctx: DocumentContext) -> list[tuple[str, str]]:
    return [("办件编号", f"{ctx.case_number}　验证码 {ctx.verification_code}"),
            ("申请事项", "、".join(ctx.item_names)),
            ("受理时间", fmt_date(ctx.accepted_at)),
            ("作出决定的机关", ctx.deciding_body or ctx.centre_name),
            ("决定日期", fmt_date(_decided(ctx).date()))]


def _seal(ctx: DocumentContext) -> Flowable:
    return SealArea(ctx.deciding_body or ctx.centre_name, fmt_date(_decided(ctx).date()), (), "（行政机关印章）")


def _query(ctx: DocumentContext) -> Flowable:
    return _p(_e(ctx.query_hint or query_hint(ctx, "可凭本决定书上的办件编号和验证码")), "small")


def approval_decision(ctx: DocumentContext) -> list[Flowable]:
    extra = ctx.extra
    application = application_of(tuple(_e(n) for n in ctx.item_names))
    licence = _licence(ctx)
    finding = ("你（单位）的申请符合法定条件、标准" if licence else "你（单位）的申请符合规定的条件")
    verdict = "决定准予行政许可" if licence else "决定予以办理"
    basis = _basis(ctx, "一")
    body = [*_head(ctx), _p(
        f"你（单位）于{fmt_date(ctx.accepted_at)}提出的{application}，本机关已依法受理。经审查，{finding}。"
        + (f"根据{_e(basis)}的规定，" if basis else "") + f"{verdict}。")]
    result = extra.get("result_name", "")
    if result:
        issued = f"准予颁发{_e(result)}" if licence else f"办理结果为{_e(result)}"
        number = f"，证照编号：{_e(extra['licence_number'])}" if extra.get("licence_number") else ""
        valid = f"，有效期至{_e(extra['valid_until'])}" if extra.get("valid_until") else ""
        body.append(_p(f"{issued}{number}{valid}。"))
    if extra.get("elicence_id"):
        body.append(_p("同步签发电子证照，电子证照标识：" + _e(extra["elicence_id"]) + "。"))
    body.append(_p(f"请凭本决定书和本人有效身份证件到{_e(ctx.centre_name)}{_e(ctx.window_name)}领取办理结果；"
                   "委托他人领取的，受托人还应当提交授权委托书。"))
    rows = _common_rows(ctx)
    if result:
        rows.append(("办理结果", result + (f"（{extra['licence_number']}）" if extra.get("licence_number") else "")))
    if extra.get("elicence_id"):
        rows.append(("电子证照标识", extra["elicence_id"]))
    return [*body, Spacer(1, 3 * mm), _table(rows), Spacer(1, 3 * mm), _query(ctx), Spacer(1, 6 * mm),
            _seal(ctx)]


def denial_decision(ctx: DocumentContext) -> list[Flowable]:
    extra = ctx.extra
    application = application_of(tuple(_e(n) for n in ctx.item_names))
    licence = _licence(ctx)
    finding = "你（单位）的申请不符合法定条件、标准" if licence else "你（单位）的申请不符合规定的条件"
    verdict = "决定不予行政许可" if licence else "决定不予办理"
    basis = _basis(ctx, "二")
    deciding = ctx.deciding_body or ctx.centre_name
    body = [
        *_head(ctx),
        _p(f"你（单位）于{fmt_date(ctx.accepted_at)}提出的{application}，本机关已依法受理。经审查，{finding}，"
           "理由如下："),
        _p(_e(extra.get("reasons") or "—")),
        _p((f"根据{_e(basis)}的规定，" if basis else "") + f"{verdict}。"),
        _p(f"作出本决定的行政机关：{_e(deciding)}。如对本决定不服，可以自收到本决定书之日起六十日内向"
           f"{_e(ctx.reconsideration_body or DEFAULT_REVIEW)}申请行政复议，也可以自收到本决定书之日起六个月内向"
           f"{_e(ctx.litigation_court or DEFAULT_COURT)}提起行政诉讼（{REMEDY_LAW}）。"),
        _p(f"申请材料的原件可凭本决定书到{_e(ctx.centre_name)}{_e(ctx.window_name)}领回。"),
    ]
    return [*body, Spacer(1, 3 * mm), _table(_common_rows(ctx)), Spacer(1, 3 * mm), _query(ctx),
            Spacer(1, 6 * mm), _seal(ctx)]
