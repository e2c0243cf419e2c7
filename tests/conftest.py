"""Shared fixtures. Unit tests run with a null key store (the data key falls back to a file in the test's own
folder); integration tests ask for the real components through the fixtures below."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"

import keyring  # noqa: E402
import keyring.backends.null  # noqa: E402
import pytest  # noqa: E402

from tests import stack  # noqa: E402

keyring.set_keyring(keyring.backends.null.Keyring())


@pytest.fixture
def ow_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty OneWindow home folder for this test (no configuration = training mode)."""
    home = tmp_path / "onewindow-home"
    monkeypatch.setenv("ONEWINDOW_HOME", str(home))
    return home


@pytest.fixture
def workstation(ow_home: Path) -> Iterator[object]:
    from clerk_app.context import open_workstation
    from clerk_app.paths import resolve_paths

    ws = open_workstation(resolve_paths(ow_home))
    yield ws
    ws.close()


@pytest.fixture(scope="session")
def _secret_service_session() -> Iterator[stack.SecretServiceStack]:
    with stack.secret_service_stack() as service:
        yield service


@pytest.fixture
def secret_service(_secret_service_session: stack.SecretServiceStack,
                   monkeypatch: pytest.MonkeyPatch) -> Iterator[stack.SecretServiceStack]:
    """The real Secret Service as this test's key store (restored to the null store afterwards)."""
    from keyring.backends import SecretService

    for key, value in _secret_service_session.env.items():
        if key.startswith(("DBUS_", "GNOME_KEYRING", "XDG_RUNTIME_DIR")):
            monkeypatch.setenv(key, value)
    backend = SecretService.Keyring()
    keyring.set_keyring(backend)
    try:
        yield _secret_service_session
    finally:
        keyring.set_keyring(keyring.backends.null.Keyring())


@pytest.fixture(scope="session")
def pcscd() -> Iterator[stack.PcscStack]:
    with stack.pcscd_stack() as pcsc:
        yield pcsc


@pytest.fixture(scope="session")
def cups_pdf() -> Iterator[stack.CupsPdfStack]:
    with stack.cups_pdf_stack() as cups_stack:
        yield cups_stack


@pytest.fixture(scope="session")
def sane_env() -> Iterator[Path]:
    with stack.sane_config_dir() as folder:
        yield folder


@pytest.fixture(scope="session")
def xvfb() -> Iterator[str]:
    with stack.xvfb_display() as display:
        yield display


require = stack.require
