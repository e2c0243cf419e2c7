"""Case state machine, the append-only event log and pauses derived from it."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clerk_app.domain.case import CaseStatus as S
from clerk_app.domain.case import Decision
from clerk_app.domain.case_states import (
    ALLOWED,
    EventKind,
    TransitionNotAllowed,
    can_transition,
    is_terminal,
    pauses_from_events,
    status_for_decision,
    status_label,
    transition,
)
from clerk_app.domain.workdays import Pause
from offline_cache.case_events import load_events, record_event
from offline_cache.db import Database

TZ = timezone(timedelta(hours=8))


def test_every_status_has_rules_and_only_concluded_and_voided_are_terminal() -> None:
    assert set(ALLOWED) == set(S)
    assert [s for s in S if is_terminal(s)] == [S.CONCLUDED, S.VOIDED]


def test_a_case_is_voided_after_its_decision_until_the_result_is_out() -> None:
    voidable = {s for s in S if S.VOIDED in ALLOWED[s]}
    assert S.DRAFT not in voidable and S.ACCEPTED in voidable and S.READY_FOR_PICKUP in voidable
    assert not voidable & {S.HANDED_OVER, S.MAILED, S.CONCLUDED, S.VOIDED}


def test_decisions_map_to_their_states() -> None:
    assert status_for_decision(Decision.ACCEPT) is S.ACCEPTED
    assert status_for_decision(Decision.ACCEPT_WITH_DEFICIENCY) is S.ACCEPTED_PENDING_SUPPLEMENT
    assert status_for_decision(Decision.ONE_TIME_NOTICE) is S.NOTICE_ISSUED
    assert status_for_decision(Decision.REJECT) is S.REJECTED


@pytest.mark.parametrize("path", [
    [S.DRAFT, S.ACCEPTED, S.SUBMITTED, S.IN_REVIEW, S.APPROVED, S.READY_FOR_PICKUP, S.HANDED_OVER, S.CONCLUDED],
    [S.DRAFT, S.ACCEPTED, S.CONCLUDED],  # 即办件
    [S.DRAFT, S.ACCEPTED_PENDING_SUPPLEMENT, S.ACCEPTED, S.SUBMITTED, S.CORRECTION_REQUESTED, S.IN_REVIEW,
     S.SPECIAL_PROCEDURE, S.DENIED, S.MAILED, S.CONCLUDED],
    [S.DRAFT, S.NOTICE_ISSUED, S.ACCEPTED, S.APPROVED, S.MAILED, S.CONCLUDED],
    [S.DRAFT, S.REJECTED, S.CONCLUDED],
])
def test_lifecycles_are_allowed(path: list[S]) -> None:
    for current, target in zip(path, path[1:], strict=False):
        assert transition(current, target) is target


@pytest.mark.parametrize(("current", "target"), [
    (S.CONCLUDED, S.ACCEPTED), (S.REJECTED, S.ACCEPTED), (S.APPROVED, S.IN_REVIEW), (S.DRAFT, S.APPROVED),
    (S.HANDED_OVER, S.MAILED), (S.ACCEPTED_PENDING_SUPPLEMENT, S.APPROVED), (S.ACCEPTED, S.ACCEPTED),
    (S.DRAFT, S.CONCLUDED),
])
def test_forbidden_moves_raise_a_typed_error(current: S, target: S) -> None:
    with pytest.raises(TransitionNotAllowed) as caught:
        transition(current, target)
    assert caught.value.current is current and caught.value.target is target
    assert status_label(current) in caught.value.user_text()


@given(current=st.sampled_from(list(S)), target=st.sampled_from(list(S)))
def test_transition_agrees_with_can_transition(current: S, target: S) -> None:
    if can_transition(current, target):
        assert transition(current, target) is target
    else:
        with pytest.raises(TransitionNotAllowed):
            transition(current, target)


def _case(db: Database) -> str:
    case = str(uuid.uuid4())
    applicant = str(uuid.uuid4())
    with db.transaction() as conn:
        conn.execute("INSERT INTO applicants VALUES (?, 'person', 'resident', 'i', x'00', 'manual', 'now')",
                     (applicant,))
        conn.execute(
            "INSERT INTO cases (case_uuid, case_number, applicant_uuid, item_codes, status, centre_code,"
            " window_code, clerk_id, created_at) VALUES (?, ?, ?, '[]', 'draft', 'c', '01', 'k', 'now')",
            (case, case[:8], applicant),
        )
    return case


def test_events_are_recorded_in_the_callers_transaction_and_append_only(tmp_path: Path) -> None:
    db = Database(tmp_path / "e.sqlite")
    case = _case(db)
    with pytest.raises(RuntimeError):
        record_event(db.conn, case, EventKind.NOTE, None, None, "k", "01")
    with pytest.raises(TransitionNotAllowed), db.transaction() as conn:
        record_event(conn, case, EventKind.DECIDED, S.DRAFT, S.ACCEPTED, "k", "01")
        record_event(conn, case, EventKind.STATUS_CHANGED, S.ACCEPTED, S.DRAFT, "k", "01")
    assert load_events(db.conn, case) == []  # the whole transaction rolled back
    stamp = datetime(2026, 3, 2, 9, 30, tzinfo=TZ)
    with db.transaction() as conn:
        event = record_event(conn, case, EventKind.DECIDED, S.DRAFT, S.ACCEPTED, "clerk7", "01",
                             {"decision": "accept"}, device_time=stamp)
    [loaded] = load_events(db.conn, case)
    assert loaded == event
    assert loaded.device_time == stamp and loaded.clerk_id == "clerk7" and loaded.window_code == "01"
    with pytest.raises(sqlite3.IntegrityError), db.transaction() as conn:
        conn.execute("UPDATE case_events SET clerk_id = 'x'")
    with pytest.raises(sqlite3.IntegrityError), db.transaction() as conn:
        conn.execute("DELETE FROM case_events")


def test_pauses_follow_correction_and_special_procedure(tmp_path: Path) -> None:
    db = Database(tmp_path / "p.sqlite")
    case = _case(db)
    steps = [
        (S.DRAFT, S.ACCEPTED, date(2026, 3, 2)), (S.ACCEPTED, S.SUBMITTED, date(2026, 3, 2)),
        (S.SUBMITTED, S.CORRECTION_REQUESTED, date(2026, 3, 4)), (S.CORRECTION_REQUESTED, S.IN_REVIEW,
                                                                   date(2026, 3, 9)),
        (S.IN_REVIEW, S.SPECIAL_PROCEDURE, date(2026, 3, 16)),
    ]
    with db.transaction() as conn:
        for before, after, day in steps:
            record_event(conn, case, EventKind.STATUS_CHANGED, before, after, "k", "01",
                         device_time=datetime(day.year, day.month, day.day, 10, tzinfo=TZ))
        record_event(conn, case, EventKind.PRINTED, None, None, "k", "01", {"document": "acceptance_notice"})
    pauses = pauses_from_events(load_events(db.conn, case))
    assert pauses == (Pause(date(2026, 3, 4), date(2026, 3, 9)), Pause(date(2026, 3, 16), None))
