"""Barcode-gun lookup: a gun is a keyboard that types a case number very fast and presses Enter.

The filter watches key presses application-wide. Digits are held back for a moment instead of reaching the focused
widget: digits that keep arriving faster than a person types and end in Enter are a scan (the Enter is swallowed,
``scanned`` carries the number, so a case opens from anywhere in the window, and the search box never searches the
number digit by digit). Anything else (a pause, a letter, a short number then Enter) hands the held digits on to the
widget they were meant for, in order, before the key that ended the burst: typing a digit by hand costs at most
``max_gap`` of delay.

A dialog that expects another code from the gun (the dispatch dialog's waybill number) sets ``capture`` while it is
open: a burst then goes to it instead of ``scanned``, so a waybill is never taken for a case number to open.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

MIN_LENGTH = 14  # centre (>= 1) + window (2) + date (8) + sequence (4) - see clerk_app.domain.numbering
MAX_GAP_SECONDS = 0.05  # guns type a character every few ms; people need > 80 ms
_PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)


@dataclass(frozen=True)
class _Held:
    target: QObject
    key: int
    modifiers: Qt.KeyboardModifier
    text: str


class BarcodeWedgeFilter(QObject):
    scanned = Signal(str)

    def __init__(self, parent: QObject | None = None, clock: Callable[[], float] = time.monotonic,
                 max_gap: float = MAX_GAP_SECONDS) -> None:
        super().__init__(parent)
        self._clock = clock
        self._max_gap = max_gap
        self._held: list[_Held] = []
        self._last = 0.0
        self._replaying = False
        self.capture: Callable[[str], None] | None = None  # the dialog a burst belongs to now, if any
        # A burst that stops without Enter was typed (or is not a case number): hand it on.
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(max(1, int(max_gap * 1000)))
        self._flush_timer.timeout.connect(self.flush)

    @property
    def pending(self) -> str:
        """The digits held back right now (for tests and the benchmark)."""
        return "".join(h.text for h in self._held)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if self._replaying or event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if not watched.isWidgetType() or watched is not QApplication.focusWidget():
            return False  # the same press is offered to every parent: look at it once
        now = self._clock()
        fast = now - self._last <= self._max_gap
        self._last = now
        text = event.text()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            number = self.pending
            if fast and len(number) >= MIN_LENGTH:
                self._flush_timer.stop()
                self._held.clear()
                self._strip_from(watched, number)
                if self.capture is not None:
                    self.capture(number)
                else:
                    self.scanned.emit(number)
                return True
            self.flush()
            return False
        if len(text) == 1 and text.isdigit() and event.modifiers() in _PLAIN and not event.isAutoRepeat():
            if self._held and not fast:
                self.flush()  # a pause: what was held was typed by hand
            self._held.append(_Held(watched, event.key(), event.modifiers(), text))
            self._flush_timer.start()
            return True
        self.flush()
        return False

    def flush(self) -> None:
        """Deliver the held digits to the widgets they were typed into, in order."""
        self._flush_timer.stop()
        held, self._held = self._held, []
        self._replaying = True
        try:
            for h in held:
                if shiboken6.isValid(h.target):  # the widget may have closed meanwhile
                    QApplication.sendEvent(h.target, QKeyEvent(QEvent.Type.KeyPress, h.key, h.modifiers, h.text))
        finally:
            self._replaying = False

    @staticmethod
    def _strip_from(widget: QObject, number: str) -> None:
        if isinstance(widget, QLineEdit) and widget.text().endswith(number):
            widget.setText(widget.text()[: -len(number)])
