from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from clerk_app.sync.backoff import next_delay


@given(st.integers(0, 200), st.floats(0.01, 10), st.floats(0.1, 1000), st.none() | st.floats(0, 5000),
       st.integers(0, 2**32))
def test_delay_is_jittered_below_the_exponential_ceiling_and_cap(attempts, base, cap, retry_after, seed):
    delay = next_delay(attempts, base, cap, retry_after, random.Random(seed))
    ceiling = min(cap, base * 2 ** min(attempts, 60))
    if retry_after is None:
        assert 0 <= delay <= ceiling
    else:
        assert min(retry_after, cap) <= delay <= max(ceiling, min(retry_after, cap))


def test_full_jitter_spreads_a_herd():
    rng = random.Random(1)
    delays = [next_delay(5, 2.0, 600.0, rng=rng) for _ in range(1000)]
    assert min(delays) < 8 and max(delays) > 56  # spread over [0, 64), not lock-step
