"""The workstation's data key, kept in the OS key store (Secret Service, Windows Credential Manager, macOS Keychain).

Without a key store (a kiosk without a desktop session) the key is never kept beside the data: it is sealed under
the clerks' passwords and a recovery key (``clerk_app.security.vault``) and ``load_or_create`` returns None (the
cipher starts locked). Only training mode (practice data) or ``storage.allow_file_key_fallback`` (development) keep
it in ``data_dir/.data-key`` (mode 0600), which a copy of the data folder opens. A key file left by an older version
still opens the data until the administrator runs ``key init``, which seals it and deletes the file. ``doctor``
reports which one is in use. docs/SECURITY.md.
"""

from __future__ import annotations

import base64
import contextlib
import logging
import os
import secrets
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import keyring
import keyring.core
import keyring.errors
import keyring.util.platform_

from clerk_app.errors import KeyUnavailable

log = logging.getLogger("onewindow.security")

SERVICE = "OneWindow"
DATA_KEY_USER = "data-key"
WRAPPED = "password-wrapped"  # KeySource.backend when the key is sealed under the clerks' passwords
LEGACY_FILE = "legacy-key-file"  # a key file left by an older version, until ``key init`` seals it


# The OS key stores, per platform, asked directly in keyring's order of preference. Keyring's own discovery imports
# every backend installed (an entry-points scan; the macOS one looks for its framework through ctypes on every
# platform): ~0.1 s of every start, for a choice these settle.
_OS_BACKENDS = {
    "win32": ("keyring.backends.Windows.WinVaultKeyring",),
    "darwin": ("keyring.backends.macOS.Keyring",),
}
_UNIX_BACKENDS = ("keyring.backends.SecretService.Keyring", "keyring.backends.kwallet.DBusKeyring")
_choosing = threading.Lock()


@dataclass(frozen=True)
class KeySource:
    backend: str
    is_os_keystore: bool


def choose_backend() -> None:
    """Settle keyring's backend once, without its discovery. A backend already set (``keyring.set_keyring``) or
    configured for keyring (``PYTHON_KEYRING_BACKEND``, keyring's ``keyringrc.cfg``) is keyring's to load, as
    always. Otherwise the platform's OS key store if this PC has one, else none (keyring's fail backend: the data
    key is then sealed, see above). Never a file-based keyring: the OS key store is the only credential store."""
    with _choosing:
        if getattr(keyring.core, "_keyring_backend", None) is not None:
            return
        configured = keyring.util.platform_.config_root() / "keyringrc.cfg"
        if os.environ.get("PYTHON_KEYRING_BACKEND") or configured.exists():
            return  # keyring.get_keyring() loads exactly that (load_env / load_config), no discovery
        for name in _OS_BACKENDS.get(sys.platform, _UNIX_BACKENDS):
            try:
                backend = keyring.core.load_keyring(name)  # asks whether it is viable here (its priority)
            except Exception as exc:  # noqa: BLE001 - e.g. no D-Bus session, no python-dbus: the next, or none
                log.debug("key store %s unavailable: %s", name, type(exc).__name__)
                continue
            keyring.core.set_keyring(backend)
            return
        from keyring.backends import fail

        keyring.core.set_keyring(fail.Keyring())


def keyring_backend_name() -> str:
    choose_backend()
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

    @property
    def legacy_key_file(self) -> Path:
        return self._fallback_file

    def load_or_create(self) -> bytes | None:
        """The data key, or None: sealed under the clerks' passwords (no key store, no file allowed)."""
        if _usable_os_keystore():
            try:
                return self._from_keyring()
            except keyring.errors.KeyringError as exc:
                if not self._allow_file_fallback:
                    raise KeyUnavailable(reason=type(exc).__name__) from exc
                log.warning("OS key store failed (%s); using the file fallback", type(exc).__name__)
        elif not self._allow_file_fallback:
            if self._fallback_file.exists():
                log.warning("data key still in the legacy key file: the administrator should run 'key init'")
                return self._from_file(legacy=True)
            self.source = KeySource(WRAPPED, False)
            return None
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

    def _from_file(self, legacy: bool = False) -> bytes:
        path = self._fallback_file
        if path.exists():
            key = read_key_file(path)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            key = secrets.token_bytes(32)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(base64.b64encode(key).decode())
            log.warning("data key kept in a 0600 file: no OS key store on this machine")
        self.source = KeySource(LEGACY_FILE if legacy else "file-fallback", False)
        return key


def place_restored_key(data_dir: Path, key: bytes, allow_file: bool) -> str:
    """Keep a key restored from a backup the way this PC keeps keys: ``keystore``, ``file`` (training /
    development), or ``sealed`` (nothing stored here: the caller relies on, or makes, sealed copies)."""
    key_file = Path(data_dir) / ".data-key"
    if _usable_os_keystore():
        keyring.set_password(SERVICE, DATA_KEY_USER, base64.b64encode(key).decode())
        key_file.unlink(missing_ok=True)
        return "keystore"
    if allow_file:
        key_file.unlink(missing_ok=True)
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(base64.b64encode(key).decode())
        return "file"
    key_file.unlink(missing_ok=True)
    return "sealed"


def read_key_file(path: Path) -> bytes:
    return base64.b64decode(path.read_text().strip())


def store_secret(name: str, value: str) -> None:
    choose_backend()
    keyring.set_password(SERVICE, name, value)


def load_secret(name: str) -> str | None:
    choose_backend()
    return keyring.get_password(SERVICE, name)


def delete_secret(name: str) -> None:
    choose_backend()
    with contextlib.suppress(keyring.errors.PasswordDeleteError):
        keyring.delete_password(SERVICE, name)
