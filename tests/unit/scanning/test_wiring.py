"""The scanning feature wired into the real main window: service on the workstation, scanner status, F6."""

from __future__ import annotations

from typing import Any

import pytest

from clerk_app.pages.service import ScanningService

pytestmark = pytest.mark.gui


def test_wired_into_the_main_window(qtbot: Any, ow_home: Any) -> None:
    import main

    app = main.run([], exec=False)
    try:
        window = app.window
        service = app.workstation.services["scanner"]
        assert isinstance(service, ScanningService) and service.training
        # training mode offers the labelled simulated scanner; the text is translated to Chinese
        qtbot.waitUntil(lambda: "scanner" in window.status.device_labels, timeout=10_000)
        label = window.status.device_labels["scanner"].text()
        assert "扫描仪" in label and "培训" in label
        window.shortcuts.actions["scan"].trigger()  # F6 with no material chosen: a hint, no crash
        assert window.statusBar().currentMessage()
    finally:
        app.shutdown()


def test_error_messages_are_chinese(qtbot: Any, ow_home: Any) -> None:
    import main
    from devices.scanner.errors import PaperJam

    app = main.run([], exec=False)
    try:
        assert PaperJam().user_text() == "扫描仪卡纸。请打开进纸器，取出纸张后重新扫描。"
    finally:
        app.shutdown()
