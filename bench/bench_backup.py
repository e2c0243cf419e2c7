"""Encrypted backup and restore of a workstation with many cases (issue 13).

    .venv/bin/python bench/bench_backup.py [--cases 5000] [--pages 2] [--page-bytes 15000] [--json]

Fills a training workstation (real repositories: each case an encrypted applicant, its pages in the encrypted blob
store, one outbox action) with ``--cases`` cases, then times ``backup create`` (SQLite online backup, tar, scrypt,
AES-GCM chunks, fsync) and ``backup restore`` onto a new folder (decrypt, manifest and integrity checks, swap),
next to a plain unencrypted copy of the same data folder (``shutil.copytree``) in the same run as the baseline.
Wall and CPU seconds; sizes in MB.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")

import main  # noqa: E402
from clerk_app.context import open_workstation  # noqa: E402
from clerk_app.paths import resolve_paths  # noqa: E402
from tests.unit.sync.factory import make_case  # noqa: E402

PASS = "bench-backup-passphrase"


def _timed(fn) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _cli(home: Path, stdin: str, *args: str) -> None:
    sys.stdin, out = io.StringIO(stdin), io.StringIO()
    saved, sys.stdout = sys.stdout, out
    try:
        code = main.run(["--home", str(home), *args])
    finally:
        sys.stdout = saved
    if code != 0:
        raise SystemExit(f"{args} failed")


def run(cases: int, pages: int, page_bytes: int) -> dict[str, object]:
    root = Path(tempfile.mkdtemp(prefix="ow-bench-backup-"))
    try:
        home = root / "old"
        ws = open_workstation(resolve_paths(home))
        rng = random.Random(13)
        fill_wall, _ = _timed(lambda: [make_case(ws, pages=pages, page_bytes=page_bytes, rng=rng)
                                       for _ in range(cases)])
        ws.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        ws.close()
        data_mb = _size(home / "data") / 1e6
        copy_wall, copy_cpu = _timed(lambda: shutil.copytree(home / "data", root / "plain-copy"))
        stick = root / "stick"
        create_wall, create_cpu = _timed(lambda: _cli(home, f"{PASS}\n{PASS}\n", "backup", "create", str(stick)))
        backup_file = next(stick.glob("*.owbackup"))
        restore_wall, restore_cpu = _timed(lambda: _cli(root / "new", f"{PASS}\n", "backup", "restore",
                                                        str(backup_file)))
        return {"cases": cases, "pages_per_case": pages, "page_bytes": page_bytes, "fill_s": round(fill_wall, 1),
                "data_folder_mb": round(data_mb, 1), "backup_file_mb": round(backup_file.stat().st_size / 1e6, 1),
                "plain_copy_s": [round(copy_wall, 2), round(copy_cpu, 2)],
                "backup_create_s": [round(create_wall, 2), round(create_cpu, 2)],
                "backup_restore_s": [round(restore_wall, 2), round(restore_cpu, 2)]}
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--pages", type=int, default=2)
    parser.add_argument("--page-bytes", type=int, default=15000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = run(args.cases, args.pages, args.page_bytes)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:>18}: {value}  {'(wall, cpu)' if isinstance(value, list) else ''}")
