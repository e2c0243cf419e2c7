"""The sandbox as a real HTTP server on loopback (a uvicorn thread in the test process) and a workstation synced
against it."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from sandbox.app import SandboxSettings
from sandbox.server import SandboxThread


class Sandbox:
    def __init__(self, thread: SandboxThread, db_path: Path) -> None:
        self.thread = thread
        self.db_path = db_path
        self.base_url = thread.base_url

    def faults(self, *faults: dict[str, Any], seed: int = 1) -> None:
        response = requests.put(f"{self.base_url}/__admin/faults", json={"faults": list(faults), "seed": seed},
                                timeout=5)
        response.raise_for_status()

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with sqlite3.connect(self.db_path) as conn:
            return list(conn.execute(sql, params))


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[Sandbox]:
    db_path = tmp_path / "platform" / "sandbox.sqlite3"
    thread = SandboxThread(SandboxSettings(db_path=db_path, backoffice_delay=-1, test_admin=True)).start()
    try:
        yield Sandbox(thread, db_path)
    finally:
        thread.stop()


@pytest.fixture
def synced(workstation: Any, sandbox: Sandbox) -> Iterator[Any]:
    """The workstation's sync service pointed at the sandbox, with quick back-off for tests."""
    from clerk_app.sync.service import SyncService

    workstation = dataclasses.replace(workstation, config=workstation.config.with_overrides(
        platform__base_url=sandbox.base_url, sync__backoff_base_seconds=0.01, sync__backoff_cap_seconds=0.05,
        sync__chunk_bytes=8192, platform__read_timeout=5.0))
    service = SyncService(workstation)
    yield service
