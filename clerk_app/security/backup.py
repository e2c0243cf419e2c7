"""Encrypted backup to a folder or USB stick, and restore on a new PC with the outbox (issue 13).

**The file** (``onewindow-<yyyymmdd-hhmmss>.owbackup``): ``MAGIC``, a 4-byte length and a JSON header (format,
creation time, scrypt parameters and salt, the backed-up facts: schema, cases, open outbox actions, audit head),
then the body: a tar stream — ``onewindow.sqlite3`` (a consistent copy made with SQLite's online backup API while
the workstation keeps working), ``blobs/`` (the scans, photos and printed PDFs exactly as stored, already encrypted
under the data key), ``data-key`` (so the copy opens on a PC whose key store never held it) and ``manifest.json``
(SHA-256 and size of every member) — cut into 1 MiB chunks, each sealed with AES-256-GCM under a key derived from
the backup passphrase with scrypt. Each chunk's associated data is the header, its index and whether it is the
last, so a changed header, a reordered, dropped or truncated chunk or a wrong passphrase fails (``BackupDamaged``).

**Restore** (``clerk_app.cli.restore``; onto an empty workstation only: a fresh install, no case, no outbox
row) decrypts into a folder beside the data, checks every chunk, every member against the manifest and
``PRAGMA integrity_check``,
and only then swaps the database and blob folder in. The data key goes where this PC keeps keys: its OS key store,
else (training) the practice key file, else it stays sealed under the clerks' passwords that travelled in the
database's ``key_wraps`` — or, if the old PC used a key store (no sealed copies), it is sealed afresh under a new
recovery key, shown once. The restored copy gets a new machine id (``offline_cache.snapshot.adopt_restored``).

**Nothing lost or sent twice:** the outbox travels with the database, so every action that was queued at backup
time is sent after the restore; actions the old PC already sent after the backup are sent again with the same
idempotency keys, which the platform answers with its first answer, changing nothing
(``tests/integration/sync/test_backup_restore.py``). Work done on the old PC after the backup is not in it: back up
every day.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import secrets
import shutil
import struct
import tarfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from clerk_app.errors import UserFacingError
from clerk_app.i18n import QT_TRANSLATE_NOOP
from clerk_app.paths import AppPaths
from offline_cache import audit_log, snapshot
from offline_cache.crypto import FieldCipher
from offline_cache.db import Database

log = logging.getLogger("onewindow.backup")

MAGIC = b"ONEWINDOW-BACKUP\x00\x01"
SUFFIX = ".owbackup"
CHUNK = 1 << 20
SCRYPT = {"n": 2**15, "r": 8, "p": 1}
DB_MEMBER, KEY_MEMBER, MANIFEST_MEMBER, BLOB_FOLDER = "onewindow.sqlite3", "data-key", "manifest.json", "blobs"


class BackupDamaged(UserFacingError):
    message = QT_TRANSLATE_NOOP("errors", "The backup file cannot be read: wrong passphrase, or the file is damaged "
                                          "or incomplete ({reason}). Nothing was changed.")


class RestoreRefused(UserFacingError):
    message = QT_TRANSLATE_NOOP("errors", "A backup is restored only onto a new, empty workstation: this one already "
                                          "holds cases or queued actions. Nothing was changed.")


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    seconds: float
    facts: dict[str, Any]
    files: int


def _key(passphrase: str, salt: bytes, params: dict[str, int]) -> bytes:
    return Scrypt(salt=salt, length=32, n=params["n"], r=params["r"], p=params["p"]).derive(passphrase.encode())


def _aad(header: bytes, index: int, last: bool) -> bytes:
    return header + struct.pack(">QB", index, int(last))


class _SealingWriter(io.RawIOBase):
    """A write-only stream that seals what tarfile writes into length-prefixed AES-GCM chunks."""

    def __init__(self, out: IO[bytes], key: bytes, header: bytes) -> None:
        self._out, self._aead, self._header = out, AESGCM(key), header
        self._buffer = bytearray()
        self._index = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self._buffer += data
        while len(self._buffer) > CHUNK:  # keep at least one byte back: the last chunk is sealed as last
            self._seal(bytes(self._buffer[:CHUNK]), last=False)
            del self._buffer[:CHUNK]
        return len(data)

    def finish(self) -> None:
        self._seal(bytes(self._buffer), last=True)
        self._buffer.clear()

    def _seal(self, plain: bytes, last: bool) -> None:
        nonce = secrets.token_bytes(12)
        sealed = self._aead.encrypt(nonce, plain, _aad(self._header, self._index, last))
        self._out.write(struct.pack(">IB", len(sealed), int(last)) + nonce + sealed)
        self._index += 1


def _open_chunks(handle: IO[bytes], key: bytes, header: bytes) -> Iterator[bytes]:
    aead, index = AESGCM(key), 0
    while True:
        prefix = handle.read(5)
        if len(prefix) < 5:
            raise BackupDamaged(reason="truncated")
        length, last = struct.unpack(">IB", prefix)
        nonce, sealed = handle.read(12), handle.read(length)
        if len(sealed) < length:
            raise BackupDamaged(reason="truncated")
        try:
            yield aead.decrypt(nonce, sealed, _aad(header, index, bool(last)))
        except InvalidTag as exc:
            raise BackupDamaged(reason="authentication failed" if index == 0 else f"chunk {index}") from exc
        index += 1
        if last:
            if handle.read(1):
                raise BackupDamaged(reason="data after the end")
            return


class _ChunkReader(io.RawIOBase):
    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks, self._buffer = chunks, b""

    def readable(self) -> bool:
        return True

    def readinto(self, target: Any) -> int:
        while not self._buffer:
            try:
                self._buffer = next(self._chunks)
            except StopIteration:
                return 0
            if not self._buffer:
                continue
        size = min(len(target), len(self._buffer))
        target[:size] = self._buffer[:size]
        self._buffer = self._buffer[size:]
        return size


def read_header(path: Path) -> tuple[bytes, dict[str, Any]]:
    with path.open("rb") as handle:
        return _read_header(handle)


def _read_header(handle: IO[bytes]) -> tuple[bytes, dict[str, Any]]:
    if handle.read(len(MAGIC)) != MAGIC:
        raise BackupDamaged(reason="not a OneWindow backup")
    (length,) = struct.unpack(">I", handle.read(4))
    header = handle.read(length)
    try:
        return header, json.loads(header)
    except ValueError as exc:
        raise BackupDamaged(reason="header") from exc


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), int(time.time()), 0o600
    tar.addfile(info, io.BytesIO(data))


def create_backup(paths: AppPaths, db: Database, cipher: FieldCipher, folder: Path, passphrase: str,
                  actor: str) -> BackupResult:
    """Write one encrypted backup file into ``folder`` (a USB stick's mount point); the data must be open."""
    started = time.monotonic()
    key = cipher.export_key()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().astimezone()
    target = folder / f"onewindow-{stamp:%Y%m%d-%H%M%S}{SUFFIX}"
    work = paths.data_dir / f".backup-{secrets.token_hex(4)}"
    work.mkdir(mode=0o700)
    files = 0
    try:
        audit_log.write(db, "backup_created", actor, {"file": target.name})
        copy = work / DB_MEMBER
        snapshot.snapshot_to(db, copy)
        verdict, facts = snapshot.check_restored(copy)
        if verdict != "ok":
            raise BackupDamaged(reason=f"database copy: {verdict}")
        salt = secrets.token_bytes(16)
        header = json.dumps({"format": 1, "created_at": stamp.isoformat(timespec="seconds"), "kdf": "scrypt",
                             **SCRYPT, "salt": salt.hex(), "facts": facts}, sort_keys=True).encode()
        manifest: dict[str, dict[str, Any]] = {}
        partial = target.with_name(target.name + ".part")
        with partial.open("wb") as out:
            out.write(MAGIC + struct.pack(">I", len(header)) + header)
            sealing = _SealingWriter(out, _key(passphrase, salt, SCRYPT), header)
            with tarfile.open(fileobj=sealing, mode="w|", format=tarfile.GNU_FORMAT) as tar:
                tar.add(copy, DB_MEMBER)
                manifest[DB_MEMBER] = {"sha256": _sha256(copy), "size": copy.stat().st_size}
                for blob in sorted(paths.blob_dir.glob("*/*.blob")):
                    name = f"blobs/{blob.parent.name}/{blob.name}"
                    tar.add(blob, name)
                    manifest[name] = {"sha256": _sha256(blob), "size": blob.stat().st_size}
                    files += 1
                _add_bytes(tar, KEY_MEMBER, key)
                manifest[KEY_MEMBER] = {"sha256": hashlib.sha256(key).hexdigest(), "size": len(key)}
                _add_bytes(tar, MANIFEST_MEMBER, json.dumps(manifest, sort_keys=True).encode())
            sealing.finish()
            out.flush()
            os.fsync(out.fileno())
        partial.replace(target)  # a file named .owbackup is always complete
    finally:
        shutil.rmtree(work, ignore_errors=True)
    result = BackupResult(target, target.stat().st_size, time.monotonic() - started, facts, files)
    log.info("backup written: %d cases, %d files, %d bytes", facts["cases"], files, result.size)
    return result


@dataclass(frozen=True)
class Unpacked:
    folder: Path
    header: dict[str, Any]
    facts: dict[str, Any]
    key: bytes


def unpack_backup(path: Path, passphrase: str, into: Path) -> Unpacked:
    """Decrypt and check a backup into ``into`` (created here); raises ``BackupDamaged`` on any mismatch."""
    into.mkdir(mode=0o700)
    with path.open("rb") as handle:
        header_bytes, header = _read_header(handle)
        try:
            salt, params = bytes.fromhex(header["salt"]), {k: int(header[k]) for k in ("n", "r", "p")}
            key = _key(passphrase, salt, params)
        except (KeyError, TypeError, ValueError) as exc:  # a damaged header (its bytes are authenticated too)
            raise BackupDamaged(reason="header") from exc
        reader = io.BufferedReader(_ChunkReader(_open_chunks(handle, key, header_bytes)), buffer_size=CHUNK)
        try:
            with tarfile.open(fileobj=reader, mode="r|") as tar:
                for member in tar:
                    if not member.isfile() or member.name.startswith("/") or ".." in member.name.split("/"):
                        raise BackupDamaged(reason=f"unexpected member {member.name!r}")
                    target = into / member.name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    source = tar.extractfile(member)
                    assert source is not None
                    with target.open("wb") as out:
                        shutil.copyfileobj(source, out, 1 << 20)
        except tarfile.TarError as exc:
            raise BackupDamaged(reason="archive") from exc
    manifest = json.loads((into / MANIFEST_MEMBER).read_text())
    present = {str(p.relative_to(into)) for p in into.rglob("*") if p.is_file()} - {MANIFEST_MEMBER}
    if present != set(manifest):
        raise BackupDamaged(reason="members differ from the manifest")
    for name, entry in manifest.items():
        if _sha256(into / name) != entry["sha256"]:
            raise BackupDamaged(reason=f"{name} differs from the manifest")
    verdict, facts = snapshot.check_restored(into / DB_MEMBER)
    if verdict != "ok":
        raise BackupDamaged(reason=f"database: {verdict}")
    return Unpacked(into, header, facts, (into / KEY_MEMBER).read_bytes())
