"""The queue bar in a real main window, driven by its shortcuts (Qt offscreen) against the sandbox's hall queue over
real HTTP: call, a double press, recall, 过号, pause, transfer, and manual mode when the server goes away."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.integration.queue.conftest import Hall, start_hall

pytestmark = [pytest.mark.integration, pytest.mark.gui]

SHOTS = Path("/tmp/queue-shots")


def _shot(widget: Any, name: str) -> None:
    from PySide6.QtWidgets import QApplication

    SHOTS.mkdir(parents=True, exist_ok=True)
    QApplication.processEvents()  # let the layout take the new texts before the picture
    widget.grab().save(str(SHOTS / name))


def _shot_in_chinese(presenter: Any, widget: Any, name: str) -> None:
    from PySide6.QtCore import QCoreApplication, QTranslator

    translator = QTranslator()
    assert translator.load(str(Path(__file__).resolve().parents[3] / "ui" / "i18n" / "queue_zh_CN.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        _shot(widget, name)  # installing the translator sent the widgets a LanguageChange
        assert presenter.bar.buttons["call"].text() == "叫下一位 (F9)"
    finally:
        QCoreApplication.removeTranslator(translator)
    QCoreApplication.processEvents()
    assert presenter.bar.buttons["call"].text() == "Call next (F9)"


@pytest.fixture
def desk(qtbot, workstation, hall: Hall):
    from ui.main_window import MainWindow
    from ui.queue_wiring import wire_queue
    from ui.tasks import TaskRunner

    workstation = dataclasses.replace(
        workstation, config=workstation.config.with_overrides(queue__base_url=hall.base_url, queue__poll_seconds=0.3,
                                                           queue__connect_timeout=0.5))
    window = MainWindow(training=True)
    qtbot.addWidget(window)
    tasks = TaskRunner()
    from clerk_app.services import build_services

    services = build_services(workstation)
    presenter = wire_queue(window, services, tasks)
    window.show()
    qtbot.waitUntil(lambda: presenter.service is not None and presenter.service.state().online is True, timeout=10_000)
    yield window, presenter
    tasks.shutdown()
    services.close()  # the queue service among them


def _key(window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(window, key, modifier)


def test_the_queue_bar_driven_by_its_shortcuts(qtbot, desk, hall: Hall) -> None:
    window, presenter = desk
    bar = presenter.bar
    for _ in range(3):
        hall.issue("general")
    hall.issue("social")
    called: list[tuple[str, str, str]] = []
    presenter.ticket_called.connect(lambda *args: called.append(args))
    qtbot.waitUntil(lambda: bar.waiting_label.text() == "Waiting: 4", timeout=5000)

    # F9, pressed twice while the first call is still on its way (the server is slowed down): one ticket is called.
    hall.faults({"kind": "delay", "seconds": 0.6, "path": "/queue/v1/windows/01/call", "methods": ["POST"]})
    _key(window, Qt.Key.Key_F9)
    assert not bar.buttons["call"].isEnabled()  # off at once
    _key(window, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: bar.ticket_label.text() == "A001", timeout=5000)
    hall.faults()
    assert called == [("A001", "01", "请A001号到第01窗口办理业务")]
    assert [t["status"] for t in hall.tickets()] == ["called", "waiting", "waiting", "waiting"]
    qtbot.waitUntil(lambda: bar.waiting_label.text() == "Waiting: 3", timeout=5000)
    assert bar.next_label.text() == "Next: A002 A003 B001"
    assert window.status.device_labels["queue"].text() == "Queue: online"
    _shot(bar, "queue_bar_serving.png")
    _shot_in_chinese(presenter, bar, "queue_bar_serving_zh.png")

    _key(window, Qt.Key.Key_F10)  # recall
    qtbot.waitUntil(lambda: len(called) == 2, timeout=5000)
    assert called[-1] == ("A001", "01", "重呼，请A001号到第01窗口办理业务")

    _key(window, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: bar.ticket_label.text() == "A002", timeout=5000)
    _key(window, Qt.Key.Key_F11)  # 过号
    qtbot.waitUntil(lambda: bar.ticket_label.text() == "—", timeout=5000)
    assert {t["number"]: t["status"] for t in hall.tickets()}["A002"] == "no_show"
    assert not bar.buttons["recall"].isEnabled() and not bar.buttons["skip"].isEnabled()

    _key(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: bar.paused, timeout=5000)
    assert bar.buttons["pause"].text() == "Resume" and not bar.buttons["call"].isEnabled()
    assert window.status.device_labels["queue"].text() == "Queue: window paused"
    _shot(bar, "queue_bar_paused.png")
    _key(window, Qt.Key.Key_F9)  # refused while paused: nothing is called
    _key(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: not bar.paused and bar.buttons["call"].isEnabled(), timeout=5000)
    assert {t["number"]: t["status"] for t in hall.tickets()}["A003"] == "waiting"

    # Transfer (Ctrl+T) to window 02.
    _key(window, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: bar.ticket_label.text() == "A003", timeout=5000)
    _key(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: presenter.dialog is not None and presenter.dialog.isVisible(), timeout=5000)
    dialog = presenter.dialog
    assert dialog is not None
    _shot(dialog, "queue_transfer_dialog.png")
    dialog.window_edit.setText("01")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.isVisible() and dialog.message.text()  # not to itself
    dialog.window_edit.setText("02")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: bar.ticket_label.text() == "—", timeout=5000)
    a003 = next(t for t in hall.tickets() if t["number"] == "A003")
    assert a003["status"] == "waiting" and a003["target_window"] == "02"
    from PySide6.QtWidgets import QApplication

    from ui.queue_bar import TransferDialog

    qtbot.waitUntil(lambda: not any(isinstance(w, TransferDialog) for w in QApplication.allWidgets()), timeout=5000)
    assert presenter.dialog is None  # deleted once closed, not kept hidden for the rest of the day


def test_manual_mode_when_the_queue_server_goes_away_and_back(qtbot, desk, hall: Hall) -> None:
    window, presenter = desk
    bar = presenter.bar
    hall.issue("general")
    _key(window, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: bar.ticket_label.text() == "A001", timeout=5000)
    port = hall.thread.port
    hall.thread.stop()
    label = window.status.device_labels["queue"]
    qtbot.waitUntil(lambda: label.text() == "Queue: manual mode (queue system unreachable)", timeout=10_000)
    assert bar.mode_label.text() == label.text()
    _shot(bar, "queue_bar_manual.png")
    _shot_in_chinese(presenter, bar, "queue_bar_manual_zh.png")
    _shot(window, "queue_window_manual.png")
    _key(window, Qt.Key.Key_F9)  # tried, no answer: still manual, nothing raised at the clerk
    qtbot.waitUntil(lambda: presenter.service.state().busy is None, timeout=10_000)
    back = start_hall(hall.db_path, port)
    try:
        hall.issue("general")
        qtbot.waitUntil(lambda: label.text() == "Queue: online", timeout=10_000)
        _key(window, Qt.Key.Key_F9)
        qtbot.waitUntil(lambda: bar.ticket_label.text() == "A002", timeout=5000)
    finally:
        back.stop()
