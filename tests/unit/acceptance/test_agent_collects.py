"""出件 to a 代办批次's agent as the villager's authorisation allows (m0092), through the batch desk and the handover
desk: covered → the agent collects (relation agent); not covered → refused (AgentMayNotCollect) until a 授权委托书
for the collection is imported; the villager in person always collects; a case outside any batch keeps its agent."""

from __future__ import annotations

import pytest

from clerk_app.acceptance.collector_check import AgentMayNotCollect, CollectorRelation
from clerk_app.domain.applicant import CaptureSource, IdDocumentType, NaturalPerson
from clerk_app.domain.case import Decision
from offline_cache import agent_batches
from tests.unit.acceptance.conftest import CHECKLIST, item
from tests.unit.acceptance.test_collector_check import _case
from tests.unit.acceptance.test_handover import _ready_for_pickup, authorise

CARD = CaptureSource.CARD_READER
AGENT = NaturalPerson("李代办", IdDocumentType.RESIDENT_ID, "110105198001010016", source=CARD)
VILLAGERS = (NaturalPerson("王村民", IdDocumentType.RESIDENT_ID, "11010519491231002X", source=CARD),
             NaturalPerson("赵村民", IdDocumentType.RESIDENT_ID, "110105199003070038", source=CARD))


def _batch_cases(services, covers: tuple[bool, ...]) -> list[str]:
    desk = services.agent_batches
    batch = desk.open(AGENT, village="青石村")
    keys = []
    for villager, collects in zip(VILLAGERS, covers, strict=True):
        session = desk.villager_session(batch, villager)
        session.agent_collects = collects
        session.set_items((item(),), CHECKLIST)
        for spec in CHECKLIST:
            session.mark_received(spec.code)
        key = str(services.acceptance.commit(session, Decision.ACCEPT).case_uuid)
        _ready_for_pickup(services.workstation.db, services.acceptance.rules, key)
        keys.append(key)
    desk.close(batch)
    return keys


def test_the_agent_collects_only_where_the_villager_authorised_it(services) -> None:
    covered, not_covered = _batch_cases(services, (True, False))
    with services.workstation.db.transaction() as conn:
        assert agent_batches.agent_collects(conn, covered) is True
        assert agent_batches.agent_collects(conn, not_covered) is False
    handover = services.handover
    assert handover.check(covered, AGENT).relation is CollectorRelation.AGENT
    with pytest.raises(AgentMayNotCollect):
        handover.check(not_covered, AGENT)
    with pytest.raises(AgentMayNotCollect):
        handover.hand_over(not_covered, AGENT)
    assert services.cases.get(not_covered).case.status.value == "ready_for_pickup"
    assert "领取" in AgentMayNotCollect().message
    assert handover.check(not_covered, VILLAGERS[1]).relation is CollectorRelation.APPLICANT
    handover.hand_over(covered, AGENT)
    assert services.cases.get(covered).case.status.value == "handed_over"


def test_a_power_of_attorney_for_the_collection_lets_the_agent_collect(services, workstation) -> None:
    key = _batch_cases(services, (False, False))[0]
    authorise(workstation, services.handover, key)
    assert services.handover.check(key, AGENT).relation is CollectorRelation.AUTHORISED


def test_an_agent_outside_a_batch_keeps_collecting(services) -> None:
    from tests.unit.acceptance.test_collector_check import AGENT as RELATIVE
    from tests.unit.acceptance.test_collector_check import _card

    key = _case(services)
    with services.workstation.db.transaction() as conn:
        assert agent_batches.agent_collects(conn, key) is None
    assert services.handover.check(key, _card(RELATIVE)).relation is CollectorRelation.AGENT
