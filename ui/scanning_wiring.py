"""Wiring of the scanning feature: the service on the workstation, F6, and the scanner state in the status bar."""

from __future__ import annotations

import contextlib
import logging
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from clerk_app.pages.setup import build_scanning_service
from devices.scanner.base import DeviceInfo
from ui.main_window import MainWindow
from ui.pages_widget import active_pages_widget
from ui.tasks import BackgroundOp, TaskRunner

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


def _tr(text: str) -> str:
    return QCoreApplication.translate("scanning", text)


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


def _camera_driver() -> Any | None:
    """Document cameras need Qt Multimedia (and its system libraries, e.g. libpulse0 on Linux)."""
    try:
        from devices.scanner.qt_camera import CameraDriver

        return CameraDriver(CameraDriver.discover())
    except (ImportError, OSError) as exc:
        log.info("document cameras unavailable: %s", type(exc).__name__)
        return None


def wire_scanning(window: MainWindow, workstation: Any, tasks: TaskRunner) -> None:
    camera = _camera_driver()
    service = build_scanning_service(workstation, {"camera": lambda: camera} if camera is not None else None)
    workstation.services["scanner"] = service

    def scan_now() -> None:
        widget = active_pages_widget()
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

    BackgroundOp(window, service.scanners.list_sources).success(show).failure(failed).run(tasks.io_pool)
