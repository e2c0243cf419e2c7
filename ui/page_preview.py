"""One page at readable size, to check legibility before the applicant leaves (double-click a thumbnail)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap, QTransform
from PySide6.QtWidgets import QDialog, QLabel, QScrollArea, QVBoxLayout, QWidget

from clerk_app.pages.model import Page


class PagePreviewDialog(QDialog):
    def __init__(self, page: Page, data: bytes, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pagePreview")
        self.setWindowTitle(self.tr("Page {0}").format(number))
        pixmap = QPixmap()
        pixmap.loadFromData(data)
        if page.rotation:
            pixmap = pixmap.transformed(QTransform().rotate(page.rotation))
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setPixmap(pixmap.scaledToWidth(min(900, pixmap.width()), Qt.TransformationMode.SmoothTransformation))
        scroll = QScrollArea()
        scroll.setWidget(self.image)
        scroll.setWidgetResizable(True)
        info = QLabel(self.tr("{0} × {1} px · {2} dpi · {3} KB · {4}").format(
            page.width, page.height, page.dpi, (page.size + 999) // 1000,
            f"{page.device.make} {page.device.model}".strip() or page.device.kind))
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(info)
        self.resize(960, 760)
