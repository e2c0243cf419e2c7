from __future__ import annotations

import random
from datetime import date

import pytest

from clerk_app.sync.pulls import pull_calendar, pull_case_changes
from offline_cache.sync_store import SyncStore
from tests.unit.sync.factory import make_case


def test_status_changes_update_cases_and_log_events_with_the_cursor(workstation, platform):
    store = SyncStore(workstation.db)
    case = make_case(workstation, pages=1, rng=random.Random(1))
    platform.changes = [
        {"seq": 1, "case_uuid": case["case_uuid"], "status": "received", "note": "", "at": "t1"},
        {"seq": 2, "case_uuid": "unknown-elsewhere", "status": "approved", "note": "", "at": "t2"},
        {"seq": 3, "case_uuid": case["case_uuid"], "status": "supplement_required", "note": "补正", "at": "t3"},
    ]
    assert pull_case_changes(workstation.db, platform, store) == 2
    assert workstation.db.query("SELECT status FROM cases")[0][0] == "correction_requested"
    events = workstation.db.query("SELECT from_status, to_status FROM case_events WHERE kind = 'platform_status'")
    assert [tuple(e) for e in events] == [("accepted", "submitted"), ("submitted", "correction_requested")]
    assert store.cursor("case_changes") == "3"
    assert pull_case_changes(workstation.db, platform, store) == 0  # nothing new, nothing repeated


def test_a_late_or_out_of_order_report_never_moves_a_case_backwards(workstation, platform):
    store = SyncStore(workstation.db)
    case = make_case(workstation, pages=1, rng=random.Random(2))
    platform.changes = [
        {"seq": 1, "case_uuid": case["case_uuid"], "status": "in_review", "note": "", "at": "t1"},
        {"seq": 2, "case_uuid": case["case_uuid"], "status": "received", "note": "", "at": "t0"},  # late
        {"seq": 3, "case_uuid": case["case_uuid"], "status": "approved", "note": "", "at": "t2"},
        {"seq": 4, "case_uuid": case["case_uuid"], "status": "in_review", "note": "", "at": "t1"},  # late
    ]
    assert pull_case_changes(workstation.db, platform, store) == 2
    events = workstation.db.query("SELECT from_status, to_status FROM case_events WHERE kind = 'platform_status'")
    assert [tuple(e) for e in events] == [("accepted", "in_review"), ("in_review", "approved")]
    assert workstation.db.query("SELECT status FROM cases")[0][0] == "approved"
    assert store.cursor("case_changes") == "4"


def test_cursor_is_not_stored_when_its_data_could_not_be(workstation, platform, monkeypatch):
    store = SyncStore(workstation.db)
    case = make_case(workstation, pages=1, rng=random.Random(2))
    platform.changes = [{"seq": 1, "case_uuid": case["case_uuid"], "status": "approved", "note": "", "at": "t"}]
    from clerk_app.sync import pulls

    def broken(conn, change, *_cipher):
        raise RuntimeError("disk trouble")

    monkeypatch.setattr(pulls, "_apply_change", broken)
    with pytest.raises(RuntimeError):
        pull_case_changes(workstation.db, platform, store)
    assert store.cursor("case_changes") is None


def test_an_unpublished_year_is_not_marked_complete(workstation, platform):
    store = SyncStore(workstation.db)
    platform.calendar_days = {2026: [{"date": "2026-10-01", "kind": "holiday", "name": "国庆节"},
                                     {"date": "2026-09-20", "kind": "workday", "name": "国庆节"}]}
    assert pull_calendar(workstation.db, platform, store, today=date(2026, 6, 1)) == 2
    from offline_cache.calendar_store import CalendarStore

    calendar = CalendarStore(workstation.db)
    assert calendar.complete_years() == [2026]
    assert pull_calendar(workstation.db, platform, store, today=date(2026, 6, 1)) == 0  # same version
