"""补齐 rows in the engine: files first (resumable), then one idempotent POST keyed by the action UUID."""

from __future__ import annotations

import random
import uuid

from clerk_app.sync.engine import drain
from clerk_app.sync.errors import PlatformBusy
from offline_cache.outbox import enqueue, now_iso
from tests.unit.sync.factory import make_case


def _supplement(ws, case: dict, data: bytes) -> tuple[str, str]:
    sha = ws.blobs.put(data)
    action = str(uuid.uuid4())
    payload = {"supplement_uuid": action, "case_uuid": case["case_uuid"], "case_number": case["case_number"],
               "supplied_at": now_iso(), "clerk_id": "trainee", "window_code": "01", "complete": True,
               "remaining_deferred": [], "materials": [{"material_code": "D1", "name": "租赁合同", "state": "received",
                                                        "original_verified": False, "copies_received": 1,
                                                        "files": [sha]}]}
    with ws.db.transaction() as conn:
        conn.execute("INSERT OR IGNORE INTO blobs (sha256, size, media_type, created_at) VALUES (?, ?, ?, ?)",
                     (sha, len(data), "image/png", now_iso()))
        enqueue(conn, "supplement", payload, case_uuid=case["case_uuid"], action_uuid=action)
    return action, sha


def _states(ws) -> list[tuple[str, str]]:
    return [(r["kind"], r["state"]) for r in ws.db.query("SELECT kind, state FROM outbox ORDER BY outbox_id")]


def test_supplement_goes_after_its_case_with_its_files(workstation, engine, platform):
    case = make_case(workstation, pages=1, rng=random.Random(11))
    action, sha = _supplement(workstation, case, random.Random(12).randbytes(10_000))
    platform.fail_next = [PlatformBusy(503, 0.0)]  # the case fails first: the supplement must wait behind it
    engine.run_once(pull=False)
    assert "supplement" not in platform.calls
    drain(engine, timeout=5)
    assert _states(workstation) == [("case_upsert", "done"), ("supplement", "done")]
    assert sha in platform.complete and list(platform.supplements) == [action]
    calls = platform.calls
    assert calls.index("bind") < calls.index("supplement")
    assert workstation.db.query("SELECT server_confirmed_at FROM blobs WHERE sha256 = ?", (sha,))[0][0]


def test_supplement_sent_again_after_a_lost_answer_is_the_same(workstation, engine, platform):
    case = make_case(workstation, pages=1, rng=random.Random(13))
    action, _sha = _supplement(workstation, case, random.Random(14).randbytes(5_000))
    drain(engine, timeout=5)
    # The platform already holds it (the answer was lost): repeating is harmless.
    with workstation.db.transaction() as conn:
        conn.execute("UPDATE outbox SET state = 'failed', next_attempt_at = ? WHERE action_uuid = ?",
                     (now_iso(), action))
    drain(engine, timeout=5)
    assert _states(workstation)[-1] == ("supplement", "done")
    assert len(platform.supplements) == 1


def test_supplement_with_different_content_is_a_conflict(workstation, engine, platform):
    case = make_case(workstation, pages=1, rng=random.Random(15))
    action, _sha = _supplement(workstation, case, random.Random(16).randbytes(5_000))
    platform.supplements[action] = "other content"
    drain(engine, timeout=5)
    assert _states(workstation) == [("case_upsert", "done"), ("supplement", "conflict")]


def test_back_office_holds_a_deficient_case_until_its_supplement(tmp_path):
    import json as _json
    import time

    from sandbox.backoffice import BackOffice
    from sandbox.store import Store

    store = Store(tmp_path / "s.sqlite3")
    ids = [f"00000000-0000-4000-8000-{n:012d}" for n in range(20)]
    with store.transaction() as conn:
        for n, case_uuid in enumerate(ids):
            body = _json.dumps({"status": "accepted_pending_supplement"})
            conn.execute("INSERT INTO cases VALUES (?, ?, 'x', ?, 'c1', 'received', ?, ?)",
                         (case_uuid, n + 1, body, f"P{n}", now_iso()))
            conn.execute("INSERT INTO case_changes (case_uuid, centre_code, status, at)"
                         " VALUES (?, 'c1', 'received', ?)", (case_uuid, now_iso()))
    office = BackOffice(store, delay=0.0, seed=7)
    for _ in range(4):
        time.sleep(0.01)
        office.step()
    assert {r[0] for r in store.query("SELECT status FROM cases")} == {"in_review"}
    with store.transaction() as conn:  # a partial supplement does not release it, a complete one does
        conn.execute("INSERT INTO supplements VALUES ('s1', ?, 'x', '{}', 0, ?)", (ids[0], now_iso()))
        conn.execute("INSERT INTO supplements VALUES ('s2', ?, 'x', '{}', 1, ?)", (ids[1], now_iso()))
        conn.execute("INSERT INTO supplements VALUES ('s3', ?, 'x', '{}', 0, ?)", (ids[1], now_iso()))
    for _ in range(3):
        time.sleep(0.01)
        office.step()
    status = dict(store.query("SELECT case_uuid, status FROM cases"))
    assert status[ids[0]] == "in_review"
    assert status[ids[1]] in {"ready_for_pickup", "denied", "supplement_required"}
    assert all(status[i] == "in_review" for i in ids[2:])


def test_exported_supplement_replays_once(workstation, tmp_path, platform):
    from clerk_app.sync.export import export_queue, replay_export

    case = make_case(workstation, pages=1, rng=random.Random(21))
    action, sha = _supplement(workstation, case, random.Random(22).randbytes(4_000))
    result = export_queue(workstation, tmp_path / "usb", "correct horse battery")
    assert result.actions == 2 and result.files == 2
    counts = replay_export(result.path, "correct horse battery", platform)
    again = replay_export(result.path, "correct horse battery", platform)
    assert counts["supplements"] == again["supplements"] == 1
    assert list(platform.supplements) == [action] and sha in platform.complete
