"""受理前收费 holds the decision: the draft's notice, the platform's confirmation pulled before the case exists, the
commit refused until paid (一次性告知 / 不予受理 never held), and the safe default for an item without 收费环节."""

from __future__ import annotations

import pytest

from clerk_app.acceptance.fees import FeeNoticeMissing, FeeUnpaidBeforeAcceptance
from clerk_app.domain.case import Decision, MaterialState
from clerk_app.domain.catalog import FeeItem, Fees, HandlingType, ItemType, ServiceItem, TimeLimit
from clerk_app.domain.decision_rules import RejectionDetails, RejectionType
from clerk_app.domain.fees import FeeStage, effective_stage
from clerk_app.sync.pulls import pull_payments
from offline_cache.sync_store import SyncStore
from tests.integration.sync.test_fees import _code_of
from tests.unit.acceptance.conftest import applicant
from tests.unit.acceptance.test_handover import COLLECTOR, _ready_for_pickup
from tests.unit.sync.fake_platform import FakePlatform

BEFORE_ACCEPTANCE = "临时居民身份证核发"  # training catalog: 10元/证, stage before_acceptance
NO_STAGE = "居民身份证换领"  # 20元/证, no 收费环节 stated


def _item(services, name: str) -> ServiceItem:
    services.catalog.ensure_training_catalog()
    return services.catalog.get_item(_code_of(name))


def _complete_draft(services, name: str):
    item = _item(services, name)
    session = services.acceptance.new_session()
    session.set_applicant(applicant())
    session.set_items((item,), item.materials)
    for spec in item.materials:
        session.mark_received(spec.code)
    return session


def _pay(workstation, notice) -> None:
    platform = FakePlatform()
    platform.payments = [{"seq": 1, "notice_uuid": notice.notice_uuid, "payment_code": notice.payment_code,
                          "status": "paid", "paid_at": "2026-12-02T09:00:00+08:00", "voucher": "PZ0001"}]
    assert pull_payments(workstation.db, platform, SyncStore(workstation.db)) == 1


def test_acceptance_waits_for_the_platforms_payment_confirmation(services, workstation) -> None:
    session = _complete_draft(services, BEFORE_ACCEPTANCE)
    fees = services.fees
    hold = fees.decision_hold(session)
    assert hold is not None and hold.notice is None and hold.amount_fen == 1000 and not hold.paid
    with pytest.raises(FeeUnpaidBeforeAcceptance) as held:
        services.acceptance.commit(session, Decision.ACCEPT)
    assert "10.00" in held.value.user_text()
    assert not services.cases.exists(session.case_uuid)  # nothing written, no number burnt

    notice = fees.issue_for_draft(session)
    assert notice.stage == "before_acceptance" and notice.case_uuid == session.case_uuid
    assert fees.issue_for_draft(session) == notice  # one notice per draft: printing again is the same notice
    [order] = workstation.db.query("SELECT kind, case_uuid, payload FROM outbox WHERE kind = 'fee_notice'")
    assert order[1] is None and '"case_number": ""' in order[2] and session.case_uuid in order[2]
    with pytest.raises(FeeUnpaidBeforeAcceptance):
        services.acceptance.commit(session, Decision.ACCEPT)

    _pay(workstation, notice)  # the pull finds no case yet: the notice is marked paid, no event
    hold = fees.decision_hold(session)
    assert hold is not None and hold.paid
    result = services.acceptance.commit(session, Decision.ACCEPT)
    assert result.created
    kinds = [e.kind for e in services.cases.get(result.case_uuid).events]
    assert kinds.index("fee_notice_issued") < kinds.index("fee_paid") < kinds.index("decided")
    [stored] = fees.notices(result.case_uuid)
    assert stored.paid and stored.voucher == "PZ0001"


def test_notice_and_rejection_are_not_held(services) -> None:
    rejected = _complete_draft(services, BEFORE_ACCEPTANCE)
    details = RejectionDetails("不属于本机关职权范围", "", "市公安局", RejectionType.NOT_COMPETENT)
    assert services.acceptance.commit(rejected, Decision.REJECT, details).created
    noticed = _complete_draft(services, BEFORE_ACCEPTANCE)
    code = noticed.checklist[0].code
    noticed.update(code, state=MaterialState.MISSING)
    assert services.acceptance.commit(noticed, Decision.ONE_TIME_NOTICE).created


def _charged(stage: str) -> ServiceItem:
    return ServiceItem("B", "I", "事项", ItemType.ADMINISTRATIVE_LICENCE, "局", HandlingType.PROMISED, TimeLimit(5),
                       TimeLimit(5), (), fees=Fees(True, (FeeItem("工本费", "20元/证"),), "依据", stage))


def test_an_item_without_a_stated_stage_is_held_before_conclusion() -> None:
    assert effective_stage([_charged("")]) is FeeStage.BEFORE_CONCLUSION  # the safe default: never the decision
    assert effective_stage([_charged("before_acceptance")]) is FeeStage.BEFORE_ACCEPTANCE
    free = ServiceItem("B", "I", "事项", ItemType.ADMINISTRATIVE_LICENCE, "局", HandlingType.PROMISED, TimeLimit(5),
                       TimeLimit(5), (), fees=Fees(True, (FeeItem("登记费", "免收"),), "", ""))
    assert effective_stage([free]) is None


def test_without_a_stated_stage_the_decision_is_free_and_the_handover_is_held(services, workstation) -> None:
    session = _complete_draft(services, NO_STAGE)
    assert services.fees.decision_hold(session) is None
    result = services.acceptance.commit(session, Decision.ACCEPT)
    _ready_for_pickup(workstation.db, services.acceptance.rules, result.case_uuid)
    with pytest.raises(FeeNoticeMissing):
        services.handover.hand_over(result.case_uuid, COLLECTOR)
