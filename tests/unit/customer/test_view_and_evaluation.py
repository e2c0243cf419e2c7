"""The customer screen's presenter (Qt-free): states follow the case, privacy, and 好差评 once per case."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date

import pytest

from clerk_app.customer.evaluation import AlreadyEvaluated, CaseContext, EvaluationDesk
from clerk_app.customer.view import CustomerScreenPresenter, CustomerView, Stage
from clerk_app.domain.applicant import Applicant, CaptureSource, IdDocumentType, NaturalPerson
from clerk_app.domain.case import Decision, MaterialRecord, MaterialState
from clerk_app.domain.catalog import MaterialSpec
from tests.unit.sync.factory import make_case

ID = "11010519491231002X"
PERSON = NaturalPerson("张三丰", IdDocumentType.RESIDENT_ID, ID, valid_from=date(2015, 3, 1),
                       valid_until=date(2035, 3, 1), source=CaptureSource.CARD_READER)
APPLICANT = Applicant(PERSON)
SPECS = (MaterialSpec("M01", "居民身份证"),
         MaterialSpec("M02", "申请表", blank_form_ref="blank/M02.pdf", sample_ref="sample/M02.pdf"),
         MaterialSpec("M03", "户口簿", deferrable=True))
CASE = CaseContext("0d1f5a3e-9a55-4c35-9a2f-5f2f4e2d8c11", "330302001-01-20261201-00001-0d1f", ("ITEM1",),
                   "330302001", "01", "clerk-07")


def _everything(view: CustomerView) -> str:
    return repr(asdict(view))


def test_a_citizen_passes_through_every_state_and_leaves_nothing_behind() -> None:
    seen: list[CustomerView] = []
    presenter = CustomerScreenPresenter("培训中心", "01")
    presenter.listeners.append(seen.append)
    presenter.ticket_called("A012", "01")
    assert presenter.view == CustomerView(Stage.IDLE, centre="培训中心", window="01", ticket="A012")

    presenter.identity_read(APPLICANT)
    view = presenter.view
    assert view.stage is Stage.CONFIRM_IDENTITY
    assert (view.masked_name, view.masked_id) == ("张**", "110105********002X")
    assert view.validity == "2015-03-01 — 2035-03-01"
    assert ID not in _everything(view) and "张三丰" not in _everything(view)
    presenter.confirm_identity("screen")
    assert presenter.view.identity_confirmed == "screen"

    records = {"M01": MaterialRecord("M01", "居民身份证", MaterialState.RECEIVED),
               "M03": MaterialRecord("M03", "户口簿", MaterialState.DEFERRED, supply_by=date(2026, 12, 11))}
    presenter.checklist(["户籍迁移"], SPECS, records)
    view = presenter.view
    assert view.stage is Stage.CHECKLIST and view.items == ("户籍迁移",)
    assert [(line.name, line.state) for line in view.lines] == [
        ("居民身份证", "received"), ("申请表", "pending"), ("户口簿", "deferred")]
    assert view.lines[2].supply_by == date(2026, 12, 11)

    presenter.decided(CASE, Decision.ONE_TIME_NOTICE, None, False,
                      [("M02", "原件1份", None), ("M03", "原件1份", None)], SPECS)
    view = presenter.view
    assert view.stage is Stage.DECISION and view.decision == "one_time_notice"
    assert [b.name for b in view.to_bring] == ["申请表", "户口簿"]
    assert (view.to_bring[0].blank_form_ref, view.to_bring[0].sample_ref) == ("blank/M02.pdf", "sample/M02.pdf")

    assert presenter.invite_evaluation()
    assert (presenter.view.stage, presenter.view.sign_paper) == (Stage.SIGNATURE, "one_time_notice")  # 签收
    presenter.signed("one_time_notice")
    assert presenter.view.stage is Stage.EVALUATION and presenter.view.reasons
    assert presenter.evaluate(5)
    assert presenter.view.stage is Stage.THANKS
    presenter.end_citizen()
    assert presenter.view == CustomerView(Stage.IDLE, centre="培训中心", window="01", ticket="A012")
    assert [v.stage for v in seen] == [Stage.IDLE, Stage.CONFIRM_IDENTITY, Stage.CONFIRM_IDENTITY, Stage.CHECKLIST,
                                       Stage.DECISION, Stage.SIGNATURE, Stage.EVALUATION, Stage.THANKS,
                                       Stage.IDLE]
    assert all(ID not in _everything(v) for v in seen)


def test_the_next_ticket_and_the_lock_blank_the_previous_citizen() -> None:
    presenter = CustomerScreenPresenter("中心", "02")
    presenter.identity_read(APPLICANT)
    presenter.checklist(["事项"], SPECS, {})
    presenter.ticket_called("A013")
    assert presenter.view == CustomerView(Stage.IDLE, centre="中心", window="02", ticket="A013")
    presenter.identity_read(APPLICANT)
    presenter.blank()
    assert presenter.view == CustomerView(Stage.BLANK)
    presenter.unblank()
    assert presenter.view.stage is Stage.IDLE and not presenter.view.masked_name


def test_a_card_read_after_a_decision_starts_the_next_citizen_from_scratch() -> None:
    presenter = CustomerScreenPresenter("中心", "02")
    presenter.identity_read(APPLICANT)
    presenter.decided(CASE, Decision.ACCEPT, date(2026, 12, 20), False, [], SPECS)
    other = Applicant(NaturalPerson("李四", IdDocumentType.RESIDENT_ID, "110105198001010011"))
    presenter.identity_read(other)
    assert presenter.view.masked_name == "李*" and presenter.view.case_number == ""
    assert presenter.current_case is None


def test_one_evaluation_per_case_and_reasons_only_for_a_low_grade() -> None:
    notices: list[str] = []
    presenter = CustomerScreenPresenter("中心", "01", reasons=["服务效率", "服务态度"])
    presenter.clerk_listeners.append(notices.append)
    assert not presenter.evaluate(5)  # nothing to evaluate before a decision
    presenter.decided(CASE, Decision.ACCEPT, None, True, [], SPECS)
    presenter.invite_evaluation()
    assert presenter.evaluate(2, ["服务态度", "not offered"], "太慢")
    assert notices == ["evaluated"]  # the clerk learns that, never what
    presenter.decided(CASE, Decision.ACCEPT, None, True, [], SPECS)
    assert not presenter.invite_evaluation()  # the same case again: no second evaluation
    assert not presenter.evaluate(1)


def _stored_case(workstation) -> CaseContext:
    made = make_case(workstation, pages=1)
    with workstation.db.transaction() as conn:  # only the evaluation's own row in the outbox
        conn.execute("DELETE FROM outbox")
    return CaseContext(made["case_uuid"], made["case_number"], ("ITEM1",), "330302001", "01", "clerk-07")


def test_the_desk_queues_one_evaluation_without_the_citizen(workstation) -> None:
    case = _stored_case(workstation)
    desk = EvaluationDesk(workstation.db)
    desk.record(case, 2, ["服务效率"], " 等了很久 ")
    with pytest.raises(AlreadyEvaluated):
        desk.record(case, 5)
    rows = workstation.db.query("SELECT kind, case_uuid, payload, payload_enc FROM outbox")
    assert len(rows) == 1 and rows[0]["kind"] == "evaluation" and rows[0]["payload_enc"] is None
    payload = json.loads(rows[0]["payload"])
    assert payload["score"] == 2 and payload["reasons"] == ["服务效率"] and payload["comment"] == "等了很久"
    assert {k: payload[k] for k in ("case_uuid", "case_number", "item_codes", "window_code", "clerk_id")} == {
        "case_uuid": case.case_uuid, "case_number": case.case_number, "item_codes": ["ITEM1"],
        "window_code": "01", "clerk_id": "clerk-07"}
    assert not {"applicant", "name", "id_number", "phone"} & set(payload)
    assert desk.was_evaluated(case.case_uuid) and not desk.was_evaluated(CASE.case_uuid)


def test_a_skip_is_recorded_as_not_evaluated_with_no_grade(workstation) -> None:
    desk = EvaluationDesk(workstation.db)
    desk.record(_stored_case(workstation), None, ["服务效率"], "ignored")
    payload = json.loads(workstation.db.query("SELECT payload FROM outbox")[0]["payload"])
    assert (payload["evaluated"], payload["score"], payload["grade_text"]) == (False, None, "未评价")
    assert payload["reasons"] == [] and payload["comment"] == ""
    with pytest.raises(ValueError):
        desk.record(CaseContext("x", "n", (), "c", "01", "k"), 6)
