"""The scanning feature wired into the real main window: service on the workstation, scanner status, F6."""

from __future__ import annotations

from typing import Any

import pytest

from clerk_app.pages.service import ScanningService

pytestmark = pytest.mark.gui


def test_wired_into_the_main_window(qtbot: Any, ow_home: Any) -> None:
    import main

    app = main.run(["--no-crash-dialog", "--no-single-instance"], exec=False)
    try:
        window = app.window
        service = app.services.scanning
        assert isinstance(service, ScanningService) and service.training
        # training mode offers the labelled simulated scanner; the text is translated to Chinese. Real SANE
        # devices (the test backend, when the integration fixtures ran first) are named before it.
        qtbot.waitUntil(lambda: "scanner" in window.status.device_labels, timeout=10_000)
        label = window.status.device_labels["scanner"].text()
        sources = service.scanners.list_sources()
        assert sources[-1].simulated
        real = [s for s in sources if not s.simulated]
        expected = f"扫描仪：{real[0].make} {real[0].model}" if real else "扫描仪：模拟（培训）"
        assert label.startswith(expected)
        window.shortcuts.actions["scan"].trigger()  # F6 with no material chosen: a hint, no crash
        assert window.statusBar().currentMessage()
    finally:
        app.shutdown()


def test_error_messages_are_chinese(qtbot: Any, ow_home: Any) -> None:
    import main
    from devices.scanner.errors import PaperJam

    app = main.run(["--no-crash-dialog", "--no-single-instance"], exec=False)
    try:
        assert PaperJam().user_text() == "扫描仪卡纸。请打开进纸器，取出纸张后重新扫描。"
    finally:
        app.shutdown()
