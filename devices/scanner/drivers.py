"""Which scanner drivers this workstation offers, from the platform and the configuration."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from devices.scanner.service import DriverFactory, ScannerService


def build_scanner_service(config: Any, extra: dict[str, DriverFactory] | None = None) -> ScannerService:
    factories: dict[str, DriverFactory] = {}
    if sys.platform.startswith("linux") or sys.platform.startswith("freebsd"):
        def sane() -> Any:
            from devices.scanner.sane_driver import SaneDriver

            return SaneDriver()

        factories["sane"] = sane
    if sys.platform == "win32":
        def wia() -> Any:
            from devices.scanner.wia_driver import WiaDriver

            return WiaDriver()

        def twain() -> Any:
            from devices.scanner.twain_driver import TwainDriver

            return TwainDriver()

        factories["wia"] = wia  # WIA first: TWAIN is often unreliable on 64-bit Windows
        factories["twain"] = twain
    folders = [Path(p) for p in config.get("scanning.watch_folders")]
    if folders:
        def folder() -> Any:
            from devices.scanner.folder import WatchedFolder

            return WatchedFolder(folders)

        factories["folder"] = folder
    factories.update(extra or {})
    if config.is_training or config.get("scanning.simulated"):
        def simulated() -> Any:
            from devices.scanner.simulated import SimulatedScanner

            return SimulatedScanner()

        factories["simulated"] = simulated
    return ScannerService(factories)
