"""Wiring of the scanning feature: the window's page strips, F6, and the scanner state in the status bar."""

from __future__ import annotations

import contextlib
import logging
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from clerk_app.services import Services
from devices.scanner.base import DeviceInfo
from ui.main_window import MainWindow
from ui.pages_widget import PageStripRegistry
from ui.tasks import DeviceOp, TaskRunner

log = logging.getLogger("onewindow.ui.pages")

# Loaded here, on the GUI thread, before list_sources runs on a worker (see ui/sync_wiring.py). Without
# libpulse the import fails: the camera is simply not offered, and doctor says why.
with contextlib.suppress(ImportError):
    from PySide6 import QtMultimedia  # noqa: F401


SCANNER = QT_TRANSLATE_NOOP("scanning", "Scanner: {0}")
SIMULATED = QT_TRANSLATE_NOOP("scanning", "Scanner: simulated (training)")
NONE_FOUND = QT_TRANSLATE_NOOP("scanning", "Scanner: none found")
NOT_AVAILABLE = QT_TRANSLATE_NOOP("scanning", "Scanner: not available")
CHOOSE_MATERIAL = QT_TRANSLATE_NOOP("scanning", "Choose a material in the checklist before scanning.")


def _tr(text: object) -> str:
    return QCoreApplication.translate("scanning", str(text))


def scanner_state(sources: list[DeviceInfo]) -> tuple[str, bool | None]:
    real = [s for s in sources if not s.simulated]
    if real:
        first = real[0]
        label = f"{first.make} {first.model}".strip() or first.id
        more = len(real) - 1
        return _tr(SCANNER).format(label) + (f" (+{more})" if more else ""), True
    if sources:
        return _tr(SIMULATED), None
    return _tr(NONE_FOUND), False


def camera_driver() -> Any | None:
    """Document cameras need Qt Multimedia (and its system libraries, e.g. libpulse0 on Linux)."""
    try:
        from devices.scanner.qt_camera import CameraDriver

        return CameraDriver(CameraDriver.discover())
    except (ImportError, OSError) as exc:
        log.info("document cameras unavailable: %s", type(exc).__name__)
        return None


def wire_scanning(window: MainWindow, services: Services, tasks: TaskRunner) -> PageStripRegistry:
    """The scanning service itself (with the camera from ``ui.wiring.with_camera``) is ``services.scanning``."""
    service = services.scanning
    strips = PageStripRegistry()

    def scan_now() -> None:
        widget = strips.active()
        if widget is not None:
            widget.scan()
        else:
            window.status.showMessage(_tr(CHOOSE_MATERIAL), 5000)

    window.shortcuts.bind("scan", scan_now)

    def show(sources: list[DeviceInfo]) -> None:
        text, ok = scanner_state(sources)
        window.status.set_device_state("scanner", text, ok)

    def failed(exc: BaseException) -> None:
        log.warning("scanner discovery failed: %s", type(exc).__name__)
        window.status.set_device_state("scanner", _tr(NOT_AVAILABLE), False)

    DeviceOp(window, service.scanners.list_sources).success(show).failure(failed).run(tasks)
    return strips
