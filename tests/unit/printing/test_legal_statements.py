"""What each paper states, read back with pdftotext: for every decision and every item type of the training catalog.

The cases are real commits on a training workstation (the rules, the numbering, the item snapshot); the papers are
the ones the window would print. What must hold (FACTS §3.5a, issue 12): the basis follows the item type (行政许可法
§32 only for 行政许可), a 容缺 notice names the deferred material, its date and the local rule and never says the
materials are complete, a rejection prints only what its reason type implies and names the deciding organ, the
reviewing body and the court with the 60-day / 6-month limits, non-acceptance papers say 收件 not 受理, acceptance
papers carry the limits and the phones, training papers are marked, and lines never begin with closing punctuation.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

from clerk_app.acceptance.documents import DocumentDesk, Letterhead, documents_for
from clerk_app.acceptance.practice import build_session, catalog_items, deferrable, pick
from clerk_app.catalog.service import CatalogService
from clerk_app.context import open_workstation
from clerk_app.domain.applicant import Applicant, CaptureSource, IdDocumentType, NaturalPerson
from clerk_app.domain.case import Decision, MaterialState
from clerk_app.domain.catalog import ItemType, ServiceItem
from clerk_app.domain.decision_rules import RejectionDetails, RejectionType
from clerk_app.paths import resolve_paths
from clerk_app.print_service import PrintService
from clerk_app.services import build_services
from printing.a4 import SealArea
from printing.model import DocumentKind
from printing.render import render_document
from printing.typesetting import CANNOT_START
from tests.unit.printing.helpers import RecordingSpooler

ACCEPTING = (Decision.ACCEPT, Decision.ACCEPT_WITH_DEFICIENCY)


def lines_of(pdf: bytes) -> list[str]:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (poppler-utils) is required")
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return [line.strip() for line in out.splitlines() if line.strip()]


def flat(lines: list[str]) -> str:
    return re.sub(r"\s+", "", "".join(lines))


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    ws = open_workstation(resolve_paths(tmp_path_factory.mktemp("papers")))
    catalog = CatalogService(ws.db)
    catalog.ensure_training_catalog()
    service = build_services(ws).acceptance
    desk = DocumentDesk(service.cases, PrintService(ws, RecordingSpooler()),
                        Letterhead.from_config(ws.config, "王五"), clerk_id="clerk7", thermal_receipt=True,
                        item_of=catalog.get_item)
    yield {"ws": ws, "catalog": catalog, "service": service, "desk": desk, "items": catalog_items(ws, catalog)}
    ws.close()


def _applicant() -> Applicant:
    return Applicant(NaturalPerson("李培训", IdDocumentType.RESIDENT_ID, "11010519900101001X",
                                   source=CaptureSource.MANUAL))


REJECTIONS = {
    RejectionType.NOT_COMPETENT: RejectionDetails("属于市级审批权限", "", "清河市市场监督管理局",
                                                  RejectionType.NOT_COMPETENT),
    RejectionType.NOT_REQUIRED: RejectionDetails("所申请事项无需办理", "", "", RejectionType.NOT_REQUIRED),
    RejectionType.CONDITIONS_NOT_MET: RejectionDetails("申请人家庭人均收入高于当地保障标准", "", "",
                                                       RejectionType.CONDITIONS_NOT_MET),
}


def _papers(world: dict[str, Any], item: ServiceItem, decision: Decision,
            rejection: RejectionDetails | None = None) -> dict[DocumentKind, list[str]]:
    service = world["service"]
    session = build_session(service, world["catalog"], item.implementation_code, decision, _applicant())
    result = service.commit(session, decision, rejection)
    desk = world["desk"]
    return {ctx.kind: lines_of(render_document(ctx)) for ctx in desk.contexts(result.case_uuid)
            if ctx.kind in documents_for(decision, thermal_receipt=True)}


def _common(item: ServiceItem, papers: dict[DocumentKind, list[str]]) -> None:
    for kind, lines in papers.items():
        text = flat(lines)
        assert "培训·非真实办件" in text, kind  # training mode marks every page
        starts = [line for line in lines if line[0] in CANNOT_START and line != "—"]  # ("—" = empty cell)
        assert not starts, (kind, starts)  # 避头尾: no line begins with closing punctuation
        assert "申请”申请" not in text  # names are not doubled
        body = item.implementing_body.name if item.implementing_body else item.department
        assert body in text, kind  # the deciding organ is named


TYPES = sorted({ItemType(t) for t in ("行政许可", "行政确认", "公共服务", "行政给付", "行政征收")},
               key=lambda t: t.value)


@pytest.mark.parametrize("item_type", TYPES, ids=lambda t: t.name)
def test_acceptance_states_the_basis_of_its_item_type(world, item_type: ItemType) -> None:
    item = pick(world["items"], item_type=item_type)
    papers = _papers(world, item, Decision.ACCEPT)
    _common(item, papers)
    notice = flat(papers[DocumentKind.ACCEPTANCE_NOTICE])
    assert "申请材料齐全、符合法定形式" in notice and "决定予以受理" in notice
    if item_type is ItemType.ADMINISTRATIVE_LICENCE:
        assert "《中华人民共和国行政许可法》第三十二条第一款第（五）项" in notice
    else:
        assert "第三十二条" not in notice and "行政许可法" not in notice
        assert f"本事项为{item_type.value}事项" in notice
        assert re.sub(r"\s+", "", item.legal_basis) in notice
    for kind in (DocumentKind.ACCEPTANCE_NOTICE, DocumentKind.THERMAL_RECEIPT):
        text = flat(papers[kind])
        for label in ("法定时限", "承诺时限", "咨询电话", "投诉电话"):
            assert label in text, (kind, label)
        assert item.consultation_phone in text and "12345" in text
        assert f"{item.legal_limit.value}个工作日" in text if item.legal_limit else True


def _types_with_deferrable_items() -> list[ItemType]:
    """The item types of the training catalog that have an item with a 容缺 material on its default checklist."""
    from clerk_app.catalog import codec
    from clerk_app.catalog.training import load_training_changes

    items = [codec.item(entry) for entry in load_training_changes()["items"]]
    return sorted({i.item_type for i in items if deferrable(i)}, key=lambda t: t.value)


DEFERRABLE_TYPES = _types_with_deferrable_items()


def test_the_training_catalog_has_deferrable_items_of_several_types() -> None:
    assert len(DEFERRABLE_TYPES) >= 3, DEFERRABLE_TYPES


@pytest.mark.parametrize("item_type", DEFERRABLE_TYPES, ids=lambda t: t.name)
def test_deficiency_acceptance_names_what_is_deferred_until_when_and_the_local_rule(world, item_type) -> None:
    item = next(i for i in world["items"] if i.item_type is item_type and deferrable(i))
    papers = _papers(world, item, Decision.ACCEPT_WITH_DEFICIENCY)
    _common(item, papers)
    notice = flat(papers[DocumentKind.ACCEPTANCE_NOTICE])
    from clerk_app.catalog.checklist import item_checklist

    deferred = next(m for m in item_checklist(item, {}) if m.deferrable)
    supply_by = world["service"].today() + timedelta(days=10)
    assert "材料齐全" not in notice  # a 容缺 acceptance never says the materials are complete
    assert re.sub(r"\s+", "", deferred.name) in notice
    assert f"{supply_by.year}年{supply_by.month}月{supply_by.day}日" in notice
    assert "《清河区政务服务容缺受理办法》" in notice and "容缺受理" in notice
    assert "第三十二条第一款第（五）项" not in notice
    assert DocumentKind.DEFICIENCY_COMMITMENT in papers


@pytest.mark.parametrize("item_type", TYPES, ids=lambda t: t.name)
def test_one_time_notice_is_a_receipt_not_an_acceptance(world, item_type) -> None:
    item = pick(world["items"], item_type=item_type)
    papers = _papers(world, item, Decision.ONE_TIME_NOTICE)
    _common(item, papers)
    text = flat(papers[DocumentKind.ONE_TIME_NOTICE])
    for word in ("受理时间", "受理人", "受理窗口", "受理专用章"):
        assert word not in text, word
    assert "收件时间" in text and "收件人" in text and "不是受理凭证" in text
    assert ("第三十二条第一款第（四）项" in text) == (item_type is ItemType.ADMINISTRATIVE_LICENCE)


@pytest.mark.parametrize("reason_type", list(REJECTIONS), ids=lambda t: t.name)
@pytest.mark.parametrize("item_type", TYPES, ids=lambda t: t.name)
def test_rejection_prints_only_what_its_reason_type_implies(world, item_type, reason_type) -> None:
    item = pick(world["items"], item_type=item_type)
    details = REJECTIONS[reason_type]
    papers = _papers(world, item, Decision.REJECT, details)
    _common(item, papers)
    text = flat(papers[DocumentKind.REJECTION_NOTICE])
    for word in ("受理时间", "受理人", "受理专用章"):
        assert word not in text, word
    assert "收件时间" in text and "决定不予受理" in text and details.reason in text
    licence = item_type is ItemType.ADMINISTRATIVE_LICENCE
    if reason_type is RejectionType.NOT_COMPETENT:
        assert "不属于本机关职权范围" in text and "请向清河市市场监督管理局申请" in text
        assert ("第三十二条第一款第（二）项" in text) == licence
    else:
        assert "请向" not in text and "不属于本机关职权范围" not in text
    if reason_type is RejectionType.NOT_REQUIRED:
        assert ("依法不需要取得行政许可" in text) == licence
        assert ("第三十二条第一款第（一）项" in text) == licence
    if reason_type is RejectionType.CONDITIONS_NOT_MET:
        assert "不符合本事项的受理条件" in text and "第三十二条" not in text
    if not licence:
        assert "行政许可" not in text
    body = item.implementing_body
    review = (body.reconsideration_body if body and body.reconsideration_body else "清河区人民政府")
    assert f"作出本决定的行政机关：{body.name if body else item.department}" in text
    assert f"六十日内向{review}申请行政复议" in text
    assert "六个月内向清河区人民法院提起行政诉讼" in text
    assert "《中华人民共和国行政复议法》第二十条" in text and "《中华人民共和国行政诉讼法》第四十六条" in text


def test_a_vertically_administered_organ_is_reviewed_by_its_higher_organ(world) -> None:
    tax = next(i for i in world["items"] if i.implementing_body and "税务" in i.implementing_body.name)
    papers = _papers(world, tax, Decision.REJECT, REJECTIONS[RejectionType.NOT_COMPETENT])
    text = flat(papers[DocumentKind.REJECTION_NOTICE])
    assert "六十日内向国家税务总局清河区税务局的上一级税务局申请行政复议" in text
    assert "清河区人民政府" not in text


def test_seal_area_leaves_the_circle_free_of_text() -> None:
    seal = SealArea("国家税务总局清河区税务局第一税务所（办税服务厅）", "2026年12月1日",
                    ("申请人（签字）：", "受理人（签字）：王五", "日期：      年    月    日"))
    x0, y0, x1, _y1 = seal.seal_box()
    name_baseline, name_size = y0 - 6 * 72 / 25.4, 11
    assert name_baseline + name_size < y0  # the organ name sits under the circle, not in it
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from printing.a4 import font

    widest = max(stringWidth(line, font(), 11) for line in seal.signature_lines)
    assert widest < x0  # signature lines end before the circle starts
    assert x1 <= seal.width


def test_received_material_then_deferred_drops_its_original_and_a_contradiction_is_refused(world) -> None:
    from clerk_app.acceptance.errors import ContradictoryMaterialState

    service = world["service"]
    item = next(i for i in world["items"] if deferrable(i))
    session = build_session(service, world["catalog"], item.implementation_code, Decision.ACCEPT, _applicant())
    code = next(m.code for m in session.checklist if m.deferrable)
    assert session.record(code).original_verified or session.record(code).copies_received
    record = session.update(code, state=MaterialState.DEFERRED, supply_by=service.today() + timedelta(days=5))
    assert not record.original_verified and record.copies_received == 0
    with pytest.raises(ContradictoryMaterialState) as refused:
        session.update(code, original_verified=True)
    assert session.record(code) == record  # refused: nothing changed
    assert "原件" in refused.value.user_text() or "original" in refused.value.user_text()
    session.update(code, state=MaterialState.MISSING, copies_received=2)  # allowed while the clerk works …
    with pytest.raises(ContradictoryMaterialState):
        service.commit(session, Decision.ONE_TIME_NOTICE)  # … but never committed
    assert not service.cases.exists(session.case_uuid)



def test_guides_print_form_sample_instructions_and_size_and_say_whose_question(world) -> None:
    from clerk_app.catalog.guide import answer_labels, guide_pdf

    catalog = world["catalog"]
    item = next(i for i in world["items"] if any(m.blank_form_ref and m.sample_ref and m.fill_instructions
                                                 for m in i.materials))
    form = next(m for m in item.materials if m.blank_form_ref and m.sample_ref)
    text = flat(lines_of(guide_pdf(catalog, item.implementation_code)))
    for needle in (f"空白表格：{form.blank_form_ref}", f"示例样表：{form.sample_ref}",
                   f"填报须知：{form.fill_instructions}", f"规格：{form.paper_spec}"):
        assert re.sub(r"\s+", "", needle) in text, needle
    for bundle in catalog.list_bundles():
        labels = answer_labels(catalog, bundle.code, {})
        questions = [q for q, _ in labels]
        member = [q for q in questions if q.startswith("【")]
        assert len(set(questions)) == len(questions), questions  # no answer without its item
        lines = lines_of(guide_pdf(catalog, bundle.code))
        starts = [line for line in lines if line[0] in CANNOT_START and line != "—"]
        assert not starts, starts
        names = {catalog.get_item(code).name for code in bundle.item_codes}
        for question in member:
            assert question[1:question.index("】")] in names, question
