from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clerk_app.catalog import codec
from clerk_app.catalog.checklist import item_checklist
from clerk_app.catalog.errors import UnknownBundle, UnknownCatalogItem, UnknownSituationAnswer
from clerk_app.catalog.service import CatalogService
from clerk_app.catalog.training import load_training_changes


def code_of(service: CatalogService, name: str) -> str:
    hit = service.search(name, limit=1)[0]
    assert hit.name == name
    return hit.item_code


def test_default_answers_give_basic_materials(service: CatalogService) -> None:
    code = code_of(service, "出生登记")
    names = [m.name for m in service.checklist(code, {})]
    assert "出生医学证明" in names and "结婚证" in names
    assert "授权委托书" not in names and "个人诚信承诺书" not in names


def test_answers_add_and_remove_materials(service: CatalogService) -> None:
    code = code_of(service, "出生登记")
    names = [m.name for m in service.checklist(code, {"parents": "unmarried", "agent": "agent"})]
    assert "结婚证" not in names  # removed by the 非婚生育 answer
    assert {"个人诚信承诺书", "授权委托书", "代理人居民身份证"} <= set(names)


def test_unknown_answers_are_errors(service: CatalogService) -> None:
    code = code_of(service, "出生登记")
    with pytest.raises(UnknownSituationAnswer):
        service.checklist(code, {"parents": "maybe"})
    with pytest.raises(UnknownSituationAnswer):
        service.checklist(code, {"nosuch": "x"})


def test_unknown_codes_are_typed_errors(service: CatalogService) -> None:
    with pytest.raises(UnknownCatalogItem):
        service.get_item("NOPE")
    with pytest.raises(UnknownBundle):
        service.get_bundle("NOPE")
    with pytest.raises(UnknownBundle):
        service.checklist("NOPE", {})


def test_situations_have_valid_defaults(service: CatalogService) -> None:
    for bundle in service.list_bundles():
        for situation in service.situations(bundle.code):
            assert situation.option(situation.default) is not None


def test_bundle_shared_materials_are_collected_once(service: CatalogService) -> None:
    bundle = service.get_bundle("YJS-511602-CSYJS")
    checklist = service.checklist(bundle.code, {})
    names = [m.name for m in checklist]
    assert names.count("父母双方居民身份证") == 1
    assert "申请人居民身份证" not in names  # covered by the shared material
    shared = checklist[0]
    assert set(shared.used_by) == set(bundle.item_codes)
    codes = [m.code for m in checklist]
    assert len(codes) == len(set(codes))


def test_bundle_question_can_skip_a_member_item(service: CatalogService) -> None:
    bundle = service.get_bundle("YJS-511602-CSYJS")
    full = service.checklist(bundle.code, {})
    without_card = service.checklist(bundle.code, {"sscard": "no"})
    assert len(without_card) < len(full)
    members = [item.name for item in service.bundle_members(bundle.code, {"sscard": "no"})]
    assert "社会保障卡申领" not in members and len(members) == len(bundle.item_codes) - 1
    assert all(m.name != "社会保障卡申领申请表" for m in without_card)


def test_bundle_member_questions_are_namespaced(service: CatalogService) -> None:
    bundle = service.get_bundle("YJS-511602-CLFJY")
    questions = {s.code: s for s in service.situations(bundle.code)}
    married = next(code for code in questions if code.endswith("::married"))
    assert questions[married].item_code in bundle.item_codes
    base = [m.name for m in service.checklist(bundle.code, {})]
    more = [m.name for m in service.checklist(bundle.code, {married: "married"})]
    assert "结婚证" not in base and "结婚证" in more


def test_item_guide_elements(service: CatalogService) -> None:
    item = service.get_item(code_of(service, "居民身份证换领"))
    assert item.promised_limit is not None and item.promised_limit.value == 15
    assert item.fees.charged and item.fees.items[0].standard == "20元/证"
    assert item.implementing_body is not None and len(item.implementing_body.credit_code) == 18
    assert item.result is not None and item.result.type == "证照"
    assert any(m.elicence_type == "居民身份证" for m in item.materials) or item.materials


def _training_items() -> list[dict]:
    return [i for i in load_training_changes()["items"] if i.get("situations")]


@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_checklist_follows_the_rules_for_any_answers(data: st.DataObject) -> None:
    item = codec.item(data.draw(st.sampled_from(_training_items())))
    answers = {s.code: data.draw(st.sampled_from([o.code for o in s.options])) for s in item.situations
               if data.draw(st.booleans())}
    result = item_checklist(item, answers)
    codes = [m.code for m in result]
    assert len(codes) == len(set(codes))
    chosen = [s.option(answers.get(s.code, s.default)) for s in item.situations]
    added = {c for o in chosen if o for c in o.adds}
    removed = {c for o in chosen if o for c in o.removes}
    conditional = {c for s in item.situations for o in s.options for c in o.adds}
    for material in item.materials:
        expected = (material.code not in conditional or material.code in added) and material.code not in removed
        assert (material.code in codes) == expected
    assert codes == [m.code for m in item.materials if m.code in codes]  # guide order kept
