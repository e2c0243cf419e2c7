"""A sync run killed with SIGKILL at random points, restarted, 50 times: nothing lost, nothing duplicated."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.integration.sync.test_faults import assert_exactly_once
from tests.unit.sync.factory import make_case

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[3]
KILLS = 50


def _driver(home: Path, base_url: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
    return subprocess.Popen([sys.executable, "-m", "tests.integration.sync.crash_driver", str(home), base_url],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)


def test_sigkill_at_random_points_loses_and_duplicates_nothing(ow_home, workstation, sandbox):
    (ow_home / "config").mkdir(parents=True, exist_ok=True)
    (ow_home / "config" / "onewindow.toml").write_text(
        "[sync]\nbackoff_base_seconds = 0.01\nbackoff_cap_seconds = 0.02\nchunk_bytes = 16384\n"
        "parallel_cases = 3\n", encoding="utf-8")
    rng = random.Random(20261122)
    cases = [make_case(workstation, pages=3, page_bytes=120_000, rng=rng, materials=2) for _ in range(24)]
    # Some lost answers as well, so kills also land between a commit on the platform and its local record.
    # A few milliseconds per request keep the run long enough for the kills to land mid-work.
    sandbox.faults({"kind": "drop_after", "probability": 0.05}, {"kind": "delay", "seconds": 0.004}, seed=3)
    killed_mid_work = 0
    started = time.monotonic()
    for _ in range(KILLS):
        proc = _driver(ow_home, sandbox.base_url)
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.25))
        if proc.poll() is None:
            killed_mid_work += 1
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        proc.stdout.close()
    sandbox.faults()
    proc = _driver(ow_home, sandbox.base_url)
    out, _ = proc.communicate(timeout=120)
    assert "drained" in out
    assert killed_mid_work >= KILLS // 2
    assert time.monotonic() - started < 150
    assert [tuple(r) for r in workstation.db.query("SELECT state, count(*) FROM outbox GROUP BY state")] == [
        ("done", len(cases))]
    assert_exactly_once(sandbox, cases)
    partials = list((sandbox.db_path.parent / "sandbox-files").glob("*.part"))
    assert partials == []
