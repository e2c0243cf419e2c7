"""The workstation's data: paths, configuration, the data key, the database, the blob store, the applicants.

``open_workstation`` opens these parts; the services built on them live in ``clerk_app.services`` (the composition
root), which takes a ``Workstation`` and is the only place that builds services. Tests open the same object on a
temporary folder.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from clerk_app.config import Config, load_config
from clerk_app.paths import AppPaths, resolve_paths
from clerk_app.security.keys import LEGACY_FILE, WRAPPED, DataKeyProvider, KeySource
from clerk_app.security.vault import KeyVault
from offline_cache.applicants import ApplicantRepository
from offline_cache.blobs import BlobStore
from offline_cache.crypto import FieldCipher
from offline_cache.db import Database

log = logging.getLogger("onewindow.init")


@dataclass(frozen=True)
class Workstation:
    paths: AppPaths
    config: Config
    db: Database
    cipher: FieldCipher
    blobs: BlobStore
    applicants: ApplicantRepository
    key_source: KeySource | None
    vault: KeyVault | None = None  # set when the key is sealed under the clerks' passwords (no OS key store)
    legacy_key_file: Path | None = None  # a key file an older version left beside the data (``key init`` seals it)

    @property
    def is_training(self) -> bool:
        return self.config.is_training

    def close(self) -> None:
        self.db.close()


def open_workstation(paths: AppPaths | None = None, config: Config | None = None) -> Workstation:
    paths = (paths or resolve_paths()).ensure()
    config = config or load_config(paths.config_file)
    log.info("opening workstation data (training=%s)", config.is_training)
    # Practice data may keep its key in a file; real data never beside itself (clerk_app.security.keys, vault).
    keys = DataKeyProvider(paths.data_dir, config.is_training or config.get("storage.allow_file_key_fallback"))
    cipher = FieldCipher(keys.load_or_create())
    db = Database(paths.database)
    source = keys.source
    vault = None
    legacy = None
    if source is not None and source.backend in (WRAPPED, LEGACY_FILE):
        vault = KeyVault(db, cipher)
        if source.backend == LEGACY_FILE:
            legacy = keys.legacy_key_file
    blobs = BlobStore(paths.blob_dir, cipher)
    blobs.sweep_temporaries()
    return Workstation(paths, config, db, cipher, blobs, ApplicantRepository(db, cipher), source, vault, legacy)
