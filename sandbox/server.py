"""Running the sandbox: in a thread of the calling process (training mode, tests) or as ``python -m sandbox``."""

from __future__ import annotations

import socket
import threading
import time
from typing import Any

import uvicorn

from sandbox.app import SandboxSettings, create_app
from sandbox.backoffice import BackOffice

LOOPBACK = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


def build(settings: SandboxSettings) -> tuple[Any, Any, BackOffice]:
    asgi, app = create_app(settings)
    office = BackOffice(app.state.store, settings.backoffice_delay, settings.backoffice_seed)
    return asgi, app, office


class SandboxThread:
    """uvicorn serving the sandbox on loopback from a background thread; ``stop()`` shuts it down cleanly."""

    def __init__(self, settings: SandboxSettings, port: int = 0) -> None:
        self.settings = settings
        self.port = port or free_port()
        self.asgi, self.app, self.backoffice = build(settings)
        config = uvicorn.Config(self.asgi, host=LOOPBACK, port=self.port, log_level="warning", access_log=False,
                                lifespan="off", timeout_keep_alive=30)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="sandbox-http", daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    def start(self, timeout: float = 15.0) -> SandboxThread:
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the sandbox did not start on port {self.port}")
            time.sleep(0.02)
        self.backoffice.start()
        self.app.state.queue_arrivals.start()
        return self

    def stop(self) -> None:
        self.app.state.queue_arrivals.stop()
        self.backoffice.stop()
        self._server.should_exit = True
        self._thread.join(timeout=10)
