"""Barcode-gun lookup: a gun is a keyboard that types a case number very fast and presses Enter.

The filter watches key presses application-wide. Digits that arrive faster than a person types, ending in Enter,
are a scan: the Enter is swallowed, the digits are removed from the line edit they landed in (if any), and
``scanned`` carries the number, so a case opens from anywhere in the window.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

MIN_LENGTH = 14  # centre (>= 1) + window (2) + date (8) + sequence (4) - see clerk_app.domain.numbering
MAX_GAP_SECONDS = 0.05  # guns type a character every few ms; people need > 80 ms


class BarcodeWedgeFilter(QObject):
    scanned = Signal(str)

    def __init__(self, parent: QObject | None = None, clock: Callable[[], float] = time.monotonic,
                 max_gap: float = MAX_GAP_SECONDS) -> None:
        super().__init__(parent)
        self._clock = clock
        self._max_gap = max_gap
        self._buffer = ""
        self._last = 0.0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if not watched.isWidgetType() or watched is not QApplication.focusWidget():
            return False  # the same press is offered to every parent: look at it once
        now = self._clock()
        fast = now - self._last <= self._max_gap
        self._last = now
        text = event.text()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            number, self._buffer = self._buffer, ""
            if fast and len(number) >= MIN_LENGTH:
                self._strip_from(watched, number)
                self.scanned.emit(number)
                return True
            return False
        if len(text) == 1 and text.isdigit():
            self._buffer = self._buffer + text if fast and self._buffer else text
        else:
            self._buffer = ""
        return False

    @staticmethod
    def _strip_from(widget: QObject, number: str) -> None:
        if isinstance(widget, QLineEdit) and widget.text().endswith(number):
            widget.setText(widget.text()[: -len(number)])
