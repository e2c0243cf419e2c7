"""Qt document camera logic on synthetic QImages (no camera on this machine): latest frame, auto-capture, driver."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage, QPainter

from clerk_app.pages.model import CasePages
from clerk_app.pages.service import ScanningService
from devices.scanner.base import CancelToken, ScanSettings
from devices.scanner.errors import CameraNoFrame, ScannerGone
from devices.scanner.qt_camera import CameraDriver, QtDocumentCamera, image_bytes_to_pil, qimage_to_pil
from devices.scanner.service import ScannerService
from devices.scanner.still import StillDetector


def desk(with_document: bool, offset: int = 0) -> QImage:
    image = QImage(640, 480, QImage.Format.Format_RGB32)
    image.fill(QColor(60, 50, 40))
    if with_document:
        painter = QPainter(image)
        painter.fillRect(160 + offset, 40, 300, 400, QColor(250, 250, 245))
        for line in range(12):
            painter.fillRect(190 + offset, 70 + line * 30, 220, 8, QColor(20, 20, 20))
        painter.end()
    return image


def test_qimage_conversion_keeps_colours_and_aspect() -> None:
    image = desk(True)
    pil = qimage_to_pil(image, 160)
    assert pil.size == (160, 120)
    assert pil.getpixel((2, 2)) == pytest.approx((60, 50, 40), abs=3)


def test_auto_capture_fires_once_for_a_placed_document(qtbot: Any) -> None:
    camera = QtDocumentCamera(detector=StillDetector(still_frames=4))
    camera.auto_capture = True
    fired: list[int] = []
    camera.still.connect(lambda: fired.append(1))
    frames = [desk(False)] * 6 + [desk(True, o) for o in (120, 90, 60, 30, 0, 0)] + [desk(True)] * 30
    for frame in frames:
        camera.handle_image(frame)
    assert fired == [1]
    jpeg = camera.latest_jpeg()
    assert image_bytes_to_pil(jpeg).size == (640, 480)


def test_no_frame_yet_is_a_clear_error() -> None:
    with pytest.raises(CameraNoFrame):
        QtDocumentCamera().latest_jpeg()


def test_camera_driver_through_the_scanning_service(qtbot: Any, workstation: Any) -> None:
    driver = CameraDriver([("usb-cam-1", "高拍仪 S500")])
    service = ScanningService(workstation.blobs, ScannerService({"camera": lambda: driver}))
    try:
        (source,) = service.scanners.list_sources()
        assert source.key == "camera:usb-cam-1" and source.model == "高拍仪 S500"
        with pytest.raises(CameraNoFrame):
            service.scan(source.key, ScanSettings())
        camera = QtDocumentCamera()
        driver.register("usb-cam-1", camera)
        camera.handle_image(desk(True))
        (page,) = service.scan(source.key, ScanSettings())
        assert page.device.kind == "camera" and page.mime == "image/jpeg"
        case = CasePages()
        case.slot("身份证").add([page])
        with pytest.raises(ScannerGone):
            list(driver.scan("other", ScanSettings(), CancelToken(), lambda i, f: None))
    finally:
        service.close()
