from __future__ import annotations

import dataclasses
import json
import random
from datetime import timedelta

import pytest

from clerk_app.sync.engine import drain
from clerk_app.sync.errors import PlatformBusy, PlatformRejected
from offline_cache.outbox import enqueue
from tests.unit.sync.factory import make_case


def states(ws) -> list[tuple[str, str]]:
    return [tuple(r) for r in ws.db.query("SELECT kind, state FROM outbox ORDER BY outbox_id")]


def test_case_files_and_binding_arrive_and_row_is_done_only_after(workstation, engine, platform):
    case = make_case(workstation, pages=3, page_bytes=10_000, rng=random.Random(1))
    report = engine.run_once(pull=False)
    assert report.actions_done == 1 and report.files_uploaded == 3
    assert states(workstation) == [("case_upsert", "done")]
    assert set(platform.complete) == set(case["files"])
    # The manifest goes first, then the files, and the binding last.
    order = [c for c in platform.calls if c in ("put_case", "append_file", "bind")]
    assert order[0] == "put_case" and order[-1] == "bind"
    row = workstation.db.query("SELECT platform_number FROM cases")[0]
    assert row[0] == "PT1"
    confirmed = workstation.db.query("SELECT count(*) FROM blobs WHERE server_confirmed_at IS NOT NULL")[0][0]
    assert confirmed == 3


def test_different_content_under_the_same_key_becomes_a_conflict_for_the_clerk(workstation, engine, platform):
    case = make_case(workstation, pages=1, rng=random.Random(2))
    platform.cases[case["case_uuid"]] = "something else"
    report = engine.run_once(pull=False)
    assert report.conflicts == 1
    assert states(workstation) == [("case_upsert", "conflict")]
    # A conflict blocks its case's lane: nothing later of that case is sent behind its back.
    with workstation.db.transaction() as conn:
        enqueue(conn, "handover", {"case_uuid": case["case_uuid"], "handover_uuid": "h"}, case_uuid=case["case_uuid"])
    drain(engine, timeout=5)
    assert "handover" not in platform.calls
    assert engine.store.summary().conflicts == 1


def test_rows_of_one_case_go_in_order_and_a_failure_holds_the_rest(workstation, engine, platform):
    case = make_case(workstation, pages=1, rng=random.Random(3))
    with workstation.db.transaction() as conn:
        enqueue(conn, "evaluation", {"evaluation_uuid": "e1", "case_uuid": case["case_uuid"], "score": 5},
                case_uuid=case["case_uuid"])
    platform.fail_next = [PlatformBusy(503, 0.0)]
    report = engine.run_once(pull=False)
    assert report.actions_failed == 1
    assert "evaluation" not in platform.calls
    drain(engine, timeout=5)
    assert states(workstation) == [("case_upsert", "done"), ("evaluation", "done")]
    assert platform.calls.index("bind") < platform.calls.index("evaluation")


def test_upload_resumes_from_the_platforms_offset(workstation, engine, platform):
    case = make_case(workstation, pages=1, page_bytes=20_000, rng=random.Random(4))
    sha = case["files"][0]
    data = workstation.blobs.get(sha)
    platform.files[sha] = bytearray(data[:12_288])  # what an earlier, killed run left on the platform
    with workstation.db.transaction() as conn:
        conn.execute("UPDATE outbox SET attempts = 1, state = 'sending'")  # as a crash leaves it
    engine.run_once(pull=False)
    assert sha in platform.complete
    assert platform.bytes_received == len(data) - 12_288
    assert "file_state" in platform.calls


def test_first_attempt_skips_the_head_and_recovers_from_an_offset_answer(workstation, engine, platform):
    case = make_case(workstation, pages=1, page_bytes=9_000, rng=random.Random(5))
    sha = case["files"][0]
    platform.files[sha] = bytearray(workstation.blobs.get(sha)[:4096])
    engine.run_once(pull=False)
    assert sha in platform.complete and "file_state" not in platform.calls


def test_expired_login_releases_the_row_without_counting_an_attempt(workstation, platform):
    from clerk_app.sync.auth import AuthService
    from clerk_app.sync.engine import EngineSettings, SyncEngine

    auth = AuthService(workstation.db, platform, "m", None)  # production: no automatic login
    eng = SyncEngine(workstation.db, workstation.blobs, workstation.cipher, platform, auth,
                     EngineSettings(backoff_base=0, backoff_cap=0))
    try:
        platform.tokens_valid = False
        platform.refresh_ok = False
        make_case(workstation, pages=1, rng=random.Random(6))
        report = eng.run_once(pull=False)
        assert report.errors[0]["kind"] == "login"
        row = workstation.db.query("SELECT state, attempts FROM outbox")[0]
        assert tuple(row) == ("pending", 0)
    finally:
        eng.close()


def test_refused_request_waits_the_cap(workstation, engine, platform):
    make_case(workstation, pages=1, rng=random.Random(7))
    platform.fail_next = [PlatformRejected(400, "bad_field")]
    engine.run_once(pull=False)
    row = workstation.db.query("SELECT state, last_error_code FROM outbox")[0]
    assert tuple(row) == ("failed", "bad_field")


def test_missing_scan_is_reported_not_lost(workstation, engine, platform):
    case = make_case(workstation, pages=1, rng=random.Random(8))
    workstation.blobs.delete(case["files"][0])
    with workstation.db.transaction() as conn:
        conn.execute("UPDATE outbox SET attempts = 1")  # a retry asks the platform first
    report = engine.run_once(pull=False)
    assert report.actions_failed == 1
    assert workstation.db.query("SELECT last_error_code FROM outbox")[0][0] == "blob_missing"


def test_local_scans_are_purged_only_after_confirmation_and_grace(workstation, engine, platform):
    case = make_case(workstation, pages=2, rng=random.Random(9))
    engine.run_once(pull=False)
    assert all(workstation.blobs.exists(sha) for sha in case["files"])  # grace period: 30 days by default
    assert engine.store.purgeable(timedelta(days=30)) == []
    assert sorted(engine.store.purgeable(timedelta(0))) == sorted(case["files"])


def test_scan_shared_with_an_unsent_case_is_not_purged(workstation, engine, platform):
    first = make_case(workstation, pages=1, rng=random.Random(10))
    engine.run_once(pull=False)
    second = make_case(workstation, pages=1, rng=random.Random(11))
    with workstation.db.transaction() as conn:
        conn.execute("UPDATE outbox SET payload = json_set(payload, '$.materials[0].files', json_array(?))"
                     " WHERE case_uuid = ?", (first["files"][0], second["case_uuid"]))
    assert engine.store.purgeable(timedelta(0)) == []


@pytest.mark.parametrize("kind", ["handover", "evaluation"])
def test_other_kinds_carry_their_secret_part(workstation, engine, platform, kind):
    case = make_case(workstation, pages=1, rng=random.Random(12))
    engine.run_once(pull=False)
    with workstation.db.transaction() as conn:
        enqueue(conn, kind, {"case_uuid": case["case_uuid"], "handover_uuid": "h", "evaluation_uuid": "e"},
                case_uuid=case["case_uuid"])
    engine.run_once(pull=False)
    assert kind in platform.calls
    assert states(workstation)[-1] == (kind, "done")


def test_confirmed_actions_are_compacted_to_their_audit_facts(workstation, engine, platform):
    case = make_case(workstation, pages=2, rng=random.Random(5))
    pending = workstation.db.query("SELECT payload, payload_enc FROM outbox")[0]
    assert "materials" in pending["payload"]
    report = engine.run_once(pull=False)
    assert report.actions_done == 1 and report.actions_compacted == 0  # a day of grace by default
    engine.settings = dataclasses.replace(engine.settings, compact_grace=timedelta(0))
    report = engine.run_once(pull=False)
    assert report.actions_compacted == 1
    row = workstation.db.query("SELECT * FROM outbox")[0]
    kept = json.loads(row["payload"])
    assert row["state"] == "done" and row["compacted_at"] and row["payload_enc"] is None
    assert kept["case_uuid"] == case["case_uuid"] and "case_number" in kept and "materials" not in kept
    assert row["server_result"] and row["action_uuid"]  # the platform's receipt stays for the audit trail
    assert len(row["payload"]) < len(pending["payload"])
    assert engine.run_once(pull=False).actions_compacted == 0  # once


def test_unconfirmed_actions_are_never_compacted(workstation, engine, platform):
    from offline_cache.outbox import compact_confirmed

    make_case(workstation, pages=1, rng=random.Random(6))  # never sent
    with workstation.db.transaction() as conn:
        assert compact_confirmed(conn, "9999") == 0
    row = workstation.db.query("SELECT state, payload_enc, compacted_at FROM outbox")[0]
    assert row["state"] != "done" and row["compacted_at"] is None
