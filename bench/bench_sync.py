"""Sync throughput on loopback against the sandbox, and the cost of resuming after a kill mid-file.

    .venv/bin/python bench/bench_sync.py [--cases 1000] [--pages 3] [--page-kb 250]

1. Baselines: a raw ``requests`` PUT loop sending the same bytes (each case's JSON and each page) to the sandbox,
   which writes them to disk (``/__admin/sink``), one connection, nothing else; and the same PUTs with the engine's
   parallelism (``--parallel`` threads, one case per task, a session per thread).
2. Sync: the same cases as outbox rows with encrypted blobs, drained by the real engine (case PUT, chunked PATCH
   uploads with hash verification on the server, binding, local bookkeeping in SQLite with synchronous=FULL).
3. Resume: one 5 MB file, the sync process killed with SIGKILL mid-upload, restarted; bytes re-sent = bytes sent in
   total minus the file size.

The sandbox runs as its own process (``python -m sandbox``) so the client and server do not share a GIL.
Prints figures; not run by pytest.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")

from clerk_app.config import load_config  # noqa: E402
from clerk_app.context import open_workstation  # noqa: E402
from clerk_app.paths import resolve_paths  # noqa: E402
from clerk_app.sync.engine import drain  # noqa: E402
from clerk_app.sync.service import SyncService  # noqa: E402
from tests.unit.sync.factory import make_case  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_sandbox(folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "sandbox", "--port", str(port), "--db",
                             str(folder / "sandbox.sqlite3"), "--backoffice-delay", "-1", "--test-admin"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            requests.get(url + "/health", timeout=0.5)
            return proc, url
        except requests.RequestException:
            time.sleep(0.05)
    raise RuntimeError("sandbox did not start")


def workstation(home: Path, extra: str = "") -> object:
    (home / "config").mkdir(parents=True, exist_ok=True)
    (home / "config" / "onewindow.toml").write_text(
        "[sync]\nbackoff_base_seconds = 0.01\nbackoff_cap_seconds = 0.05\n" + extra, encoding="utf-8")
    paths = resolve_paths(home)
    return open_workstation(paths, load_config(paths.config_file))


def bench_throughput(args: argparse.Namespace, work: Path) -> None:
    proc, url = start_sandbox(work / "platform")
    try:
        ws = workstation(work / "ws", f"parallel_cases = {args.parallel}\n")
        rng = random.Random(1)
        t0 = time.perf_counter()
        cases = [make_case(ws, pages=args.pages, page_bytes=args.page_kb * 1000, rng=rng) for _ in range(args.cases)]
        print(f"prepared {len(cases)} cases x {args.pages} pages x {args.page_kb} KB in "
              f"{time.perf_counter() - t0:.1f} s")
        payload_bytes = sum(len(json.dumps(c["payload"])) for c in cases)
        file_bytes = args.cases * args.pages * args.page_kb * 1000
        total = payload_bytes + file_bytes

        # Baseline: the same bytes, raw PUTs, one session.
        session = requests.Session()
        t0 = time.perf_counter()
        for index, case in enumerate(cases):
            session.put(f"{url}/__admin/sink/c{index}", data=json.dumps(case["payload"]).encode()).raise_for_status()
            for sha in case["files"]:
                session.put(f"{url}/__admin/sink/{sha}", data=ws.blobs.get(sha)).raise_for_status()
        raw = time.perf_counter() - t0
        session.close()

        # Baseline with the engine's parallelism: the same raw PUTs, one case per task on ``--parallel`` threads,
        # one session per thread (the fair comparison for a parallel engine).
        local = threading.local()

        def send_case(item: tuple[int, dict[str, Any]]) -> None:
            index, case = item
            own = getattr(local, "session", None) or requests.Session()
            local.session = own
            own.put(f"{url}/__admin/sink/p{index}", data=json.dumps(case["payload"]).encode()).raise_for_status()
            for sha in case["files"]:
                own.put(f"{url}/__admin/sink/p{sha}", data=ws.blobs.get(sha)).raise_for_status()

        t0 = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.parallel) as pool:
            list(pool.map(send_case, enumerate(cases)))
        raw_parallel = time.perf_counter() - t0

        service = SyncService(ws, base_url=url)
        t0 = time.perf_counter()
        reports = drain(service.engine, timeout=3600)
        synced = time.perf_counter() - t0
        done = sum(r.actions_done for r in reports)
        sent = sum(r.bytes_sent for r in reports)
        service.close()
        print(f"payload: {total / 1e6:.1f} MB ({file_bytes / 1e6:.1f} MB files)")
        print(f"raw requests PUT loop : {raw:7.2f} s  {total / raw / 1e6:7.1f} MB/s")
        print(f"sync engine ({args.parallel} lanes)  : {synced:7.2f} s  {total / synced / 1e6:7.1f} MB/s  "
              f"({done} cases done, {sent / 1e6:.1f} MB file bytes sent)")
        print(f"raw PUTs on {args.parallel} threads : {raw_parallel:7.2f} s  {total / raw_parallel / 1e6:7.1f} MB/s")
        print(f"ratio sync/raw throughput: {raw / synced:.2f}x of one connection, "
              f"{raw_parallel / synced:.2f}x of the same parallelism (target >= 0.8x)")
        ws.close()
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=10)


RESUME_DRIVER = """
import sys, os
sys.path.insert(0, {root!r})
from clerk_app.config import load_config
from clerk_app.context import open_workstation
from clerk_app.paths import resolve_paths
from clerk_app.sync.engine import drain
from clerk_app.sync.service import SyncService
paths = resolve_paths({home!r})
ws = open_workstation(paths, load_config(paths.config_file))
service = SyncService(ws, base_url={url!r})
reports = drain(service.engine, timeout=300)
print("SENT", sum(r.bytes_sent for r in reports), flush=True)
"""


def bench_resume(work: Path) -> None:
    proc, url = start_sandbox(work / "platform-resume")
    try:
        home = work / "ws-resume"
        ws = workstation(home, "chunk_bytes = 65536\n")
        size = 5_000_000
        make_case(ws, pages=1, page_bytes=size, rng=random.Random(7))
        ws.close()  # type: ignore[attr-defined]
        # Slow the platform down so the kill lands mid-file: every request waits 20 ms.
        requests.put(f"{url}/__admin/faults", json={"faults": [{"kind": "delay", "seconds": 0.02}]}, timeout=5)
        script = RESUME_DRIVER.format(root=str(ROOT), home=str(home), url=url)
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        first = subprocess.Popen([sys.executable, "-c", script], env=env, stdout=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        held = 0
        sha = None
        while time.monotonic() < deadline:
            parts = list((work / "platform-resume" / "sandbox-files").glob("*.part"))
            if parts:
                sha = parts[0].stem
                held = parts[0].stat().st_size
                if held >= size // 2:
                    break
            time.sleep(0.01)
        first.send_signal(signal.SIGKILL)
        first.wait()
        if first.stdout:
            first.stdout.close()
        token = requests.post(f"{url}/api/v1/auth/login", json={"account": "trainee", "password": "trainee"},
                              timeout=5).json()["access_token"]
        held = requests.get(f"{url}/api/v1/files/{sha}", headers={"Authorization": f"Bearer {token}"},
                            timeout=5).json()["offset"]
        second = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=300)
        sent = int(next(line.split()[1] for line in second.stdout.splitlines() if line.startswith("SENT")))
        resent = sent - (size - held)
        print(f"resume: file {size / 1e6:.1f} MB, killed with {held / 1e6:.2f} MB on the platform; the restart sent "
              f"{sent / 1e6:.2f} MB, of which {max(resent, 0) / 1e3:.0f} KB again (a chunk is 64 KB; at most the one "
              f"in flight at the kill is lost)")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--pages", type=int, default=3)
    parser.add_argument("--page-kb", type=int, default=250)
    parser.add_argument("--parallel", type=int, default=3)
    parser.add_argument("--skip-resume", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    try:
        bench_throughput(args, work)
        if not args.skip_resume:
            bench_resume(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
