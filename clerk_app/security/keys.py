"""The workstation's data key, kept in the OS key store (Secret Service, Windows Credential Manager, macOS Keychain).

Fallback, documented in docs/SECURITY.md: a machine with no key-store daemon (a kiosk without a desktop session)
may keep the key in ``data_dir/.data-key`` (mode 0600) when ``storage.allow_file_key_fallback`` is on. That protects
against copying the database alone, not against someone who can read the whole user folder; ``doctor`` reports which
one is in use so IT staff can see it.
"""

from __future__ import annotations

import base64
import contextlib
import logging
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import keyring
import keyring.errors

from clerk_app.errors import KeyUnavailable

log = logging.getLogger("onewindow.security")

SERVICE = "OneWindow"
DATA_KEY_USER = "data-key"


@dataclass(frozen=True)
class KeySource:
    backend: str
    is_os_keystore: bool


def keyring_backend_name() -> str:
    backend = keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__name__}"


def _usable_os_keystore() -> bool:
    name = keyring_backend_name()
    # The fail/null backends store nothing; keyrings.alt's file backends are not an OS key store.
    return not any(part in name for part in ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt"))


class DataKeyProvider:
    def __init__(self, data_dir: Path, allow_file_fallback: bool, account: str = DATA_KEY_USER) -> None:
        self._fallback_file = Path(data_dir) / ".data-key"
        self._allow_file_fallback = allow_file_fallback
        self._account = account
        self.source: KeySource | None = None

    def load_or_create(self) -> bytes:
        if _usable_os_keystore():
            try:
                return self._from_keyring()
            except keyring.errors.KeyringError as exc:
                if not self._allow_file_fallback:
                    raise KeyUnavailable(reason=type(exc).__name__) from exc
                log.warning("OS key store failed (%s); using the file fallback", type(exc).__name__)
        elif not self._allow_file_fallback:
            raise KeyUnavailable(reason="no OS key store")
        return self._from_file()

    def _from_keyring(self) -> bytes:
        stored = keyring.get_password(SERVICE, self._account)
        if stored is None:
            if self._fallback_file.exists():
                # A key created before a key store existed moves into it, so old data stays readable.
                key = base64.b64decode(self._fallback_file.read_text().strip())
                keyring.set_password(SERVICE, self._account, base64.b64encode(key).decode())
                self._fallback_file.unlink()
            else:
                key = secrets.token_bytes(32)
                keyring.set_password(SERVICE, self._account, base64.b64encode(key).decode())
            log.info("data key created in the OS key store")
        else:
            key = base64.b64decode(stored)
        self.source = KeySource(keyring_backend_name(), True)
        return key

    def _from_file(self) -> bytes:
        path = self._fallback_file
        if path.exists():
            key = base64.b64decode(path.read_text().strip())
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            key = secrets.token_bytes(32)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(base64.b64encode(key).decode())
            log.warning("data key kept in a 0600 file: no OS key store on this machine")
        self.source = KeySource("file-fallback", False)
        return key


def store_secret(name: str, value: str) -> None:
    keyring.set_password(SERVICE, name, value)


def load_secret(name: str) -> str | None:
    return keyring.get_password(SERVICE, name)


def delete_secret(name: str) -> None:
    with contextlib.suppress(keyring.errors.PasswordDeleteError):
        keyring.delete_password(SERVICE, name)
