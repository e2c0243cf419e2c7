"""Each pull is isolated over real HTTP: a hostile page (a catalog ``version`` of 2^63, JSON nested 100,000 deep,
a calendar of garbage, a cut body) is refused with a clear reason, the other pulls and the uploads go on, and
``sync --once --json`` always prints its report with the errors in it."""

from __future__ import annotations

import json
import logging
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit.sync.factory import make_case

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[3]

CATALOG = "/api/v1/catalog"
HUGE_VERSION = json.dumps({"format": "onewindow.catalog-changes", "format_version": 1, "next_cursor": "c9",
                           "items": [{"implementation_code": "X-1", "version": 2**63}]})
PAGES = {
    "catalog_version_2^63": (CATALOG, HUGE_VERSION),
    "catalog_deep_nesting": (CATALOG, "[" * 100_000 + "]" * 100_000),
    "catalog_4301_digits": (CATALOG, '{"format_version": ' + "9" * 4301 + "}"),
    "catalog_lone_surrogate": (CATALOG, '{"format": "\\ud800"}'),
    "catalog_cut": (CATALOG, HUGE_VERSION[:40]),
    "calendar_garbage": ("/api/v1/calendar", '{"year": 1, "days": "all"}'),
    "case_changes_garbage": ("/api/v1/cases/changes", '{"changes": [{"seq": "x"}], "cursor": 5}'),
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_a_bad_page_stops_only_its_own_pull(name, workstation, sandbox, synced, caplog):
    path, body = PAGES[name]
    case = make_case(workstation, pages=1, rng=random.Random(name))
    sandbox.faults({"kind": "lie", "lie": "raw", "body": body, "path": path, "methods": ["GET"]})
    with caplog.at_level(logging.INFO):
        report = synced.engine.run_once()
    assert report.actions_done == 1 and case["case_number"] in report.cases_sent
    bad = [e for e in report.errors if e["where"].startswith("pull:")]
    assert len(bad) == 1 and bad[0]["kind"] == "server", report.errors
    stream = bad[0]["where"].removeprefix("pull:")
    assert stream in path.replace("/api/v1/", "").replace("/", "_").replace("cases_changes", "case_changes")
    assert stream not in report.pulled
    assert {"case_changes", "catalog", "calendar"} - {stream} <= set(report.pulled)
    refusals = [r for r in caplog.records if r.name.startswith("onewindow.sync") and "refused" in r.getMessage()]
    assert refusals, "the refusal was not logged"
    assert all("11010519491231002X" not in r.getMessage() for r in caplog.records)
    assert all(r.levelno < logging.ERROR for r in caplog.records if r.name.startswith("onewindow")), \
        "a bad page was treated as a bug"
    # Nothing of the page was stored: the catalog cursor did not move to the hostile page's.
    assert synced.engine.store.cursor("catalog") != "c9"


def test_sync_once_json_prints_its_report_with_the_error(ow_home, workstation, sandbox):
    make_case(workstation, pages=1, rng=random.Random(7))
    (ow_home / "config").mkdir(parents=True, exist_ok=True)
    (ow_home / "config" / "onewindow.toml").write_text(
        f'mode = "training"\n[platform]\nbase_url = "{sandbox.base_url}"\n', encoding="utf-8")
    sandbox.faults({"kind": "lie", "lie": "raw", "body": "[" * 100_000, "path": CATALOG, "methods": ["GET"]},
                   {"kind": "lie", "lie": "raw", "body": '{"year": 1, "days": "all"}', "path": "/api/v1/calendar",
                    "methods": ["GET"]})
    env = {**os.environ, "ONEWINDOW_HOME": str(ow_home), "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
           "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "main.py", "sync", "--once", "--json"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout)
    assert report["actions_done"] == 1
    wheres = {e["where"]: e for e in report["errors"]}
    assert {"pull:catalog", "pull:calendar"} <= set(wheres)
    assert wheres["pull:catalog"]["code"] == "malformed_answer"
    assert wheres["pull:calendar"]["code"] == "page_rejected"
    assert "nested deeper" in wheres["pull:catalog"]["detail"]
    assert "year" in wheres["pull:calendar"]["detail"]
    assert "case_changes" in report["pulled"]
