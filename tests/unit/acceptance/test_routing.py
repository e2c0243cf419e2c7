"""按责转办: which paper a case sends, the custody state machine, the slip per department and batch (each case once),
the receipt scanned back (once), every action through the outbox exactly once."""

from __future__ import annotations

import json

import pytest

from clerk_app.acceptance.routing import NothingToRoute, UnknownSlip
from clerk_app.domain.case import Decision, MaterialRecord, MaterialSource, MaterialState
from clerk_app.domain.catalog import MaterialSpec, PaperForm
from clerk_app.domain.routing import (
    Custody,
    CustodyEvent,
    CustodyTransitionNotAllowed,
    is_slip_number,
    paper_lines,
    transition,
)
from offline_cache.routing import custody_events
from tests.integration.sync.test_fees import _code_of
from tests.unit.acceptance.conftest import applicant, item

MARRIAGE = "补领婚姻登记证"  # 清河区民政局: ID 原件和复印件 (copy kept), 户口簿 原件 1, photos 原件 2
TRAINING = "职业技能培训补贴申领"  # 清河区人力资源和社会保障局


def _accept(services, name: str, decision: Decision = Decision.ACCEPT) -> str:
    services.catalog.ensure_training_catalog()
    found = services.catalog.get_item(_code_of(name))
    session = services.acceptance.new_session()
    session.set_applicant(applicant())
    session.set_items((found,), found.materials)
    for spec in found.materials:
        session.mark_received(spec.code)
    if decision is Decision.ONE_TIME_NOTICE:
        session.update(found.materials[0].code, state=MaterialState.MISSING)
    return services.acceptance.commit(session, decision).case_uuid


def test_custody_is_its_own_state_machine() -> None:
    assert transition(Custody.AT_WINDOW, CustodyEvent.SLIP_MADE) is Custody.IN_TRANSIT
    assert transition(Custody.IN_TRANSIT, CustodyEvent.RECEIVED) is Custody.RECEIVED
    for state, event in ((Custody.AT_WINDOW, CustodyEvent.RECEIVED), (Custody.IN_TRANSIT, CustodyEvent.SLIP_MADE),
                         (Custody.RECEIVED, CustodyEvent.SLIP_MADE), (Custody.RECEIVED, CustodyEvent.RECEIVED)):
        with pytest.raises(CustodyTransitionNotAllowed):
            transition(state, event)


def test_the_paper_a_case_sends() -> None:
    specs = (MaterialSpec("ID", "身份证", paper_form=PaperForm.ORIGINAL_AND_COPY, original_count=1, copy_count=1),
             MaterialSpec("F", "申请表", paper_form=PaperForm.ORIGINAL, original_count=1),
             MaterialSpec("S", "查验原件", paper_form=PaperForm.ORIGINAL, original_count=0),
             MaterialSpec("R", "复用", paper_form=PaperForm.COPY, copy_count=1))
    records = (MaterialRecord("ID", "身份证", MaterialState.RECEIVED, True, 1, ("a", "b")),
               MaterialRecord("F", "申请表", MaterialState.RECEIVED, True, 0, ("c",)),
               MaterialRecord("S", "查验原件", MaterialState.RECEIVED, True, 0),
               MaterialRecord("R", "复用", MaterialState.RECEIVED, False, 1, source=MaterialSource.EARLIER_CASE))
    lines = paper_lines(records, [_with(specs)])
    assert [(p.name, p.kind, p.copies, p.pages) for p in lines] == [("身份证", "复印件", 1, 2),
                                                                    ("申请表", "原件", 1, 1)]


def _with(specs):
    import dataclasses

    return dataclasses.replace(item(), materials=specs)


def test_a_slip_per_department_and_batch_each_case_once(services, workstation) -> None:
    desk = services.routing
    first, second = _accept(services, MARRIAGE), _accept(services, MARRIAGE)
    other = _accept(services, TRAINING)
    _accept(services, MARRIAGE, Decision.ONE_TIME_NOTICE)  # not accepted: its paper went back with the applicant
    waiting = desk.at_window()
    assert {c.case_uuid for c in waiting} == {first, second, other}
    assert desk.departments() == sorted(["清河区民政局", "清河区人力资源和社会保障局"])
    [marriage] = [c for c in waiting if c.case_uuid == first]
    kinds = {(p.name, p.kind, p.copies) for p in marriage.paper}
    assert ("居民户口簿", "原件", 1) in kinds and ("近期免冠彩色照片（白底，2寸）", "原件", 2) in kinds
    assert not any(p.name == "申请人居民身份证" for p in marriage.paper)  # the card the reader read (读卡器核验)
    assert "*" in marriage.applicant_masked

    slip = desk.make_slip("清河区民政局")
    assert is_slip_number(slip.slip_number) and slip.state == "in_transit"
    assert [line["case_uuid"] for line in slip.lines] == [first, second]
    assert [c.case_uuid for c in desk.at_window()] == [other]
    with pytest.raises(NothingToRoute):
        desk.make_slip("清河区民政局")
    [row] = workstation.db.query("SELECT case_uuid, payload FROM outbox WHERE kind = 'routing_slip'")
    payload = json.loads(row[1])
    assert row[0] is None and payload["slip_uuid"] == slip.slip_uuid and len(payload["cases"]) == 2
    assert "张" not in row[1]  # no personal data in the order: the masked name is printed only

    assert [s.slip_uuid for s in desk.slips(Custody.IN_TRANSIT)] == [slip.slip_uuid]
    receipt = desk.receive(slip.slip_number)
    assert receipt.created and receipt.slip.state == "received" and receipt.slip.received_at
    again = desk.receive(slip.slip_number)
    assert not again.created and again.slip.received_at == receipt.slip.received_at
    assert workstation.db.query("SELECT count(*) FROM outbox WHERE kind = 'routing_receipt'")[0][0] == 1
    assert [s.slip_uuid for s in desk.slips(Custody.RECEIVED)] == [slip.slip_uuid]
    assert [e[0] for e in custody_events(workstation.db.conn, slip.slip_uuid)] == ["slip_made", "received"]
    with pytest.raises(UnknownSlip):
        desk.receive("80000000000000")
    assert desk.find(slip.slip_number).slip_uuid == slip.slip_uuid and desk.find(first) is None
