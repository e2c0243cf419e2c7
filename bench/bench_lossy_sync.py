"""Drain time when answers get lost: 300 cases x 2 pages through a proxy that loses 10 % of the answers.

    .venv/bin/python bench/bench_lossy_sync.py [--cases 300] [--pages 2] [--page-kb 250] [--loss 0.1]
                                               [--limit-seconds 600]

The sandbox runs as its own process, ``bench/fault_proxy.py`` in front of it as another; the workstation runs with
its DEFAULT settings (timeouts, back-off, interval, lanes; training mode pointed at the proxy) and its own
background sync worker, as at a window. Measured: seconds from the worker's start until the queue is empty (or
how many cases were through when ``--limit-seconds`` ran out), the proxy's count of lost answers, and that the
platform holds each case exactly once. Run it from an older checkout (copy this file and fault_proxy.py there)
for a baseline. Prints figures; not run by pytest.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")

from bench.bench_sync import free_port, start_sandbox  # noqa: E402
from clerk_app.config import load_config  # noqa: E402
from clerk_app.context import open_workstation  # noqa: E402
from clerk_app.paths import resolve_paths  # noqa: E402
from clerk_app.sync.service import SyncService  # noqa: E402
from tests.unit.sync.factory import make_case  # noqa: E402


def start_proxy(upstream: str, loss: float, seed: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, str(Path(__file__).with_name("fault_proxy.py")), "--upstream",
                             upstream, "--port", str(port), "--loss", str(loss), "--seed", str(seed)], cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            requests.get(url + "/__proxy/stats", timeout=0.5)
            return proc, url
        except requests.RequestException:
            time.sleep(0.05)
    raise RuntimeError("proxy did not start")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=300)
    parser.add_argument("--pages", type=int, default=2)
    parser.add_argument("--page-kb", type=int, default=250)
    parser.add_argument("--loss", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--limit-seconds", type=float, default=600)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ow-lossy-"))
    sandbox, upstream = start_sandbox(work / "platform")
    proxy, url = start_proxy(upstream, args.loss, args.seed)
    try:
        home = work / "ws"
        (home / "config").mkdir(parents=True)
        (home / "config" / "onewindow.toml").write_text(
            f'mode = "training"\n[platform]\nbase_url = "{url}"\n', encoding="utf-8")
        paths = resolve_paths(home)
        ws = open_workstation(paths, load_config(paths.config_file))
        rng = random.Random(args.seed)
        cases = [make_case(ws, pages=args.pages, page_bytes=args.page_kb * 1000, rng=rng) for _ in range(args.cases)]
        service = SyncService(ws)
        t0 = time.perf_counter()
        service.start()
        done = 0
        while time.perf_counter() - t0 < args.limit_seconds:
            done = ws.db.query("SELECT count(*) FROM outbox WHERE state = 'done'")[0][0]
            if done == len(cases):
                break
            time.sleep(0.5)
        elapsed = time.perf_counter() - t0
        service.close()
        stats = requests.get(url + "/__proxy/stats", timeout=5).json()
        with sqlite3.connect(work / "platform" / "sandbox.sqlite3") as conn:
            on_platform = conn.execute("SELECT count(*) FROM cases").fetchone()[0]
            bindings = conn.execute("SELECT count(*) FROM bindings").fetchone()[0]
        mb = args.cases * args.pages * args.page_kb / 1000
        print(json.dumps({
            "cases": args.cases, "pages": args.pages, "page_kb": args.page_kb, "loss": args.loss,
            "connect_timeout": ws.config.get("platform.connect_timeout"),
            "read_timeout": ws.config.get("platform.read_timeout"),
            "read_timeout_min": _optional(ws, "platform.read_timeout_min"),
            "cases_done": done, "seconds": round(elapsed, 1), "drained": done == len(cases),
            "proxy_requests": stats["requests"], "answers_lost": stats["lost"],
            "platform_cases": on_platform, "platform_bindings": bindings, "megabytes": round(mb, 1),
        }, indent=2))
        ws.close()
    finally:
        proxy.terminate()
        sandbox.terminate()


def _optional(ws: object, key: str) -> object:
    try:
        return ws.config.get(key)  # type: ignore[attr-defined]
    except Exception:  # an older checkout without the option
        return None


if __name__ == "__main__":
    main()
