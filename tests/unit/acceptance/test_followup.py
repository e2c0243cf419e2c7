"""Follow-up actions on a committed case: 补齐 of 容缺 materials and a new acceptance after a one-time notice."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clerk_app.acceptance.errors import NotNoticed
from clerk_app.acceptance.supplement import (
    NotDeferred,
    NothingDeferred,
    NothingSupplied,
    SupplementDesk,
    SuppliedMaterial,
    overdue,
)
from clerk_app.domain.case import Decision, MaterialState
from clerk_app.domain.catalog import HandlingType, ItemType, MaterialSpec, PaperForm, ServiceItem, TimeLimit
from offline_cache.cases import PageRef
from tests.unit.acceptance.conftest import CHECKLIST, applicant, item

DEFERRABLE = (
    MaterialSpec("M1", "身份证", paper_form=PaperForm.ORIGINAL, original_count=1),
    MaterialSpec("D1", "租赁合同", paper_form=PaperForm.COPY, copy_count=1, deferrable=True),
    MaterialSpec("D2", "消防证明", paper_form=PaperForm.COPY, copy_count=1, deferrable=True),
    MaterialSpec("D3", "环评批复", paper_form=PaperForm.ORIGINAL, original_count=1, deferrable=True),
)


def _item() -> ServiceItem:
    return ServiceItem("BASIC2", "IMPL2", "食品经营许可", ItemType.ADMINISTRATIVE_LICENCE, "市场监管局",
                       HandlingType.PROMISED, TimeLimit(20), TimeLimit(5), DEFERRABLE)


def _deficient_case(services, supply_by: date | None = None) -> str:
    service = services.acceptance
    session = service.new_session()
    session.set_applicant(applicant())
    session.set_items((_item(),), DEFERRABLE)
    session.mark_received("M1")
    due = supply_by or service.today() + timedelta(days=10)
    for code in ("D1", "D2", "D3"):
        session.update(code, state=MaterialState.DEFERRED, supply_by=due)
    result = service.commit(session, Decision.ACCEPT_WITH_DEFICIENCY)
    assert result.status == "accepted_pending_supplement"
    return result.case_uuid


def _page(services, text: bytes) -> PageRef:
    data = b"%PDF-1.4 page " + text
    return PageRef(services.workstation.blobs.put(data), len(data), "application/pdf")


def test_supplement_completes_the_case_in_one_transaction(services) -> None:
    case_uuid = _deficient_case(services)
    desk = services.supplements
    draft = desk.new_draft(case_uuid)
    pages = {code: _page(services, code.encode()) for code in ("D1", "D2", "D3")}
    draft.set(SuppliedMaterial("D1", copies_received=1, pages=(pages["D1"],)))
    draft.set(SuppliedMaterial("D2", copies_received=2, pages=(pages["D2"],)))
    draft.set(SuppliedMaterial("D3", original_verified=True, pages=(pages["D3"],)))
    first = desk.commit(draft)
    again = desk.commit(draft)
    assert first.created and not again.created and again.supplement_uuid == first.supplement_uuid
    assert first.status == "accepted" and first.remaining == ()

    stored = services.acceptance.cases.get(case_uuid)
    assert stored.case.status.value == "accepted"
    states = {m.material_code: m for m in stored.case.materials}
    assert all(states[c].state is MaterialState.RECEIVED for c in ("D1", "D2", "D3"))
    assert states["D3"].original_verified and states["D2"].copies_received == 2
    assert states["D1"].page_blob_ids == (pages["D1"].sha256,)
    event = [e for e in stored.events if e.kind == "supplemented"]
    assert len(event) == 1 and event[0].from_status == "accepted_pending_supplement"
    assert event[0].to_status == "accepted"

    rows = services.workstation.db.query("SELECT kind, action_uuid, payload FROM outbox ORDER BY outbox_id")
    assert [r["kind"] for r in rows] == ["case_upsert", "supplement"]
    upsert = json.loads(rows[0]["payload"])
    assert upsert["status"] == "accepted_pending_supplement"  # the queued case is never edited
    payload = json.loads(rows[1]["payload"])
    assert rows[1]["action_uuid"] == first.supplement_uuid == payload["supplement_uuid"]
    assert payload["complete"] is True and payload["remaining_deferred"] == []
    assert {m["material_code"]: m["files"] for m in payload["materials"]} == {
        c: [pages[c].sha256] for c in ("D1", "D2", "D3")}
    assert "张三" not in rows[1]["payload"]

    with pytest.raises(NothingDeferred):
        desk.commit(desk.new_draft(case_uuid))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chosen=st.sets(st.sampled_from(["D1", "D2", "D3"]), min_size=1))
def test_partial_supplement_keeps_the_rest_deferred(services, chosen: set[str]) -> None:
    case_uuid = _deficient_case(services)
    desk = services.supplements
    draft = desk.new_draft(case_uuid)
    for code in sorted(chosen):
        draft.set(SuppliedMaterial(code, copies_received=1))
    result = desk.commit(draft)
    left = {"D1", "D2", "D3"} - chosen
    assert set(result.remaining) == left
    assert result.status == ("accepted" if not left else "accepted_pending_supplement")
    stored = services.acceptance.cases.get(case_uuid)
    deferred = {m.material_code for m in stored.case.materials if m.state is MaterialState.DEFERRED}
    assert deferred == left and stored.case.status.value == result.status
    row = services.workstation.db.query("SELECT payload FROM outbox WHERE action_uuid = ?", (result.supplement_uuid,))
    payload = json.loads(row[0]["payload"])
    assert {m["material_code"] for m in payload["materials"]} == chosen
    assert payload["complete"] is (not left)


def test_a_failed_supplement_leaves_nothing(services) -> None:
    case_uuid = _deficient_case(services)
    real = services.acceptance.rules

    class Failing:
        def __getattr__(self, name):
            return getattr(real, name)

        def record_event(self, conn, **kwargs):
            raise RuntimeError("injected")

    desk = SupplementDesk(services.workstation.db, services.acceptance.cases, Failing(), window_code="01",
                          clerk_id="c1")
    draft = desk.new_draft(case_uuid)
    draft.set(SuppliedMaterial("D1", copies_received=1, pages=(_page(services, b"x"),)))
    with pytest.raises(RuntimeError):
        desk.commit(draft)
    assert draft.result is None
    stored = services.acceptance.cases.get(case_uuid)
    assert all(m.state is MaterialState.DEFERRED for m in stored.case.materials if m.material_code != "M1")
    assert services.workstation.db.query("SELECT count(*) AS n FROM outbox WHERE kind = 'supplement'")[0]["n"] == 0
    db = services.workstation.db
    assert db.query("SELECT count(*) AS n FROM case_blobs WHERE case_uuid = ?", (case_uuid,))[0]["n"] == 0


def test_only_deferred_materials_with_something_received(services) -> None:
    case_uuid = _deficient_case(services)
    desk = services.supplements
    draft = desk.new_draft(case_uuid)
    draft.set(SuppliedMaterial("D1"))  # nothing received
    with pytest.raises(NothingSupplied):
        desk.commit(draft)
    draft.set(SuppliedMaterial("M1", copies_received=1))
    with pytest.raises(NotDeferred):
        desk.commit(draft)


def test_late_supplement_is_marked_and_overdue_rule() -> None:
    today = date(2026, 11, 23)
    assert overdue(today - timedelta(days=1), today)
    assert not overdue(today, today) and not overdue(None, today)


def test_late_supplement_recorded(services) -> None:
    case_uuid = _deficient_case(services)
    later = datetime.now().astimezone() + timedelta(days=30)
    service = services.acceptance
    desk = SupplementDesk(services.workstation.db, service.cases, service.rules, window_code="01", clerk_id="c1",
                          clock=lambda: later)
    draft = desk.new_draft(case_uuid)
    draft.set(SuppliedMaterial("D1", copies_received=1))
    result = desk.commit(draft)
    assert result.materials[0]["on_time"] is False
    late = service.cases.list_supply_overdue(later.date(), "01")
    assert [s.case_uuid for s in late] == [case_uuid]  # D2 and D3 are still deferred and late
    assert service.cases.list_supply_overdue(service.today(), "01") == []
    with services.workstation.db.transaction() as conn:
        conn.execute("UPDATE cases SET status = 'denied' WHERE case_uuid = ?", (case_uuid,))
    assert service.cases.list_supply_overdue(later.date(), "01") == []
    assert [s.supplement_uuid for s in desk.supplements(case_uuid)] == [result.supplement_uuid]


def _noticed_case(services) -> str:
    service = services.acceptance
    session = service.new_session()
    session.set_applicant(applicant())
    session.set_items((item(),), CHECKLIST, answers={"Q1": "A"})
    session.mark_received("M1")
    return service.commit(session, Decision.ONE_TIME_NOTICE).case_uuid


def test_new_acceptance_after_a_notice_references_the_noticed_case(services) -> None:
    old = _noticed_case(services)
    service = services.acceptance
    assert service.follow_up_item(old) == "IMPL1"
    session = service.follow_up_session(old)
    assert session.applicant == applicant() and session.answers == {"Q1": "A"}
    session.set_items((item(),), CHECKLIST, answers=session.answers)
    assert session.record("M1").state is MaterialState.RECEIVED  # carried over
    assert session.record("M2").state is MaterialState.MISSING
    session.mark_received("M2")
    session.mark_received("M3")
    result = service.commit(session, Decision.ACCEPT)
    assert service.commit(session, Decision.ACCEPT).case_uuid == result.case_uuid  # idempotent per draft
    new = service.cases.get(result.case_uuid)
    old_number = service.cases.get(old).case.case_number
    assert new.details["decision_details"]["follows"] == {"case_uuid": old, "case_number": old_number}
    follows = [e for e in new.events if e.kind == "follows_notice"]
    assert len(follows) == 1 and follows[0].details["follows_case_number"] == old_number
    notes = [e for e in service.cases.get(old).events if e.kind == "note"]
    assert notes[0].details["followed_by_case_number"] == result.case_number
    upsert = [json.loads(r["payload"]) for r in services.workstation.db.query(
        "SELECT payload FROM outbox WHERE case_uuid = ?", (result.case_uuid,))]
    assert upsert[0]["decision_details"]["follows"]["case_number"] == old_number
    assert service.cases.get(old).case.status.value == "notice_issued"


def test_follow_up_only_after_a_notice(services) -> None:
    case_uuid = _deficient_case(services)
    with pytest.raises(NotNoticed):
        services.acceptance.follow_up_session(case_uuid)


def test_supplement_receipt_lists_the_supplied_materials_and_each_has_its_own_print(services, tmp_path) -> None:
    from clerk_app.acceptance.documents import DocumentDesk, Letterhead
    from clerk_app.print_service import PrintService
    from printing.model import DocumentKind
    from tests.unit.acceptance.test_documents import RecordingSpooler, _text

    case_uuid = _deficient_case(services)
    service = services.acceptance
    desk = DocumentDesk(service.cases, PrintService(services.workstation, RecordingSpooler()),
                        Letterhead("培训演示便民服务中心", "综合受理1号窗口", "王五"), clerk_id="clerk7")
    supplements = services.supplements
    first = supplements.new_draft(case_uuid)
    first.set(SuppliedMaterial("D1", copies_received=1, pages=(_page(services, b"a"), _page(services, b"b"))))
    one = supplements.commit(first)
    (printed,) = desk.print_supplement(case_uuid, one)
    assert printed.archived.kind is DocumentKind.SUPPLEMENT_RECEIPT and not printed.archived.reprint
    text = _text(printed.pdf, tmp_path)
    number = service.cases.get(case_uuid).case.case_number
    assert "补齐材料接收回执" in text and number in text and "租赁合同" in text
    assert "尚待补交的材料：消防证明、环评批复" in text and "共1项" in text
    assert ID_NUMBER_MASKED(text)
    second = supplements.new_draft(case_uuid)
    second.set(SuppliedMaterial("D2", copies_received=1))
    second.set(SuppliedMaterial("D3", original_verified=True))
    two = supplements.commit(second)
    (printed2,) = desk.print_supplement(case_uuid, two)
    assert not printed2.archived.reprint  # another supplement's receipt, not a copy
    text2 = _text(printed2.pdf, tmp_path)
    assert "消防证明" in text2 and "环评批复" in text2 and "已全部补齐" in text2 and "租赁合同" not in text2
    (again,) = desk.print_supplement(case_uuid, two)
    assert again.archived.reprint and "补打" in _text(again.pdf, tmp_path)


def ID_NUMBER_MASKED(text: str) -> bool:  # noqa: N802 - reads as a claim
    from tests.unit.acceptance.conftest import ID_NUMBER

    return ID_NUMBER not in text and ID_NUMBER[:6] in text
