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


def next_pass_wait(interval: float, due_in: float | None, link_down: bool,
                   rng: random.Random | None = None) -> float:
    """Seconds until a workstation's next automatic pass: the interval +-20 % (the windows of a hall, or a township
    whose link just came back, do not pass in lock-step), or sooner when a row's back-off ends earlier (``due_in``)
    - the back-off schedule, not the interval, decides when a failed row is retried. After a pass that found the
    link down the interval holds, so a dead link is not polled faster than the interval."""
    wait = interval * (rng or random).uniform(0.8, 1.2)
    if link_down or due_in is None:
        return wait
    return min(wait, max(1.0, due_in))
