"""The staged start of the GUI (issue 11): the window shell paints first, the rest follows without stalling it.

1. ``ui/app.py`` shows the bare ``MainWindow`` (title, empty work areas, "Starting…") before anything heavy is
   imported.
2. After its first paint, off the GUI thread (a ``DatabaseOp``: the database is opened there too): import the
   composition root and every feature's wiring (pypinyin, reportlab with its fonts, the PDF libraries, keyring,
   requests…), which used to be most of the start-up time.
3. One GUI-thread slice builds ``DeviceHooks`` (the PIN prompt is a QObject, the document camera is found through
   Qt Multimedia), then, off the GUI thread again, ``open_services``: database and migrations, data key, blobs.
4. Back on the GUI thread, one feature per event-loop turn (``ui.wiring.wiring_steps``), then the clerk gate.
   Each slice is timed (``slices``; the start-up bench reports the longest).

The panels are wired before the gate that covers them, so until the gate is wired the work areas, tool bars and
shortcuts are held disabled: nothing a feature wired early offers can be used before a clerk logs in.
A failure of any stage ends the start: ``finished`` with ``error`` set; ``ui/app.py`` shows it to the clerk.
"""

from __future__ import annotations

import importlib
import logging
import time
from collections.abc import Callable, Generator
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QToolBar, QWidget

from clerk_app.config import Config
from clerk_app.paths import AppPaths
from ui.main_window import MainWindow
from ui.tasks import DatabaseOp, TaskRunner

if TYPE_CHECKING:
    from clerk_app.services import DeviceHooks, Services
    from ui.clerk_gate import SessionGate
    from ui.wiring import Features

log = logging.getLogger("onewindow.init")

# What the wiring imports, loaded off the GUI thread before the first feature is wired (step 2).
HEAVY_MODULES = (
    "clerk_app.services",
    "ui.wiring",
    "ui.acceptance.wiring",
    "ui.agent_batch_wiring",
    "ui.catalog_panel",
    "ui.customer_screen.wiring",
    "ui.identity_wiring",
    "ui.online_wiring",
    "ui.queue_wiring",
    "ui.retention_wiring",
    "ui.scanning_wiring",
    "ui.statistics.wiring",
    "ui.sync_wiring",
    "ui.clerk_gate",
)


def import_heavy_modules() -> None:
    for name in HEAVY_MODULES:
        importlib.import_module(name)


class InputHold:
    """Work areas, menus, tool bars and shortcuts disabled while the features are wired. Only what was enabled is
    disabled, and only that is enabled again, so a feature's own disabled action stays disabled."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self._widgets: list[QWidget] = []
        self._actions: list[QAction] = []

    def apply(self) -> None:
        """Hold what is there now (called again after each slice: a feature may have added a tool bar)."""
        window = self._window
        parts: list[QWidget | None] = [window.centralWidget(), window.menuWidget(),
                                       *window.findChildren(QToolBar), *window.findChildren(QDockWidget)]
        for part in parts:
            if part is not None and part.isEnabled() and part not in self._widgets:
                part.setEnabled(False)
                self._widgets.append(part)
        for action in window.shortcuts.actions.values():
            if action.isEnabled() and action not in self._actions:
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

    def stop(self) -> None:
        """The window is closing: deliver nothing more; services opened meanwhile are closed by their delivery."""
        self.stopped = True
        self._steps = None

    # -- the stages -----------------------------------------------------------------------------------------
    def _import(self) -> None:
        if self.stopped:
            return
        log.info("loading the workstation")
        DatabaseOp(self._window, import_heavy_modules).success(
            lambda _none: self._slice("device hooks", self._open)).failure(self._fail).run(self._tasks)

    def _open(self) -> None:
        from clerk_app.services import open_services
        from ui.wiring import device_hooks

        hooks: DeviceHooks = device_hooks()
        log.info("opening services")
        DatabaseOp(self._window, lambda: open_services(self._paths, self._config, hooks)).success(
            self._opened).failure(self._fail).run(self._tasks)

    def _opened(self, services: Services) -> None:
        if self.stopped:
            services.close()
            return
        from ui.wiring import wiring_steps

        self.services = services
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
        gate = wire_clerk_session(self._window, self.services, self._tasks, self._training_login,
                                  self.features.acceptance.drafts)
        follow_clerk_gate(self.features.customer_screen, gate)  # the citizen's screen blanks with the gate
        self.clerk_gate = gate
        self._window.status.showMessage(self._window.tr("Ready"), 3000)
        log.info("workstation ready in %.0f ms (longest GUI slice %.0f ms)",
                 (time.monotonic() - self.began) * 1000, max(took for _name, took in self.slices))
        self.done = True
        self.finished.emit()

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
