"""``--screenshot PATH``: once the main window has painted and the staged start has wired it (``mark_ready``), save
it as PNG and quit. IT staff (and the install test) use it to prove an installation starts to a real, working window:
it exits 0 only if a paint happened, the start finished and the picture is not blank, and prints one JSON line saying
what it saw."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

SETTLE_MS = 1500  # let the first background loads (catalog, queue counts) land before the picture
GIVE_UP_MS = 60_000


def _distinct_colours(image: QImage, samples: int = 64) -> int:
    seen = set()
    for i in range(samples):
        for j in range(samples):
            seen.add(image.pixel(image.width() * i // samples, image.height() * j // samples))
    return len(seen)


class PaintCheck(QObject):
    def __init__(self, qapp: QApplication, window: QWidget, path: str) -> None:
        super().__init__(window)
        self.qapp, self.window, self.path = qapp, window, Path(path)
        self.paints = 0
        self.first_paint = 0.0
        self.ready = False  # the staged start has wired the window (ui/startup.py)
        self._scheduled = False
        self._saved = False
        window.installEventFilter(self)
        QTimer.singleShot(GIVE_UP_MS, self._give_up)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.window and event.type() == QEvent.Type.Paint:
            self.paints += 1
            if self.paints == 1:
                self.first_paint = time.monotonic()
                self._schedule()
        return False

    def mark_ready(self) -> None:
        self.ready = True
        self._schedule()

    def _schedule(self) -> None:
        if self.paints and self.ready and not self._scheduled:
            self._scheduled = True
            QTimer.singleShot(SETTLE_MS, self._save)

    def _save(self) -> None:
        self._saved = True
        image = self.window.grab().toImage()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # the stub types the format as bytes, but PySide6 6.11 accepts only str at run time (bytes: ValueError)
        saved = image.save(str(self.path), "PNG")  # type: ignore[call-overload]
        colours = _distinct_colours(image)
        ok = saved and colours > 4
        print(json.dumps({"painted": True, "saved": saved, "path": str(self.path), "width": image.width(),
                          "height": image.height(), "distinct_colours": colours, "title": self.window.windowTitle(),
                          "platform": self.qapp.platformName(), "ok": ok,
                          # system-wide monotonic clock: a launcher subtracts its own reading to get start-up time
                          "first_paint_monotonic": self.first_paint}, ensure_ascii=False), flush=True)
        self.qapp.exit(0 if ok else 3)

    def _give_up(self) -> None:
        if not self._saved:
            print(json.dumps({"painted": self.paints > 0, "ready": self.ready, "ok": False}), file=sys.stderr,
                  flush=True)
            self.qapp.exit(4)


def quit_after_paint(qapp: QApplication, window: QWidget, path: str) -> PaintCheck:
    return PaintCheck(qapp, window, path)
