"""The 网上申报 strip above the applicant panel: a field the barcode gun (a keyboard) types the pre-application's
number into (or the clerk does), what was found, and, offline, the way on to a fresh acceptance.

Widgets only; ``ui.online_wiring`` fetches in the background and tells the bar what to show.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from clerk_app.domain.masking import mask_id_number, mask_name
from clerk_app.domain.pre_application import PreApplication


class OnlineBar(QFrame):
    fetch_requested = Signal(str)  # the number typed or scanned
    fresh_requested = Signal()  # offline: start a fresh acceptance at the window instead

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("onlineBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.number = QLineEdit()
        self.number.setObjectName("onlineNumber")
        self.number.setPlaceholderText(self.tr("Online application no. (scan the QR) — Ctrl+O"))
        self.number.setClearButtonEnabled(True)
        self.number.returnPressed.connect(self._fetch)
        self.fetch = QPushButton(self.tr("Fetch"))
        self.fetch.setObjectName("onlineFetch")
        self.fetch.clicked.connect(self._fetch)
        self.message = QLabel("")
        self.message.setObjectName("onlineMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.fresh = QPushButton(self.tr("Fresh acceptance at the window"))
        self.fresh.setObjectName("onlineFresh")
        self.fresh.clicked.connect(self.fresh_requested.emit)
        self.fresh.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.number, 1)
        row.addWidget(self.fetch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.fresh)
        self.message.hide()

    def _fetch(self) -> None:
        text = self.number.text().strip().upper()
        if text:
            self.fetch_requested.emit(text)

    def focus(self) -> None:
        self.number.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.number.selectAll()

    def set_busy(self, busy: bool) -> None:
        self.fetch.setEnabled(not busy)
        self.number.setReadOnly(busy)
        if busy:
            self._say(self.tr("Fetching the online application…"), "#455a64")

    def _say(self, html: str, colour: str) -> None:
        self.message.setText(f"<span style='color:{colour}'>{html}</span>")
        self.message.show()

    def show_taken(self, pre: PreApplication, item_name: str) -> None:
        """What arrived: number, item, applicant (masked) and the pre-review (需补正 with what is missing)."""
        self.fresh.hide()
        review = pre.prereview
        if review.passed:
            verdict = "<b style='color:#2e7d32'>" + self.tr("Pre-review passed (预审通过)") + "</b>"
        else:
            missing = "、".join(m.name or m.material_code for m in review.missing)
            verdict = ("<b style='color:#e65100'>" + self.tr("Needs correction (需补正)") + "</b>: "
                       + self.tr("missing %1").replace("%1", missing))
        uploaded = sum(1 for m in pre.materials if m.supplied)
        lines = [
            self.tr("Online application %1 taken: %2").replace("%1", pre.number).replace("%2", item_name),
            f"{mask_name(pre.applicant_name)}（{mask_id_number(pre.id_number)}）",
            verdict,
            self.tr("%1 material(s) supplied online: check the originals, add only what is missing. Read the "
                    "applicant's card to confirm the identity.").replace("%1", str(uploaded)),
        ]
        self._say("<br>".join(lines), "#212121")

    def show_hits(self, numbers: list[str]) -> None:
        """The card read found open pre-applications of this applicant: the first one is ready to fetch."""
        if not numbers:
            return
        self.number.setText(numbers[0])
        self._say(self.tr("This applicant applied online: %1. Press Enter in the field (or Fetch) to take it.")
                  .replace("%1", "、".join(numbers)), "#1565c0")

    def show_unavailable(self, text: str) -> None:
        self._say(text, "#c62828")
        self.fresh.show()

    def show_error(self, text: str) -> None:
        self.fresh.hide()
        self._say(text, "#c62828")

    def reset(self) -> None:
        self.number.clear()
        self.message.clear()
        self.message.hide()
        self.fresh.hide()
