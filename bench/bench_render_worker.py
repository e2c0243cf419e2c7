"""Papers rendered in the GUI process against the render worker (printing/render_worker.py), measured in the same run.

Each side runs in a fresh interpreter (so neither pays for nor profits from the other's imports) that imports what
the GUI holds anyway (the print service and the paper model), then:
* ``first_render_cold_ms``: the first receipt of the process, imports (and, via the worker, its start) included;
* ``first_render_warm_ms`` (worker only): the first receipt after the worker was pre-warmed, as the GUI does once
  the clerk gate is wired;
* ``receipt_ms`` / ``a4_notice_ms``: median per paper once warm (80 mm 受理回执, A4 受理通知书);
* ``gui_rss_mb``: this process's RSS before any paper and after 50 papers (receipts and notices, alternating);
* ``worker_rss_mb``: the worker's RSS after the 50 papers.
Issue 11's goal is the GUI process at 250 MB or less after a busy day; the worker's memory is given back when it
ends after ``printing.render_worker_idle_s`` without a paper.

``.venv/bin/python bench/bench_render_worker.py [--json] [--rounds N]``. Nothing heavy is imported at module
level: the worker is spawned, so it re-imports this script as ``__mp_main__``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PAPERS = 50


def _rss_mb(pid: int | str = "self") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def _sample(kind: Any, seq: int) -> Any:
    from datetime import date, datetime

    from clerk_app.domain.case import MaterialState
    from printing.model import DocumentContext, MaterialRow

    materials = tuple(MaterialRow(f"材料{index}（副本）", MaterialState.RECEIVED, True, 1, 1, 2) for index in range(6))
    return DocumentContext(
        kind=kind, case_number=f"330302001012026112{seq:05d}", verification_code="K7QX2M",
        centre_name="培训演示便民服务中心", window_name="综合受理1号窗口", clerk_name="王小明",
        applicant_name="张三丰", applicant_id_label="居民身份证", applicant_id_display="110105194912310021",
        item_names=("食品经营许可（新办）",), accepted_at=datetime(2026, 11, 22, 9, 35), materials=materials,
        promised_date=date(2026, 12, 4), handling_type="承诺件", department="鹿城区市场监督管理局")


def _ms(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 1)


def child(mode: str, rounds: int) -> dict[str, Any]:
    from clerk_app import print_service
    from printing.model import DocumentKind
    from printing.render_worker import default_worker

    receipt, notice = DocumentKind.THERMAL_RECEIPT, DocumentKind.ACCEPTANCE_NOTICE
    if mode == "inproc":
        def render(ctx: Any) -> bytes:
            from printing.render import render_document

            return render_document(ctx)
    else:
        render = print_service.render_document
    out: dict[str, Any] = {"mode": mode, "gui_rss_mb_start": _rss_mb()}
    start = time.perf_counter()
    render(_sample(receipt, 0))
    out["first_render_cold_ms"] = _ms(start)
    worker = default_worker()
    if mode == "worker":
        worker.stop()
        worker.warm_up()
        worker.pid()  # queued behind the warm-up: returns once the worker is warm
        start = time.perf_counter()
        render(_sample(receipt, 1))
        out["first_render_warm_ms"] = _ms(start)
    for name, kind in (("receipt_ms", receipt), ("a4_notice_ms", notice)):
        timings = []
        for index in range(rounds):
            start = time.perf_counter()
            render(_sample(kind, 100 + index))
            timings.append((time.perf_counter() - start) * 1000)
        out[name] = round(statistics.median(timings), 2)
    for index in range(PAPERS):
        render(_sample(receipt if index % 2 else notice, 1000 + index))
    out["gui_rss_mb_after_50"] = _rss_mb()
    out["gui_has_reportlab"] = "reportlab" in sys.modules
    if mode == "worker":
        out["worker_rss_mb_after_50"] = _rss_mb(worker.pid())
        out["worker_starts"] = worker.starts
        out["fallbacks"] = worker.fallbacks
    return out


def run_child(mode: str, rounds: int) -> dict[str, Any]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    done = subprocess.run([sys.executable, __file__, "--child", mode, "--rounds", str(rounds)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600, check=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--rounds", type=int, default=30, help="papers per kind for the per-paper medians")
    parser.add_argument("--child", choices=("inproc", "worker"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.rounds)))
        return
    load = os.getloadavg()[0]
    report = {"inproc": run_child("inproc", args.rounds), "worker": run_child("worker", args.rounds),
              "load_1min": round(load, 2), "cpus": os.cpu_count()}
    if args.json:
        print(json.dumps(report, indent=2))
        return
    inproc, worker = report["inproc"], report["worker"]
    print(f"load {load:.2f} on {os.cpu_count()} CPUs")
    print(f"{'':28}{'in-process':>12}{'worker':>12}")
    for key in ("first_render_cold_ms", "first_render_warm_ms", "receipt_ms", "a4_notice_ms", "gui_rss_mb_start",
                "gui_rss_mb_after_50", "worker_rss_mb_after_50"):
        print(f"{key:28}{inproc.get(key, '-')!s:>12}{worker.get(key, '-')!s:>12}")


if __name__ == "__main__":
    main()
