"""Clocks that jump: retry times never strand rows; the platform's clock is compared with ours."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clerk_app.sync.clock import ClockWatch
from offline_cache.sync_store import SyncStore
from tests.unit.sync.factory import make_case

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


_SEEDS = iter(range(10**6))


def _failed_at(store: SyncStore, workstation, when: datetime, retry_in: float) -> str:
    case = make_case(workstation, pages=1, rng=random.Random(next(_SEEDS)))
    row = store.claim_head(case["case_uuid"], now=when)
    store.mark_failed(row.outbox_id, "network", "x", retry_in, now=when)
    return case["case_uuid"]


def test_clock_ran_a_year_ahead_during_failures_then_was_corrected(workstation):
    store = SyncStore(workstation.db)
    lane = _failed_at(store, workstation, NOW + timedelta(days=365), retry_in=60)
    assert lane not in store.due_lanes(now=NOW + timedelta(hours=1))  # stranded, as before issue 19
    assert store.clamp_retry_times(600, now=NOW) == 1
    assert lane not in store.due_lanes(now=NOW + timedelta(seconds=599))
    assert lane in store.due_lanes(now=NOW + timedelta(seconds=600))


def test_clock_jumping_forward_only_makes_rows_due_sooner(workstation):
    store = SyncStore(workstation.db)
    lane = _failed_at(store, workstation, NOW, retry_in=300)
    assert store.clamp_retry_times(600, now=NOW + timedelta(days=30)) == 0
    assert lane in store.due_lanes(now=NOW + timedelta(days=30))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(jump=st.floats(min_value=-400 * 86400, max_value=400 * 86400), retry=st.floats(min_value=0, max_value=600))
def test_after_any_jump_a_failed_row_is_due_within_one_cap(workstation, jump, retry):
    store = SyncStore(workstation.db)
    lane = _failed_at(store, workstation, NOW + timedelta(seconds=jump), retry_in=retry)
    store.clamp_retry_times(600, now=NOW)
    assert lane in store.due_lanes(now=NOW + timedelta(seconds=600.001))


def test_a_normal_pass_frees_rows_stranded_by_a_clock_that_ran_ahead(workstation, engine, platform):
    cases = [make_case(workstation, pages=1, rng=random.Random(i)) for i in range(5)]
    platform.down = True
    engine.run_once(pull=False)
    ahead = (datetime.now(UTC) + timedelta(days=365)).isoformat(timespec="milliseconds")
    with workstation.db.transaction() as conn:
        conn.execute("UPDATE outbox SET state = 'failed', next_attempt_at = ?", (ahead,))
    platform.down = False
    report = engine.run_once(pull=False)  # no "sync now": the engine's cap here is 0 s
    assert report.actions_done == 5 and sorted(report.cases_sent) == sorted(c["case_number"] for c in cases)


def test_clock_watch_reads_the_date_header_and_warns_beyond_the_margin():
    watch = ClockWatch(warn_seconds=120)
    assert watch.skew_seconds() is None and not watch.off()
    watch.observe(format_datetime(NOW, usegmt=True), local=NOW + timedelta(seconds=30))
    assert watch.skew_seconds() == 30 and not watch.off()
    watch.observe(format_datetime(NOW, usegmt=True), local=NOW - timedelta(minutes=10))
    assert watch.skew_seconds() == -600 and watch.off()
    watch.observe("not a date")  # ignored, the last good reading stays
    assert watch.skew_seconds() == -600


def test_engine_reports_the_skew_and_records_both_times_on_the_case(workstation, engine, platform):
    platform.clock = ClockWatch(warn_seconds=60)
    platform.clock.observe(format_datetime(datetime.now(UTC) - timedelta(minutes=5), usegmt=True))
    case = make_case(workstation, pages=1, rng=random.Random(9))
    report = engine.run_once(pull=False)
    assert report.clock_off and 290 <= report.clock_skew_seconds <= 310
    row = workstation.db.query("SELECT platform_received_at, local_received_at, clock_skew_seconds FROM cases"
                               " WHERE case_uuid = ?", (case["case_uuid"],))[0]
    assert row["platform_received_at"] == platform._now()
    assert row["local_received_at"] and 290 <= row["clock_skew_seconds"] <= 310
