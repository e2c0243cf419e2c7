"""The training sandbox as a child process (``python -m sandbox``), owned by the composition root.

The sandbox stands in for the province's platform, so it runs as a separate system: its own interpreter, its own
imports (FastAPI and uvicorn never load into the workstation), its own database under the data folder. ``start``
blocks until the port answers, so callers run it off the GUI thread; ``stop`` ends the process and is idempotent.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO

from clerk_app.security.clerk_session import TRAINING_ACCOUNTS

log = logging.getLogger("onewindow.sync")

LOOPBACK = "127.0.0.1"
TRAINING_ACCOUNT = ("trainee", "trainee")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


class SandboxStopped(RuntimeError):
    """The sandbox was stopped (the window closed) before or while it started."""


class TrainingSandbox:
    def __init__(self, db_path: Path, port: int = 0, backoffice_delay: float = 20.0,
                 log_path: Path | None = None, queue_arrivals_per_hour: float = 0.0,
                 centre_code: str = "") -> None:
        self.db_path = db_path
        self.centre_code = centre_code  # the workstation's centre: its clerks write its cases
        self.port = port or free_port()  # chosen now so the sync client knows its URL before the process runs
        self.backoffice_delay = backoffice_delay
        self.queue_arrivals_per_hour = queue_arrivals_per_hour
        self._lock = threading.Lock()  # sync and queue calling may both ask for it at start-up
        self._stopped = threading.Event()  # set by stop(): a start still waiting for the port gives up
        self.log_path = log_path or db_path.with_suffix(".log")
        self._process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def command(self) -> list[str]:
        # The sync client's training account and the login gate's practice accounts (served by the sandbox too).
        clerks = {TRAINING_ACCOUNT[0]: TRAINING_ACCOUNT[1], **{a: v[0] for a, v in TRAINING_ACCOUNTS.items()}}
        # --parent-pid: a workstation killed or crashed (no exit handlers, no ``stop``) leaves no sandbox behind
        # holding the port and the database (sandbox/parent_watch.py).
        command = [sys.executable, "-m", "sandbox", "--port", str(self.port), "--db", str(self.db_path),
                   "--backoffice-delay", repr(self.backoffice_delay), "--parent-pid", str(os.getpid())]
        for account, password in clerks.items():
            command += ["--clerk", f"{account}:{password}"]
        if self.centre_code:
            command += ["--centre", self.centre_code]
        return command + ["--queue-arrivals-per-hour", repr(self.queue_arrivals_per_hour)]

    def seed_online(self, centre_code: str, timeout: float = 120.0) -> list[dict[str, str]]:
        """Training: the practice online pre-applications (网上申报) added to this sandbox's database by the
        sandbox itself (``python -m sandbox --seed-online``), running or not. Returns what it made."""
        import json

        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        root = Path(__file__).resolve().parents[2]
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")])))
        done = subprocess.run([sys.executable, "-m", "sandbox", "--db", str(self.db_path), "--seed-online",
                               centre_code], capture_output=True, cwd=str(root), env=env, timeout=timeout,
                              check=False)
        if done.returncode != 0:
            raise RuntimeError(f"the training sandbox could not seed pre-applications (exit {done.returncode})")
        made: list[dict[str, str]] = json.loads(done.stdout)
        return made

    def start(self, timeout: float = 60.0) -> TrainingSandbox:
        """Start the process and wait until it accepts connections (blocking: never on the GUI thread). Starting
        a running sandbox returns at once."""
        with self._lock:
            return self._start(timeout)

    def _start(self, timeout: float) -> TrainingSandbox:
        if self.running:
            return self
        if self._stopped.is_set():
            raise SandboxStopped()
        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = open(self.log_path, "ab")  # noqa: SIM115 - kept open for the child's lifetime
        root = Path(__file__).resolve().parents[2]  # the folder holding the ``sandbox`` package
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")])))
        # Below normal priority: the stand-in platform's start-up (FastAPI imports) must not slow the clerk's
        # window painting on a small machine.
        flags = getattr(subprocess, "BELOW_NORMAL_PRIORITY_CLASS", 0)
        self._process = subprocess.Popen(self.command(), stdin=subprocess.DEVNULL, stdout=self._log,
                                         stderr=subprocess.STDOUT, cwd=str(root), env=env, creationflags=flags)
        if hasattr(os, "setpriority"):
            with contextlib.suppress(OSError):
                os.setpriority(os.PRIO_PROCESS, self._process.pid, 10)
        deadline = time.monotonic() + timeout
        while not self._answers():
            if self._stopped.is_set():  # the window closed while the sandbox was starting
                self._end()
                raise SandboxStopped()
            if self._process.poll() is not None:
                code = self._process.returncode
                self._end()
                raise RuntimeError(f"the training sandbox exited with {code} (see {self.log_path})")
            if time.monotonic() > deadline:
                self._end()
                raise RuntimeError(f"the training sandbox did not start on port {self.port}")
            time.sleep(0.05)
        log.info("training sandbox (pid %s) listening on %s", self._process.pid, self.base_url)
        return self

    def _answers(self) -> bool:
        try:
            with socket.create_connection((LOOPBACK, self.port), timeout=0.5):
                return True
        except OSError:
            return False

    def stop(self, timeout: float = 10.0) -> None:
        """End the process (waiting for a start in progress to give up first); the sandbox does not start again."""
        self._stopped.set()
        with self._lock:
            self._end(timeout)

    def _end(self, timeout: float = 10.0) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout)
        if self._log is not None:
            self._log.close()
            self._log = None
