"""The training arrivals: a seeded Poisson stream of tickets, half with a (synthetic) ID number stored masked."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sandbox.queue_sim import ArrivalSimulator, synthetic_id_number
from sandbox.queue_store import QueueStore
from sandbox.store import Store

START = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)


def _queue(tmp_path, clock):
    return QueueStore(Store(tmp_path / "sandbox.sqlite3"), clock=clock)


def test_arrivals_follow_the_configured_rate_and_repeat(tmp_path) -> None:
    now = [START]
    queue = _queue(tmp_path / "a", lambda: now[0])
    sim = ArrivalSimulator(queue, per_hour=60, seed=3)
    sim.step(START)
    counts = []
    for hour in range(1, 5):
        now[0] = START + timedelta(hours=hour)
        counts.append(sim.step(now[0]))
    assert 180 <= sum(counts) <= 300  # 4 h at 60/h
    rows = queue.store.query("SELECT number, id_number_masked, channel FROM queue_tickets")
    assert {r["channel"] for r in rows} == {"simulated"}
    masked = [r["id_number_masked"] for r in rows if r["id_number_masked"]]
    assert 0.3 < len(masked) / len(rows) < 0.7 and all("********" in m for m in masked)
    again = ArrivalSimulator(_queue(tmp_path / "b", lambda: START), per_hour=60, seed=3)
    again.step(START)
    assert again.step(START + timedelta(hours=1)) == counts[0]


def test_rate_zero_issues_nothing(tmp_path) -> None:
    sim = ArrivalSimulator(_queue(tmp_path, lambda: START), per_hour=0)
    assert sim.step(START + timedelta(days=1)) == 0


def test_synthetic_id_numbers_carry_a_valid_check_digit() -> None:
    import random

    from clerk_app.domain.checkdigits import is_valid_id_number

    rng = random.Random(1)
    assert all(is_valid_id_number(synthetic_id_number(rng)) for _ in range(50))
