"""The sandbox's hall queue service as a real HTTP server on loopback, and window clients against it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from sandbox.app import SandboxSettings
from sandbox.server import SandboxThread


class Hall:
    def __init__(self, thread: SandboxThread, db_path: Path) -> None:
        self.thread, self.db_path = thread, db_path
        self.base_url = thread.base_url

    def issue(self, business: str = "general", id_number: str = "") -> dict[str, Any]:
        response = requests.post(f"{self.base_url}/queue/v1/tickets",
                                 json={"business_code": business, "id_number": id_number}, timeout=5)
        response.raise_for_status()
        return dict(response.json()["ticket"])

    def faults(self, *faults: dict[str, Any]) -> None:
        requests.put(f"{self.base_url}/__admin/faults", json={"faults": list(faults), "seed": 1},
                     timeout=5).raise_for_status()

    def tickets(self) -> list[dict[str, Any]]:
        import sqlite3

        with sqlite3.connect(self.db_path) as conn:
            conn.row_factory = sqlite3.Row
            return [dict(r) for r in conn.execute("SELECT * FROM queue_tickets ORDER BY id")]


def start_hall(db_path: Path, port: int = 0) -> SandboxThread:
    return SandboxThread(SandboxSettings(db_path=db_path, backoffice_delay=-1, test_admin=True), port).start()


@pytest.fixture
def hall(tmp_path: Path) -> Iterator[Hall]:
    db_path = tmp_path / "hall" / "sandbox.sqlite3"
    thread = start_hall(db_path)
    try:
        yield Hall(thread, db_path)
    finally:
        thread.stop()
