"""Export of the unsent queue to a folder or USB stick, for centres that never get online.

The file is one encrypted container: ``OWQ1`` + 16-byte salt + 12-byte nonce + AES-256-GCM over a ZIP holding
``manifest.json`` (every open outbox action with its decrypted personal part) and ``files/<sha256>`` (the scans the
actions reference). The key is derived from a passphrase with scrypt, so the stick alone reveals nothing; the
passphrase travels separately (phone, sealed envelope). Exporting does not mark anything sent: only the platform's
confirmation does, when the centre's import reaches it.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import secrets
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from clerk_app.errors import StorageCorrupt, StorageFull
from clerk_app.sync.errors import ExportPassphraseRequired
from offline_cache.sync_store import SyncStore

if TYPE_CHECKING:
    from clerk_app.context import Workstation

MAGIC = b"OWQ1"
FORMAT = "onewindow.queue-export"


@dataclass(frozen=True)
class ExportResult:
    path: Path
    actions: int
    files: int
    missing_files: int


def _key(passphrase: str, salt: bytes) -> bytes:
    if len(passphrase) < 8:
        raise ExportPassphraseRequired()
    return hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=2**14, r=8, p=1, dklen=32)


def export_queue(ws: Workstation, folder: Path, passphrase: str,
                 progress: Callable[[int, int], None] | None = None) -> ExportResult:
    store = SyncStore(ws.db)
    salt = secrets.token_bytes(16)
    key = _key(passphrase, salt)
    actions: list[dict[str, Any]] = []
    shas: list[str] = []
    for row in store.open_rows():
        secret = None
        if row.payload_enc is not None:
            secret = json.loads(ws.cipher.decrypt(row.payload_enc, f"outbox:{row.action_uuid}".encode()))
        actions.append({"action_uuid": row.action_uuid, "case_uuid": row.case_uuid, "kind": row.kind,
                        "state": row.state, "created_at": row.created_at, "payload": row.payload, "secret": secret})
        for material in row.payload.get("materials", ()):
            shas.extend(material.get("files", ()))
    buffer = io.BytesIO()
    missing = 0
    written = 0
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        files = list(dict.fromkeys(shas))
        for index, sha in enumerate(files):
            if progress is not None:
                progress(index, len(files))  # the scans are the long part
            try:
                archive.writestr(f"files/{sha}", ws.blobs.get(sha))
                written += 1
            except FileNotFoundError:
                missing += 1  # already purged after the platform confirmed it; the manifest still names it
        manifest = {"format": FORMAT, "format_version": 1, "exported_at": datetime.now(UTC).isoformat(),
                    "centre_code": ws.config.get("centre.code"), "window_code": ws.config.get("window.code"),
                    "actions": actions}
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
    nonce = secrets.token_bytes(12)
    sealed = MAGIC + salt + nonce + AESGCM(key).encrypt(nonce, buffer.getvalue(), MAGIC + salt)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    name = (f"onewindow-queue-{ws.config.get('centre.code')}-{ws.config.get('window.code')}-"
            f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}.owq")
    target = folder / name
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".owq-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(sealed)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        if exc.errno == 28:
            raise StorageFull() from exc
        raise
    return ExportResult(target, len(actions), written, missing)


def read_export(path: Path, passphrase: str) -> tuple[dict[str, Any], dict[str, bytes]]:
    """Open an export (the platform-side import and the tests use this); ``StorageCorrupt`` if it does not open."""
    sealed = Path(path).read_bytes()
    if sealed[:4] != MAGIC or len(sealed) < 4 + 16 + 12 + 16:
        raise StorageCorrupt()
    salt, nonce = sealed[4:20], sealed[20:32]
    try:
        plain = AESGCM(_key(passphrase, salt)).decrypt(nonce, sealed[32:], MAGIC + salt)
    except InvalidTag as exc:
        raise StorageCorrupt() from exc
    with zipfile.ZipFile(io.BytesIO(plain)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        files = {n.removeprefix("files/"): archive.read(n) for n in archive.namelist() if n.startswith("files/")}
    return manifest, files


def replay_export(path: Path, passphrase: str, adapter: Any, chunk_bytes: int = 1 << 20) -> dict[str, int]:
    """Deliver an export to a platform through the normal contract (the platform side of a USB hand-over).

    Every call is idempotent, so importing the same file twice, or a file whose actions the workstation later sent
    itself, creates nothing twice; a case already held with different content raises ``ContentConflict``.
    """
    manifest, files = read_export(path, passphrase)
    counts = {"cases": 0, "files": 0, "handovers": 0, "supplements": 0, "corrections": 0, "fee_notices": 0,
              "evaluations": 0}
    for action in manifest["actions"]:
        payload, secret = action["payload"], action.get("secret") or {}
        if action["kind"] == "case_upsert":
            adapter.put_case(payload["case_uuid"], {**payload, "applicant": secret})
            materials = [{"material_code": m["material_code"], "files": list(m["files"])}
                         for m in payload.get("materials", ()) if m.get("files")]
            counts["files"] += _upload_all(adapter, materials, files, chunk_bytes)
            if materials:
                adapter.bind_materials(payload["case_uuid"], materials)
            counts["cases"] += 1
        elif action["kind"] == "handover":
            adapter.handover(action["case_uuid"], {**payload, "collector": secret})
            counts["handovers"] += 1
        elif action["kind"] == "supplement":
            counts["files"] += _upload_all(adapter, payload.get("materials", ()), files, chunk_bytes)
            adapter.supplement(payload["case_uuid"], action["action_uuid"], payload)
            counts["supplements"] += 1
        elif action["kind"] == "correction":
            counts["files"] += _upload_all(adapter, payload.get("materials", ()), files, chunk_bytes)
            adapter.correction(payload["case_uuid"], action["action_uuid"], payload)
            counts["corrections"] += 1
        elif action["kind"] == "fee_notice":
            adapter.fee_notice(action["action_uuid"], payload)
            counts["fee_notices"] += 1
        elif action["kind"] == "evaluation":
            adapter.evaluation(payload)
            counts["evaluations"] += 1
        elif action["kind"] == "signature":
            counts["files"] += _upload_all(adapter, payload.get("materials", ()), files, chunk_bytes)
            adapter.signature(payload["case_uuid"], action["action_uuid"], payload)
            counts["signatures"] = counts.get("signatures", 0) + 1
    return counts


def _upload_all(adapter: Any, materials: Any, files: dict[str, bytes], chunk_bytes: int) -> int:
    count = 0
    for sha in dict.fromkeys(s for m in materials for s in m.get("files", ())):
        state = adapter.file_state(sha)
        data = files.get(sha)
        while not state.complete:
            if data is None:
                raise StorageCorrupt()
            state = adapter.append_file(sha, state.offset, len(data), data[state.offset:state.offset + chunk_bytes])
        count += 1
    return count
