"""Keep SIGPIPE ignored process-wide.

CPython ignores SIGPIPE so that a write to a closed socket raises ``BrokenPipeError``. libsane's reader code (seen with
the ``test`` backend through sanei_thread) puts SIGPIPE back to its default action when a page ends, for the whole
process: the next write to a socket whose peer went away (a sync request, the single-instance socket) would then kill
the workstation without a word. Drivers call :func:`keep_sigpipe_ignored` after every library call that may do that.
Python's ``signal.signal`` only works on the main thread, so this goes through libc, which works from any thread.
"""

from __future__ import annotations

import ctypes
import functools
import os
import signal

_SIG_IGN = 1


@functools.cache
def _libc_signal() -> ctypes._CFuncPtr | None:  # type: ignore[name-defined]
    if os.name != "posix":
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None
    function = libc.signal
    function.restype = ctypes.c_void_p
    function.argtypes = [ctypes.c_int, ctypes.c_void_p]
    return function


def keep_sigpipe_ignored() -> bool:
    """Ignore SIGPIPE again; returns True if something had changed it."""
    function = _libc_signal()
    if function is None:
        return False
    previous = function(int(signal.SIGPIPE), ctypes.c_void_p(_SIG_IGN))
    return previous != _SIG_IGN
