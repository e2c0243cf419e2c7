"""Encrypted, content-addressed blob store for scans, photos and printed documents.

A blob is named by the SHA-256 of its plaintext (so the same page is stored once and the name is the upload key the
platform expects) and stored encrypted with AES-GCM, the name bound as associated data. Files are written to a
temporary name, fsynced and renamed, so a crash leaves either the whole blob or nothing. Folder fan-out by the
first two hex digits keeps directories small over years of cases.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from clerk_app.errors import StorageCorrupt, StorageFull
from offline_cache.crypto import FieldCipher

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class BlobStore:
    def __init__(self, root: Path, cipher: FieldCipher) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self._cipher = cipher

    def path_for(self, sha256: str) -> Path:
        if not _SHA256.match(sha256):
            raise ValueError("not a sha256 hex digest")
        return self.root / sha256[:2] / f"{sha256}.blob"

    def put(self, data: bytes) -> str:
        digest = hashlib.sha256(data).hexdigest()
        target = self.path_for(digest)
        if target.exists():
            return digest
        target.parent.mkdir(parents=True, exist_ok=True)
        sealed = self._cipher.encrypt(data, digest.encode("ascii"))
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".blob")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(sealed)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        except OSError as exc:
            Path(tmp).unlink(missing_ok=True)
            if exc.errno == 28:  # ENOSPC
                raise StorageFull() from exc
            raise
        return digest

    def get(self, sha256: str) -> bytes:
        path = self.path_for(sha256)
        try:
            sealed = path.read_bytes()
        except FileNotFoundError:
            raise
        data = self._cipher.decrypt(sealed, sha256.encode("ascii"))
        if hashlib.sha256(data).hexdigest() != sha256:
            raise StorageCorrupt()
        return data

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).exists()

    def delete(self, sha256: str) -> None:
        self.path_for(sha256).unlink(missing_ok=True)

    def sweep_temporaries(self) -> int:
        """Remove half-written files a crash left behind; returns how many."""
        removed = 0
        for tmp in self.root.glob("*/.tmp-*.blob"):
            tmp.unlink(missing_ok=True)
            removed += 1
        return removed
