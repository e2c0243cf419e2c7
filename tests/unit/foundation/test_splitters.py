"""The three work areas keep their widths while their content changes (a long name, a wide table, a preview)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QSplitter, QTableWidget, QWidget

from ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def _sizes(window: MainWindow) -> dict[str, list[int]]:
    return {s.objectName() or str(i): s.sizes() for i, s in enumerate(window.findChildren(QSplitter))}


def _settle(window: MainWindow) -> None:
    """Let every pending layout request run (no timing: posted events until none is left)."""
    for _ in range(5):
        QApplication.sendPostedEvents()
        QApplication.processEvents()
        for widget in [window, *window.findChildren(QWidget)]:
            layout = widget.layout()
            if layout is not None:
                layout.activate()


def test_content_changes_never_move_the_splitters(qtbot) -> None:
    window = MainWindow(training=True)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    _settle(window)
    before = _sizes(window)
    wide = QLabel("某某某" * 200)  # an unwrapped label far wider than its area
    window.install_area("applicant", wide)
    table = QTableWidget(3, 12)
    for column in range(12):
        table.setColumnWidth(column, 300)
    table.setMinimumWidth(2400)  # a panel asking for more than the screen
    window.install_area("materials", table)
    tall = QLabel("\n".join(["行"] * 200))
    window.install_area("item", tall)
    _settle(window)
    assert _sizes(window) == before
    wide.setText("短")
    table.setMinimumWidth(0)
    _settle(window)
    assert _sizes(window) == before
