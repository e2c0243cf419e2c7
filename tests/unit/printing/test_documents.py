"""Document rendering: every kind renders, deterministically, with an embedded font and the legally required text."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from clerk_app.domain.case import MaterialState
from printing.model import DocumentKind, MaterialRow, Paper, paper_for
from printing.render import render_document
from tests.unit.printing.helpers import context

pdftotext = shutil.which("pdftotext")


def text_of(pdf: bytes) -> str:
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    result = subprocess.run([pdftotext, "-", "-"], input=pdf, capture_output=True, check=True)
    return re.sub(r"\s+", "", result.stdout.decode("utf-8"))


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


# A 证照 on pre-printed stock carries only its values (no title, codes or 补打 mark): tests/unit/printing/test_stock.py.
PAPERS = [kind for kind in DocumentKind if kind is not DocumentKind.CERTIFICATE]


@pytest.mark.parametrize("kind", PAPERS)
def test_every_kind_renders_deterministically_with_embedded_font(kind: DocumentKind) -> None:
    first = render_document(context(kind))
    assert first.startswith(b"%PDF-")
    assert first == render_document(context(kind))  # identical bytes: renders the same in CI
    assert b"/FontFile2" in first  # TrueType embedded, survives ghostscript-based print filters
    text = text_of(first)
    assert context(kind).title in text
    assert "33030200101202611220007" in text
    assert "补打" not in text


@pytest.mark.parametrize("kind", PAPERS)
def test_reprint_is_marked(kind: DocumentKind) -> None:
    pdf = render_document(context(kind, reprint=True))
    assert "补打" in text_of(pdf)
    assert pdf != render_document(context(kind))


def test_paper_routing_by_kind() -> None:
    assert paper_for(DocumentKind.THERMAL_RECEIPT) is Paper.RECEIPT_80MM
    assert {paper_for(k) for k in DocumentKind if k is not DocumentKind.THERMAL_RECEIPT} == {Paper.A4}
    receipt = render_document(context(DocumentKind.THERMAL_RECEIPT))
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", receipt)
    assert box is not None and abs(float(box.group(1)) - 80 / 25.4 * 72) < 0.5


def test_one_time_notice_lists_every_missing_or_defective_material() -> None:
    text = text_of(render_document(context(DocumentKind.ONE_TIME_NOTICE)))
    assert "食品经营场所平面图" in text and "食品安全管理制度文本" in text and "未加盖公章" in text
    assert "营业执照" not in text  # received materials are not asked for again
    assert "共2项" in text and "第三十二条" in text


def test_rejection_notice_states_reason_basis_where_to_apply_and_remedies() -> None:
    text = text_of(render_document(context(DocumentKind.REJECTION_NOTICE)))
    for needle in ("申请事项依法不属于本机关职权范围", "第三十二条第一款第（二）项", "请向鹿城区卫生健康局申请",
                   "六十日内向鹿城区人民政府申请行政复议", "六个月内向鹿城区人民法院提起行政诉讼"):
        assert needle in text


def test_commitment_lists_deferred_materials_with_supply_dates() -> None:
    text = text_of(render_document(context(DocumentKind.DEFICIENCY_COMMITMENT)))
    assert "从业人员健康证明" in text and "2026年12月4日" in text and "承诺人" in text
    assert "食品经营场所平面图" not in text


def test_uncertain_promised_date_is_marked_on_paper() -> None:
    text = text_of(render_document(context(DocumentKind.ACCEPTANCE_NOTICE, promised_certain=False)))
    assert "以正式公布的节假日安排为准" in text
    receipt = text_of(render_document(context(DocumentKind.THERMAL_RECEIPT, promised_certain=False)))
    assert "以公布的节假日安排为准" in receipt


def test_long_material_list_runs_over_pages_with_the_frame_on_each() -> None:
    rows = tuple(MaterialRow(f"材料{i:02d}", MaterialState.RECEIVED, True, 1) for i in range(60))
    pdf = render_document(context(DocumentKind.MATERIAL_LIST, materials=rows))
    assert page_count(pdf) >= 2
    text = text_of(pdf)
    assert "材料59" in text and "第2页" in text
    assert text.count("办件编号33030200101202611220007") >= 2


def test_markup_in_data_is_printed_not_interpreted() -> None:
    pdf = render_document(context(DocumentKind.ACCEPTANCE_NOTICE, applicant_name="<b>李四</b> & 王五"))
    assert "<b>李四</b>&王五" in text_of(pdf)


def test_missing_number_or_code_is_refused() -> None:
    with pytest.raises(ValueError):
        render_document(context(DocumentKind.ACCEPTANCE_NOTICE, code=""))


def test_receipt_wraps_long_values_inside_the_printable_width() -> None:
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from printing.fonts import register_cjk_font
    from printing.receipt import PRINTABLE, receipt_lines

    items = tuple(f"第{i}项：食品经营许可（新办、变更、延续、注销一件事）" for i in range(6))
    ctx = context(DocumentKind.THERMAL_RECEIPT, item_names=items,
                  applicant_name="MUHAMMAD ABDULLAH BIN AHMAD AL-RASHID 穆罕默德·阿卜杜拉")
    font = register_cjk_font().name
    for text, size in receipt_lines(ctx):
        label, _, value = text.partition("\t")
        width = stringWidth(value, font, size) + (18 * mm if value or label.endswith("：") else 0)
        if not value:
            width = stringWidth(label, font, size)
        assert width <= PRINTABLE + 0.5, text
    pdf = render_document(ctx)
    assert "第5项" in text_of(pdf)
