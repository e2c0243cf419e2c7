from __future__ import annotations

import random

import pytest

from clerk_app.sync.engine import drain
from tests.unit.sync.factory import make_case

pytestmark = pytest.mark.integration


def test_cases_and_files_reach_the_platform_once(workstation, sandbox, synced):
    rng = random.Random(1)
    cases = [make_case(workstation, pages=3, page_bytes=20_000, rng=rng) for _ in range(5)]
    reports = drain(synced.engine, timeout=30)
    assert sum(r.actions_done for r in reports) == 5
    assert sandbox.query("SELECT count(*) FROM cases")[0][0] == 5
    shas = {sha for c in cases for sha in c["files"]}
    assert {r[0] for r in sandbox.query("SELECT sha256 FROM files")} == shas
    assert sandbox.query("SELECT count(*) FROM case_files")[0][0] == 15
    assert workstation.db.query("SELECT count(*) FROM outbox WHERE state != 'done'")[0][0] == 0
