"""The sandbox ends with the workstation that started it (``python -m sandbox --parent-pid PID``).

A workstation that ends without its exit handlers (killed, crashed, ``os._exit``) cannot stop its training
sandbox, which would then keep running and hold its port (and its database) until the next boot. The render
worker solves the same problem by waiting on its parent's sentinel; the sandbox is a plain subprocess, so it
watches its parent's pid instead:

* POSIX: a daemon thread compares ``os.getppid()`` with the parent's pid every ``POLL_S``; a dead parent's child
  is re-parented (to init or a subreaper), so the two differ from then on. ``prctl(PR_SET_PDEATHSIG)`` is not
  used: Linux sends it when the *thread* that started the child ends, and the workstation starts the sandbox from
  a pool thread, which may end long before the workstation does.
* Windows: a daemon thread waits on a ``SYNCHRONIZE`` handle of the parent process (no polling; Windows does not
  re-parent, so ``getppid`` would not change).

On a dead parent the sandbox ends the way the workstation's own ``stop`` ends it (SIGTERM: uvicorn shuts its server
down and the process ends on the signal, as on a normal close), and exits outright if that has not happened within
``GRACE_S``. On Windows it exits outright: there is no signal a process can send itself for that. Either way its
committed state is in SQLite, which a process ending mid-transaction does not corrupt.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time

log = logging.getLogger("sandbox.parent_watch")

POLL_S = 0.5
GRACE_S = 5.0


def exit_with_parent(parent_pid: int) -> threading.Thread:
    """Start the watch (a daemon thread, returned for tests); the process ends soon after ``parent_pid`` does."""
    thread = threading.Thread(target=_watch, args=(parent_pid,), name="parent-watch", daemon=True)
    thread.start()
    return thread


def _watch(parent_pid: int) -> None:
    if sys.platform == "win32":
        _wait_windows(parent_pid)
    else:
        while os.getppid() == parent_pid:
            time.sleep(POLL_S)
    log.warning("the workstation that started the sandbox (pid %s) is gone; the sandbox stops", parent_pid)
    _stop()


def _wait_windows(parent_pid: int) -> None:
    if sys.platform == "win32":  # the check again: mypy reads windll only on Windows
        import ctypes

        synchronize, infinite = 0x00100000, 0xFFFFFFFF
        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(synchronize, False, parent_pid)
        if not handle:
            return  # the parent is already gone
        try:
            kernel32.WaitForSingleObject(handle, infinite)
        finally:
            kernel32.CloseHandle(handle)


def _stop() -> None:
    if sys.platform != "win32":
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(GRACE_S)  # main returns and the interpreter ends this daemon thread with it
    os._exit(0)
