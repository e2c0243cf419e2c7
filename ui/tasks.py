"""Background operations for the UI (modelled on Anki's QueryOp): run a callable off the GUI thread and get the
result or the error back on the GUI thread.

    BackgroundOp(parent, lambda: service.slow_thing()).success(self.show).failure(self.oops).run(pool)

Never touch widgets inside the callable. ``TaskRunner`` owns two pools: one single-threaded for the database
(SQLite work is serialised) and one for everything else (network, printing, image processing).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QWidget

from ui.errors import show_exception

log = logging.getLogger("onewindow.tasks")


class _Relay(QObject):
    finished = Signal(object, object)  # result, error


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:  # delivered to the GUI thread, which decides what to show
            self._relay.finished.emit(None, exc)
        else:
            self._relay.finished.emit(result, None)


class TaskRunner:
    def __init__(self) -> None:
        self.db_pool = QThreadPool()
        self.db_pool.setMaxThreadCount(1)
        self.io_pool = QThreadPool()
        self.io_pool.setMaxThreadCount(4)
        self.running = 0

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        self.db_pool.waitForDone(timeout_ms)
        self.io_pool.waitForDone(timeout_ms)


class BackgroundOp:
    # Running ops are kept here until delivered: the relay's connection to ``_deliver`` does not keep the op
    # alive, so a ``BackgroundOp(...).run(pool)`` whose work outlasted the statement silently lost its result.
    _running: set[BackgroundOp] = set()

    def __init__(self, parent: QWidget | None, fn: Callable[[], Any]) -> None:
        self._parent = parent
        self._fn = fn
        self._on_success: Callable[[Any], None] = lambda _result: None
        self._on_failure: Callable[[BaseException], None] = lambda exc: show_exception(self._parent, exc)
        self._relay = _Relay()

    def success(self, callback: Callable[[Any], None]) -> BackgroundOp:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> BackgroundOp:
        self._on_failure = callback
        return self

    def run(self, pool: QThreadPool) -> None:
        BackgroundOp._running.add(self)
        self._relay.finished.connect(self._deliver)
        pool.start(_Runnable(self._fn, self._relay))

    def _deliver(self, result: Any, error: BaseException | None) -> None:
        self._relay.finished.disconnect(self._deliver)
        BackgroundOp._running.discard(self)
        if error is not None:
            self._on_failure(error)
        else:
            self._on_success(result)
