"""Keyring's backend is chosen without keyring's discovery (clerk_app/security/keys.py ``choose_backend``): the
platform's OS key store asked directly, what keyring is configured with honoured, never a file-based keyring."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import keyring.backend
import keyring.backends.null
import keyring.core
import pytest
from keyring.backends import fail
from keyring.compat import properties

from clerk_app.security import keys

VIABLE = f"{__name__}.ViableStore"
ABSENT = f"{__name__}.AbsentStore"


class ViableStore(keyring.backends.null.Keyring):
    """An OS key store this PC has."""

    priority = 5  # type: ignore[assignment]


class AbsentStore(keyring.backends.null.Keyring):
    """An OS key store this PC lacks: keyring's backends raise from ``priority`` then."""

    @properties.classproperty
    def priority(cls) -> float:  # type: ignore[override]  # noqa: N805 - a class property
        raise RuntimeError("no D-Bus session")


@pytest.fixture
def unchosen(monkeypatch: pytest.MonkeyPatch, tmp_path) -> Iterator[None]:
    """No backend chosen yet, nothing configured for keyring, and keyring's discovery must not run."""
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setattr(keyring.util.platform_, "config_root", lambda: tmp_path)

    def discovery() -> list[keyring.backend.KeyringBackend]:
        raise AssertionError("keyring's discovery ran")

    monkeypatch.setattr(keyring.backend, "get_all_keyring", discovery)
    keyring.core._keyring_backend = None  # type: ignore[attr-defined]
    try:
        yield
    finally:
        keyring.set_keyring(keyring.backends.null.Keyring())


def _chosen() -> keyring.backend.KeyringBackend:
    return keyring.get_keyring()


def test_the_platforms_os_key_store_is_asked_directly(unchosen, monkeypatch) -> None:
    monkeypatch.setattr(keys, "_UNIX_BACKENDS", (ABSENT, VIABLE))
    monkeypatch.setattr(keys, "_OS_BACKENDS", {})
    keys.choose_backend()
    assert type(_chosen()) is ViableStore
    assert keys.keyring_backend_name() == VIABLE


def test_without_an_os_key_store_there_is_none_not_a_file_keyring(unchosen, monkeypatch) -> None:
    monkeypatch.setattr(keys, "_UNIX_BACKENDS", (ABSENT,))
    monkeypatch.setattr(keys, "_OS_BACKENDS", {})
    assert not keys._usable_os_keystore()
    assert isinstance(_chosen(), fail.Keyring)


def test_the_environment_variable_is_honoured(unchosen, monkeypatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", VIABLE)
    monkeypatch.setattr(keys, "_UNIX_BACKENDS", (ABSENT,))
    monkeypatch.setattr(keys, "_OS_BACKENDS", {})
    keys.choose_backend()
    assert type(_chosen()) is ViableStore


def test_keyrings_own_configuration_file_is_honoured(unchosen, monkeypatch, tmp_path) -> None:
    (tmp_path / "keyringrc.cfg").write_text(f"[backend]\ndefault-keyring = {VIABLE}\n", encoding="utf-8")
    monkeypatch.setattr(keys, "_UNIX_BACKENDS", (ABSENT,))
    monkeypatch.setattr(keys, "_OS_BACKENDS", {})
    keys.choose_backend()
    assert type(_chosen()) is ViableStore


def test_a_backend_already_set_is_kept(unchosen, monkeypatch) -> None:
    mine = keyring.backends.null.Keyring()
    keyring.set_keyring(mine)
    monkeypatch.setattr(keys, "_UNIX_BACKENDS", (VIABLE,))
    keys.choose_backend()
    assert _chosen() is mine
