"""Decision rules: properties over arbitrary checklists and records, plus the cases the law names."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clerk_app.domain.case import Decision, MaterialRecord, MaterialState
from clerk_app.domain.catalog import (
    HandlingType,
    ItemType,
    MaterialSpec,
    Necessity,
    PaperForm,
    ServiceItem,
)
from clerk_app.domain.decision_rules import (
    RejectionDetails,
    RejectionType,
    Shortfall,
    concluded_on_spot,
    default_record,
    evaluate,
    received_record,
    requirement_text,
)

TODAY = date(2026, 11, 23)


@st.composite
def specs(draw: st.DrawFn) -> list[MaterialSpec]:
    count = draw(st.integers(min_value=0, max_value=8))
    out = []
    for i in range(count):
        necessity = draw(st.sampled_from([Necessity.REQUIRED, Necessity.OPTIONAL]))
        out.append(MaterialSpec(
            code=f"M{i}",
            name=f"材料{i}",
            necessity=necessity,
            paper_form=draw(st.sampled_from(list(PaperForm))),
            original_count=draw(st.integers(0, 2)),
            copy_count=draw(st.integers(0, 3)),
            deferrable=necessity is Necessity.REQUIRED and draw(st.booleans()),
        ))
    return out


@st.composite
def checklist_and_records(draw: st.DrawFn) -> tuple[list[MaterialSpec], list[MaterialRecord]]:
    checklist = draw(specs())
    records = []
    for spec in checklist:
        if draw(st.integers(0, 9)) == 0:
            continue  # no record at all
        records.append(MaterialRecord(
            material_code=spec.code,
            name=spec.name,
            state=draw(st.sampled_from(list(MaterialState))),
            original_verified=draw(st.booleans()),
            copies_received=draw(st.integers(0, 3)),
            supply_by=draw(st.none() | st.dates(TODAY - timedelta(days=5), TODAY + timedelta(days=30))),
        ))
    return checklist, records


@given(checklist_and_records())
def test_reject_is_always_available(data: tuple[list[MaterialSpec], list[MaterialRecord]]) -> None:
    assert Decision.REJECT in evaluate(*data, today=TODAY).allowed


@given(checklist_and_records())
def test_accept_and_notice_are_exclusive_and_one_is_always_possible(data) -> None:
    result = evaluate(*data, today=TODAY)
    assert (Decision.ACCEPT in result.allowed) != (Decision.ONE_TIME_NOTICE in result.allowed)
    assert (Decision.ACCEPT in result.allowed) == (not result.issues)


@given(checklist_and_records())
def test_notice_lists_every_required_material_not_present(data) -> None:
    checklist, records = data
    result = evaluate(checklist, records, today=TODAY)
    by_code = {r.material_code: r for r in records}
    listed = {i.code for i in result.notice_lines}
    for spec in checklist:
        record = by_code.get(spec.code)
        if spec.necessity is Necessity.REQUIRED and (
            record is None or record.state not in (MaterialState.RECEIVED, MaterialState.ELICENCE_REUSED)
        ):
            assert spec.code in listed
        if spec.necessity is not Necessity.REQUIRED:
            assert spec.code not in listed


@given(checklist_and_records())
def test_deficiency_acceptance_only_when_every_gap_is_a_dated_deferrable(data) -> None:
    checklist, records = data
    result = evaluate(checklist, records, today=TODAY)
    if Decision.ACCEPT_WITH_DEFICIENCY in result.allowed:
        assert result.deferred
        specs_by_code = {s.code: s for s in checklist}
        for issue in result.issues:
            assert issue.shortfall is Shortfall.DEFERRED
            assert specs_by_code[issue.code].deferrable
            assert issue.supply_by is not None and issue.supply_by > TODAY


@given(specs())
def test_all_received_as_required_allows_accept(checklist: list[MaterialSpec]) -> None:
    records = [received_record(s) for s in checklist]
    assert evaluate(checklist, records, today=TODAY).allowed == {Decision.ACCEPT, Decision.REJECT}


@given(specs())
def test_untouched_checklist_never_allows_accept_if_anything_is_required(checklist) -> None:
    records = [default_record(s) for s in checklist]
    result = evaluate(checklist, records, today=TODAY)
    required = [s for s in checklist if s.necessity is Necessity.REQUIRED]
    assert (Decision.ACCEPT in result.allowed) == (not required)
    assert [i.code for i in result.issues] == [s.code for s in required]


def _spec(code: str, **kw) -> MaterialSpec:
    return MaterialSpec(code=code, name=f"材料{code}", **kw)


def test_deferral_needs_a_future_date() -> None:
    checklist = [_spec("A", deferrable=True), _spec("B")]
    base = [received_record(checklist[1])]
    undated = MaterialRecord("A", "材料A", MaterialState.DEFERRED)
    today_dated = MaterialRecord("A", "材料A", MaterialState.DEFERRED, supply_by=TODAY)
    ok = MaterialRecord("A", "材料A", MaterialState.DEFERRED, supply_by=TODAY + timedelta(days=5))
    assert Decision.ACCEPT_WITH_DEFICIENCY not in evaluate(checklist, [*base, undated], TODAY).allowed
    assert Decision.ACCEPT_WITH_DEFICIENCY not in evaluate(checklist, [*base, today_dated], TODAY).allowed
    result = evaluate(checklist, [*base, ok], TODAY)
    assert result.allowed == {Decision.ACCEPT_WITH_DEFICIENCY, Decision.ONE_TIME_NOTICE, Decision.REJECT}
    assert [i.code for i in result.deferred] == ["A"]


def test_deferral_of_non_deferrable_material_is_refused() -> None:
    checklist = [_spec("A")]
    record = MaterialRecord("A", "材料A", MaterialState.DEFERRED, supply_by=TODAY + timedelta(days=3))
    result = evaluate(checklist, [record], TODAY)
    assert result.issues[0].shortfall is Shortfall.DEFERRED_NOT_ALLOWED
    assert Decision.ACCEPT_WITH_DEFICIENCY not in result.allowed


def test_one_missing_non_deferrable_blocks_deficiency_acceptance() -> None:
    checklist = [_spec("A", deferrable=True), _spec("B")]
    records = [MaterialRecord("A", "材料A", MaterialState.DEFERRED, supply_by=TODAY + timedelta(days=3))]
    result = evaluate(checklist, records, TODAY)
    assert result.allowed == {Decision.ONE_TIME_NOTICE, Decision.REJECT}
    assert [(i.code, i.shortfall) for i in result.issues] == [
        ("A", Shortfall.DEFERRED), ("B", Shortfall.MISSING)]


def test_original_must_be_checked_and_copies_counted() -> None:
    spec = _spec("A", paper_form=PaperForm.ORIGINAL_AND_COPY, original_count=1, copy_count=2)
    unchecked = MaterialRecord("A", "材料A", MaterialState.RECEIVED, original_verified=False,
                               copies_received=2)
    short = MaterialRecord("A", "材料A", MaterialState.RECEIVED, original_verified=True, copies_received=1)
    assert evaluate([spec], [unchecked], TODAY).issues[0].shortfall is Shortfall.ORIGINAL_NOT_CHECKED
    assert evaluate([spec], [short], TODAY).issues[0].shortfall is Shortfall.COPIES_SHORT
    assert evaluate([spec], [received_record(spec)], TODAY).is_allowed(Decision.ACCEPT)


def test_elicence_reuse_counts_as_present_and_defect_note_reaches_the_notice() -> None:
    checklist = [_spec("A", elicence_type="营业执照"), _spec("B")]
    records = [MaterialRecord("A", "材料A", MaterialState.ELICENCE_REUSED),
               MaterialRecord("B", "材料B", MaterialState.DEFECTIVE, defect_note="缺少签字")]
    result = evaluate(checklist, records, TODAY)
    assert [(i.code, i.note) for i in result.notice_lines] == [("B", "缺少签字")]


def test_unknown_records_are_reported_not_counted() -> None:
    result = evaluate([_spec("A")], [MaterialRecord("Z", "其他", MaterialState.RECEIVED)], TODAY)
    assert result.unknown_records == ("Z",)
    assert not result.is_allowed(Decision.ACCEPT)


def test_requirement_text_names_form_counts_and_elicence() -> None:
    text = requirement_text(_spec("A", paper_form=PaperForm.ORIGINAL_AND_COPY, original_count=1, copy_count=2,
                                  elicence_type="身份证电子证照", notes="需本人签字"))
    assert text == "原件1份，复印件2份；可用电子证照（身份证电子证照）替代；需本人签字"


@pytest.mark.parametrize(("kind", "reason", "basis", "where", "missing"), [
    (RejectionType.NOT_COMPETENT, "不属于本机关职权范围", "", "县市场监督管理局", ()),
    (RejectionType.NOT_COMPETENT, "", "《行政许可法》第三十二条", "县市场监督管理局", ("reason",)),
    (RejectionType.NOT_COMPETENT, "理由", "  ", "", ("where_to_apply",)),
    (RejectionType.NOT_REQUIRED, "无需办理", "", "", ()),
    (RejectionType.CONDITIONS_NOT_MET, "收入超过标准", "", "", ()),
    (RejectionType.OTHER, "理由", " ", "", ("legal_basis",)),
])
def test_rejection_needs_what_its_reason_type_implies(kind, reason, basis, where, missing) -> None:
    """A reason always; where to apply only for lack of competence; a typed basis only when the type implies
    none (the others derive it from the item type and 设定依据)."""
    details = RejectionDetails(reason, basis, where, kind)
    assert details.missing_fields() == missing
    assert details.complete == (not missing)


def _item(handling: HandlingType) -> ServiceItem:
    return ServiceItem("B1", "I1", "事项", ItemType.PUBLIC_SERVICE, "部门", handling, None, None)


def test_immediate_items_conclude_on_spot_only_when_accepted_in_full() -> None:
    immediate, promised = _item(HandlingType.IMMEDIATE), _item(HandlingType.PROMISED)
    assert concluded_on_spot([immediate], Decision.ACCEPT)
    assert not concluded_on_spot([immediate], Decision.ACCEPT_WITH_DEFICIENCY)
    assert not concluded_on_spot([immediate, promised], Decision.ACCEPT)
    assert not concluded_on_spot([], Decision.ACCEPT)
