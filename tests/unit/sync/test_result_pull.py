"""The result arriving with the status pull: the decision of an approval or denial and the e-licence are kept on
the case (reasons and licence data encrypted), a replay changes nothing, a late report still brings the e-licence,
and an identifier of the wrong form, or another case's, is refused on the case without holding back the page."""

from __future__ import annotations

import random

import pytest

from clerk_app.sync.answers import PageRejected, check_case_changes
from clerk_app.sync.pulls import pull_case_changes
from clerk_app.sync.result_pull import result_details
from offline_cache.case_results import result_of
from offline_cache.sync_store import SyncStore, store_cursor
from tests.unit.sync.factory import make_case

EID = "1.2.156.3005.2.11100000000013338W087.11370800MB28559184.37080001202411010001.001.3"
DECISION = {"decision_number": "清河审批〔2026〕7号", "decided_at": "2026-12-02T09:00:00+08:00",
            "deciding_body": "清河区市场监督管理局", "basis": "《个体工商户条例》第八条"}
LICENCE = {"identifier": EID, "licence_kind": "营业执照", "licence_number": "QH2026000007",
           "issued_at": "2026-12-02T09:00:00+08:00", "data": {"经营场所": "清河大道88号"}}


def _approved(case_uuid: str, **extra: object) -> list[dict]:
    return [{"seq": 1, "case_uuid": case_uuid, "status": "in_review", "note": "", "at": "t1"},
            {"seq": 2, "case_uuid": case_uuid, "status": "approved", "note": "", "at": "t2", **extra}]


def _events(workstation, kind: str) -> list[tuple]:
    return [tuple(r) for r in workstation.db.query(
        "SELECT json_extract(details, '$.elicence_id'), json_extract(details, '$.problem') FROM case_events"
        " WHERE kind = ?", (kind,))]


def test_the_decision_and_the_elicence_are_recorded_on_the_case_once(workstation, platform):
    store = SyncStore(workstation.db)
    case = make_case(workstation, pages=1, rng=random.Random(1))
    platform.changes = _approved(case["case_uuid"], decision=DECISION, elicence=LICENCE)
    assert pull_case_changes(workstation.db, platform, store, cipher=workstation.cipher) == 2
    result = result_of(workstation.db, case["case_uuid"])
    assert result is not None and result.outcome == "approved" and result.elicence_id == EID
    assert (result.decision_number, result.licence_number, result.licence_kind) == (
        "清河审批〔2026〕7号", "QH2026000007", "营业执照")
    assert result_details(workstation.cipher, result) == {"data": {"经营场所": "清河大道88号"}}
    raw = workstation.db.query("SELECT details_enc FROM case_results")[0][0]
    assert "清河大道".encode() not in raw  # the licence's data items are encrypted at rest
    assert _events(workstation, "result_received") == [(EID, None)]
    with workstation.db.transaction() as conn:  # the same page again: nothing new
        store_cursor(conn, "case_changes", "0")
    assert pull_case_changes(workstation.db, platform, store, cipher=workstation.cipher) == 0
    assert len(_events(workstation, "result_received")) == 1


def test_a_denial_keeps_its_reasons_encrypted(workstation, platform):
    case = make_case(workstation, pages=1, rng=random.Random(2))
    denial = {**DECISION, "reasons": "经营场所为住宅，未提交利害关系人同意证明"}
    platform.changes = [{"seq": 1, "case_uuid": case["case_uuid"], "status": "denied", "note": "", "at": "t",
                         "decision": denial}]
    assert pull_case_changes(workstation.db, platform, SyncStore(workstation.db), cipher=workstation.cipher) == 1
    result = result_of(workstation.db, case["case_uuid"])
    assert result is not None and result.outcome == "denied" and result.elicence_id is None
    assert result_details(workstation.cipher, result)["reasons"] == denial["reasons"]


def test_a_late_elicence_is_recorded_though_the_move_is_not(workstation, platform):
    case = make_case(workstation, pages=1, rng=random.Random(3))
    platform.changes = _approved(case["case_uuid"], decision=DECISION) + [
        {"seq": 3, "case_uuid": case["case_uuid"], "status": "ready_for_pickup", "note": "", "at": "t3"},
        {"seq": 4, "case_uuid": case["case_uuid"], "status": "approved", "note": "", "at": "t4",
         "decision": DECISION, "elicence": LICENCE}]  # replayed late, now with the e-licence
    pull_case_changes(workstation.db, platform, SyncStore(workstation.db), cipher=workstation.cipher)
    assert workstation.db.query("SELECT status FROM cases")[0][0] == "ready_for_pickup"
    result = result_of(workstation.db, case["case_uuid"])
    assert result is not None and result.elicence_id == EID and result.decision_number == DECISION["decision_number"]


@pytest.mark.parametrize(("identifier", "problem"), [
    (EID.replace("3005", "3006"), "arc"),
    (EID.replace("13338W", "13338X"), "type_code"),  # the defining authority's credit code fails its check
    (EID.replace("59184", "59185"), "issuer"),
    (EID.replace(".001.", ".1."), "version"),
    (EID + "9", "check"),
    ("LIC-7", "format"),
])
def test_a_malformed_identifier_is_refused_on_the_case_and_the_page_goes_on(workstation, platform, identifier,
                                                                              problem):
    case = make_case(workstation, pages=1, rng=random.Random(4))
    platform.changes = _approved(case["case_uuid"], decision=DECISION, elicence={**LICENCE, "identifier": identifier})
    pull_case_changes(workstation.db, platform, SyncStore(workstation.db), cipher=workstation.cipher)
    assert workstation.db.query("SELECT status FROM cases")[0][0] == "approved"
    result = result_of(workstation.db, case["case_uuid"])
    assert result is not None and result.elicence_id is None and result.licence_number == ""
    assert _events(workstation, "elicence_refused") == [(None, problem)]


def test_an_identifier_another_case_holds_is_refused(workstation, platform):
    first = make_case(workstation, pages=1, rng=random.Random(5))
    second = make_case(workstation, pages=1, rng=random.Random(6))
    platform.changes = _approved(first["case_uuid"], elicence=LICENCE) + [
        {"seq": 3, "case_uuid": second["case_uuid"], "status": "approved", "note": "", "at": "t", "elicence": LICENCE}]
    pull_case_changes(workstation.db, platform, SyncStore(workstation.db), cipher=workstation.cipher)
    assert result_of(workstation.db, first["case_uuid"]).elicence_id == EID  # type: ignore[union-attr]
    assert _events(workstation, "elicence_refused") == [(None, "held_by_another_case")]


@pytest.mark.parametrize("bad", [
    {"decision": "approved"}, {"decision": {"reasons": 7}}, {"elicence": {"licence_kind": "营业执照"}},
    {"elicence": {**LICENCE, "data": {"k": 1}}}, {"elicence": {**LICENCE, "identifier": "x" * 201}},
])
def test_a_result_of_the_wrong_shape_refuses_the_page(bad):
    with pytest.raises(PageRejected):
        check_case_changes({"changes": _approved("c1", **bad), "cursor": "2", "has_more": False})
