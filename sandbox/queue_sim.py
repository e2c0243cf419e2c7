"""Arriving citizens for training mode: tickets taken at a configurable rate so a trainee can practise a day.

Arrivals are a Poisson process (exponential gaps) from a seeded generator, so a training session repeats. About
half the simulated citizens take their ticket by reading an ID card (a synthetic, checksum-valid number, stored
masked like a real one). ``step(now)`` issues what arrived up to ``now``; the thread calls it with the real time, a
benchmark can drive it with a simulated clock.
"""

from __future__ import annotations

import logging
import random
import threading
from datetime import datetime, timedelta

from sandbox.queue_store import QueueStore, utc_now

log = logging.getLogger("sandbox.queue_sim")

WEIGHTS = {"general": 5, "social": 3, "property": 2, "pickup": 2}
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def synthetic_id_number(rng: random.Random) -> str:
    body = f"330302{rng.randint(1950, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, _ID_WEIGHTS, strict=True)) % 11]
    return body + check


class ArrivalSimulator:
    def __init__(self, queue: QueueStore, per_hour: float, seed: int = 7) -> None:
        self.queue, self.per_hour = queue, per_hour
        self.rng = random.Random(seed)
        self._next: datetime | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sandbox-queue-arrivals", daemon=True)

    def _gap(self) -> timedelta:
        return timedelta(hours=self.rng.expovariate(self.per_hour))

    def step(self, now: datetime) -> int:
        """Issue every ticket that arrived up to ``now``; the store's clock stamps them."""
        if self.per_hour <= 0:
            return 0
        if self._next is None:
            self._next = now + self._gap()
        issued = 0
        while self._next <= now:
            business = self.rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
            id_number = synthetic_id_number(self.rng) if self.rng.random() < 0.5 else ""
            self.queue.issue(business, id_number, channel="simulated")
            issued += 1
            self._next += self._gap()
        return issued

    def start(self) -> None:
        if self.per_hour > 0:
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.wait(1.0):
            try:
                self.step(utc_now())
            except Exception:  # a locked database now and then must not end the training day
                log.exception("simulated arrival failed")
