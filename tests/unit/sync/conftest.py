from __future__ import annotations

from typing import Any

import pytest

from clerk_app.sync.auth import AuthService
from clerk_app.sync.engine import EngineSettings, SyncEngine
from tests.unit.sync.fake_platform import FakePlatform


@pytest.fixture
def platform() -> FakePlatform:
    return FakePlatform()


@pytest.fixture
def engine(workstation: Any, platform: FakePlatform) -> Any:
    auth = AuthService(workstation.db, platform, "machine-1", ("trainee", "secret"))
    engine = SyncEngine(workstation.db, workstation.blobs, workstation.cipher, platform, auth,
                        EngineSettings(parallel_cases=2, chunk_bytes=4096, backoff_base=0.0, backoff_cap=0.0))
    yield engine
    engine.close()
