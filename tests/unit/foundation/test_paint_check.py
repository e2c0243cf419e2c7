"""``--screenshot``: the paint check saves a real PNG of the painted window and leaves the event loop with 0. The
install test relies on it on a clean system, so it is checked here on every run too."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from ui.paint_check import quit_after_paint


def test_paint_check_saves_the_painted_window(qtbot: Any, tmp_path: Path, monkeypatch: Any, capsys: Any) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    exits: list[int] = []
    monkeypatch.setattr(app, "exit", exits.append)
    window = QWidget()
    qtbot.addWidget(window)
    palette = window.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#2060a0"))
    window.setPalette(palette)
    window.setAutoFillBackground(True)
    layout = QVBoxLayout(window)
    for text in ("一窗受理工作台", "培训模式", "综合窗口"):
        layout.addWidget(QLabel(text))
    window.resize(320, 200)
    target = tmp_path / "shot.png"
    check = quit_after_paint(app, window, str(target))
    window.show()
    qtbot.waitUntil(lambda: bool(exits), timeout=10_000)
    assert exits == [0]
    image = QImage(str(target))
    assert not image.isNull() and image.width() == 320
    assert '"ok": true' in capsys.readouterr().out
    assert check.paints >= 1
