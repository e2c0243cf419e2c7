"""The catalog pulled from the sandbox platform over real HTTP: the sandbox serves the training catalog in the
exchange format, the sync engine applies it with the catalog importer, the cursor moves with the data."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from clerk_app.catalog.service import CatalogService
from clerk_app.catalog.training import load_training_changes
from offline_cache.catalog_store import CatalogStore

pytestmark = pytest.mark.integration


@pytest.fixture
def sync_service(workstation: Any, tmp_path: Path) -> Iterator[Any]:
    from clerk_app.sync.service import SyncService
    from sandbox.app import SandboxSettings
    from sandbox.server import SandboxThread

    thread = SandboxThread(SandboxSettings(db_path=tmp_path / "platform" / "sandbox.sqlite3",
                                           backoffice_delay=-1, test_admin=True)).start()
    try:
        workstation = dataclasses.replace(
            workstation, config=workstation.config.with_overrides(platform__base_url=thread.base_url,
                                                               platform__read_timeout=10.0))
        service = SyncService(workstation)
        yield service
    finally:
        thread.stop()


def test_catalog_arrives_from_the_platform_and_repeats_harmlessly(workstation: Any, sync_service: Any) -> None:
    catalog = CatalogService(workstation.db)
    assert catalog.counts()["items"] == 0
    sync_service.run_once(push=False, pull=True)
    expected = load_training_changes()
    assert catalog.counts()["items"] == len(expected["items"])
    assert catalog.counts()["bundles"] == len(expected["bundles"])
    cursor = CatalogStore(workstation.db).cursor()
    assert cursor and cursor.startswith("training-")
    sync_service.run_once(push=False, pull=True)  # same cursor: an empty page, nothing changes
    assert CatalogStore(workstation.db).cursor() == cursor
    assert catalog.counts()["items"] == len(expected["items"])
    assert catalog.search("bdcdj")[0].department == "不动产登记"
