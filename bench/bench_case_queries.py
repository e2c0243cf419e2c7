"""Case-list queries at years of history: today's cases, running cases due soon, 容缺 materials overdue.

    .venv/bin/python bench/bench_case_queries.py [--cases 1000000] [--today 700] [--json]

Generates a history (most cases closed, a few still running, 1 in 50 with a deferred material) plus a day of
``--today`` cases at this window, then times the repository's three queries against the SQL they replaced (which
read all history), on the same database in the same run, with the query plans. Goal (issue 11): the cost grows
with the rows shown, not with the history.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from offline_cache.cases import CLOSED_STATUSES, CaseRepository  # noqa: E402
from offline_cache.db import Database  # noqa: E402

TODAY = date(2026, 12, 1)
WINDOW = "01"

# The queries as they were before migration 0053 (offline_cache/cases.py at a4af289).
OLD = {
    "created_today": ("SELECT * FROM cases WHERE substr(created_at, 1, 10) = ? AND window_code = ?"
                      " ORDER BY created_at DESC, case_number DESC", lambda: (TODAY.isoformat(), WINDOW)),
    "open_due": ("SELECT * FROM cases WHERE promised_date IS NOT NULL AND promised_date <= ?"
                 f" AND status NOT IN ({', '.join('?' for _ in CLOSED_STATUSES)}) AND window_code = ?"
                 " ORDER BY promised_date, case_number",
                 lambda: ((TODAY + timedelta(days=7)).isoformat(), *CLOSED_STATUSES, WINDOW)),
    "supply_overdue": ("SELECT c.* FROM cases c JOIN (SELECT case_uuid, min(supply_by) AS due FROM case_materials"
                       " WHERE state = 'deferred' AND supply_by IS NOT NULL GROUP BY case_uuid) m"
                       " ON m.case_uuid = c.case_uuid WHERE m.due < ? AND c.status NOT IN (?, ?, ?, ?, ?)"
                       " AND c.window_code = ? ORDER BY m.due, c.case_number",
                       lambda: (TODAY.isoformat(), "concluded", "handed_over", "mailed", "denied", "rejected", WINDOW)),
}


def generate(db: Database, history: int, today: int, seed: int = 7) -> None:
    rnd = random.Random(seed)
    conn = db.conn
    conn.execute("PRAGMA synchronous = OFF")  # generating a history, not keeping one
    conn.execute("PRAGMA cache_size = -200000")
    conn.execute("INSERT INTO applicants (applicant_uuid, kind, id_type, id_index, payload_enc, source, created_at)"
                 " VALUES ('a', 'person', 'resident', 'x', x'00', 'bench', '2020-01-01')")

    def rows() -> Any:
        for n in range(history + today):
            if n < history:
                day = TODAY - timedelta(days=1 + rnd.randrange(5 * 365))
                status = "in_review" if rnd.random() < 0.003 else rnd.choice(("concluded", "handed_over", "rejected"))
            else:
                day, status = TODAY, "accepted"
            promised = day + timedelta(days=rnd.randrange(1, 20))
            yield (f"u{n:08d}", f"5116020120{n:08d}", "a", "[]", status, "centre",
                   WINDOW if n % 4 else "02", "clerk", f"{day.isoformat()}T{9 + n % 8:02d}:00:00.000+08:00",
                   promised.isoformat(), '["居民身份证补领"]')

    with db.transaction() as tx:
        tx.executemany(
            "INSERT INTO cases (case_uuid, case_number, applicant_uuid, item_codes, status, centre_code, window_code,"
            " clerk_id, created_at, promised_date, item_names) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows())
        tx.execute(
            "INSERT INTO case_materials (case_uuid, material_code, name, state, supply_by)"
            " SELECT case_uuid, 'm1', '户口簿', 'received', NULL FROM cases")
        tx.execute(
            "INSERT INTO case_materials (case_uuid, material_code, name, state, supply_by)"
            " SELECT case_uuid, 'm2', '照片', CASE WHEN status = 'in_review' OR rowid % 7 = 0 THEN 'deferred'"
            " ELSE 'received' END, date(substr(created_at, 1, 10), '+10 days') FROM cases WHERE rowid % 50 = 0")


def timed(action: Any, runs: int = 5) -> tuple[float, int]:
    best, count = float("inf"), 0
    for _ in range(runs):
        start = time.perf_counter()
        count = len(action())
        best = min(best, (time.perf_counter() - start) * 1000)
    return best, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--today", type=int, default=700)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Database(Path(folder) / "bench.db")
        start = time.perf_counter()
        generate(db, args.cases, args.today)
        generated_s = time.perf_counter() - start
        repo = CaseRepository(db, _NoCipher(), None)  # type: ignore[arg-type]
        new = {
            "created_today": lambda: repo.list_created_on(TODAY, WINDOW),
            "open_due": lambda: repo.list_open_due(TODAY + timedelta(days=7), WINDOW),
            "supply_overdue": lambda: repo.list_supply_overdue(TODAY, WINDOW),
        }
        results = {}
        for name, (sql, params) in OLD.items():
            old_ms, old_rows = timed(lambda sql=sql, params=params: db.query(sql, params()))
            new_ms, new_rows = timed(new[name])
            plan = [tuple(r)[3] for r in db.conn.execute("EXPLAIN QUERY PLAN " + sql, params())]
            results[name] = {"rows": new_rows, "old_rows": old_rows, "old_ms": round(old_ms, 2),
                             "new_ms": round(new_ms, 2), "old_plan": plan}
        db.close()
    out = {"cases": args.cases + args.today, "generate_s": round(generated_s, 1), "queries": results}
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
        return
    print(f"{out['cases']:,} cases (generated in {generated_s:.1f} s)")
    for name, r in results.items():
        print(f"  {name:15} {r['rows']:5} rows   before {r['old_ms']:9.2f} ms ({r['old_rows']} rows)"
              f"   after {r['new_ms']:8.2f} ms")


class _NoCipher:
    """The generated cases carry no encrypted details (the case list shows an empty applicant name)."""

    def decrypt(self, _data: bytes, _aad: bytes) -> bytes:  # pragma: no cover - never called
        return b"{}"


if __name__ == "__main__":
    main()
