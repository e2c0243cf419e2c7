"""Print preview of generated PDF bytes with QtPdf (what the printer will get, page for page)."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTabWidget, QVBoxLayout, QWidget


class PdfPreviewDialog(QDialog):
    def __init__(self, parent: QWidget | None, documents: list[tuple[str, bytes]]) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self.setWindowTitle(self.tr("Print preview"))
        self.tabs = QTabWidget(self)
        self._keep: list[object] = []  # documents and buffers must outlive the views
        for title, pdf in documents:
            data = QByteArray(pdf)
            buffer = QBuffer(self)
            buffer.setData(data)
            buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            document = QPdfDocument(self)
            document.load(buffer)
            view = QPdfView(self.tabs)
            view.setDocument(document)
            view.setPageMode(QPdfView.PageMode.MultiPage)
            view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            self.tabs.addTab(view, title)
            self._keep += [data, buffer, document]
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = buttons.addButton(self.tr("Print"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.resize(760, 900)

    def page_counts(self) -> list[int]:
        return [d.pageCount() for d in self._keep if isinstance(d, QPdfDocument)]
