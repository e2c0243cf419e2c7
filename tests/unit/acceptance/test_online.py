"""网上申报 → 窗口接件 without the network: the platform's answer parsed strictly, the draft's online records, and the
case_upsert payload that binds the online files without uploading them."""

from __future__ import annotations

import json

import pytest

from clerk_app.domain.case import Decision, MaterialSource, MaterialState
from clerk_app.domain.pre_application import looks_like_number, parse_pre_application
from tests.unit.acceptance.conftest import CHECKLIST, applicant, item

SHA = "ab" * 32


def _answer(**changes):
    data = {"pre_application_id": "0f0e0d0c-0000-4000-8000-000000000001", "number": "WS202612010001",
            "status": "prereviewed", "case_uuid": None, "submitted_at": "2026-12-01T08:00:00+00:00",
            "item_code": "ITEM", "applicant": {"name": "张三", "id_number": "11010519491231002X", "phone": ""},
            "form": {"地址": "x"}, "answers": {},
            "materials": [{"material_code": "M2", "files": [{"sha256": SHA, "name": "a.png", "size": 10}]},
                          {"material_code": "M3", "elicence": {"licence_type": "不动产权证书",
                                                               "licence_number": "EL1"}}],
            "prereview": {"result": "needs_correction", "missing": [{"material_code": "M1", "name": "身份证"}]}}
    data.update(changes)
    return data


def test_number_shape_keeps_clear_of_the_case_number_gun():
    assert looks_like_number("ws202612010001") and not looks_like_number("33030200101202612010001")


@pytest.mark.parametrize("bad", [{"number": "202612010001"}, {"applicant": "张三"}, {"prereview": {"result": "ok"}},
                                 {"materials": [{"material_code": "M2", "files": [{"sha256": "zz", "size": 1}]}]},
                                 {"form": {"地址": 3}}])
def test_a_malformed_answer_is_refused_naming_the_field(bad):
    with pytest.raises(ValueError):
        parse_pre_application(_answer(**bad))


def test_online_materials_arrive_received_and_are_bound_not_uploaded(service):
    pre = parse_pre_application(_answer())
    assert not pre.prereview.passed and pre.taken_by_case is None
    session = service.new_session()
    session.take_online(pre)
    session.set_applicant(applicant())
    session.set_items((item(),), CHECKLIST)
    m2, m3 = session.record("M2"), session.record("M3")
    assert (m2.state, m2.source, m2.original_verified, m2.page_blob_ids) == (
        MaterialState.RECEIVED, MaterialSource.ONLINE, False, ())
    assert (m3.state, m3.source) == (MaterialState.ELICENCE_REUSED, MaterialSource.ONLINE)
    assert session.record("M1").source is MaterialSource.CARD_READER  # the card on the reader, not the upload
    session.mark_received("M2")  # the clerk saw the original
    assert session.record("M2").original_verified and session.record("M2").source is MaterialSource.ONLINE
    session.mark_received("M1")
    result = service.commit(session, Decision.ACCEPT)
    payload = json.loads(service._db.query(  # noqa: SLF001
        "SELECT payload FROM outbox WHERE case_uuid = ?", (result.case_uuid,))[0][0])
    assert payload["pre_application_id"] == pre.pre_application_id
    by_code = {m["material_code"]: m for m in payload["materials"]}
    assert by_code["M2"]["online_files"] == [SHA] and by_code["M2"]["files"] == []
    assert "online_files" not in by_code["M1"] and "online_files" not in by_code["M3"]


def test_a_row_decided_anew_is_the_windows_again(service):
    session = service.new_session()
    session.take_online(parse_pre_application(_answer()))
    session.set_applicant(applicant())
    session.set_items((item(),), CHECKLIST)
    session.update("M2", state=MaterialState.MISSING)
    assert session.record("M2").source is MaterialSource.WINDOW and session.online_files("M2") == ()


def test_a_window_only_case_has_no_online_keys(service):
    session = service.new_session()
    session.set_applicant(applicant())
    session.set_items((item(),), CHECKLIST)
    for spec in CHECKLIST:
        session.mark_received(spec.code)
    result = service.commit(session, Decision.ACCEPT)
    payload = json.loads(service._db.query(  # noqa: SLF001
        "SELECT payload FROM outbox WHERE case_uuid = ?", (result.case_uuid,))[0][0])
    assert "pre_application_id" not in payload
    assert all("online_files" not in m for m in payload["materials"])


def test_a_home_visit_case_says_where_it_was_taken(service):
    from clerk_app.domain.case import TakenAt

    service.taken_at = TakenAt.HOME_VISIT  # the laptop away from the centre (上门办理)
    session = service.new_session()
    session.set_applicant(applicant())
    session.set_items((item(),), CHECKLIST)
    for spec in CHECKLIST:
        session.mark_received(spec.code)
    result = service.commit(session, Decision.ACCEPT)
    payload = json.loads(service._db.query(  # noqa: SLF001
        "SELECT payload FROM outbox WHERE case_uuid = ?", (result.case_uuid,))[0][0])
    assert payload["taken_at"] == "home_visit"
    assert service.cases.get(result.case_uuid).details["taken_at"] == "home_visit"


def test_the_place_chooser_sets_where_the_next_cases_are_taken(qtbot):
    from clerk_app.domain.case import TakenAt
    from ui.agent_batch_bar import AgentBatchBar

    bar = AgentBatchBar()
    qtbot.addWidget(bar)
    bar.set_taken_at(TakenAt.WINDOW)
    with qtbot.waitSignal(bar.taken_at_changed) as changed:
        bar.taken_at.setCurrentIndex(bar.taken_at.findData(TakenAt.AGENT_POINT))
    assert changed.args == [TakenAt.AGENT_POINT]


def test_only_the_online_applicants_card_confirms_the_draft(service):
    from clerk_app.acceptance.errors import NotTheOnlineApplicant
    from clerk_app.acceptance.online import applicant_of
    from clerk_app.domain.applicant import Applicant, CaptureSource, IdDocumentType, NaturalPerson

    pre = parse_pre_application(_answer())
    session = service.new_session()
    session.take_online(pre)
    session.set_applicant(applicant_of(pre))
    stranger = Applicant(NaturalPerson("李四", IdDocumentType.RESIDENT_ID, "110105194912310011",
                                       source=CaptureSource.CARD_READER))
    with pytest.raises(NotTheOnlineApplicant):
        session.set_applicant(stranger)
    with pytest.raises(NotTheOnlineApplicant):
        session.set_applicant(None)
    assert session.applicant.display_name == "张三"
    session.set_applicant(applicant())  # the same person's card (same ID number): now read by the reader
    assert session.applicant.principal.source is CaptureSource.SIMULATED
