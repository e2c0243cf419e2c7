"""Live preview of the document camera (高拍仪) with capture (Space) and auto-capture when the document is still.

The dialog only shows frames and asks its owner to capture; the capture itself goes through the scanning service
like any scan, so the page is processed and stored the same way and records the camera as its device.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeyEvent, QPixmap
from PySide6.QtWidgets import QCheckBox, QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from devices.scanner.qt_camera import QtDocumentCamera


class CameraDialog(QDialog):
    def __init__(self, camera: QtDocumentCamera, capture: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Document camera"))
        self.setObjectName("cameraDialog")
        self.camera = camera
        self._capture = capture
        self._captured = 0
        self.preview = QLabel(self.tr("Waiting for pictures from the camera…"))
        self.preview.setObjectName("cameraPreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(480, 360)
        self.preview.setStyleSheet("background: #202020; color: #e0e0e0;")
        self.status = QLabel()
        self.auto_box = QCheckBox(self.tr("Auto-capture when the document is still"))
        self.auto_box.toggled.connect(self._auto_toggled)
        self.capture_button = QPushButton(self.tr("Capture (Space)"))
        self.capture_button.setDefault(True)
        self.capture_button.clicked.connect(self.capture)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        # Space is the capture key: no child takes keyboard focus, so Space never toggles a checkbox instead
        for child in (self.auto_box, self.capture_button, close):
            child.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        row = QHBoxLayout()
        row.addWidget(self.auto_box)
        row.addStretch(1)
        row.addWidget(self.status)
        row.addWidget(self.capture_button)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addLayout(row)
        camera.frame.connect(self._show_frame)
        camera.still.connect(self.capture)
        camera.start()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self.capture()
            event.accept()
            return
        super().keyPressEvent(event)

    def _show_frame(self, image: QImage) -> None:
        pixmap = QPixmap.fromImage(image).scaled(self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.FastTransformation)
        self.preview.setPixmap(pixmap)

    def _auto_toggled(self, on: bool) -> None:
        self.camera.detector.reset()
        self.camera.auto_capture = on

    def capture(self) -> None:
        self._captured += 1
        self.status.setText(self.tr("Captured page {0}").format(self._captured))
        self._capture()

    def done(self, result: int) -> None:
        self.camera.frame.disconnect(self._show_frame)
        self.camera.still.disconnect(self.capture)
        self.camera.auto_capture = False
        self.camera.stop()
        super().done(result)
