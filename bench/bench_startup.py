"""Cold start: the workstation against a bare PySide6 QMainWindow, measured the same way in the same run.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_startup.py [--runs 3] [--json] [--tree DIR]

Each start is a fresh process. From the moment the parent starts it, the child reports
* first paint: the first Paint event of its main window (the workstation's is the shell ``ui/app.py`` shows before
  the staged start: title, empty work areas, "正在启动…"); an application-wide event filter installed before
  ``main`` is imported sees it, exactly as the bare window's own filter sees the bare window's;
* interactive: the staged start has wired every feature and the clerk gate (``main.run(exec=False)`` returns then),
  a card reader is connected (training: the labelled simulated one) and a catalog search through the service the
  search box uses has answered with hits, so a card can be read and the search box answers (for the bare window:
  its first paint).
It also reports the longest GUI-thread slice of the staged start (``ui/startup.py`` times each one).
The workstation starts in training mode on an empty folder (the first start, with the training catalog import),
then again on the same folder (``warm_*``: the clerk's everyday start, the data already there).
Goals (issue 11): first paint <= 2x bare, interactive <= 6x bare. Medians of ``--runs``. ``--tree`` measures
another checkout of the workstation (e.g. the main branch) the same way, for a before/after in the same run.
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

BARE = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 800)
class Watch(QObject):
    def eventFilter(self, obj, event):
        if obj is window and event.type() == QEvent.Type.Paint:
            print("first_paint", time.time(), flush=True)
            print("interactive", time.time(), flush=True)
            QTimer.singleShot(0, app.quit)
            window.removeEventFilter(self)
        return False
watch = Watch()
window.installEventFilter(watch)
window.show()
app.exec()
"""

WORKSTATION = r"""
import os, sys, time
sys.path.insert(0, sys.argv[1])
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
seen = {}
class Watch(QObject):
    def eventFilter(self, obj, event):
        if "first_paint" not in seen and event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):
            seen["first_paint"] = time.time()
            print("first_paint", seen["first_paint"], flush=True)
        return False
app = QApplication([sys.argv[0]])
watch = Watch()
app.installEventFilter(watch)
import main
# The clerk's start: with the single-instance guard (each run has its own folder, so no other instance answers).
started = main.run(["--home", sys.argv[2], "--no-crash-dialog"], exec=False)

def ready():
    identity = started.services.identity
    catalog = started.services.catalog
    if not ("first_paint" in seen and getattr(started, "ready", True) and bool(identity.connected)
            and getattr(catalog, "_index", None) is not None):
        return False
    return bool(catalog.search("户口", stale_ok=True))  # answered from the index the search box uses

def poll():
    if ready():
        print("interactive", time.time(), flush=True)
        stages = getattr(started, "start", None)  # a tree without the staged start has no slices to report
        if stages is not None:
            print("max_slice", max(took for _name, took in stages.slices), flush=True)
        started.shutdown()
        os._exit(0)
timer = QTimer()
timer.timeout.connect(poll)
timer.start(2)
QTimer.singleShot(120_000, lambda: os._exit(3))
app.exec()
"""


def one_start(code: str, *extra: str) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    start = time.time()
    done = subprocess.run([sys.executable, "-c", code, *extra], capture_output=True, text=True, env=env,
                          timeout=180, check=False)
    marks = {}
    for line in done.stdout.splitlines():
        name, _, stamp = line.partition(" ")
        if name in ("first_paint", "interactive"):
            marks[name] = (float(stamp) - start) * 1000
        elif name == "max_slice":
            marks[name] = float(stamp)
    if not {"first_paint", "interactive"} <= set(marks):
        raise RuntimeError(f"start did not report (rc {done.returncode}): {done.stderr[-2000:]}")
    return marks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--tree", type=Path, default=ROOT, help="the workstation checkout to measure")
    args = parser.parse_args()
    tree = str(args.tree.resolve())
    bare: list[dict[str, float]] = []
    ours: list[dict[str, float]] = []
    warm: list[dict[str, float]] = []
    for _ in range(args.runs):  # interleaved, so all see the same machine load
        bare.append(one_start(BARE))
        with tempfile.TemporaryDirectory(prefix="bench-startup-") as home:
            ours.append(one_start(WORKSTATION, tree, home))
            warm.append(one_start(WORKSTATION, tree, home))

    def median(samples: list[dict[str, float]], key: str) -> float | None:
        values = [s[key] for s in samples if key in s]
        return round(statistics.median(values), 1) if values else None

    base = median(bare, "first_paint")
    assert base is not None
    result: dict[str, object] = {"tree": tree, "runs": args.runs, "bare_first_paint_ms": base}
    for prefix, samples in (("", ours), ("warm_", warm)):
        first_paint, interactive = median(samples, "first_paint"), median(samples, "interactive")
        assert first_paint is not None and interactive is not None
        result.update({f"{prefix}first_paint_ms": first_paint, f"{prefix}interactive_ms": interactive,
                       f"{prefix}max_gui_slice_ms": median(samples, "max_slice"),
                       f"{prefix}first_paint_ratio": round(first_paint / base, 2),
                       f"{prefix}interactive_ratio": round(interactive / base, 2)})
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:22} {value}")
        print("goals: first_paint_ratio <= 2, interactive_ratio <= 6")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
