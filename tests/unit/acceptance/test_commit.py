"""The commit: one transaction, idempotent per draft, outbox payload per contract, personal data encrypted."""

from __future__ import annotations

import json
import threading
from datetime import date, timedelta

import pytest

from clerk_app.acceptance.errors import DecisionNotAllowed, DraftIncomplete, RejectionIncomplete
from clerk_app.acceptance.payload import decrypt_applicant
from clerk_app.domain.case import Decision, MaterialState
from clerk_app.domain.catalog import HandlingType
from clerk_app.domain.decision_rules import RejectionDetails
from offline_cache.cases import PageRef
from tests.unit.acceptance.conftest import CHECKLIST, ID_NUMBER, NOW, applicant, item


def _session(service, handling=HandlingType.PROMISED, receive=("M1", "M2", "M3")):
    session = service.new_session()
    session.set_applicant(applicant())
    session.set_items((item(handling),), CHECKLIST, {"q1": "yes"})
    for code in receive:
        session.mark_received(code)
    return session


def _counts(ws) -> dict[str, int]:
    return {t: ws.db.query(f"SELECT count(*) FROM {t}")[0][0]
            for t in ("applicants", "cases", "case_materials", "case_events", "case_blobs", "outbox")}


def test_accept_writes_everything_once(service, workstation, rules) -> None:
    session = _session(service)
    page = workstation.blobs.put(b"%PDF-1.4 page")
    session.attach_page("M1", PageRef(page, 13, "application/pdf"))
    result = service.commit(session, Decision.ACCEPT)
    assert result.created and result.case_number == "330302001012026112" + "30001"
    assert result.status == "accepted" and result.promised_date == date(2026, 11, 30)
    assert _counts(workstation) == {"applicants": 1, "cases": 1, "case_materials": 3, "case_events": 2,
                                    "case_blobs": 1, "outbox": 1}
    assert rules.events == ["create", "accept"]
    stored = service.cases.get_by_number(result.case_number)
    assert stored.frozen and stored.case.applicant == applicant()
    assert stored.case.materials[0].page_blob_ids == (page,)
    assert stored.details["verification_code"] == "ABCDEF"


def test_second_commit_returns_the_same_case(service, workstation) -> None:
    session = _session(service)
    first = service.commit(session, Decision.ACCEPT)
    second = service.commit(session, Decision.ACCEPT)
    assert second.case_number == first.case_number and not second.created
    assert _counts(workstation)["cases"] == 1


def test_recommit_of_a_lost_result_finds_the_stored_case(service, workstation) -> None:
    session = _session(service)
    first = service.commit(session, Decision.ACCEPT)
    session.result = None  # e.g. the GUI lost the reply: the case UUID is still the draft's
    again = service.commit(session, Decision.ACCEPT)
    assert (again.case_number, again.created) == (first.case_number, False)
    assert _counts(workstation)["outbox"] == 1


def test_concurrent_commits_make_one_case(service, workstation) -> None:
    session = _session(service)
    results = []
    threads = [threading.Thread(target=lambda: results.append(service.commit(session, Decision.ACCEPT)))
               for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({r.case_number for r in results}) == 1
    assert sum(r.created for r in results) == 1
    assert _counts(workstation)["cases"] == 1


@pytest.mark.parametrize("where", ["number", "event:create", "event:accept"])
def test_failure_mid_commit_leaves_nothing(service, workstation, rules, where) -> None:
    session = _session(service)
    rules.fail_at = where
    with pytest.raises(RuntimeError, match="injected"):
        service.commit(session, Decision.ACCEPT)
    assert set(_counts(workstation).values()) == {0}
    assert session.result is None
    rules.fail_at = None
    assert service.commit(session, Decision.ACCEPT).created


def test_outbox_failure_rolls_back_the_case(service, workstation, monkeypatch) -> None:
    import clerk_app.acceptance.service as module

    def broken(*args, **kwargs):
        raise OSError("simulated crash while queueing")

    monkeypatch.setattr(module, "enqueue", broken)
    with pytest.raises(OSError):
        service.commit(_session(service), Decision.ACCEPT)
    assert set(_counts(workstation).values()) == {0}


def test_outbox_payload_follows_the_contract_and_hides_the_applicant(service, workstation) -> None:
    session = _session(service)
    result = service.commit(session, Decision.ACCEPT)
    row = workstation.db.query("SELECT * FROM outbox")[0]
    payload = json.loads(row["payload"])
    assert row["kind"] == "case_upsert" and row["case_uuid"] == result.case_uuid
    assert set(payload) == {"case_uuid", "case_number", "item_codes", "status", "decision", "centre_code",
                            "window_code", "clerk_id", "created_at", "accepted_at", "promised_date",
                            "legal_deadline", "materials", "decision_details"}
    assert payload["item_codes"] == ["IMPL1"] and payload["legal_deadline"] == "2026-12-21"
    assert payload["materials"][1] == {"material_code": "M2", "name": "申请表", "state": "received",
                                       "original_verified": True, "copies_received": 2, "supply_by": None,
                                       "files": [], "source": "window", "reused_from": None}
    assert ID_NUMBER not in row["payload"] and "张三" not in row["payload"]
    applicant_dict = decrypt_applicant(workstation.cipher, row["payload_enc"], row["action_uuid"])
    assert applicant_dict["principal"]["id_number"] == ID_NUMBER


def test_no_personal_data_in_the_database_file(service, workstation) -> None:
    service.commit(_session(service), Decision.ACCEPT)
    workstation.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = workstation.paths.database.read_bytes()
    assert ID_NUMBER.encode() not in raw and "张三".encode() not in raw


def test_deficiency_acceptance_records_supply_date(service) -> None:
    session = _session(service, receive=("M1", "M2"))
    supply = NOW.date() + timedelta(days=10)
    session.update("M3", state=MaterialState.DEFERRED, supply_by=supply)
    result = service.commit(session, Decision.ACCEPT_WITH_DEFICIENCY)
    stored = service.cases.get(result.case_uuid)
    assert result.status == "accepted_pending_supplement"
    assert stored.case.materials[2].supply_by == supply
    assert stored.details["decision_details"]["deferred"][0]["supply_by"] == supply.isoformat()


def test_notice_lists_missing_and_has_no_deadline(service) -> None:
    session = _session(service, receive=("M1",))
    result = service.commit(session, Decision.ONE_TIME_NOTICE)
    stored = service.cases.get(result.case_uuid)
    lines = stored.details["decision_details"]["notice_lines"]
    assert [line["material_code"] for line in lines] == ["M2", "M3"]
    assert result.promised_date is None and stored.accepted_at is None


def test_invalid_decisions_are_refused_without_writing(service, workstation) -> None:
    with pytest.raises(DecisionNotAllowed):
        service.commit(_session(service, receive=("M1",)), Decision.ACCEPT)
    with pytest.raises(RejectionIncomplete):
        service.commit(_session(service), Decision.REJECT, RejectionDetails("不属于本机关职权", "", ""))
    empty = service.new_session()
    with pytest.raises(DraftIncomplete):
        service.commit(empty, Decision.REJECT, RejectionDetails("a", "b", "c"))
    assert _counts(workstation)["cases"] == 0


def test_rejection_is_stored_with_reason(service) -> None:
    details = RejectionDetails("不属于本机关职权范围", "《行政许可法》第三十二条",
                               "县自然资源局")
    result = service.commit(_session(service, receive=()), Decision.REJECT, details)
    stored = service.cases.get(result.case_uuid)
    assert stored.details["decision_details"]["rejection"]["where_to_apply"] == "县自然资源局"
    assert stored.case.status.value == "rejected"


def test_immediate_item_is_concluded_on_the_spot(service, rules) -> None:
    result = service.commit(_session(service, handling=HandlingType.IMMEDIATE), Decision.ACCEPT)
    assert result.concluded and result.status == "concluded"
    assert rules.events == ["create", "accept", "conclude"]


def test_committed_session_is_frozen(service) -> None:
    session = _session(service)
    service.commit(session, Decision.ACCEPT)
    with pytest.raises(RuntimeError):
        session.update("M1", state=MaterialState.MISSING)


def test_todays_list_shows_committed_cases(service) -> None:
    first = service.commit(_session(service), Decision.ACCEPT)
    second = service.commit(_session(service, receive=("M1",)), Decision.ONE_TIME_NOTICE)
    listed = service.cases.list_created_on(NOW.date())
    assert [c.case_number for c in listed] == [second.case_number, first.case_number]
    assert listed[1].applicant_name == "张三" and listed[1].item_names == ("个体工商户设立登记",)
    assert service.cases.list_created_on(NOW.date() + timedelta(days=1)) == []


def test_cases_of_an_applicant_are_found_by_id_number_only_through_the_blind_index(service) -> None:
    first = service.commit(_session(service), Decision.ACCEPT)
    second = service.commit(_session(service, receive=("M1",)), Decision.ONE_TIME_NOTICE)
    assert service.cases.numbers_for_identifier(ID_NUMBER.lower()) == [second.case_number, first.case_number]
    assert service.cases.numbers_for_identifier("110105194912310021") == []
