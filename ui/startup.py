"""The staged start of the GUI (issue 11): the window shell paints first, the rest follows without stalling it.

1. ``ui/app.py`` shows the bare ``MainWindow`` (title, empty work areas, "Starting…") before anything heavy is
   imported.
2. After its first paint, on the database thread (a ``DatabaseOp``), what opening the data needs is imported
   (the key store, the database); then, at the same time,
   * the database thread opens the workstation's data (migrations, data key, blobs: mostly waiting for the disk,
     it overlaps the imports), and
   * a ``CpuOp`` imports the composition root and every feature's wiring (reportlab, the PDF libraries and
     sqlite-utils load later, where they are used).
   The two threads never import the same modules at once: the database thread's imports come first.
3. One GUI-thread slice builds ``DeviceHooks`` (the PIN prompt is a QObject, the document camera is found through
   Qt Multimedia); the services are built on them off the GUI thread. In training mode the sandbox process starts
   then (a ``NetworkOp``; its own process, so it loads on the other core while the features are wired).
4. Back on the GUI thread, one feature per event-loop turn (``ui.wiring.wiring_steps``), then the clerk gate.
   Each slice is timed (``slices``; the start-up bench reports the longest). The background work the features
   start after the first paint (the catalog's import and index, the queue's first contact, the retention run)
   is held until the gate is wired (``MainWindow.hold_background_work``): it would compete with the slices for
   the GIL.

The panels are wired before the gate that covers them, so until the gate is wired the work areas, tool bars and
shortcuts are held disabled: nothing a feature wired early offers can be used before a clerk logs in.
A failure of any stage ends the start: ``finished`` with ``error`` set; ``ui/app.py`` shows it to the clerk in
the clerk's language, as a failure of ``open_services`` was shown before the staging.
"""

from __future__ import annotations

import importlib
import logging
import time
from collections.abc import Callable, Generator
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QToolBar, QWidget

from clerk_app.config import Config
from clerk_app.paths import AppPaths
from ui.main_window import MainWindow
from ui.tasks import CpuOp, DatabaseOp, NetworkOp, TaskRunner

if TYPE_CHECKING:
    from clerk_app.context import Workstation
    from clerk_app.services import DeviceHooks, Services
    from ui.clerk_gate import SessionGate
    from ui.wiring import Features

log = logging.getLogger("onewindow.init")

# What opening the data imports (step 2, the database thread, first).
DATA_MODULES = ("clerk_app.context",)

# What the wiring imports, loaded off the GUI thread before the first feature is wired (step 2, a CPU thread).
HEAVY_MODULES = (
    "clerk_app.services",
    "ui.wiring",
    "ui.acceptance.wiring",
    "ui.agent_batch_wiring",
    "ui.catalog_panel",
    "ui.customer_screen.wiring",
    "ui.identity_wiring",
    "ui.online_wiring",
    "ui.power_wiring",
    "ui.queue_wiring",
    "ui.results_wiring",
    "ui.retention_wiring",
    "ui.scanning_wiring",
    "ui.statistics.wiring",
    "ui.sync_wiring",
    "ui.clerk_gate",
    "PySide6.QtMultimedia",  # the document camera's discovery (``device_hooks``) then only asks for the devices
)


def import_modules(names: tuple[str, ...]) -> None:
    for name in names:
        importlib.import_module(name)


class InputHold:
    """Work areas, menus, tool bars and shortcuts disabled while the features are wired. Only what was enabled is
    disabled, and only that is enabled again, so a feature's own disabled action stays disabled."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self._widgets: list[QWidget] = []
        self._actions: list[QAction] = []

    def apply(self) -> None:
        """Hold what is there now (called again after each slice: a feature may have added a tool bar). Tool bars
        and docks are the window's direct children: a recursive search of every panel's widgets cost more than
        some slices."""
        window = self._window
        direct = Qt.FindChildOption.FindDirectChildrenOnly
        parts: list[QWidget | None] = [window.centralWidget(), window.menuWidget(),
                                       *window.findChildren(QToolBar, options=direct),
                                       *window.findChildren(QDockWidget, options=direct)]
        for part in parts:
            if part is not None and part.isEnabled():
                part.setEnabled(False)
                self._widgets.append(part)
        for action in window.shortcuts.actions.values():
            if action.isEnabled():
                action.setEnabled(False)
                self._actions.append(action)

    def release(self) -> None:
        for widget in self._widgets:
            widget.setEnabled(True)
        for action in self._actions:
            action.setEnabled(True)
        self._widgets.clear()
        self._actions.clear()


class StagedStart(QObject):
    """Runs steps 2-4 above; ``finished`` is emitted once, ready or failed (``error``)."""

    finished = Signal()

    def __init__(self, window: MainWindow, paths: AppPaths, config: Config, tasks: TaskRunner,
                 training_login: str | None) -> None:
        super().__init__(window)
        self._window = window
        self._paths = paths
        self._config = config
        self._tasks = tasks
        self._training_login = training_login
        self._hold = InputHold(window)
        self._steps: Generator[str, None, Features] | None = None
        self.workstation: Workstation | None = None  # the opened data, until the services own it
        self._imported = False
        self.services: Services | None = None
        self.features: Features | None = None
        self.clerk_gate: SessionGate | None = None
        self.error: BaseException | None = None
        self.stopped = False
        self.done = False
        self.slices: list[tuple[str, float]] = []  # (stage, milliseconds) of every GUI-thread slice
        self.began = time.monotonic()

    @property
    def ready(self) -> bool:
        return self.done and self.error is None and not self.stopped

    def begin(self) -> None:
        self._hold.apply()
        self._window.after_first_paint(self._import)
        # after _import: the features' own after-paint work waits until they are all wired (see _gate)
        self._window.hold_background_work()

    def stop(self) -> None:
        """The window is closing: deliver nothing more (``close`` then closes what was opened)."""
        self.stopped = True
        self._steps = None

    def close(self) -> None:
        """Close the services, or the data if the services were not built yet (after ``stop`` and the tasks'
        shutdown, so nothing opens anything meanwhile)."""
        if self.services is not None:
            self.services.close()
        elif self.workstation is not None:
            self.workstation.close()
        self.services = None
        self.workstation = None

    # -- the stages -----------------------------------------------------------------------------------------
    def _import(self) -> None:
        if self.stopped:
            return
        log.info("loading the workstation")
        DatabaseOp(self._window, lambda: import_modules(DATA_MODULES)).success(
            lambda _none: self._open_and_import()).failure(self._fail).run(self._tasks)

    def _open_and_import(self) -> None:
        if self.stopped:
            return
        from clerk_app.context import open_workstation

        log.info("opening the workstation's data")
        DatabaseOp(self._window, lambda: open_workstation(self._paths, self._config)).success(
            self._data_opened).failure(self._fail).run(self._tasks)
        CpuOp(self._window, lambda: import_modules(HEAVY_MODULES)).success(
            lambda _none: self._imports_done()).failure(self._fail).run(self._tasks)

    def _data_opened(self, ws: Workstation) -> None:
        self.workstation = ws
        if self.stopped or self.error is not None:
            return  # closed by close()
        self._maybe_build()

    def _imports_done(self) -> None:
        self._imported = True
        self._maybe_build()

    def _maybe_build(self) -> None:
        if self._imported and self.workstation is not None and not self.stopped and self.error is None:
            self._slice("device hooks", self._build)

    def _build(self) -> None:
        from clerk_app.services import build_services
        from ui.wiring import device_hooks

        ws = self.workstation
        assert ws is not None
        hooks: DeviceHooks = device_hooks()
        log.info("building the services")
        CpuOp(self._window, lambda: build_services(ws, hooks)).success(self._opened).failure(
            self._fail).run(self._tasks)

    def _opened(self, services: Services) -> None:
        self.services = services  # owns the data now: close() closes both
        if self.stopped:
            return
        sandbox = services.sandbox
        if sandbox is not None:
            # Its own process (nice 10): it loads FastAPI on the other core while the features are wired. The
            # sync wiring's start_platform finds it started (or waits for it, off the GUI thread); a failure is
            # reported there, so here it is only logged.
            NetworkOp(self._window, sandbox.start).success(lambda _sandbox: None).failure(
                lambda exc: log.info("training platform not started ahead: %s", type(exc).__name__)).run(self._tasks)
        from ui.wiring import wiring_steps

        log.info("wiring the features")
        self._steps = wiring_steps(self._window, services, self._tasks)
        QTimer.singleShot(0, self, self._next_feature)

    def _next_feature(self) -> None:
        steps = self._steps
        if steps is None or self.stopped:
            return

        def step() -> str:
            try:
                return next(steps)
            except StopIteration as done:
                self.features = done.value
                return "statistics"

        if not self._slice("feature", step):
            return
        if self.features is not None:
            QTimer.singleShot(0, self, lambda: self._slice("clerk gate", self._gate))
        else:
            QTimer.singleShot(0, self, self._next_feature)

    def _gate(self) -> None:
        if self.stopped:
            return
        from ui.clerk_gate import wire_clerk_session
        from ui.customer_screen.wiring import follow_clerk_gate

        assert self.services is not None and self.features is not None
        self._hold.release()  # the gate now covers the panels itself (and disables them while it does)
        if self._window.isVisible():
            # The customer screen, a window of its own, was shown after this one and took the activation: the
            # clerk's keyboard belongs to the clerk's window (the login field, the search box).
            self._window.activateWindow()
        gate = wire_clerk_session(self._window, self.services, self._tasks, self._training_login,
                                  self.features.acceptance.drafts)
        follow_clerk_gate(self.features.customer_screen, gate)  # the citizen's screen blanks with the gate
        self.clerk_gate = gate
        self._window.status.set_starting(False)
        log.info("workstation ready in %.0f ms (longest GUI slice %.0f ms)",
                 (time.monotonic() - self.began) * 1000, max(took for _name, took in self.slices))
        self.done = True
        self.finished.emit()
        # The features' first background work (catalog import and index, sandbox process, queue) starts now, on
        # the next turn: the gate paints first.
        QTimer.singleShot(0, self, self._window.release_background_work)

    # -- helpers --------------------------------------------------------------------------------------------
    def _slice(self, name: str, work: Callable[[], Any]) -> bool:
        """Run one GUI-thread slice, timed (named by what ``work`` returns if that is a name); False if it failed
        (the start is over then)."""
        if self.stopped:
            return False
        started = time.perf_counter()
        try:
            named = work()
            if isinstance(named, str):
                name = named
        except BaseException as exc:  # noqa: BLE001 - every failure ends the start and is shown by ui/app.py
            self._fail(exc)
            return False
        finally:
            self.slices.append((name, (time.perf_counter() - started) * 1000))
        if not self.done:
            self._hold.apply()
        return True

    def _fail(self, exc: BaseException) -> None:
        if self.done or self.stopped:
            if self.stopped:
                log.info("start-up failure after the window closed: %s", type(exc).__name__)
            return
        log.info("start-up failed: %s", type(exc).__name__)
        self.error = exc
        self.done = True
        self.finished.emit()
