"""Restore a backup (``clerk_app.security.backup``) onto a new, empty workstation (``backup restore``).

The current (empty) database and blob folder are kept aside as ``*.before-restore-<time>`` until the IT person
deletes them; nothing of them is lost if the restore is wrong. See the backup module for what travels and why
nothing is sent twice.
"""

from __future__ import annotations

import getpass
import logging
import secrets
import shutil
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from clerk_app.config import Config, load_config
from clerk_app.context import open_workstation
from clerk_app.paths import AppPaths
from clerk_app.security.backup import BLOB_FOLDER, DB_MEMBER, RestoreRefused, unpack_backup
from clerk_app.security.keys import place_restored_key
from offline_cache import audit_log, snapshot

log = logging.getLogger("onewindow.backup")


@dataclass(frozen=True)
class RestoreResult:
    facts: dict[str, Any]
    backup_created_at: str
    machine_id: str
    key_kept: str  # keystore | file | sealed
    recovery_key: str | None  # shown once when the key had to be sealed afresh
    seconds: float
    kept_aside: list[str]


def restore_backup(paths: AppPaths, backup_file: Path, passphrase: str,
                   config: Config | None = None) -> RestoreResult:
    started = time.monotonic()
    paths = paths.ensure()
    config = config or load_config(paths.config_file)
    ws = open_workstation(paths, config)
    try:
        if not snapshot.is_empty(ws.db):
            raise RestoreRefused()
    finally:
        ws.close()
    work = paths.data_dir / f".restore-{secrets.token_hex(4)}"
    try:
        unpacked = unpack_backup(backup_file, passphrase, work)
        stamp = f"{datetime.now():%Y%m%d-%H%M%S}"
        kept_aside = _swap_in(paths, work, stamp)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    machine = snapshot.adopt_restored(paths.database)
    allow_file = config.is_training or bool(config.get("storage.allow_file_key_fallback"))
    kept = place_restored_key(paths.data_dir, unpacked.key, allow_file)

    ws = open_workstation(paths, config)
    recovery = None
    try:
        if ws.vault is not None:
            if ws.vault.is_set_up:
                ws.vault.open_with_key(unpacked.key)  # the clerks' sealed copies travelled with the database
            else:
                recovery = ws.vault.initialise(unpacked.key)  # the old PC had a key store: seal it here
        audit_log.write(ws.db, "backup_restored", f"os:{getpass.getuser()}", {
            "file": backup_file.name, "backup_created_at": unpacked.header.get("created_at"),
            "old_machine_id": unpacked.facts.get("machine_id"), "backup_audit_head": unpacked.facts.get("audit_head"),
            "key_kept": kept, "new_recovery_key": recovery is not None})
    finally:
        ws.close()
    log.info("backup restored: %d cases, %d open outbox actions", unpacked.facts["cases"],
             unpacked.facts["outbox_open"])
    return RestoreResult(unpacked.facts, str(unpacked.header.get("created_at")), machine, kept, recovery,
                         time.monotonic() - started, kept_aside)


def _swap_in(paths: AppPaths, work: Path, stamp: str) -> list[str]:
    aside = []
    for suffix in ("", "-wal", "-shm"):
        current = paths.database.with_name(paths.database.name + suffix)
        if current.exists():
            moved = current.with_name(f"{current.name}.before-restore-{stamp}")
            current.replace(moved)
            aside.append(moved.name)
    (work / DB_MEMBER).replace(paths.database)
    if paths.blob_dir.exists():
        moved_dir = paths.blob_dir.with_name(f"{paths.blob_dir.name}.before-restore-{stamp}")
        paths.blob_dir.replace(moved_dir)
        aside.append(moved_dir.name)
    restored_blobs = work / BLOB_FOLDER
    if restored_blobs.exists():
        restored_blobs.replace(paths.blob_dir)
    else:
        paths.blob_dir.mkdir(mode=0o700)
    return aside
