"""Watched folder for network scanners and phones that drop files into a shared folder (township centres).

Polling, not inotify: network shares (SMB) rarely deliver change events. A file is taken only once its size has
stopped changing (the scanner may still be writing it) and is moved to ``imported/`` afterwards, so it is never
imported twice and the clerk can still find it.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from devices.scanner.base import (
    CancelToken,
    Capabilities,
    DeviceInfo,
    ProgressCallback,
    RawPage,
    ScanSettings,
)
from devices.scanner.errors import NoDocuments, ScannerGone

log = logging.getLogger("onewindow.scanner.folder")

SUFFIXES = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".pdf", ".bmp"}


class WatchedFolder:
    kind = "folder"
    stack = "folder"

    def __init__(self, folders: list[Path], settle_seconds: float = 1.0) -> None:
        self.folders = [Path(f) for f in folders]
        self.settle_seconds = settle_seconds

    def list_sources(self) -> list[DeviceInfo]:
        return [DeviceInfo(self.kind, str(folder), "network", f"watched folder {folder.name}")
                for folder in self.folders if folder.is_dir()]

    def capabilities(self, device_id: str) -> Capabilities:
        del device_id
        return Capabilities(resolutions=(), colour_modes=(), has_flatbed=False, has_adf=True)

    def waiting(self, device_id: str) -> list[Path]:
        folder = Path(device_id)
        if not folder.is_dir():
            raise ScannerGone()
        now = time.time()
        files = []
        for entry in folder.iterdir():
            if not entry.is_file() or entry.suffix.lower() not in SUFFIXES or entry.name.startswith("."):
                continue
            stat = entry.stat()
            if now - stat.st_mtime >= self.settle_seconds:
                files.append((stat.st_mtime, entry.name, entry))
        return [entry for _mtime, _name, entry in sorted(files)]

    def scan(self, device_id: str, settings: ScanSettings, token: CancelToken,
             progress: ProgressCallback) -> Iterator[RawPage]:
        files = self.waiting(device_id)
        if not files:
            raise NoDocuments()
        if settings.max_pages is not None:
            files = files[: settings.max_pages]
        info = DeviceInfo(self.kind, device_id, "network", f"watched folder {Path(device_id).name}")
        done = Path(device_id) / "imported"
        for index, path in enumerate(files):
            token.raise_if_cancelled()
            progress(index, 0.0)
            data = path.read_bytes()
            yield RawPage(info, index, data=data, extra={"suffix": path.suffix.lower()})
            done.mkdir(exist_ok=True)
            target = done / path.name
            if target.exists():
                target = done / f"{path.stem}-{int(time.time() * 1000)}{path.suffix}"
            shutil.move(os.fspath(path), os.fspath(target))
            progress(index, 1.0)

    def close(self) -> None:
        pass
