"""Acceptance benchmarks (a script, not a test): prints figures with their baseline measured in the same run.

    .venv/bin/python bench/bench_acceptance.py [--runs 50]

* commit: ``AcceptanceService.commit`` of a 10-material case with 10 attached pages through the real rules engine
  (number allocation, state machine events, working-day deadlines, encryption, outbox) on a fresh database, against
  a baseline of the same row count written by bare sqlite3 inserts in one transaction (no encryption, no rules).
* evaluate: the decision rules on a 30-material checklist, against building the same list of records.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from clerk_app.context import open_workstation  # noqa: E402
from clerk_app.domain.applicant import Applicant, CaptureSource, IdDocumentType, NaturalPerson  # noqa: E402
from clerk_app.domain.case import Decision, MaterialRecord, MaterialState  # noqa: E402
from clerk_app.domain.catalog import (  # noqa: E402
    HandlingType,
    ItemType,
    MaterialSpec,
    PaperForm,
    ServiceItem,
    TimeLimit,
)
from clerk_app.domain.decision_rules import evaluate  # noqa: E402
from clerk_app.paths import resolve_paths  # noqa: E402
from clerk_app.services import build_services  # noqa: E402
from offline_cache.cases import PageRef  # noqa: E402


def _stats(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"median {statistics.median(ordered) * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms"


def bench_commit(runs: int) -> None:
    checklist = tuple(MaterialSpec(f"M{i}", f"材料{i}", paper_form=PaperForm.ORIGINAL_AND_COPY, copy_count=1)
                      for i in range(10))
    item = ServiceItem("B", "I", "基准事项", ItemType.ADMINISTRATIVE_LICENCE, "部门", HandlingType.PROMISED,
                       TimeLimit(20), TimeLimit(10), checklist)
    person = Applicant(NaturalPerson("基准申请人", IdDocumentType.RESIDENT_ID, "11010519491231002X",
                                     source=CaptureSource.SIMULATED))
    with tempfile.TemporaryDirectory() as home:
        ws = open_workstation(resolve_paths(home))
        services = build_services(ws)
        service = services.acceptance
        pages = [PageRef(ws.blobs.put(f"page {i}".encode() * 1000), 7000, "image/jpeg") for i in range(10)]
        samples = []
        for _ in range(runs):
            session = service.new_session()
            session.set_applicant(person)
            session.set_items((item,), checklist)
            for spec, page in zip(checklist, pages, strict=True):
                session.mark_received(spec.code)
                session.attach_page(spec.code, page)
            start = time.perf_counter()
            service.commit(session, Decision.ACCEPT)
            samples.append(time.perf_counter() - start)
        services.close()

        conn = sqlite3.connect(Path(home) / "baseline.db", isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("CREATE TABLE c (id TEXT PRIMARY KEY, payload TEXT)")
        conn.execute("CREATE TABLE m (c TEXT, code TEXT, state TEXT)")
        conn.execute("CREATE TABLE b (c TEXT, sha TEXT)")
        conn.execute("CREATE TABLE e (c TEXT, kind TEXT)")
        conn.execute("CREATE TABLE o (c TEXT, payload TEXT)")
        baseline = []
        for run in range(runs):
            start = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            key = f"case{run}"
            conn.execute("INSERT INTO c VALUES (?, ?)", (key, "x" * 400))
            for i in range(10):
                conn.execute("INSERT INTO m VALUES (?, ?, ?)", (key, f"M{i}", "received"))
                conn.execute("INSERT INTO b VALUES (?, ?)", (key, "0" * 64))
            for kind in ("created", "decided"):
                conn.execute("INSERT INTO e VALUES (?, ?)", (key, kind))
            conn.execute("INSERT INTO o VALUES (?, ?)", (key, "x" * 2000))
            conn.execute("COMMIT")
            baseline.append(time.perf_counter() - start)
        conn.close()
    print(f"commit (10 materials, 10 pages, real rules, encrypted): {_stats(samples)}")
    print(f"baseline (same row count, bare sqlite3, one transaction):  {_stats(baseline)}")
    print(f"ratio of medians: {statistics.median(samples) / statistics.median(baseline):.1f}x")


def bench_evaluate(runs: int) -> None:
    from datetime import date

    checklist = [MaterialSpec(f"M{i}", f"材料{i}", deferrable=i % 3 == 0) for i in range(30)]
    today = date(2026, 11, 23)
    samples, baseline = [], []
    for _ in range(runs * 20):
        start = time.perf_counter()
        records = [MaterialRecord(s.code, s.name, MaterialState.RECEIVED, original_verified=True) for s in checklist]
        baseline.append(time.perf_counter() - start)
        start = time.perf_counter()
        evaluate(checklist, records, today)
        samples.append(time.perf_counter() - start)
    print(f"evaluate (30 materials): {_stats(samples)}; baseline (building the 30 records): {_stats(baseline)}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--skip-inputs", action="store_true", help="do not drive the window to count inputs")
    args = parser.parse_args()
    bench_commit(args.runs)
    bench_evaluate(args.runs)
    if not args.skip_inputs:
        print(f"inputs for a standard acceptance (card placed -> committed), counted by the UI driver of "
              f"bench/bench_day.py at the real window: {count_inputs()} (target <= 8)")


def count_inputs() -> int:
    """Drive one standard acceptance through the real window (bench_day's clerk counts every key) and report."""
    import json
    import subprocess

    script = Path(__file__).with_name("bench_day.py")
    done = subprocess.run([sys.executable, str(script), "--json", "--cases", "0", "--items", "0", "--today", "0",
                           "--acceptances", "1"], capture_output=True, text=True, timeout=600, check=True)
    return int(json.loads(done.stdout.strip().splitlines()[-1])["inputs_per_acceptance"])


if __name__ == "__main__":
    main()
