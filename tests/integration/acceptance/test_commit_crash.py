"""A process killed (SIGKILL) in the middle of the commit leaves no half case and no outbox row; killed after the
commit, the case and its outbox row are both there; retrying the same draft never makes a second case."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from clerk_app.context import open_workstation
from clerk_app.paths import resolve_paths

pytestmark = pytest.mark.integration

CHILD = Path(__file__).with_name("crash_child.py")


def _run(home: Path, case_uuid: str, point: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ONEWINDOW_HOME": str(home)}
    return subprocess.run([sys.executable, str(CHILD), str(home), case_uuid, point], capture_output=True,
                          text=True, env=env, timeout=120)


def _counts(home: Path) -> dict[str, int]:
    ws = open_workstation(resolve_paths(home))
    try:
        return {t: ws.db.query(f"SELECT count(*) FROM {t}")[0][0]
                for t in ("applicants", "cases", "case_materials", "case_events", "outbox",
                          "case_number_sequences")}
    finally:
        ws.close()


def test_kill_inside_the_transaction_leaves_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    case_uuid = str(uuid.uuid4())
    killed = _run(home, case_uuid, "before_outbox")
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert _counts(home) == {"applicants": 0, "cases": 0, "case_materials": 0, "case_events": 0, "outbox": 0,
                             "case_number_sequences": 0}
    retried = _run(home, case_uuid, "none")
    assert retried.returncode == 0, retried.stderr
    number, created = retried.stdout.split()
    assert number.endswith("0001") and created == "True"  # the number was not burnt by the crash
    assert _counts(home)["cases"] == 1 and _counts(home)["outbox"] == 1


def test_kill_after_commit_keeps_case_and_outbox_and_retry_returns_it(tmp_path: Path) -> None:
    home = tmp_path / "home"
    case_uuid = str(uuid.uuid4())
    killed = _run(home, case_uuid, "after_commit")
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    counts = _counts(home)
    assert (counts["cases"], counts["outbox"], counts["case_materials"]) == (1, 1, 3)
    retried = _run(home, case_uuid, "none")
    assert retried.returncode == 0, retried.stderr
    assert retried.stdout.split()[1] == "False"  # the same draft found its case: no second one
    assert _counts(home)["cases"] == 1 and _counts(home)["outbox"] == 1
