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
    check.mark_ready()  # the staged start has finished (ui/app.py says so)
    qtbot.waitUntil(lambda: bool(exits), timeout=10_000)
    assert exits == [0]
    image = QImage(str(target))
    assert not image.isNull() and image.width() == 320
    assert '"ok": true' in capsys.readouterr().out
    assert check.paints >= 1


def test_paint_check_waits_for_the_staged_start(qtbot: Any, tmp_path: Path, monkeypatch: Any) -> None:
    """A picture of the bare shell would not prove that the installed workstation wires its features."""
    import ui.paint_check

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    exits: list[int] = []
    monkeypatch.setattr(app, "exit", exits.append)
    monkeypatch.setattr(ui.paint_check, "SETTLE_MS", 0)
    window = QLabel("一窗受理工作台 培训模式")
    qtbot.addWidget(window)
    target = tmp_path / "shot.png"
    check = quit_after_paint(app, window, str(target))
    window.show()
    qtbot.waitUntil(lambda: check.paints >= 1, timeout=10_000)
    for _ in range(5):
        app.processEvents()
    assert exits == [] and not target.exists()
    check.mark_ready()
    qtbot.waitUntil(lambda: bool(exits), timeout=10_000)
    assert target.exists()
