"""A QR code painted from its module matrix (``printing.codes.qr_matrix``, the same code the papers print, made in
the render worker off the GUI thread): sharp at any size on the customer screen, with the quiet zone a phone's
camera needs."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from printing.model import QR_QUIET, QrModules


class QrCode(QWidget):
    def __init__(self, data: str, size: int = 240, parent: QWidget | None = None,
                 matrix: QrModules | None = None) -> None:
        super().__init__(parent)
        if matrix is None:
            # no modules made ahead (printing.codes brings reportlab and qrcode: only in this rare case)
            from printing.codes import qr_matrix

            matrix = qr_matrix(data)
        self.data = data
        self.matrix = matrix
        self.quiet = QR_QUIET
        self.setFixedSize(size, size)
        self.setObjectName("qrCode")

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        count = len(self.matrix) + 2 * self.quiet
        cell = min(self.width(), self.height()) / count
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#000000"))
        for row, line in enumerate(self.matrix):
            for col, dark in enumerate(line):
                if dark:
                    painter.drawRect(QRectF((self.quiet + col) * cell, (self.quiet + row) * cell, cell + 0.5,
                                            cell + 0.5))
        painter.end()
