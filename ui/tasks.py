"""The UI's one way to run work off the GUI thread (in the spirit of Anki's QueryOp/CollectionOp).

    DatabaseOp(self, lambda: cases.get(key)).success(self.show).run(self.tasks)
    DeviceOp.reporting(self, lambda progress: desk.print_case(key, progress.step), self.tr("Printing…")) \
        .success(self.printed).run(self.tasks)

* **What the work is picks where it runs.** ``DatabaseOp`` (SQLite work: one thread, serialised), ``DeviceOp``
  (printers, scanners, cameras), ``NetworkOp`` (the platform), ``CpuOp`` (images, PDFs, encryption). The caller never
  names a pool; ``TaskRunner`` owns one per kind.
* **Never delivered to a destroyed parent.** The callbacks run on the GUI thread only while ``parent`` still exists;
  once it is gone a result is dropped and a user-facing error only logged (an untyped one still reaches the crash
  handler: it is a bug wherever it happens).
* **Progress on long work.** ``reporting(parent, fn, label)`` passes ``fn`` a thread-safe ``Progress``; after
  ``PROGRESS_DELAY_MS`` a progress dialog over ``parent``'s window shows it, with Cancel setting ``cancelled``.
* **Counted.** ``TaskRunner`` keeps every running op referenced until it has delivered (nothing else needs to keep
  one alive) and ``shutdown`` waits for them and delivers their results while the services are still open.

Never touch widgets inside the callable. Errors default to ``ui.errors.show_exception``.
"""

from __future__ import annotations

import enum
import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from typing import Any, ClassVar, Generic, TypeVar

import shiboken6
from PySide6 import QtCore  # ``QtCore.Qt`` at use: see ui.main_window._splitter
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QProgressBar,
    QProgressDialog,
    QStatusBar,
    QToolButton,
    QWidget,
)

from offline_cache.db import close_thread_connections
from ui.errors import report_background_error, show_exception

log = logging.getLogger("onewindow.tasks")

T = TypeVar("T")
PROGRESS_DELAY_MS = 400  # short work finishes before a dialog would flash up
GIL_SWITCH_S = 0.001  # how long the GUI thread may wait for a worker to hand over the GIL (TaskRunner)


class Executor(enum.Enum):
    DATABASE = "database"
    DEVICE = "device"
    NETWORK = "network"
    CPU = "cpu"


THREADS = {Executor.DATABASE: 1, Executor.DEVICE: 2, Executor.NETWORK: 4, Executor.CPU: max(2, os.cpu_count() or 2)}


class Progress:
    """Handed to a reporting op's callable (on its worker thread). ``step(done, total)`` and ``update(text)`` may be
    called as often as convenient; ``cancelled`` turns true when the clerk pressed Cancel."""

    def __init__(self, relay: _Relay) -> None:
        self._relay = relay
        self._cancelled = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def cancel(self) -> None:
        self._cancelled.set()

    def step(self, done: int, total: int, text: str = "") -> None:
        self._relay.progress.emit(done, total, text)

    def update(self, text: str) -> None:
        self._relay.progress.emit(-1, -1, text)


class _Relay(QObject):
    finished = Signal(object, object)  # result, error
    progress = Signal(int, int, str)  # done, total (-1: unchanged), text


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result, error = self._fn(), None
        except BaseException as exc:  # delivered to the GUI thread, which decides what to show
            result, error = None, exc
        # A pool thread's Python thread state, and with it its threading.local connection, ends with each run: a
        # connection left open went only with the garbage collector (twelve open by the end of a busy day).
        close_thread_connections()
        try:
            self._relay.finished.emit(result, error)
        except RuntimeError:  # the runner itself is gone (a test dropped it): nobody is waiting for this
            log.debug("an operation finished after its runner was deleted")


class _StatusBarProgress:
    """Progress in the main window's status bar: no new window, the clerk's keyboard focus stays where it is."""

    def __init__(self, bar: QStatusBar, label: str, cancel: Callable[[], None] | None) -> None:
        self._label = QLabel(label)
        self._bar = QProgressBar()
        self._bar.setObjectName("operationProgress")
        self._bar.setMaximumWidth(180)
        self._bar.setRange(0, 0)
        self._cancel = QToolButton()
        self._cancel.setText(QCoreApplication.translate("tasks", "Cancel"))
        self._cancel.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        self._cancel.setVisible(cancel is not None)
        if cancel is not None:
            self._cancel.clicked.connect(cancel)
        self._widgets: list[QWidget] = [self._label, self._bar, self._cancel]
        for widget in self._widgets:
            widget.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
            bar.addWidget(widget)

    def show_state(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self._bar.setRange(0, total)
            self._bar.setValue(done)
        if text:
            self._label.setText(text)

    def close(self) -> None:
        for widget in self._widgets:
            if shiboken6.isValid(widget):
                widget.hide()
                widget.deleteLater()


class _DialogProgress:
    """Progress over a window without a status bar (a dialog): a progress dialog that does not take the focus."""

    def __init__(self, window: QWidget | None, label: str, cancel: Callable[[], None] | None) -> None:
        dialog = self._dialog = QProgressDialog(label, QCoreApplication.translate("tasks", "Cancel"), 0, 0, window)
        dialog.setObjectName("operationProgress")
        dialog.setWindowModality(QtCore.Qt.WindowModality.NonModal)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_ShowWithoutActivating)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if cancel is not None:
            dialog.canceled.connect(cancel)
        dialog.show()

    def show_state(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self._dialog.setRange(0, total)
            self._dialog.setValue(done)
        if text:
            self._dialog.setLabelText(text)

    def close(self) -> None:
        if shiboken6.isValid(self._dialog):
            self._dialog.close()
            self._dialog.deleteLater()


class TaskRunner:
    """The application's operations: one pool per ``Executor``, and the ops running now (kept until delivered)."""

    def __init__(self) -> None:
        # A worker running Python keeps the GIL until the interpreter asks it to switch; the GUI thread, which
        # needs the GIL for every Python slot and event filter, waited up to 5 ms (the default) for each one, and
        # a repaint runs dozens: 100-300 ms stalls while a case list or a sync page was being read. 1 ms bounds
        # each wait; workers lose little (their C calls, SQLite and the crypto, release the GIL anyway).
        sys.setswitchinterval(GIL_SWITCH_S)
        self._pools: dict[Executor, QThreadPool] = {}
        for executor, threads in THREADS.items():
            pool = QThreadPool()
            pool.setMaxThreadCount(threads)
            self._pools[executor] = pool
        self._running: set[Operation[Any]] = set()
        self.closing = False

    @property
    def running(self) -> int:
        """Operations started and not yet delivered."""
        return len(self._running)

    def _start(self, op: Operation[Any], runnable: QRunnable) -> None:
        self._running.add(op)
        self._pools[op.executor].start(runnable)

    def _done(self, op: Operation[Any]) -> None:
        self._running.discard(op)

    def wait(self, timeout_ms: int = 10_000) -> bool:
        """Wait until every op has delivered (delivering the finished ones on this, the GUI, thread, including
        any op a delivery started); False on timeout."""
        deadline = time.monotonic() + timeout_ms / 1000
        while True:
            for pool in self._pools.values():
                pool.waitForDone(max(1, int((deadline - time.monotonic()) * 1000)))
            QCoreApplication.sendPostedEvents()
            if not self._running or time.monotonic() >= deadline:
                return not self._running
            time.sleep(0.005)

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        """Wait for the running ops and deliver their results (the services are still open); refuse new ones."""
        self.closing = True
        if not self.wait(timeout_ms):
            log.warning("%d background operation(s) still running at shutdown", self.running)


class Operation(Generic[T]):
    executor: ClassVar[Executor]

    def __init__(self, parent: QObject | None, fn: Callable[[], T]) -> None:
        self._parent = parent
        self._fn: Callable[[], T] = fn
        self._on_success: Callable[[T], None] = lambda _result: None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._on_progress: Callable[[int, int, str], None] | None = None
        self._relay = _Relay()
        self._delivered = False
        self._tasks: TaskRunner | None = None
        self.progress: Progress | None = None
        self._label: str | None = None
        self._view: _StatusBarProgress | _DialogProgress | None = None
        self._timer: QTimer | None = None
        self._last: tuple[int, int, str] = (-1, -1, "")  # the latest progress, for a dialog shown later

    @classmethod
    def reporting(cls, parent: QObject | None, fn: Callable[[Progress], T], label: str) -> Operation[T]:
        """Long work that reports progress (a batch of prints, an export, an import, a sync pass the clerk asked
        for): ``fn`` gets a ``Progress``; a dialog labelled ``label`` shows it if the work takes a while."""
        op: Operation[T] = cls(parent, lambda: fn(progress))
        progress = op.progress = Progress(op._relay)
        op._label = label
        return op

    def success(self, callback: Callable[[T], None]) -> Operation[T]:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Operation[T]:
        self._on_failure = callback
        return self

    def on_progress(self, callback: Callable[[int, int, str], None]) -> Operation[T]:
        self._on_progress = callback
        return self

    def run(self, tasks: TaskRunner) -> None:
        if tasks.closing:
            log.info("an operation was refused: the window is closing")
            return
        self._tasks = tasks
        # One delivery per op, and no disconnect in it: a disconnect of a slot PySide no longer counts as connected
        # warns, which the test run's warnings-as-errors turned into a SystemError in two full CI runs, both times
        # delivering the services built during the staged start.
        self._relay.finished.connect(self._deliver, QtCore.Qt.ConnectionType.SingleShotConnection)
        self._relay.progress.connect(self._progressed)
        if self._label is not None:
            self._timer = QTimer()
            self._timer.setSingleShot(True)
            self._timer.timeout.connect(self._show_view)
            self._timer.start(PROGRESS_DELAY_MS)
        tasks._start(self, _Runnable(self._fn, self._relay))

    # -- GUI thread ---------------------------------------------------------------------------------------------
    @property
    def parent_alive(self) -> bool:
        return self._parent is None or shiboken6.isValid(self._parent)

    def _progressed(self, done: int, total: int, text: str) -> None:
        if not self.parent_alive:
            return
        last_done, last_total, last_text = self._last
        self._last = (done if total >= 0 else last_done, total if total >= 0 else last_total, text or last_text)
        if self._on_progress is not None:
            self._on_progress(done, total, text)
        self._show_progress()

    def _show_progress(self) -> None:
        if self._view is not None:
            self._view.show_state(*self._last)

    def _show_view(self) -> None:
        if not self.parent_alive or self._label is None:
            return
        window = self._parent.window() if isinstance(self._parent, QWidget) else None
        cancel = self.progress.cancel if self.progress is not None else None
        bar = window.statusBar() if isinstance(window, QMainWindow) else None
        self._view = _StatusBarProgress(bar, self._label, cancel) if bar is not None else \
            _DialogProgress(window, self._label, cancel)
        self._show_progress()

    def _close_view(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._view is not None:
            self._view.close()
            self._view = None

    def _deliver(self, result: Any, error: BaseException | None) -> None:
        if self._delivered:
            log.warning("an operation's result arrived twice; the second is dropped")
            return
        self._delivered = True
        if self._tasks is not None:
            self._tasks._done(self)
        self._close_view()
        if not self.parent_alive:
            if error is not None:
                report_background_error(error)  # typed: logged; untyped: the crash handler
            else:
                log.debug("a result arrived after its window closed; dropped")
            return
        if error is not None:
            if self._on_failure is not None:
                self._on_failure(error)
            else:
                show_exception(self._parent if isinstance(self._parent, QWidget) else None, error)
        else:
            self._on_success(result)


class DatabaseOp(Operation[T]):
    """Reads and writes through the database (SQLite work is serialised on one thread)."""

    executor = Executor.DATABASE


class DeviceOp(Operation[T]):
    """Talks to a device: printer, scanner, camera."""

    executor = Executor.DEVICE


class NetworkOp(Operation[T]):
    """Talks to the platform or another machine."""

    executor = Executor.NETWORK


class CpuOp(Operation[T]):
    """Computes: images, PDFs, encryption, files on the local disk."""

    executor = Executor.CPU
