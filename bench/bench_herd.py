"""A herd simulation: a province's workstations come back online at once after a platform outage.

    .venv/bin/python bench/bench_herd.py [--stations 10000] [--outage-hours 4] [--cases-per-hour 5]
                                         [--capacity 1000] [--seed 19]

Modelled with the engine's own schedule, imported, not copied: ``clerk_app.sync.backoff.next_delay`` (full jitter,
cap, ``Retry-After`` as a floor) for every failed row and ``next_pass_wait`` for when a workstation passes next;
the settings are the defaults of ``clerk_app.config`` (interval, base, cap, lanes, transport failures per pass).

* During the outage every workstation accepts cases at a Poisson rate and passes as it would: each due row fails
  (no answer), three failures end the pass, the row backs off. So at the moment the platform returns, each station
  holds its queue with the back-off state the outage left.
* Afterwards each pass sends up to ``parallel_cases`` cases side by side, 4 requests per case (PUT, 2 pages,
  binding), ``--latency`` s each. The platform answers at most ``--capacity`` requests per second; beyond that it
  refuses with 503 and ``Retry-After: --retry-after`` (a refusal costs a request too), and the row backs off.

Printed: requests arriving at the platform per second (peak, and the peak of the 10 s mean), refusals, the time
until every queue is empty, and the same for a "naive" fleet (fixed 30 s retries, no jitter) for comparison.
A simulation, not a measurement; not run by pytest.
"""

from __future__ import annotations

import argparse
import heapq
import json
import math
import random
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from clerk_app.config import Config  # noqa: E402
from clerk_app.sync.backoff import next_delay, next_pass_wait  # noqa: E402

REQUESTS_PER_CASE = 4


@dataclass
class Row:
    attempts: int = 0
    due: float = 0.0  # seconds relative to the platform's return (negative: during the outage)


@dataclass
class Station:
    rows: list[Row] = field(default_factory=list)


@dataclass
class Settings:
    interval: float
    base: float
    cap: float
    lanes: int
    stop_after: int
    capacity: int
    retry_after: float
    latency: float
    naive: bool = False


def _delay(settings: Settings, attempts: int, rng: random.Random, retry_after: float | None = None) -> float:
    if settings.naive:
        return settings.interval  # every failure retried at the next interval, no jitter
    return next_delay(attempts, settings.base, settings.cap, retry_after, rng)


def _outage(station: Station, settings: Settings, hours: float, rate_per_hour: float, rng: random.Random) -> float:
    """Play the outage for one station; return the time (<= 0) of its first pass after the platform is back."""
    start = -hours * 3600
    arrivals = []
    t = start
    while True:
        t += rng.expovariate(rate_per_hour / 3600)
        if t >= 0:
            break
        arrivals.append(t)
    now = start + rng.uniform(0, settings.interval)
    pending = list(arrivals)
    while now < 0:
        while pending and pending[0] <= now:
            station.rows.append(Row(0, pending.pop(0)))
        failures = 0
        for row in station.rows:
            if row.due <= now and failures < settings.stop_after:
                row.attempts += 1
                row.due = now + _delay(settings, row.attempts, rng)
                failures += 1
        wait = settings.interval if settings.naive else next_pass_wait(settings.interval, None, True, rng)
        now += wait
    station.rows.extend(Row(0, a) for a in pending)
    return now


def simulate(stations: int, hours: float, rate: float, settings: Settings, seed: int) -> dict[str, float]:
    rng = random.Random(seed)
    fleet = [Station() for _ in range(stations)]
    events: list[tuple[float, int]] = []
    for index, station in enumerate(fleet):
        heapq.heappush(events, (_outage(station, settings, hours, rate, rng), index))
    total_cases = sum(len(s.rows) for s in fleet)
    arrivals: Counter[int] = Counter()  # requests reaching the platform, per second
    accepted: Counter[int] = Counter()
    refused = 0
    remaining = total_cases
    drained_at = 0.0
    while events and remaining:
        now, index = heapq.heappop(events)
        station = fleet[index]
        due = [row for row in station.rows if row.due <= now]
        lanes = [now] * settings.lanes  # each lane's clock within this pass
        done: list[Row] = []
        for row in due:
            lane = min(range(settings.lanes), key=lanes.__getitem__)
            t = lanes[lane]
            row.attempts += 1
            ok = True
            for _ in range(REQUESTS_PER_CASE):
                second = math.floor(t)
                arrivals[second] += 1
                t += settings.latency
                if accepted[second] >= settings.capacity:
                    refused += 1
                    ok = False
                    row.due = t + _delay(settings, row.attempts, rng, settings.retry_after)
                    break
                accepted[second] += 1
            lanes[lane] = t
            if ok:
                done.append(row)
                drained_at = max(drained_at, t)
        for row in done:
            station.rows.remove(row)
        remaining -= len(done)
        if station.rows:
            end = max(lanes)
            due_in = max(0.0, min(row.due for row in station.rows) - end)
            wait = settings.interval if settings.naive else next_pass_wait(settings.interval, due_in, False, rng)
            heapq.heappush(events, (end + wait, index))
    peak_second = max(arrivals.values()) if arrivals else 0
    seconds = sorted(arrivals)
    window = 0
    if seconds:
        first, last = seconds[0], seconds[-1]
        series = [arrivals.get(s, 0) for s in range(first, last + 1)]
        window = max(sum(series[i:i + 10]) for i in range(0, max(1, len(series) - 9))) / 10
    return {
        "stations": stations, "cases_queued_at_return": total_cases, "capacity_per_s": settings.capacity,
        "peak_requests_per_s": peak_second, "peak_10s_mean_requests_per_s": round(window, 1),
        "requests_total": sum(arrivals.values()), "refused": refused,
        "drain_seconds": round(drained_at, 1), "undrained_cases": remaining,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stations", type=int, default=10_000)
    parser.add_argument("--outage-hours", type=float, default=4.0)
    parser.add_argument("--cases-per-hour", type=float, default=5.0)
    parser.add_argument("--capacity", type=int, default=1000, help="requests per second the platform answers")
    parser.add_argument("--retry-after", type=float, default=5.0)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args()
    config = Config()  # the defaults
    base = dict(interval=float(config.get("sync.interval_seconds")),
                base=float(config.get("sync.backoff_base_seconds")), cap=float(config.get("sync.backoff_cap_seconds")),
                lanes=int(config.get("sync.parallel_cases")),
                stop_after=3, capacity=args.capacity, retry_after=args.retry_after, latency=args.latency)
    results = {}
    for name, naive in (("engine_schedule", False), ("naive_fixed_30s", True)):
        results[name] = simulate(args.stations, args.outage_hours, args.cases_per_hour,
                                 Settings(**base, naive=naive), args.seed)
    print(json.dumps({"settings": {**base, "outage_hours": args.outage_hours,
                                   "cases_per_hour": args.cases_per_hour}, **results}, indent=2))


if __name__ == "__main__":
    main()
