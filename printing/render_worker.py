"""Papers are rendered in a long-lived child process, so the GUI process never holds reportlab, the CJK font,
qrcode, python-barcode, img2pdf or pikepdf (issue 11: about 50 MB that stayed for the rest of the day after the
first receipt).

The child is a ``ProcessPoolExecutor`` with one worker, started with ``spawn`` (a fresh interpreter: nothing of
the parent's Qt state is copied, and the frozen bundle supports it through ``multiprocessing.freeze_support`` in
``packaging/entry.py``). It imports only what the rendering functions import. A request is a rendering function
of this package named ``"module:function"`` with its arguments; arguments and results (the paper's personal
data, the PDF) go through the executor's pipes, never to disk, and are never logged.

* Started on the first call, or ahead of it by ``warm_up`` (off the GUI thread) so the first receipt does not
  wait for the imports.
* Exits after ``idle_s`` without a call (its memory goes back to the system); the next call starts it again.
* A worker that dies mid-render (killed, crashed) is replaced and the render retried once; if that fails too
  (the worker cannot start at all), the paper is rendered in this process with a logged warning: the clerk must
  still get the paper. The papers of the next ``RETRY_START_S`` render here too, without trying again.

An exception raised by the rendering function itself (a ``ValueError`` for a paper without its case number) is
re-raised here as it is, exactly as an in-process call would raise it.
"""

from __future__ import annotations

import importlib
import logging
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from printing.errors import PaperNotRendered

log = logging.getLogger("onewindow.printing")

IDLE_EXIT_S = 600.0  # the default of ``printing.render_worker_idle_s``
# After a worker could not start, papers render in this process for this long before a start is tried again
# (each failed try costs two interpreter starts: not for every paper of the day).
RETRY_START_S = 300.0
PACKAGES = ("printing.",)  # what the client sends: this package's rendering functions

# What a warm worker has loaded: everything the papers of a day need.
WARM_MODULES = ("printing.render", "printing.guide_pdf", "printing.report_pdf", "printing.material_pdf")


# --- in the worker ---------------------------------------------------------------------------------------------
def run(target: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    return resolve(target)(*args, **kwargs)


def resolve(target: str) -> Callable[..., Any]:
    module, _, name = target.partition(":")
    function: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return function


def warm() -> int:
    """Import every paper's code, register the CJK font and render a sample receipt and A4 notice (thrown away):
    a first render pays for the font's tables and reportlab's caches (~70 ms more than the next one)."""
    for module in WARM_MODULES:
        importlib.import_module(module)
    from datetime import datetime

    from printing.model import DocumentContext, DocumentKind
    from printing.render import render_document

    for kind in (DocumentKind.THERMAL_RECEIPT, DocumentKind.ACCEPTANCE_NOTICE):
        render_document(DocumentContext(kind, "330000000000000000000", "WARMUP", "便民服务中心", "综合受理窗口",
                                        "受理人", "申请人", "居民身份证", "******************", ("政务服务事项",),
                                        datetime.now().astimezone()))
    return os.getpid()


def worker_pid() -> int:
    return os.getpid()


def loaded_modules() -> list[str]:
    """What the worker has imported (tests check that no Qt and nothing of the GUI came along)."""
    return sorted(sys.modules)


def _worker_start() -> None:
    import signal

    # Ctrl-C in the terminal of a development start reaches the whole process group: the GUI decides what
    # happens, a worker interrupted mid-render would only be retried.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A parent that ends without its exit handlers (killed, crashed, os._exit) cannot stop the worker, and the
    # worker holds both ends of its request queue, so it would wait for requests forever (and hold the parent's
    # stdout and stderr, which a caller reading them to the end waits for): it ends with its parent instead.
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent.sentinel,), name="parent-watch", daemon=True).start()


def _exit_with(sentinel: int) -> None:
    from multiprocessing.connection import wait

    wait([sentinel])
    os._exit(0)


# --- in the GUI process ----------------------------------------------------------------------------------------
def spawn_pool() -> Executor:
    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_worker_start)


class RenderWorker:
    """The client: ``call("printing.render:render_document", ctx)`` returns what the function returns.

    Thread-safe: the services render from several worker threads (a preview and a print at once); the one child
    takes the requests in turn."""

    def __init__(self, idle_s: float = IDLE_EXIT_S, pool_factory: Callable[[], Executor] = spawn_pool,
                 packages: tuple[str, ...] = PACKAGES) -> None:
        self.idle_s = idle_s
        self.retry_start_s = RETRY_START_S
        self._packages = packages
        self._start_failed_at: float | None = None  # monotonic time of the last start that failed
        self._pool_factory = pool_factory
        self._lock = threading.Lock()
        self._pool: Executor | None = None
        self._busy = 0
        self._last_use = time.monotonic()
        self._timer: threading.Timer | None = None
        self.starts = 0  # children started (tests and the bench read it)
        self.fallbacks = 0  # renders done in this process because no worker could serve them

    @property
    def running(self) -> bool:
        return self._pool is not None

    def call(self, target: str, *args: Any, **kwargs: Any) -> Any:
        module, _, name = target.partition(":")
        if not module.startswith(self._packages) or not name.isidentifier():
            raise ValueError(f"not a rendering function the worker runs: {target}")
        failed = self._start_failed_at
        if failed is None or time.monotonic() - failed >= self.retry_start_s:
            for attempt in (1, 2):
                try:
                    return self._submit(target, args, kwargs)
                except BrokenProcessPool:
                    self._discard()
                    if attempt == 1:
                        log.warning("the render worker died during %s; starting it again", target)
            if self._starts_at_all():
                # The worker runs but dies on this paper, twice: in this process it would take the window down.
                log.error("the render worker died twice on %s; the paper is refused", target)
                raise PaperNotRendered()
            log.warning("the render worker cannot start; rendering in this process for the next %.0f s",
                        self.retry_start_s)
            self._start_failed_at = time.monotonic()
        self.fallbacks += 1
        return resolve(target)(*args, **kwargs)

    def warm_up(self) -> None:
        """Start the worker and load the papers' code in it, without waiting (call it off the GUI thread)."""
        try:
            with self._lock:
                pool = self._ensure_pool()
                self._busy += 1
            future = pool.submit(warm)
        except (BrokenProcessPool, OSError, RuntimeError):
            log.warning("the render worker could not be started ahead of the first paper", exc_info=True)
            self._done()
            return
        future.add_done_callback(lambda _f: self._done())

    def pid(self) -> int:
        pid: int = self.call("printing.render_worker:worker_pid")
        return pid

    def stop(self) -> None:
        """End the worker now (the workstation closes; the next call would start another)."""
        with self._lock:
            pool, self._pool = self._pool, None
            self._cancel_timer()
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def stop_if_idle(self) -> bool:
        """End the worker if nothing was asked of it for ``idle_s``; True if it was ended."""
        with self._lock:
            if self._pool is None or self._busy or time.monotonic() - self._last_use < self.idle_s:
                return False
            pool, self._pool = self._pool, None
            self._cancel_timer()
        log.info("the render worker was idle for %.0f s: ended to give its memory back", self.idle_s)
        pool.shutdown(wait=True)
        return True

    # -- the plumbing -------------------------------------------------------------------------------------------
    def _submit(self, target: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        with self._lock:
            pool = self._ensure_pool()
            self._busy += 1
        try:
            try:
                future = pool.submit(run, target, args, kwargs)
            except (OSError, RuntimeError) as exc:
                # the child could not be created (no interpreter, no memory), or the pool broke meanwhile
                raise BrokenProcessPool(str(exc)) from exc
            return future.result()
        finally:
            self._done()

    def _starts_at_all(self) -> bool:
        """Whether a fresh worker answers at all (after a paper broke two of them)."""
        try:
            self._submit("printing.render_worker:worker_pid", (), {})
        except BrokenProcessPool:
            self._discard()
            return False
        return True

    def _ensure_pool(self) -> Executor:
        if self._pool is None:
            self._pool = self._pool_factory()
            self.starts += 1
        self._cancel_timer()
        return self._pool

    def _discard(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def _done(self) -> None:
        with self._lock:
            self._busy = max(0, self._busy - 1)
            self._last_use = time.monotonic()
            if self._busy or self._pool is None:
                return
            self._cancel_timer()
            self._timer = threading.Timer(self.idle_s, self.stop_if_idle)
            self._timer.daemon = True
            self._timer.start()

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None


_default: RenderWorker | None = None
_default_lock = threading.Lock()


def default_worker() -> RenderWorker:
    """The process's one worker (the print service, the guide, the statistics and the scans share it)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = RenderWorker()
        return _default


def configure(idle_s: float) -> None:
    default_worker().idle_s = idle_s


def render(target: str, *args: Any, **kwargs: Any) -> Any:
    """Run the rendering function ``target`` ("printing.module:function") in the worker."""
    return default_worker().call(target, *args, **kwargs)
