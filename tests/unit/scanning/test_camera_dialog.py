"""The document-camera preview dialog with synthetic frames: preview, Space captures, auto-capture adds a page."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from clerk_app.pages.model import CasePages
from clerk_app.pages.service import ScanningService
from devices.scanner.qt_camera import CameraDriver, QtDocumentCamera
from devices.scanner.service import ScannerService
from devices.scanner.still import StillDetector
from tests.unit.scanning.test_qt_camera import desk

pytestmark = pytest.mark.gui


class FakeQtCamera(QtDocumentCamera):
    """The real frame handling; start/stop do not touch Qt Multimedia (no camera here)."""

    started = 0

    def start(self) -> None:
        self.started += 1

    def stop(self) -> None:
        self.detector.reset()


def test_capture_and_auto_capture_add_pages(qtbot: Any, workstation: Any, tmp_path: Any) -> None:
    from ui.pages_widget import PageStripRegistry, PagesWidget
    from ui.tasks import TaskRunner

    camera = FakeQtCamera(detector=StillDetector(still_frames=4))
    driver = CameraDriver([("usb-cam-1", "高拍仪 S500")])
    driver.register("usb-cam-1", camera)
    service = ScanningService(workstation.blobs, ScannerService({"camera": lambda: driver}))
    tasks = TaskRunner()
    case = CasePages()
    widget = PagesWidget("身份证", case.slot("身份证"), service, tasks, PageStripRegistry())
    qtbot.addWidget(widget)
    widget.show()
    try:
        qtbot.waitUntil(widget.scan_button.isEnabled)
        widget.scan()  # a camera source opens the live preview instead of scanning at once
        dialog = widget._camera_dialog
        assert dialog is not None and camera.started == 1
        camera.handle_image(desk(True))
        assert dialog.preview.pixmap() is not None and not dialog.preview.pixmap().isNull()
        qtbot.keyClick(dialog, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: len(case.slot("身份证")) == 1 and widget._token is None)
        assert case.slot("身份证")[0].device.model == "高拍仪 S500"
        dialog.auto_box.setChecked(True)
        for frame in [desk(False)] * 6 + [desk(True, o) for o in (90, 60, 30, 10)] + [desk(True, 10)] * 20:
            camera.handle_image(frame)
            qtbot.wait(1)
        qtbot.waitUntil(lambda: widget._token is None)
        # the desk frames went back to empty, a document was placed and held still: one more page
        qtbot.waitUntil(lambda: len(case.slot("身份证")) == 2)
        dialog.grab().save(str(tmp_path / "camera.png"))
        dialog.accept()
        assert widget._camera_dialog is None and not camera.auto_capture
    finally:
        tasks.shutdown()
        service.close()
