"""Building the scanning service for a workstation (GUI and CLI alike)."""

from __future__ import annotations

from typing import Any

from clerk_app.pages.policy import PolicyBook
from clerk_app.pages.service import ScanningService
from devices.scanner.drivers import build_scanner_service
from devices.scanner.service import DriverFactory


def build_scanning_service(workstation: Any, extra_drivers: dict[str, DriverFactory] | None = None) -> ScanningService:
    """The service for ``workstation.services["scanner"]``: drivers for this platform and configuration, the
    page policy from the configuration, pages stored in the workstation's encrypted blob store."""
    config = workstation.config
    scanners = build_scanner_service(config, extra_drivers)
    return ScanningService(workstation.blobs, scanners, PolicyBook.from_config(config), training=config.is_training,
                           resolution=int(config.get("scanning.resolution")))
