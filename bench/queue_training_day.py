"""A simulated training day at two windows (a script, not a test): wait and service times as the platform gets them.

    .venv/bin/python bench/queue_training_day.py [--arrivals-per-hour 16] [--seed 7] [--json out.json]

Everything is the real thing except the clock: the sandbox's hall queue service over real HTTP on loopback (its
clock simulated), the arrivals simulator, two windows' ``QueueService`` + ``SandboxQueueAdapter``, the acceptance
commit through the real rules engine, the sync engine sending the cases to the sandbox platform. Per citizen the
clerk draws a service time (log-normal, median 5 min); 5 % do not come when called (one recall, then 过号); 5 % of
window 01's citizens are transferred to window 02. Window 02 pauses for lunch 12:00-13:00. The figures are read
back from the cases the platform received (``queue.wait_seconds`` / ``queue.service_seconds``), and the baseline is
the queue's own record of the same day (call - issue from its tickets table), which must agree on wait times.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import os
import random
import sqlite3
import statistics
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from clerk_app.acceptance.rules_adapter import RulesEngineAdapter  # noqa: E402
from clerk_app.acceptance.service import AcceptanceService  # noqa: E402
from clerk_app.context import open_workstation  # noqa: E402
from clerk_app.domain.applicant import Applicant, CaptureSource, IdDocumentType, NaturalPerson  # noqa: E402
from clerk_app.domain.case import Decision  # noqa: E402
from clerk_app.domain.catalog import HandlingType, ItemType, MaterialSpec, ServiceItem, TimeLimit  # noqa: E402
from clerk_app.paths import resolve_paths  # noqa: E402
from clerk_app.queue.adapter import TransferTarget  # noqa: E402
from clerk_app.queue.factory import ticket_source  # noqa: E402
from clerk_app.queue.sandbox_http import SandboxQueueAdapter  # noqa: E402
from clerk_app.queue.service import QueueService  # noqa: E402
from clerk_app.rules import RulesService  # noqa: E402
from offline_cache.cases import CaseRepository  # noqa: E402
from sandbox.app import SandboxSettings  # noqa: E402
from sandbox.queue_sim import ArrivalSimulator  # noqa: E402
from sandbox.server import SandboxThread  # noqa: E402

CST = UTC if os.environ.get("TZ") == "UTC" else datetime.now().astimezone().tzinfo
STEP = timedelta(seconds=15)
CHECKLIST = (MaterialSpec("M1", "申请表"),)
ITEM = ServiceItem("B", "I", "培训事项", ItemType.ADMINISTRATIVE_LICENCE, "培训部门", HandlingType.PROMISED,
                   TimeLimit(20), TimeLimit(10), CHECKLIST)
PERSON = Applicant(NaturalPerson("培训申请人", IdDocumentType.RESIDENT_ID, "11010519491231002X",
                                 source=CaptureSource.SIMULATED))


class SimClock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Clerk:
    code: str
    queue: QueueService
    acceptance: AcceptanceService
    busy_until: datetime | None = None
    no_show: bool = False
    recalled: bool = False
    lunch: bool = False


def _service_minutes(rng: random.Random) -> float:
    return min(30.0, rng.lognormvariate(math.log(5.0), 0.45))


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


def _summary(values: list[float]) -> dict[str, float]:
    minutes = [v / 60 for v in values]
    return {"n": len(minutes), "mean_min": round(statistics.fmean(minutes), 2),
            "median_min": round(statistics.median(minutes), 2), "p90_min": round(_percentile(minutes, 0.9), 2),
            "max_min": round(max(minutes), 2)}


def run_day(arrivals_per_hour: float, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    day = datetime.now(CST).replace(hour=8, minute=30, second=0, microsecond=0)
    clock = SimClock(day)
    with tempfile.TemporaryDirectory() as home:
        db_path = Path(home) / "platform" / "sandbox.sqlite3"
        server = SandboxThread(SandboxSettings(db_path=db_path, backoffice_delay=-1, queue_clock=clock)).start()
        ws = open_workstation(resolve_paths(Path(home) / "ws"))
        rules = RulesEngineAdapter(RulesService(ws))
        cases = CaseRepository(ws.db, ws.cipher, ws.applicants)
        clerks = []
        for code, serves in (("01", ["general", "social"]), ("02", ["property", "pickup", "general"])):
            adapter = SandboxQueueAdapter(server.base_url, code)
            adapter.configure(serves, f"{code}号窗口")
            queue = QueueService(adapter, clock=clock)
            acceptance = AcceptanceService(ws.db, ws.cipher, ws.applicants, cases, rules, centre_code="330302001",
                                           window_code=code, clerk_id=f"trainee{code}", clock=clock)
            acceptance.ticket_source = ticket_source(queue)
            clerks.append(Clerk(code, queue, acceptance))
        arrivals = ArrivalSimulator(server.app.state.queue, arrivals_per_hour, seed)
        counts = {"cases": 0, "no_show": 0, "transferred": 0, "recalls": 0}
        end_of_tickets, close = day.replace(hour=16, minute=30), day.replace(hour=17, minute=30)
        while clock.now < close:
            if clock.now < end_of_tickets:
                arrivals.step(clock.now)
            for clerk in clerks:
                _act(clerk, clock, rng, counts)
            clock.now += STEP
        for clerk in clerks:
            clerk.queue.close()
        from clerk_app.sync.service import SyncService

        ws = dataclasses.replace(ws, config=ws.config.with_overrides(platform__base_url=server.base_url))
        sync = SyncService(ws)
        from clerk_app.sync.engine import drain

        drain(sync.engine, timeout=120)
        sync.close()
        with sqlite3.connect(db_path) as conn:
            bodies = [json.loads(r[0]) for r in conn.execute("SELECT body FROM cases")]
            tickets = list(conn.execute("SELECT issued_at, called_at, status, transfers FROM queue_tickets"))
        ws.close()
        server.stop()
    records = [b["queue"] for b in bodies if b.get("queue")]
    per_window: dict[str, dict[str, Any]] = {}
    for body in bodies:
        record = body.get("queue")
        if record:
            entry = per_window.setdefault(body["window_code"], {"wait": [], "service": []})
            entry["wait"].append(record["wait_seconds"])
            entry["service"].append(record["service_seconds"])
    queue_waits = [(datetime.fromisoformat(c) - datetime.fromisoformat(i)).total_seconds()
                   for i, c, status, _t in tickets if c and status == "done"]
    return {
        "day": day.date().isoformat(), "arrivals_per_hour": arrivals_per_hour, "seed": seed,
        "tickets_issued": len(tickets), "cases_at_platform": len(bodies), "cases_with_ticket": len(records),
        "no_show": counts["no_show"], "transferred": counts["transferred"], "recalls": counts["recalls"],
        "wait": _summary([r["wait_seconds"] for r in records]),
        "service": _summary([r["service_seconds"] for r in records]),
        "per_window": {w: {"wait": _summary(v["wait"]), "service": _summary(v["service"])}
                       for w, v in sorted(per_window.items())},
        "baseline_queue_table_wait": _summary(queue_waits) if queue_waits else None,
    }


def _act(clerk: Clerk, clock: SimClock, rng: random.Random, counts: dict[str, int]) -> None:
    now = clock.now
    if clerk.busy_until is not None and now < clerk.busy_until:
        return
    if clerk.busy_until is not None:  # the citizen's business is done, or they never came
        clerk.busy_until = None
        if clerk.no_show:
            if not clerk.recalled:
                clerk.queue.run_action("recall")
                counts["recalls"] += 1
                clerk.recalled = True
                clerk.busy_until = now + timedelta(minutes=1)
                return
            clerk.queue.run_action("skip")
            counts["no_show"] += 1
        elif clerk.code == "01" and rng.random() < 0.05:
            clerk.queue.run_action("transfer", TransferTarget(window="02"))
            counts["transferred"] += 1
        else:
            session = clerk.acceptance.new_session()
            session.set_applicant(PERSON)
            session.set_items((ITEM,), CHECKLIST)
            session.mark_received("M1")
            clerk.acceptance.commit(session, Decision.ACCEPT)
            counts["cases"] += 1
    if clerk.code == "02":  # lunch break once the citizen at the desk is served
        lunch = now.hour == 12
        if lunch != clerk.lunch:
            clerk.queue.run_action("pause" if lunch else "resume")
            clerk.lunch = lunch
        if clerk.lunch:
            return
    state = clerk.queue.run_action("call")
    if state.served is None:
        return
    clerk.no_show, clerk.recalled = rng.random() < 0.05, False
    clerk.busy_until = now + (timedelta(minutes=1) if clerk.no_show else timedelta(minutes=_service_minutes(rng)))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--arrivals-per-hour", type=float, default=16.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    result = run_day(args.arrivals_per_hour, args.seed)
    text = json.dumps(result, ensure_ascii=False, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
