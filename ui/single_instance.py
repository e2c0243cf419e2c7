"""One workstation window per user and data folder. A second launch asks the first to come to the front and exits:
two windows on one database would race for case numbers.

The folder is claimed with a ``QLockFile`` before the shell is shown: the lock is the guarantee (two launches at
the same moment cannot both get it, and a crashed holder's lock is taken over: Qt checks that its process is
gone). The front-door is a ``QLocalServer``, which listens only after the first paint: Qt Network costs the shell
about 15 ms to load (its module and its enum types), and only a second launch, which is leaving anyway, needs it
before then. A launch that finds the folder claimed waits up to ``ANSWER_WAIT_MS`` for the holder to answer (it may
still be starting)."""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger("onewindow.ipc")
PROTOCOL_VERSION = 1
LOCK_NAME = "window.lock"
ANSWER_WAIT_MS = 5000  # a holder still before its first paint has no front door yet


def server_name(data_dir: Path) -> str:
    digest = hashlib.sha256(f"{getpass.getuser()}\0{data_dir.resolve()}".encode()).hexdigest()[:16]
    return f"onewindow-{digest}"


class SingleInstance(QObject):
    activation_requested = Signal()

    def __init__(self, data_dir: Path) -> None:
        super().__init__()
        self.name = server_name(data_dir)
        self._lock = QLockFile(str(data_dir / LOCK_NAME))
        self._server: QLocalServer | None = None

    def claim(self) -> bool:
        """Take the data folder for this window; False while another live window holds it."""
        return self._lock.isLocked() or self._lock.tryLock(0)

    def other_instance_answered(self, timeout_ms: int = 500) -> bool:
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(json.dumps({"v": PROTOCOL_VERSION, "cmd": "activate"}).encode() + b"\n")
        socket.waitForBytesWritten(timeout_ms)
        socket.disconnectFromServer()
        return True

    def holder_answered(self, wait_ms: int = ANSWER_WAIT_MS) -> bool:
        """Ask the window that holds the folder to come forward, retrying while it may still be starting."""
        deadline = time.monotonic() + wait_ms / 1000
        while True:
            if self.other_instance_answered():
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.1)

    def listen(self) -> None:
        from PySide6.QtNetwork import QLocalServer

        server = QLocalServer(self)
        if not server.listen(self.name):
            # A stale socket from a crashed run: remove it and retry once.
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                log.warning("single-instance server could not listen: %s", server.errorString())
                return
        server.newConnection.connect(self._on_connection)
        self._server = server

    def _on_connection(self) -> None:
        assert self._server is not None
        socket = self._server.nextPendingConnection()
        socket.readyRead.connect(lambda: self._read(socket))

    def _read(self, socket: QLocalSocket) -> None:
        try:
            message = json.loads(bytes(socket.readAll().data()).decode().strip() or "{}")
        except ValueError:
            return
        if message.get("v") == PROTOCOL_VERSION and message.get("cmd") == "activate":
            self.activation_requested.emit()

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()
