"""Exponential back-off with full jitter and a cap (AWS architecture blog, "Exponential Backoff and Jitter").

Full jitter spreads the retries of a whole township's windows when its network comes back, so they do not hit the
platform in lock-step; the server's ``Retry-After`` is a floor.
"""

from __future__ import annotations

import random


def next_delay(attempts: int, base: float, cap: float, retry_after: float | None = None,
               rng: random.Random | None = None) -> float:
    ceiling = min(cap, base * (2 ** max(0, min(attempts, 60))))
    delay = (rng or random).uniform(0, ceiling)
    if retry_after is not None:
        delay = max(delay, min(retry_after, cap))
    return delay
