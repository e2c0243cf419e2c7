"""补正 requests arriving with the status pull: stored with the status change (and only with it), a repeated page
changes nothing, a malformed request refuses the page."""

from __future__ import annotations

import random

import pytest

from clerk_app.sync.answers import PageRejected, check_case_changes
from clerk_app.sync.pulls import pull_case_changes
from offline_cache.corrections import open_request
from offline_cache.sync_store import SyncStore, store_cursor
from tests.unit.sync.factory import make_case

REQUEST = {"request_id": "BZ-1", "due_by": "2026-12-20", "requested_at": "2026-12-02T08:00:00+00:00",
           "items": [{"material_code": "M1", "name": "身份证", "requirement": "请提交清晰的复印件"}]}


def _changes(case_uuid: str, request: object) -> list[dict]:
    return [{"seq": 1, "case_uuid": case_uuid, "status": "in_review", "note": "", "at": "t1"},
            {"seq": 2, "case_uuid": case_uuid, "status": "supplement_required", "note": "补正", "at": "t2",
             "correction": request}]


def test_the_request_is_stored_with_the_status_change_once(workstation, platform):
    store = SyncStore(workstation.db)
    case = make_case(workstation, pages=1, rng=random.Random(1))
    platform.changes = _changes(case["case_uuid"], REQUEST)
    assert pull_case_changes(workstation.db, platform, store) == 2
    request = open_request(workstation.db.conn, case["case_uuid"])
    assert request is not None and request.request_id == "BZ-1" and str(request.due_by) == "2026-12-20"
    assert [(i.material_code, i.requirement) for i in request.items] == [("M1", "请提交清晰的复印件")]
    [details] = workstation.db.query("SELECT json_extract(details, '$.correction.request_id') FROM case_events"
                                     " WHERE to_status = 'correction_requested'")
    assert details[0] == "BZ-1"
    # The case goes back to review (its 补正 received); a replay of the old request must not stop the clock again.
    with workstation.db.transaction() as conn:
        conn.execute("UPDATE cases SET status = 'in_review'")
        store_cursor(conn, "case_changes", "1")
    assert pull_case_changes(workstation.db, platform, store) == 0
    assert workstation.db.query("SELECT status FROM cases")[0][0] == "in_review"
    assert workstation.db.query("SELECT count(*) FROM case_corrections")[0][0] == 1


def test_a_request_for_a_case_the_machine_does_not_let_move_is_not_stored(workstation, platform):
    store = SyncStore(workstation.db)
    case = make_case(workstation, pages=1, rng=random.Random(2))
    platform.changes = [{"seq": 1, "case_uuid": case["case_uuid"], "status": "approved", "note": "", "at": "t"},
                        {"seq": 2, "case_uuid": case["case_uuid"], "status": "supplement_required", "note": "",
                         "at": "t2", "correction": REQUEST}]
    assert pull_case_changes(workstation.db, platform, store) == 1
    assert workstation.db.query("SELECT count(*) FROM case_corrections")[0][0] == 0


@pytest.mark.parametrize("bad", [
    "not an object", {"items": REQUEST["items"]}, {**REQUEST, "items": []},
    {**REQUEST, "items": [{"name": "x"}]}, {**REQUEST, "due_by": "next week"},
    {**REQUEST, "items": [{"material_code": "M1", "requirement": "x" * 501}]},
])
def test_a_malformed_request_refuses_the_page(bad):
    page = {"changes": _changes("c1", bad), "cursor": "2", "has_more": False}
    with pytest.raises(PageRejected):
        check_case_changes(page)


def test_a_well_formed_request_passes_the_check():
    page = {"changes": _changes("c1", REQUEST), "cursor": "2", "has_more": False}
    assert check_case_changes(page)["changes"][1]["correction"]["request_id"] == "BZ-1"


def test_a_replayed_stream_never_moves_a_case_out_of_its_correction(workstation, platform):
    """The platform replays its stream from the start (a cursor lost on its side, a restored backup): the old
    "in review" before the 补正 request must not take the case out of 补正 (the state machine allows that move,
    for when the 补正 is received)."""
    store = SyncStore(workstation.db)
    case = make_case(workstation, pages=1, rng=random.Random(3))
    platform.changes = _changes(case["case_uuid"], REQUEST)
    assert pull_case_changes(workstation.db, platform, store) == 2
    with workstation.db.transaction() as conn:
        store_cursor(conn, "case_changes", "")  # the same changes, the same seqs, from the beginning
    events = workstation.db.query("SELECT count(*) FROM case_events")[0][0]
    assert pull_case_changes(workstation.db, platform, store) == 0
    assert workstation.db.query("SELECT status FROM cases")[0][0] == "correction_requested"
    assert workstation.db.query("SELECT count(*) FROM case_events")[0][0] == events
    # A later report of the same case still applies (the 补正 was received and review goes on).
    platform.changes = platform.changes + [{"seq": 3, "case_uuid": case["case_uuid"], "status": "in_review",
                                            "note": "", "at": "t3"}]
    assert pull_case_changes(workstation.db, platform, store) == 1
    assert workstation.db.query("SELECT status FROM cases")[0][0] == "in_review"
