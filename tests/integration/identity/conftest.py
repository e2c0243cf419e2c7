"""Fixtures for the identity integration tests: the SAM reader emulator on a pty."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.identity.sam_emulator import SamEmulator


@pytest.fixture
def sam(tmp_path: Path) -> Iterator[SamEmulator]:
    emulator = SamEmulator(tmp_path).start()
    yield emulator
    emulator.stop()
