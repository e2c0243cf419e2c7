"""Document camera (高拍仪) through Qt Multimedia, behind the scanner interface.

Qt camera objects live on the GUI thread (they need its event loop); frames arrive through a ``QVideoSink``. The
latest frame is kept under a lock, so the scanner interface (``CameraDriver.scan``) can take it from the camera's
device-stack thread. Auto-capture feeds every few frames, reduced, to ``StillDetector`` and emits ``still``. Uses
QtCore, QtGui (QImage) and QtMultimedia only; the preview dialog lives in ``ui``.
"""

from __future__ import annotations

import io
import logging
import threading
from collections.abc import Iterator
from typing import Any

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Signal
from PySide6.QtGui import QImage

from devices.scanner.base import (
    CancelToken,
    Capabilities,
    ColourMode,
    DeviceInfo,
    ProgressCallback,
    RawPage,
    ScanSettings,
)
from devices.scanner.errors import CameraNoFrame, ScannerGone
from devices.scanner.still import StillDetector

log = logging.getLogger("onewindow.scanner.camera")

DETECT_EVERY = 3  # frames; a 30 fps camera is judged 10 times a second


def qimage_to_pil(image: QImage, max_edge: int | None = None) -> Image.Image:
    if max_edge and max(image.width(), image.height()) > max_edge:
        image = image.scaled(max_edge, max_edge, aspectMode=_keep_aspect())
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    data = bytes(rgb.constBits())
    return Image.frombuffer("RGB", (rgb.width(), rgb.height()), data, "raw", "RGB", rgb.bytesPerLine(), 1)


def _keep_aspect() -> Any:
    from PySide6.QtCore import Qt

    return Qt.AspectRatioMode.KeepAspectRatio


def qimage_to_jpeg(image: QImage, quality: int = 92) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG", quality)  # type: ignore[call-overload]
    return bytes(QByteArray(buffer.data()).data())


class QtDocumentCamera(QObject):
    """One camera: frames for the preview, the latest frame for capture, a signal when the document is still."""

    frame = Signal(QImage)
    still = Signal()

    def __init__(self, device: Any = None, detector: StillDetector | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.device = device  # QCameraDevice; None only in tests that feed frames themselves
        self.detector = detector or StillDetector()
        self.auto_capture = False
        self._lock = threading.Lock()
        self._latest: QImage | None = None
        self._count = 0
        self._camera: Any = None
        self._session: Any = None
        self._sink: Any = None

    @property
    def active(self) -> bool:
        return self._camera is not None and self._camera.isActive()

    def start(self) -> None:
        from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QVideoSink

        if self._camera is not None:
            return
        self._camera = QCamera(self.device, self) if self.device is not None else QCamera(self)
        self._session = QMediaCaptureSession(self)
        self._sink = QVideoSink(self)
        self._session.setCamera(self._camera)
        self._session.setVideoSink(self._sink)
        self._sink.videoFrameChanged.connect(self._on_video_frame)
        self._camera.errorOccurred.connect(lambda _e, text: log.warning("camera error: %s", text))
        self._camera.start()

    def stop(self) -> None:
        if self._camera is not None:
            self._camera.stop()
            self._camera.deleteLater()
            self._camera = None
        self.detector.reset()

    def _on_video_frame(self, video_frame: Any) -> None:
        image = video_frame.toImage()
        if not image.isNull():
            self.handle_image(image)

    def handle_image(self, image: QImage) -> None:
        """One decoded frame (from the sink, or a test)."""
        with self._lock:
            self._latest = image.copy()
        self.frame.emit(image)
        self._count += 1
        if self.auto_capture and self._count % DETECT_EVERY == 0 and self.detector.feed(qimage_to_pil(image, 160)):
            self.still.emit()

    def latest_jpeg(self) -> bytes:
        """The newest frame as JPEG; callable from any thread."""
        with self._lock:
            image = self._latest.copy() if self._latest is not None else None
        if image is None:
            raise CameraNoFrame()
        return qimage_to_jpeg(image)


class CameraDriver:
    """The scanner interface over the cameras the UI has opened (``register``); a scan takes the newest frame."""

    kind = "camera"
    stack = "camera"

    def __init__(self, devices: list[tuple[str, str]] | None = None) -> None:
        """``devices``: (id, description) of the video inputs, read on the GUI thread by the caller."""
        self._devices = list(devices or [])
        self._cameras: dict[str, QtDocumentCamera] = {}

    @staticmethod
    def discover() -> list[tuple[str, str]]:
        from PySide6.QtMultimedia import QMediaDevices

        return [(bytes(d.id().data()).decode(errors="replace"), d.description()) for d in QMediaDevices.videoInputs()]

    def open_camera(self, device_id: str) -> QtDocumentCamera:
        """The camera object for ``device_id`` (GUI thread), created and registered on first use."""
        camera = self._cameras.get(device_id)
        if camera is None:
            from PySide6.QtMultimedia import QMediaDevices

            device = next((d for d in QMediaDevices.videoInputs()
                           if bytes(d.id().data()).decode(errors="replace") == device_id), None)
            if device is None:
                raise ScannerGone()
            camera = QtDocumentCamera(device)
            self.register(device_id, camera)
        return camera

    def register(self, device_id: str, camera: QtDocumentCamera) -> None:
        self._cameras[device_id] = camera

    def camera(self, device_id: str) -> QtDocumentCamera | None:
        return self._cameras.get(device_id)

    def list_sources(self) -> list[DeviceInfo]:
        return [DeviceInfo(self.kind, device_id, "", description or "document camera")
                for device_id, description in self._devices]

    def capabilities(self, device_id: str) -> Capabilities:
        del device_id
        return Capabilities(resolutions=(), colour_modes=(ColourMode.COLOUR, ColourMode.GRAY, ColourMode.BW),
                            has_flatbed=True)

    def scan(self, device_id: str, settings: ScanSettings, token: CancelToken,
             progress: ProgressCallback) -> Iterator[RawPage]:
        del settings
        token.raise_if_cancelled()
        camera = self._cameras.get(device_id)
        if camera is None:
            if device_id not in {d for d, _ in self._devices}:
                raise ScannerGone()
            raise CameraNoFrame()
        progress(0, 0.0)
        data = camera.latest_jpeg()
        progress(0, 1.0)
        info = next((s for s in self.list_sources() if s.id == device_id), DeviceInfo(self.kind, device_id, "", ""))
        yield RawPage(info, 0, data=data, extra={"camera": True})

    def close(self) -> None:
        self._cameras.clear()


def image_bytes_to_pil(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image
