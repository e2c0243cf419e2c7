"""Giving memory back during the day (issue 11: the GUI process must stay under 250 MB after a busy day).

Two things grow and never shrink by themselves:
* ``linecache``: the lines of every file a logged traceback or a warning showed (PySide6's import hook no longer
  fills it with every imported module: ``ui.pyside_sources``); a traceback reloads what it needs.
* glibc's heap: memory freed after a burst (a catalog import, an index swap, a case-list reload, a sync page)
  stays mapped until ``malloc_trim`` returns the free pages to the system.
``wire_memory`` runs both after the first paint and then every ``RELEASE_INTERVAL_MS`` as a ``CpuOp``: the trim
is a C call made through ctypes, which releases the GIL, so the GUI thread never waits for it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import linecache
import logging
import sys
from collections.abc import Callable

from PySide6.QtCore import QTimer

from clerk_app.services import Services
from ui.main_window import MainWindow
from ui.tasks import CpuOp, TaskRunner

log = logging.getLogger("onewindow.ui.memory")

RELEASE_INTERVAL_MS = 60_000


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or None where there is none (Windows, musl)."""
    if not sys.platform.startswith("linux"):
        return None
    name = ctypes.util.find_library("c")
    try:
        trim = ctypes.CDLL(name or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


def release_memory() -> bool:
    """Drop the cached source lines and return free heap pages to the system; True when the heap was trimmed."""
    linecache.clearcache()
    trim = _malloc_trim()
    return bool(trim(0)) if trim is not None else False


def wire_render_worker(window: MainWindow, services: Services, tasks: TaskRunner) -> None:
    """The papers render in their own process (``printing.render_worker``), started and warmed once every feature
    is wired (background work is held until then), so the first receipt of the day does not wait for reportlab and
    the CJK font to load; it ends itself after ``printing.render_worker_idle_s`` without a paper."""
    window.after_first_paint(lambda: CpuOp(window, services.printing.warm_up).run(tasks))


def wire_memory(window: MainWindow, tasks: TaskRunner) -> QTimer:
    timer = QTimer(window)
    timer.setInterval(RELEASE_INTERVAL_MS)

    def release() -> None:
        if not tasks.closing:
            CpuOp(window, release_memory).run(tasks)

    def first() -> None:
        release()
        timer.start()

    timer.timeout.connect(release)
    window.after_first_paint(first)
    return timer
