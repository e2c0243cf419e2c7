"""Start-up and memory of the packaged workstation next to the venv, in the same run.

    .venv/bin/python bench/bench_bundle.py [--bundle build/dist/onewindow/onewindow] [--runs 5]

Each start is the real GUI with ``--screenshot`` (offscreen): the time is process launch -> first paint of the main
window (the paint check reports the system-wide monotonic clock at that paint); RSS is the process's peak
(``wait4`` rusage), which includes the 1.5 s it settles before the picture; CPU = user + system seconds of the
whole run (steadier than wall time on a shared machine; the load average is printed with each row). Variants:

* ``bare``   a bare PySide6 QMainWindow shown from the venv (the busy-day issue's baseline: first paint <= 2x bare);
* ``venv``   ``python main.py`` from this checkout's virtual environment;
* ``bundle`` the PyInstaller bundle (``--bundle``: the built one, or /opt/onewindow/onewindow when installed).

"cold" = the first start in a fresh home folder (training catalog imported, key made) after dropping the page cache
when allowed (root); "warm" = the median of the next ``--runs`` starts on the same home. Prints a table and writes
bench-results/bundle.json. Not run by pytest.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BARE = """
import sys, time, json
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow(); window.resize(1280, 800)
class Watch(QObject):
    def eventFilter(self, obj, event):
        if obj is window and event.type() == QEvent.Type.Paint and not hasattr(self, "t"):
            self.t = time.monotonic()
            print(json.dumps({"first_paint_monotonic": self.t}), flush=True)
            QTimer.singleShot(1500, app.quit)
        return False
watch = Watch(); window.installEventFilter(watch); window.show(); app.exec()
"""


def drop_caches() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def start_once(command: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Seconds to first paint, peak RSS in MB and CPU seconds (user + system, whole run) of one start."""
    t0 = time.monotonic()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    line = next((line for line in out.splitlines() if "first_paint_monotonic" in line), None)
    if proc.returncode != 0 or line is None:
        raise SystemExit(f"{command[0]} failed (exit {proc.returncode}): {out[-500:]}")
    cpu = usage.ru_utime + usage.ru_stime
    return json.loads(line)["first_paint_monotonic"] - t0, usage.ru_maxrss / 1024, cpu


def measure(name: str, command: list[str], runs: int, env: dict[str, str]) -> dict[str, object]:
    dropped = drop_caches()
    cold_s, cold_mb, cold_cpu = start_once(command, env)
    warm = [start_once(command, env) for _ in range(runs)]
    return {"variant": name, "cold_first_paint_s": round(cold_s, 3), "cold_peak_rss_mb": round(cold_mb, 1),
            "cold_cpu_s": round(cold_cpu, 2), "page_cache_dropped": dropped,
            "warm_first_paint_s": round(statistics.median(w[0] for w in warm), 3),
            "warm_peak_rss_mb": round(statistics.median(w[1] for w in warm), 1),
            "warm_cpu_s": round(statistics.median(w[2] for w in warm), 2), "runs": runs,
            "load_average": round(os.getloadavg()[0], 1)}


def main() -> int:
    parser = argparse.ArgumentParser()
    default = Path("/opt/onewindow/onewindow")
    if not default.exists():
        default = ROOT / "build" / "dist" / "onewindow" / "onewindow"
    parser.add_argument("--bundle", type=Path, default=default)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not args.bundle.exists():
        raise SystemExit(f"no bundle at {args.bundle}: run bash scripts/package.sh --bundle-only")

    base_env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen",
                "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
    results = []
    with tempfile.TemporaryDirectory(prefix="ow-bench-bundle-") as tmp:
        for name, program in (
            ("bare", [sys.executable, "-c", BARE]),
            ("venv", [sys.executable, str(ROOT / "main.py")]),
            ("bundle", [str(args.bundle)]),
        ):
            home = Path(tmp) / name
            env = {**base_env, "HOME": str(home), "ONEWINDOW_HOME": str(home / "ow")}
            check = ["--no-crash-dialog", "--no-single-instance", "--screenshot", str(Path(tmp) / f"{name}.png")]
            results.append(measure(name, program if name == "bare" else [*program, *check], args.runs, env))
    bare = results[0]
    print(f"{'variant':<8} {'cold paint s':>12} {'cold CPU s':>10} {'cold RSS MB':>11} {'warm paint s':>12} "
          f"{'warm CPU s':>10} {'warm RSS MB':>11} {'warm x bare':>11} {'load':>5}")
    for r in results:
        ratio = r["warm_first_paint_s"] / bare["warm_first_paint_s"]  # type: ignore[operator]
        print(f"{r['variant']:<8} {r['cold_first_paint_s']:>12} {r['cold_cpu_s']:>10} {r['cold_peak_rss_mb']:>11} "
              f"{r['warm_first_paint_s']:>12} {r['warm_cpu_s']:>10} {r['warm_peak_rss_mb']:>11} {ratio:>11.1f} "
              f"{r['load_average']:>5}")
    print(f"page cache dropped before cold starts: {bare['page_cache_dropped']}; bundle: {args.bundle}")
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "bundle.json").write_text(json.dumps({"bundle": str(args.bundle), "results": results}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
