from __future__ import annotations

import random

import pytest

from offline_cache.outbox import enqueue
from offline_cache.sync_store import ActionBusy, CaseFrozen, SyncStore
from tests.unit.sync.factory import make_case


def test_only_the_head_of_each_case_is_due_and_cases_are_independent(workstation):
    store = SyncStore(workstation.db)
    a = make_case(workstation, pages=1, rng=random.Random(1))
    b = make_case(workstation, pages=1, rng=random.Random(2))
    with workstation.db.transaction() as conn:
        enqueue(conn, "evaluation", {"x": 1}, case_uuid=a["case_uuid"])
        loose = enqueue(conn, "evaluation", {"x": 2})
    assert store.due_lanes() == [a["case_uuid"], b["case_uuid"], f"action:{loose}"]
    head = store.claim_head(a["case_uuid"])
    assert head is not None and head.kind == "case_upsert" and head.state == "sending" and head.attempts == 1
    assert store.claim_head(a["case_uuid"]).action_uuid == head.action_uuid  # still the head until done
    store.mark_failed(head.outbox_id, "x", "x", retry_in=3600)
    assert a["case_uuid"] not in store.due_lanes()
    assert store.claim_head(a["case_uuid"]) is None  # the evaluation waits behind the failed upsert
    store.retry_now()
    assert store.claim_head(a["case_uuid"]).attempts == 3  # every claim counts, a crashed one too


def test_summary_names_the_oldest_unsent_case(workstation):
    store = SyncStore(workstation.db)
    first = make_case(workstation, pages=1, rng=random.Random(3))
    make_case(workstation, pages=1, rng=random.Random(4))
    summary = store.summary()
    assert summary.queued == 2 and summary.oldest_case_number == first["case_number"]


def test_queued_case_is_frozen_and_a_sending_action_cannot_be_withdrawn(workstation):
    store = SyncStore(workstation.db)
    case = make_case(workstation, pages=1, rng=random.Random(5))
    with workstation.db.transaction() as conn, pytest.raises(CaseFrozen):
        store.ensure_editable(conn, case["case_uuid"])
    with workstation.db.transaction() as conn:
        loose = enqueue(conn, "evaluation", {"x": 1})
    assert store.delete_action(loose)
    store.claim_head(case["case_uuid"])
    with pytest.raises(ActionBusy):
        store.delete_action(case["action_uuid"])
