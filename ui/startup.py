"""The staged start of the GUI (issue 11): the window shell paints first, the rest follows without stalling it.

1. ``ui/app.py`` shows the bare ``MainWindow`` (title, empty work areas, "Starting…") before anything heavy is
   imported.
2. After its first paint, on the database thread (a ``DatabaseOp``), what opening the data needs is imported
   (the key store, the database); then, at the same time,
   * the database thread opens the workstation's data (migrations, data key, blobs: mostly waiting for the disk,
     it overlaps the imports), and
   * a ``CpuOp`` imports what makes the window usable (``USABLE_MODULES``): the composition root, the card
     reader's and the catalog's wiring, the clerk gate (reportlab, the PDF libraries, sqlite-utils and the
     desks no start needs load later, where they are used).
   The two threads never import the same modules at once: the database thread's imports come first.
3. One GUI-thread slice builds ``DeviceHooks`` (the PIN prompt is a QObject); the card reader's, the catalog's
   and the clerk session's services (``build_usable``) are built on them off the GUI thread.
4. Back on the GUI thread, the card reader and the catalog (``ui.wiring.usable_steps``), one per event-loop turn,
   then the clerk gate: the window is usable (``interactive``). The catalog's index starts being built then, and
   in training mode the sandbox process starts (a ``NetworkOp``; its own process, so it loads on the other core
   while the features are wired).
5. Once it is built (``CatalogPanel.prepared``), a ``CpuOp`` imports the other features' wiring
   (``FEATURE_MODULES``); a GUI slice finds the document camera (Qt Multimedia); the other services
   (``build_services``) are built off the GUI thread; then one feature per
   event-loop turn (``ui.wiring.feature_steps``: sync, queue, scanning, acceptance, customer screen, ...), each
   whole in its slice, so none is seen half-wired; what one adds (a tool bar, a shortcut) stays disabled under
   the gate while it covers the window (``SessionGate.cover_new``). Then ``finished``.
   Each slice is timed (``slices``; the start-up bench reports the longest). The background work these features
   start after the first paint (the queue's first contact, the retention run) is held until they are all wired
   (``MainWindow.hold_background_work``): it would compete with the slices for the GIL.

The card reader's and the catalog's panels are wired before the gate that covers them, so until the gate is
wired the work areas, tool bars and shortcuts are held disabled (``InputHold``): nothing a feature wired early
offers can be used before a clerk logs in; from the gate on, the gate holds them.
A failure of any stage ends the start: ``finished`` with ``error`` set; ``ui/app.py`` shows it to the clerk in
the clerk's language, as a failure of ``open_services`` was shown before the staging.
"""

from __future__ import annotations

import gc
import importlib
import logging
import time
from collections.abc import Callable, Generator
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore  # ``QtCore.Qt`` at use: see ui.main_window._splitter
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QToolBar, QWidget

from clerk_app.config import Config
from clerk_app.paths import AppPaths
from ui.main_window import MainWindow
from ui.tasks import CpuOp, DatabaseOp, NetworkOp, TaskRunner

if TYPE_CHECKING:
    from clerk_app.context import Workstation
    from clerk_app.services import DeviceHooks, Services, UsableServices
    from ui.clerk_gate import SessionGate
    from ui.wiring import Features, Usable

log = logging.getLogger("onewindow.init")

# What opening the data imports (step 2, the database thread, first).
DATA_MODULES = ("clerk_app.context",)

# What the window needs to be usable (a card read reaching the applicant panel, the catalog search answering, the
# clerk gate over them), loaded off the GUI thread before the first feature is wired (step 2, a CPU thread).
USABLE_MODULES = (
    "clerk_app.services",
    "ui.wiring",
    "ui.identity_wiring",
    "ui.catalog_panel",
    "ui.clerk_gate",
)

# What the other features' wiring imports, loaded off the GUI thread once the window is usable (step 5).
FEATURE_MODULES = (
    "PySide6.QtMultimedia",  # the document camera's discovery (``with_camera``) then only asks for the devices
    "ui.sync_wiring",
    "ui.queue_wiring",
    "ui.scanning_wiring",
    "ui.acceptance.wiring",
    "ui.customer_screen.wiring",
    "ui.online_wiring",
    "ui.agent_batch_wiring",
    "ui.retention_wiring",
    "ui.statistics.wiring",
    "ui.results_wiring",
    "ui.memory",
    "ui.power_wiring",
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

    def apply(self, bars: bool = True) -> None:
        """Hold what is there now (called again after each slice: a feature may have added a tool bar). Tool bars
        and docks are the window's direct children: a recursive search of every panel's widgets cost more than
        some slices. ``bars=False``: the shell before its first paint, which has none (and the search's option
        would create PySide6's whole ``Qt`` namespace there, 20 ms; see ``ui.main_window._splitter``)."""
        window = self._window
        parts: list[QWidget | None] = [window.centralWidget(), window.menuWidget()]
        if bars:
            direct = QtCore.Qt.FindChildOption.FindDirectChildrenOnly
            parts += [*window.findChildren(QToolBar, options=direct),
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
    interactive = Signal()  # the clerk gate is wired over the card reader and the catalog (``interactive_at``)

    def __init__(self, window: MainWindow, paths: AppPaths, config: Config, tasks: TaskRunner,
                 training_login: str | None) -> None:
        super().__init__(window)
        self._window = window
        self._paths = paths
        self._config = config
        self._tasks = tasks
        self._training_login = training_login
        self._hold = InputHold(window)
        self._steps: Generator[str, None, Any] | None = None
        self.workstation: Workstation | None = None  # the opened data, until the services own it
        self._imported = False
        self._collector_paused = False  # begin() turned the garbage collector off: the end turns it on again
        self._hooks: DeviceHooks | None = None
        self.usable: UsableServices | None = None  # the card reader's, the catalog's, the clerk session's
        self._usable: Usable | None = None
        self._gated = False  # the clerk gate holds the input from then on (the input hold is released)
        self.interactive_at: float | None = None  # time.monotonic() when the window became usable
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
        # The cyclic garbage collector is off until the start is over: the imports and the building allocate
        # mostly objects that stay, and its passes over them were a seventh of the start's CPU (~0.1 s on the way
        # to a usable window). What is alive then is frozen out of its later walks (``_resume_collector``).
        self._collector_paused = gc.isenabled()
        gc.disable()
        self._hold.apply(bars=False)
        self._window.after_first_paint(self._import)
        # after _import: the features' own after-paint work waits until they are all wired (see _gate)
        self._window.hold_background_work()

    def stop(self) -> None:
        """The window is closing: deliver nothing more (``close`` then closes what was opened)."""
        self.stopped = True
        self._steps = None
        self._resume_collector(freeze=False)

    def _resume_collector(self, freeze: bool) -> None:
        if not self._collector_paused:
            return
        self._collector_paused = False
        gc.enable()
        if freeze:
            # One collection, then what the start built (modules, widgets, services) is kept out of every later
            # pass, which would otherwise walk it all on some keystroke. On the GUI thread, on the next turn: a
            # collection elsewhere finalises unreachable Qt objects (and PySide's wrappers) on that thread, which
            # Qt does not allow; a full test run crashed that way.
            QTimer.singleShot(0, self, self._collect_and_freeze)

    def _collect_and_freeze(self) -> None:
        began = time.perf_counter()
        found = gc.collect()
        gc.freeze()
        log.info("collection after the start: %d objects, %.0f ms", found, (time.perf_counter() - began) * 1000)

    def close(self) -> None:
        """Close the services, or the data if the services were not built yet (after ``stop`` and the tasks'
        shutdown, so nothing opens anything meanwhile)."""
        if self.services is not None:
            self.services.close()
        elif self.usable is not None:
            self.usable.close()
        elif self.workstation is not None:
            self.workstation.close()
        self.services = None
        self.usable = None
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
        CpuOp(self._window, lambda: import_modules(USABLE_MODULES)).success(
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
        from clerk_app.services import build_usable
        from ui.wiring import pin_hooks

        ws = self.workstation
        assert ws is not None
        hooks: DeviceHooks = pin_hooks()
        self._hooks = hooks
        log.info("building the card reader's, the catalog's and the clerk session's services")
        CpuOp(self._window, lambda: build_usable(ws, hooks)).success(self._opened).failure(
            self._fail).run(self._tasks)

    def _opened(self, services: UsableServices) -> None:
        self.usable = services  # owns the data now: close() closes both
        if self.stopped:
            return
        from ui.wiring import usable_steps

        log.info("wiring the card reader and the catalog")
        self._steps = usable_steps(self._window, services, self._tasks)
        QTimer.singleShot(0, self, lambda: self._step_through("catalog", self._usable_wired,
                                                              ("clerk gate", self._gate)))

    def _usable_wired(self, usable: Usable) -> None:
        self._usable = usable

    def _gate(self) -> None:
        if self.stopped:
            return
        from ui.clerk_gate import wire_clerk_session

        assert self.usable is not None and self._usable is not None
        self._hold.release()  # the gate now covers the panels itself (and disables them while it does)
        self._gated = True
        gate = wire_clerk_session(self._window, self.usable, self._tasks, self._training_login)
        self.clerk_gate = gate
        self.interactive_at = time.monotonic()
        log.info("workstation usable in %.0f ms", (self.interactive_at - self.began) * 1000)
        self.interactive.emit()
        sandbox = self.usable.sandbox
        if sandbox is not None:
            # Its own process (nice 10): it loads FastAPI on the other core while the features are wired; started
            # once the window is usable (starting a process and its imports took from the way there). The sync
            # wiring's start_platform finds it started (or waits for it, off the GUI thread); a failure is
            # reported there, so here it is only logged.
            NetworkOp(self._window, sandbox.start).success(lambda _sandbox: None).failure(
                lambda exc: log.info("training platform not started ahead: %s", type(exc).__name__)).run(self._tasks)
        # The catalog's index (and, on a first start, the training catalog's import) is what the search box
        # waits for: it starts now, on the database thread, and the other features follow once it is there. Run
        # alongside, their imports would only share the GIL with it (the search would answer later), and their
        # slices would wait for the GIL behind a training catalog import. Their own first background work waits
        # for the end of their wiring, as before.
        self._window.release_background_work()
        self._window.hold_background_work()
        catalog = self._usable.catalog
        if catalog.is_prepared:
            self._import_features()
        else:
            catalog.prepared.connect(self._import_features, QtCore.Qt.ConnectionType.SingleShotConnection)

    def _import_features(self) -> None:
        if self.stopped or self.error is not None:
            return
        CpuOp(self._window, lambda: import_modules(FEATURE_MODULES)).success(
            self._features_imported).failure(self._fail).run(self._tasks)

    def _features_imported(self, _none: None) -> None:
        self._slice("camera", self._build_the_rest)

    def _build_the_rest(self) -> None:
        from clerk_app.services import build_services
        from ui.wiring import with_camera

        usable, hooks = self.usable, self._hooks
        assert usable is not None and hooks is not None
        hooks = with_camera(hooks)  # the document camera, for the scanning service
        log.info("building the other services")
        CpuOp(self._window, lambda: build_services(usable.workstation, hooks, usable)).success(
            self._wire_features).failure(self._fail).run(self._tasks)

    def _wire_features(self, services: Services) -> None:
        self.services = services  # has the usable ones too: close() closes them all
        if self.stopped:
            return
        from ui.wiring import feature_steps

        assert self._usable is not None
        log.info("wiring the other features")
        self._steps = feature_steps(self._window, services, self._tasks, self._usable)
        QTimer.singleShot(0, self, lambda: self._step_through("statistics", self._features_wired,
                                                              ("features ready", self._features_ready)))

    def _features_wired(self, features: Features) -> None:
        self.features = features

    def _features_ready(self) -> None:
        if self.stopped:
            return
        from ui.customer_screen.wiring import follow_clerk_gate

        assert self.features is not None and self.clerk_gate is not None
        gate = self.clerk_gate
        gate.drafts = self.features.acceptance.drafts  # 交班 now asks about an open draft
        follow_clerk_gate(self.features.customer_screen, gate)  # the citizen's screen blanks with the gate
        if self._window.isVisible():
            # The customer screen, a window of its own, was shown after this one and took the activation: the
            # clerk's keyboard belongs to the clerk's window (the login field, the search box).
            self._window.activateWindow()
        self._window.status.set_starting(False)
        log.info("workstation ready in %.0f ms (longest GUI slice %.0f ms)",
                 (time.monotonic() - self.began) * 1000, max(took for _name, took in self.slices))
        self.done = True
        self._resume_collector(freeze=True)
        self.finished.emit()
        # The features' first background work (sandbox process, queue, retention run) starts now, on the next
        # turn: the window paints first.
        QTimer.singleShot(0, self, self._window.release_background_work)

    # -- helpers --------------------------------------------------------------------------------------------
    def _step_through(self, last: str, wired: Callable[[Any], None], then: tuple[str, Callable[[], Any]]) -> None:
        """Wire ``self._steps`` one step per event-loop turn, each a timed slice named by the step. The slice that
        ends the generator (named ``last``, the step it finishes) hands its value to ``wired``; ``then`` runs as
        a slice of its own on the next turn."""
        steps = self._steps
        if steps is None or self.stopped:
            return
        ended = False

        def step() -> str:
            nonlocal ended
            try:
                return next(steps)
            except StopIteration as done:
                wired(done.value)
                ended = True
                return last

        if not self._slice("feature", step):
            return
        if ended:
            name, work = then
            QTimer.singleShot(0, self, lambda: self._slice(name, work))
        else:
            QTimer.singleShot(0, self, lambda: self._step_through(last, wired, then))

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
        if not self._gated:
            self._hold.apply()
        elif self.clerk_gate is not None and not self.done:
            self.clerk_gate.cover_new()  # a feature wired behind the gate stays under it until a clerk logs in
        return True

    def _fail(self, exc: BaseException) -> None:
        if self.done or self.stopped:
            if self.stopped:
                log.info("start-up failure after the window closed: %s", type(exc).__name__)
            return
        log.info("start-up failed: %s", type(exc).__name__)
        self.error = exc
        self.done = True
        self._resume_collector(freeze=False)
        self.finished.emit()
