"""No key beside the data: the data key sealed under each clerk's password and under a recovery key (issue 13).

Used where there is no OS key store (``clerk_app.security.keys`` decides). The data key is never written in the
clear; ``key_wraps`` (m0076) holds one sealed copy per clerk credential, the way the MOSIP registration client keeps
one per operator, plus one under the administrator's recovery key:

* a clerk's copy: AES-256-GCM under a key derived from the password with scrypt (n=2^15, r=8, p=1, 16-byte salt),
  associated data binding it to the account; made or renewed whenever a clerk's password was accepted (online by
  the platform, offline by the cached verifier) while the data is open, so a changed password re-seals at the next
  login;
* the recovery copy: AES-256-GCM under a key derived with HKDF-SHA-256 from a 160-bit recovery key, shown once at
  set-up (``key init``) for the administrator to print or write down and keep in the centre's safe.

The cipher starts locked (``FieldCipher(None)``); ``open_for_clerk`` (called by the clerk session after a password
was accepted) or ``open_with_recovery`` gives it the key. A copy of the data folder alone opens nothing: it takes a
clerk's password (scrypt makes each guess cost) or the recovery key.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import secrets
import threading

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from clerk_app.errors import DataLocked, UserFacingError
from clerk_app.i18n import QT_TRANSLATE_NOOP
from offline_cache import key_wraps
from offline_cache.crypto import FieldCipher
from offline_cache.db import Database
from offline_cache.key_wraps import KeyWrap

log = logging.getLogger("onewindow.security.vault")

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
RECOVERY_HOLDER = "recovery"
_RECOVERY_BYTES = 20  # 160 bits: 32 base32 characters, shown as 8 groups of 4


class VaultNotSetUp(UserFacingError):
    message = QT_TRANSLATE_NOOP(
        "errors", "This workstation's data key has not been set up. The administrator runs "
        "'python main.py key init' once (it shows the recovery key to keep in the safe).")


class NoKeyForClerk(UserFacingError):
    message = QT_TRANSLATE_NOOP(
        "errors", "Your password was accepted, but it cannot open this workstation's data yet. A clerk who has "
        "worked here logs in first, or the administrator enrols you with the recovery key "
        "('python main.py key enrol {account}').")


class WrongRecoveryKey(UserFacingError):
    message = QT_TRANSLATE_NOOP("errors", "That recovery key does not open this workstation's data.")


def key_id(key: bytes) -> str:
    return hashlib.sha256(b"onewindow key id\x00" + key).hexdigest()[:16]


def format_recovery_key(raw: bytes) -> str:
    text = base64.b32encode(raw).decode("ascii")
    return "-".join(text[i:i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes:
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    try:
        raw = base64.b32decode(cleaned)
    except ValueError as exc:
        raise WrongRecoveryKey() from exc
    if len(raw) != _RECOVERY_BYTES:
        raise WrongRecoveryKey()
    return raw


def _aad(kind: str, holder: str) -> bytes:
    return f"onewindow key wrap\x00{kind}\x00{holder}".encode()


def _password_key(password: str, salt: bytes, params: dict[str, int]) -> bytes:
    return Scrypt(salt=salt, length=32, n=params["n"], r=params["r"], p=params["p"]).derive(password.encode("utf-8"))


def _recovery_key(raw: bytes, salt: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"onewindow recovery key").derive(raw)


def _seal(wrapping_key: bytes, data_key: bytes, kind: str, holder: str) -> bytes:
    nonce = secrets.token_bytes(12)
    return nonce + AESGCM(wrapping_key).encrypt(nonce, data_key, _aad(kind, holder))


def _unseal(wrapping_key: bytes, wrapped: bytes, kind: str, holder: str) -> bytes | None:
    try:
        return AESGCM(wrapping_key).decrypt(wrapped[:12], wrapped[12:], _aad(kind, holder))
    except InvalidTag:
        return None


class KeyVault:
    def __init__(self, db: Database, cipher: FieldCipher) -> None:
        self.db = db
        self.cipher = cipher
        self._key: bytes | None = None
        self._lock = threading.Lock()

    # --- state -----------------------------------------------------------------------------------------------
    @property
    def is_set_up(self) -> bool:
        return key_wraps.find(self.db, "recovery", RECOVERY_HOLDER) is not None

    @property
    def is_open(self) -> bool:
        return self._key is not None

    def holders(self) -> list[str]:
        return [w.holder for w in key_wraps.all_wraps(self.db) if w.kind == "clerk"]

    def status(self) -> dict[str, object]:
        wraps = key_wraps.all_wraps(self.db)
        return {"protection": "wrapped", "set_up": any(w.kind == "recovery" for w in wraps), "open": self.is_open,
                "clerks": [w.holder for w in wraps if w.kind == "clerk"],
                "key_id": wraps[0].key_id if wraps else None}

    # --- set-up ----------------------------------------------------------------------------------------------
    def initialise(self, existing_key: bytes | None = None) -> str:
        """Seal a data key (a new one, or ``existing_key`` moved out of a legacy key file) under a fresh recovery
        key; the vault is open afterwards. Returns the recovery key to show once. Refuses a vault already set up."""
        with self._lock:
            if self.is_set_up:
                raise RuntimeError("the data key is already set up (key rotate-recovery renews the recovery key)")
            key = existing_key or secrets.token_bytes(32)
            code = self._seal_recovery(key)
            self._open(key)
        log.info("data key set up: sealed under the recovery key")
        return code

    def rotate_recovery(self) -> str:
        """A new recovery key (the old one stops working); the vault must be open."""
        key = self._require_open()
        with self._lock:
            return self._seal_recovery(key)

    def _seal_recovery(self, key: bytes) -> str:
        raw = secrets.token_bytes(_RECOVERY_BYTES)
        salt = secrets.token_bytes(16)
        wrap = KeyWrap("recovery", RECOVERY_HOLDER, salt, json.dumps({"kdf": "hkdf-sha256"}),
                       _seal(_recovery_key(raw, salt), key, "recovery", RECOVERY_HOLDER), key_id(key))
        with self.db.transaction() as conn:
            key_wraps.put(conn, wrap)
        return format_recovery_key(raw)

    # --- opening ---------------------------------------------------------------------------------------------
    def open_with_recovery(self, code: str) -> None:
        wrap = key_wraps.find(self.db, "recovery", RECOVERY_HOLDER)
        if wrap is None:
            raise VaultNotSetUp()
        raw = parse_recovery_key(code)
        key = _unseal(_recovery_key(raw, wrap.salt), wrap.wrapped, "recovery", RECOVERY_HOLDER)
        if key is None:
            raise WrongRecoveryKey()
        self._open(key)

    def open_with_key(self, key: bytes) -> None:
        """Open with the raw key itself (a restore brought it); it must be the key the sealed copies hold."""
        wraps = key_wraps.all_wraps(self.db)
        if not wraps or any(w.key_id != key_id(key) for w in wraps):
            raise WrongRecoveryKey()
        self._open(key)

    def open_with_password(self, account: str, password: str) -> bool:
        """Open with this clerk's sealed copy only (the CLI: no platform asked); False if it does not open."""
        wrap = key_wraps.find(self.db, "clerk", account)
        key = None if wrap is None else _unseal(_password_key(password, wrap.salt, json.loads(wrap.params)),
                                                 wrap.wrapped, "clerk", account)
        if key is not None:
            self._open(key)
        return key is not None

    def open_for_clerk(self, account: str, password: str) -> None:
        """Called once a clerk's password was accepted: open the data with their copy; if the data is already open
        and their copy is missing or sealed under an older password, (re)seal it. ``NoKeyForClerk`` when neither."""
        wrap = key_wraps.find(self.db, "clerk", account)
        key = None
        if wrap is not None:
            params = json.loads(wrap.params)
            key = _unseal(_password_key(password, wrap.salt, params), wrap.wrapped, "clerk", account)
        if key is not None:
            self._open(key)
            return
        if self._key is None:
            if not self.is_set_up:
                raise VaultNotSetUp()
            raise NoKeyForClerk(account=account)
        self.enrol(account, password)

    def enrol(self, account: str, password: str) -> None:
        """Seal the open data key under this clerk's password (replacing their earlier copy)."""
        key = self._require_open()
        params = {"n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P}
        salt = secrets.token_bytes(16)
        wrap = KeyWrap("clerk", account, salt, json.dumps({"kdf": "scrypt", **params}),
                       _seal(_password_key(password, salt, params), key, "clerk", account), key_id(key))
        with self.db.transaction() as conn:
            key_wraps.put(conn, wrap)
        log.info("data key sealed for a clerk credential")

    def withdraw(self, account: str) -> bool:
        """Remove a clerk's copy (a clerk who left the centre)."""
        with self.db.transaction() as conn:
            return key_wraps.remove(conn, "clerk", account)

    def _open(self, key: bytes) -> None:
        self._key = key
        self.cipher.unlock(key)

    def _require_open(self) -> bytes:
        if self._key is None:
            raise DataLocked()
        return self._key
