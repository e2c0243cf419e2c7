"""libsane puts SIGPIPE back to its default action when a page ends; the driver must undo that, or the next write
to a socket whose peer is gone (a sync request) kills the workstation. Run in a child process: if the guard fails,
only the child dies."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[3]

CHILD = textwrap.dedent("""
    import socket, sys
    sys.path.insert(0, {root!r})
    from devices.scanner.base import CancelToken, ScanSettings
    from devices.scanner.sane_driver import SaneDriver
    driver = SaneDriver()
    pages = list(driver.scan("test:0", ScanSettings(resolution=75), CancelToken(), lambda i, f: None))
    driver.close()
    a, b = socket.socketpair()
    b.close()
    try:
        for _ in range(100):
            a.send(b"x" * 65536)
    except BrokenPipeError:
        print("survived", len(pages))
""")


def test_a_scan_does_not_leave_sigpipe_fatal(sane_env):
    env = dict(os.environ, SANE_CONFIG_DIR=str(sane_env))
    result = subprocess.run([sys.executable, "-c", CHILD.format(root=str(ROOT))], env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, f"child ended with {result.returncode}: {result.stderr[-1500:]}"
    assert result.stdout.strip() == "survived 1"


def test_the_guard_restores_the_disposition():
    import ctypes

    from devices.posix_signals import keep_sigpipe_ignored

    libc = ctypes.CDLL(None)
    libc.signal.restype = ctypes.c_void_p
    libc.signal.argtypes = [ctypes.c_int, ctypes.c_void_p]
    libc.signal(13, ctypes.c_void_p(0))  # what libsane does: SIG_DFL
    assert keep_sigpipe_ignored() is True
    assert keep_sigpipe_ignored() is False
