"""Cold start: the workstation against a bare PySide6 QMainWindow, measured the same way in the same run.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_startup.py [--runs 3] [--json] [--tree DIR [--tree DIR]]

Each start is a fresh process. From the moment the parent starts it, the child reports
* first paint: the first Paint event of its main window (the workstation's is the shell ``ui/app.py`` shows before
  the staged start: title, empty work areas, "正在启动…"), seen by an event filter installed on the window as it
  is shown, exactly as the bare window's own filter sees the bare window's;
* interactive: the clerk gate is wired over the card reader and the catalog (``StagedStart.interactive_at``; a
  tree without that stage: every feature wired), the practice clerk logged in (``--training-login``), a training
  card placed and read with the applicant panel's own buttons has filled the panel, and "户口" typed into the
  catalog panel's search box (once its index is built) has hits in its result list (for the bare window: its first
  paint);
* all wired: every other feature wired too (``finished``; ``all_wired_ms``).
It also reports the longest GUI-thread slice of the whole staged start (``ui/startup.py`` times each one).
The workstation starts in training mode on an empty folder (the first start, with the training catalog import),
then again on the same folder (``warm_*``: the clerk's everyday start, the data already there).
Goals (issue 11): first paint <= 2x bare, interactive <= 6x bare. Medians of ``--runs``. ``--tree`` measures
another checkout of the workstation (e.g. the main branch) the same way; given twice (before, after), the two are
measured interleaved against the same bare window, one JSON line each.
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
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget
seen = {}
class Watch(QObject):
    def eventFilter(self, obj, event):
        if "first_paint" not in seen and event.type() == QEvent.Type.Paint:
            seen["first_paint"] = time.time()
            print("first_paint", seen["first_paint"], flush=True)
            obj.removeEventFilter(self)
        return False
app = QApplication([sys.argv[0]])
watch = Watch()
# The filter goes on the main window as it is shown, as the bare window's does: an application-wide filter would
# see Qt's private objects too (QWidgetWindow...), and PySide resolves every lazily loaded class of QtCore, QtGui,
# QtWidgets and QtNetwork (about 140 enum types) to wrap the first of them: 50 ms charged to one side only.
_show = QWidget.show
def show(widget):
    if isinstance(widget, QMainWindow) and "first_paint" not in seen:
        widget.installEventFilter(watch)
    _show(widget)
QWidget.show = show
import main

def staged_start():
    from ui.startup import StagedStart
    for widget in app.topLevelWidgets():
        if isinstance(widget, QMainWindow):
            found = widget.findChild(StagedStart)
            if found is not None:
                return found
    return None

def usable(start):
    # The clerk gate is wired over the panels (a tree without the usable stage: everything is wired).
    return start is not None and (getattr(start, "interactive_at", None) is not None or start.done)

def services(start):
    return getattr(start, "usable", None) or start.services  # a tree without the usable stage: all of them

def find_panel(start, kind):
    return start.parent().findChild(kind)  # the main window's

def card_read(start):
    # A training card placed and read with the panel's own buttons (they do nothing while the input is held or
    # the gate covers the window) reaches the applicant panel.
    from ui.applicant_panel import ApplicantPanel

    identity, panel = services(start).identity, find_panel(start, ApplicantPanel)
    if "card_asked" not in seen:
        if not (identity.connected and panel.place_button.isEnabled() and panel.isEnabled()):
            return False
        seen["card_asked"] = True
        panel.place_button.click()
        panel.read_button.click()
    return bool(panel.name.text())

def search_answered(start):
    # The search box answers: typed into the catalog panel once its index is built (typing before that builds the
    # index on the GUI thread), hits in the panel's result list.
    from ui.catalog_panel import CatalogPanel

    panel = find_panel(start, CatalogPanel)
    if getattr(panel.service, "_index", None) is None or not panel.search.isEnabled():
        return False
    if panel.search.text() != "户口":
        panel.search.setText("户口")
    return panel.results.count() > 0

def poll():
    start = staged_start()
    if not usable(start) or "first_paint" not in seen:
        return
    if "interactive" not in seen and card_read(start) and search_answered(start):
        seen["interactive"] = time.time()
        print("interactive", seen["interactive"], flush=True)
    if "interactive" in seen and start.done and "all_wired" not in seen:
        seen["all_wired"] = time.time()
        print("all_wired", seen["all_wired"], flush=True)
        print("max_slice", max(took for _name, took in start.slices), flush=True)
        if seen.get("in_exec"):
            app.quit()
timer = QTimer()
timer.timeout.connect(poll)
timer.start(2)
QTimer.singleShot(120_000, lambda: os._exit(3))
# The clerk's start: with the single-instance guard (each run has its own folder, so no other instance answers),
# the practice account logged in (a card read reaches the panel only for a logged-in clerk).
started = main.run(["--home", sys.argv[2], "--no-crash-dialog", "--training-login", "trainee"], exec=False)
if "all_wired" not in seen:
    seen["in_exec"] = True
    app.exec()
started.shutdown()
os._exit(0)
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
        if name in ("first_paint", "interactive", "all_wired"):
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
    parser.add_argument("--tree", type=Path, action="append",
                        help="the workstation checkout to measure (default this one); given twice (before, after),"
                             " both are measured interleaved against the same bare window")
    args = parser.parse_args()
    trees = [str(tree.resolve()) for tree in (args.tree or [ROOT])]
    bare: list[dict[str, float]] = []
    ours: dict[str, list[dict[str, float]]] = {tree: [] for tree in trees}
    warm: dict[str, list[dict[str, float]]] = {tree: [] for tree in trees}
    for _ in range(args.runs):  # interleaved, so all see the same machine load
        bare.append(one_start(BARE))
        for tree in trees:
            with tempfile.TemporaryDirectory(prefix="bench-startup-") as home:
                ours[tree].append(one_start(WORKSTATION, tree, home))
                warm[tree].append(one_start(WORKSTATION, tree, home))

    def median(samples: list[dict[str, float]], key: str) -> float | None:
        values = [s[key] for s in samples if key in s]
        return round(statistics.median(values), 1) if values else None

    base = median(bare, "first_paint")
    assert base is not None
    results: list[dict[str, object]] = []
    for tree in trees:
        result: dict[str, object] = {"tree": tree, "runs": args.runs, "bare_first_paint_ms": base}
        for prefix, samples in (("", ours[tree]), ("warm_", warm[tree])):
            first_paint, interactive = median(samples, "first_paint"), median(samples, "interactive")
            assert first_paint is not None and interactive is not None
            result.update({f"{prefix}first_paint_ms": first_paint, f"{prefix}interactive_ms": interactive,
                           f"{prefix}all_wired_ms": median(samples, "all_wired"),
                           f"{prefix}max_gui_slice_ms": median(samples, "max_slice"),
                           f"{prefix}first_paint_ratio": round(first_paint / base, 2),
                           f"{prefix}interactive_ratio": round(interactive / base, 2)})
        results.append(result)
    if args.json:
        for result in results:  # one line per tree
            print(json.dumps(result))
        return 0
    for result in results:
        for key, value in result.items():
            print(f"{key:22} {value}")
    print("goals: first_paint_ratio <= 2, interactive_ratio <= 6")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
