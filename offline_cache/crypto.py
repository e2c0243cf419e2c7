"""Authenticated encryption of personal data at rest (AES-256-GCM from ``cryptography``).

One data key (32 random bytes) per workstation, held by the OS key store or wrapped under the clerks' passwords
(``clerk_app.security.keys``, ``clerk_app.security.vault``); in the latter case the cipher starts locked and is
given the key when a clerk logs in (``unlock``): until then every operation raises ``DataLocked``. Each
value gets a fresh 96-bit nonce; the associated data binds a ciphertext to where it is stored (table/column or blob
name) so a value copied into another field fails to decrypt. Searching encrypted fields uses a keyed HMAC
"blind index" rather than the plaintext.
"""

from __future__ import annotations

import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from clerk_app.errors import DataLocked, StorageCorrupt

_VERSION = b"\x01"
_NONCE_BYTES = 12


class FieldCipher:
    def __init__(self, key: bytes | None) -> None:
        self._aead_or_none: AESGCM | None = None
        self._index_key_or_none: bytes | None = None
        self._key_or_none: bytes | None = None
        if key is not None:
            self.unlock(key)

    def unlock(self, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("data key must be 32 bytes")
        self._aead_or_none = AESGCM(key)
        self._key_or_none = key
        self._index_key_or_none = hashlib.sha256(b"onewindow blind index\x00" + key).digest()

    def export_key(self) -> bytes:
        """The raw data key, for an encrypted backup (``clerk_app.security.backup``) only."""
        if self._key_or_none is None:
            raise DataLocked()
        return self._key_or_none

    @property
    def unlocked(self) -> bool:
        return self._aead_or_none is not None

    @property
    def _aead(self) -> AESGCM:
        if self._aead_or_none is None:
            raise DataLocked()
        return self._aead_or_none

    @property
    def _index_key(self) -> bytes:
        if self._index_key_or_none is None:
            raise DataLocked()
        return self._index_key_or_none

    def encrypt(self, plaintext: bytes, associated: bytes = b"") -> bytes:
        nonce = os.urandom(_NONCE_BYTES)
        return _VERSION + nonce + self._aead.encrypt(nonce, plaintext, associated)

    def decrypt(self, blob: bytes, associated: bytes = b"") -> bytes:
        if len(blob) < 1 + _NONCE_BYTES + 16 or blob[:1] != _VERSION:
            raise StorageCorrupt()
        try:
            return self._aead.decrypt(blob[1 : 1 + _NONCE_BYTES], blob[1 + _NONCE_BYTES :], associated)
        except InvalidTag as exc:
            raise StorageCorrupt() from exc

    def encrypt_text(self, text: str | None, associated: str = "") -> bytes | None:
        if text is None:
            return None
        return self.encrypt(text.encode("utf-8"), associated.encode("utf-8"))

    def decrypt_text(self, blob: bytes | None, associated: str = "") -> str | None:
        if blob is None:
            return None
        return self.decrypt(blob, associated.encode("utf-8")).decode("utf-8")

    def blind_index(self, value: str) -> str:
        """Deterministic keyed hash for exact-match lookup (e.g. "cases of this ID number") without plaintext."""
        return hmac.new(self._index_key, value.strip().upper().encode("utf-8"), hashlib.sha256).hexdigest()
