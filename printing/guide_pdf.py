"""The printable 办事指南 (service guide) of one item or "一件事" bundle, as a PDF the applicant takes home.

Catalog data is public, so the guide carries no personal data; the checklist printed is the one for the 情形
answers the clerk chose (or the defaults), with the answers listed so the applicant sees why.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from clerk_app.domain.catalog import Bundle, MaterialSpec, Necessity, ServiceItem, TimeLimit
from printing.fonts import register_cjk_font

_UNITS = {"working_days": "个工作日", "calendar_days": "个自然日"}


def _styles() -> dict[str, ParagraphStyle]:
    font = register_cjk_font().name
    base = ParagraphStyle("guide", fontName=font, fontSize=9.5, leading=13, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", parent=base, fontSize=17, leading=22, alignment=1, spaceAfter=4),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=9, alignment=1, textColor=colors.grey),
        "h": ParagraphStyle("h", parent=base, fontSize=12, leading=16, spaceBefore=8, spaceAfter=3),
        "body": base,
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=11),
    }


def limit_text(limit: TimeLimit | None) -> str:
    if limit is None:
        return "—"
    text = f"{limit.value}{_UNITS.get(limit.unit.value, '日')}"
    return f"{text}（{limit.note}）" if limit.note else text


def material_form(material: MaterialSpec) -> str:
    parts = [material.paper_form.value]
    if material.original_count:
        parts.append(f"原件{material.original_count}份")
    if material.copy_count:
        parts.append(f"复印件{material.copy_count}份")
    text = "，".join(parts)
    return f"{text}；规格：{material.paper_spec}" if material.paper_spec else text


def material_notes(material: MaterialSpec) -> str:
    notes = []
    if material.deferrable:
        notes.append("可容缺后补")
    if material.elicence_type:
        notes.append(f"可用电子证照（{material.elicence_type}）免提交")
    if material.blank_form_ref:
        notes.append(f"空白表格：{material.blank_form_ref}")
    if material.sample_ref:
        notes.append(f"示例样表：{material.sample_ref}")
    if material.fill_instructions:
        notes.append(f"填报须知：{material.fill_instructions}")
    if material.notes:
        notes.append(material.notes)
    return "；".join(notes)


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _table(rows: list[list[str]], widths: Sequence[float], st: dict[str, ParagraphStyle], header: bool) -> Table:
    table = Table([[_p(c, st["cell"]) for c in row] for row in rows], colWidths=list(widths), repeatRows=int(header))
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)))
    table.setStyle(TableStyle(style))
    return table


def _material_table(materials: Sequence[MaterialSpec], st: dict[str, ParagraphStyle]) -> Table:
    rows = [["序号", "材料名称", "必要性", "形式、份数及规格", "来源渠道", "空表、样表、填报须知及说明"]]
    for number, material in enumerate(materials, 1):
        necessity = "必要" if material.necessity is Necessity.REQUIRED else material.necessity.value
        rows.append(
            [
                str(number),
                material.name,
                necessity,
                material_form(material),
                material.source_channel,
                material_notes(material),
            ]
        )
    return _table(rows, [10 * mm, 44 * mm, 12 * mm, 32 * mm, 22 * mm, 54 * mm], st, header=True)


def _item_rows(item: ServiceItem) -> list[list[str]]:
    body = item.implementing_body
    fee = "不收费"
    if item.fees.charged:
        fee = "；".join(f"{f.name}：{f.standard}" for f in item.fees.items) or "收费"
        if item.fees.basis:
            fee += f"（依据：{item.fees.basis}）"
    return [
        ["事项名称", item.name, "事项类型", item.item_type.value],
        ["基本编码", item.basic_code, "办件类型", item.handling_type.value],
        ["实施编码", item.implementation_code, "", ""],
        ["实施主体", body.name if body else item.department, "行使层级", item.exercise_level or "—"],
        ["法定办结时限", limit_text(item.legal_limit), "承诺办结时限", limit_text(item.promised_limit)],
        ["到办事现场次数", f"{item.visits_required}次", "通办范围", item.scope or "—"],
        ["收费", fee, "服务对象", "、".join(item.service_objects) or "—"],
        ["办理地点", item.location or "—", "办理时间", item.hours or "—"],
        ["咨询电话", item.consultation_phone or "—", "投诉电话", item.complaint_phone or "—"],
        [
            "网上办理",
            item.online.url if item.online.available else "不支持",
            "办理结果",
            f"{item.result.name}（{item.result.type}）" if item.result and item.result.name else "—",
        ],
    ]


def _item_flowables(
    item: ServiceItem,
    checklist: Sequence[MaterialSpec],
    answers: Sequence[tuple[str, str]],
    st: dict[str, ParagraphStyle],
) -> list:
    info = _table(_item_rows(item), [26 * mm, 62 * mm, 26 * mm, 60 * mm], st, header=False)
    info.setStyle(TableStyle([("SPAN", (1, 2), (3, 2))]))
    story: list = [info]
    if item.acceptance_conditions:
        story += [_p("受理条件", st["h"]), _p(item.acceptance_conditions, st["body"])]
    if item.legal_basis:
        story += [_p("设定依据", st["h"]), _p(item.legal_basis, st["body"])]
    if item.process:
        story += [_p("办理流程", st["h"]), _p(" → ".join(item.process), st["body"])]
    if answers:
        story += [_p("申请情形", st["h"]), _p("\n".join(f"{q.rstrip('？?')}：{a}" for q, a in answers), st["body"])]
    story += [_p("申请材料", st["h"]), _material_table(checklist, st)]
    return story


def _build(title: str, subtitle: str, story: list) -> bytes:
    st = _styles()
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=title,
        author="OneWindow",
        invariant=True,
    )
    doc.build([_p(title, st["title"]), _p(subtitle, st["subtitle"]), Spacer(1, 4 * mm), *story])
    return out.getvalue()


def render_item_guide(
    item: ServiceItem, checklist: Sequence[MaterialSpec] | None = None, answers: Sequence[tuple[str, str]] = ()
) -> bytes:
    """PDF bytes of the guide; ``checklist`` defaults to all materials, ``answers`` are (question, answer label)."""
    st = _styles()
    materials = list(item.materials if checklist is None else checklist)
    story = _item_flowables(item, materials, answers, st)
    return _build(f"{item.name} 办事指南", f"{item.department} · 事项版本 {item.version}", story)


def render_bundle_guide(
    bundle: Bundle,
    items: Sequence[ServiceItem],
    checklist: Sequence[MaterialSpec],
    answers: Sequence[tuple[str, str]] = (),
) -> bytes:
    st = _styles()
    names = {item.implementation_code: item.name for item in items}
    story: list = []
    if bundle.description:
        story += [_p(bundle.description, st["body"])]
    story += [
        _p("包含事项", st["h"]),
        _table(
            [["序号", "事项名称", "办件类型", "承诺时限"]]
            + [[str(n), i.name, i.handling_type.value, limit_text(i.promised_limit)] for n, i in enumerate(items, 1)],
            [12 * mm, 100 * mm, 28 * mm, 34 * mm],
            st,
            header=True,
        ),
    ]
    if answers:
        story += [_p("申请情形", st["h"]), _p("\n".join(f"{q.rstrip('？?')}：{a}" for q, a in answers), st["body"])]
    story += [
        _p("申请材料（共用材料只需提交一次）", st["h"]),
        _material_table([m if not m.used_by else _with_users(m, names) for m in checklist], st),
    ]
    return _build(f"{bundle.name} 办事指南", f"牵头部门：{bundle.lead_department} · 一窗受理、一次办好", story)


def _with_users(material: MaterialSpec, names: dict[str, str]) -> MaterialSpec:
    import dataclasses

    users = "、".join(names.get(code, code) for code in material.used_by)
    note = f"用于：{users}" + (f"；{material.notes}" if material.notes else "")
    return dataclasses.replace(material, notes=note)
