"""One workstation window per user and data folder (QLocalServer). A second launch asks the first to come to the
front and exits: two windows on one database would race for case numbers."""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger("onewindow.ipc")
PROTOCOL_VERSION = 1


def server_name(data_dir: Path) -> str:
    digest = hashlib.sha256(f"{getpass.getuser()}\0{data_dir.resolve()}".encode()).hexdigest()[:16]
    return f"onewindow-{digest}"


class SingleInstance(QObject):
    activation_requested = Signal()

    def __init__(self, data_dir: Path) -> None:
        super().__init__()
        self.name = server_name(data_dir)
        self._server: QLocalServer | None = None

    def other_instance_answered(self, timeout_ms: int = 500) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(json.dumps({"v": PROTOCOL_VERSION, "cmd": "activate"}).encode() + b"\n")
        socket.waitForBytesWritten(timeout_ms)
        socket.disconnectFromServer()
        return True

    def listen(self) -> None:
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
