"""The UI operation API (ui/tasks.py): executor by kind, no delivery to a destroyed parent, progress, counted
operations that shutdown waits for."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from clerk_app.errors import UserFacingError
from offline_cache.db import Database
from ui.tasks import CpuOp, DatabaseOp, DeviceOp, NetworkOp, Progress, TaskRunner

pytestmark = pytest.mark.gui


class Refused(UserFacingError):
    message = "refused"


@pytest.fixture
def tasks() -> Any:
    runner = TaskRunner()
    yield runner
    runner.shutdown(5_000)


def test_each_kind_runs_on_its_own_executor(qtbot: Any, tasks: TaskRunner) -> None:
    gate = threading.Event()
    threads: dict[str, int] = {}
    parent = QWidget()
    qtbot.addWidget(parent)

    def blocked_db() -> None:
        threads["db1"] = threading.get_ident()
        gate.wait(10)

    DatabaseOp(parent, blocked_db).run(tasks)
    DatabaseOp(parent, lambda: threads.setdefault("db2", threading.get_ident())).run(tasks)
    network = []
    NetworkOp(parent, threading.get_ident).success(network.append).run(tasks)
    cpu = []
    CpuOp(parent, threading.get_ident).success(cpu.append).run(tasks)
    # The database is busy: network and CPU work still finish, the second database op waits its turn.
    qtbot.waitUntil(lambda: bool(network and cpu), timeout=5_000)
    assert "db2" not in threads and tasks.running == 2
    gate.set()
    qtbot.waitUntil(lambda: tasks.running == 0, timeout=5_000)
    assert threads["db1"] == threads["db2"]  # one database thread: SQLite work serialised
    assert network[0] != threads["db1"] and cpu[0] != threads["db1"]


class _CountingDatabase(Database):
    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.closed_on: list[int] = []

    def close(self) -> None:
        if getattr(self._local, "conn", None) is not None:
            self.closed_on.append(threading.get_ident())
        super().close()


def test_every_worker_closes_the_connection_its_op_opened(qtbot: Any, tasks: TaskRunner, tmp_path: Path) -> None:
    database = _CountingDatabase(tmp_path / "ops.sqlite3")
    database.close()
    database.closed_on.clear()
    parent = QWidget()
    qtbot.addWidget(parent)
    used_on: list[int] = []

    def use() -> None:
        database.conn.execute("SELECT count(*) FROM cases").fetchone()
        used_on.append(threading.get_ident())

    for kind in (DatabaseOp, NetworkOp, CpuOp, DeviceOp, DatabaseOp):
        kind(parent, use).run(tasks)
        CpuOp(parent, lambda: None).run(tasks)  # opens nothing, closes nothing
    assert tasks.wait(5_000)
    assert len(used_on) == 5 and sorted(database.closed_on) == sorted(used_on)


def test_no_delivery_after_the_parent_is_destroyed(qtbot: Any, tasks: TaskRunner, caplog: Any) -> None:
    gate = threading.Event()
    parent = QWidget()
    delivered: list[Any] = []
    failed: list[BaseException] = []
    DatabaseOp(parent, lambda: gate.wait(10) and "result").success(delivered.append).run(tasks)
    DeviceOp(parent, lambda: (gate.wait(10), (_ for _ in ()).throw(Refused()))).run(tasks)
    CpuOp(parent, lambda: (gate.wait(10), (_ for _ in ()).throw(Refused()))).failure(failed.append).run(tasks)
    assert tasks.running == 3
    shiboken6.delete(parent)  # the window closed while the work ran
    gate.set()
    with caplog.at_level(logging.INFO, logger="onewindow"):
        assert tasks.wait(5_000)
    assert delivered == [] and failed == []
    assert tasks.running == 0
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert boxes == []  # a user-facing error of a closed window is logged, not shown over another one
    assert "Refused" in caplog.text


def test_delivery_while_the_parent_lives(qtbot: Any, tasks: TaskRunner) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    delivered: list[Any] = []
    DatabaseOp(parent, lambda: 42).success(delivered.append).run(tasks)
    qtbot.waitUntil(lambda: delivered == [42], timeout=5_000)


def test_shutdown_waits_for_running_operations_and_delivers_them(qtbot: Any) -> None:
    tasks = TaskRunner()
    parent = QWidget()
    qtbot.addWidget(parent)
    finished: list[str] = []
    delivered: list[str] = []

    def slow(name: str) -> str:
        time.sleep(0.3)
        finished.append(name)
        return name

    for name, kind in (("db", DatabaseOp), ("device", DeviceOp), ("net", NetworkOp)):
        kind(parent, lambda name=name: slow(name)).success(delivered.append).run(tasks)
    assert tasks.running == 3
    tasks.shutdown(5_000)
    assert sorted(finished) == ["db", "device", "net"]
    assert sorted(delivered) == ["db", "device", "net"]  # delivered before the services close
    assert tasks.running == 0
    late: list[Any] = []
    DatabaseOp(parent, lambda: late.append("ran")).run(tasks)  # the window is closing: refused
    time.sleep(0.1)
    assert late == [] and tasks.running == 0


def test_progress_is_reported_and_shown_and_cancel_reaches_the_work(qtbot: Any, tasks: TaskRunner) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    seen: list[tuple[int, int, str]] = []
    results: list[str] = []
    reached = threading.Event()

    def batch(progress: Progress) -> str:
        for done in range(3):
            progress.step(done, 3, f"document {done + 1} of 3")
        reached.set()
        deadline = time.monotonic() + 10
        while not progress.cancelled and time.monotonic() < deadline:
            time.sleep(0.01)
        return "cancelled" if progress.cancelled else "timed out"

    DeviceOp.reporting(window, batch, "Printing the documents…").on_progress(
        lambda done, total, text: seen.append((done, total, text))).success(results.append).run(tasks)

    def dialog() -> QProgressDialog | None:
        found = window.findChildren(QProgressDialog, "operationProgress")
        return found[0] if found and found[0].isVisible() else None

    qtbot.waitUntil(lambda: dialog() is not None and dialog().value() == 2, timeout=5_000)
    shown = dialog()
    assert shown is not None
    assert shown.maximum() == 3 and "document 3 of 3" in shown.labelText()
    assert seen == [(0, 3, "document 1 of 3"), (1, 3, "document 2 of 3"), (2, 3, "document 3 of 3")]
    cancel = shown.findChild(QPushButton)
    assert cancel is not None
    cancel.click()  # the clerk presses Cancel
    qtbot.waitUntil(lambda: results == ["cancelled"], timeout=5_000)
    qtbot.waitUntil(lambda: dialog() is None, timeout=5_000)  # closed with the delivery
    assert tasks.running == 0


def test_short_work_shows_no_progress_dialog(qtbot: Any, tasks: TaskRunner) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    results: list[int] = []
    DatabaseOp.reporting(window, lambda progress: (progress.step(1, 1), 7)[1], "Exporting…") \
        .success(results.append).run(tasks)
    qtbot.waitUntil(lambda: results == [7], timeout=5_000)
    qtbot.wait(600)
    assert window.findChildren(QProgressDialog) == []


def test_progress_in_a_main_window_goes_to_its_status_bar_and_leaves_the_focus(qtbot: Any, tasks: TaskRunner) -> None:
    window = QMainWindow()
    field = QLineEdit()
    window.setCentralWidget(field)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    release = threading.Event()
    results: list[str] = []
    windows_before = {w for w in QApplication.topLevelWidgets() if w.isVisible()}

    def batch(progress: Progress) -> str:
        progress.step(1, 2, "receipt")
        release.wait(10)
        return "printed"

    DeviceOp.reporting(field, batch, "Printing…").success(results.append).run(tasks)

    def bar() -> QProgressBar | None:
        found = window.statusBar().findChildren(QProgressBar, "operationProgress")
        return found[0] if found and found[0].isVisible() else None

    qtbot.waitUntil(lambda: bar() is not None and bar().value() == 1, timeout=5_000)
    assert bar().maximum() == 2
    # No new window and nothing that takes the focus: typing carries on where it was.
    assert {w for w in QApplication.topLevelWidgets() if w.isVisible()} == windows_before
    added = [w for w in window.statusBar().findChildren(QWidget) if w.isVisible()]
    assert added and all(w.focusPolicy() == Qt.FocusPolicy.NoFocus for w in added)
    release.set()
    qtbot.waitUntil(lambda: results == ["printed"], timeout=5_000)
    qtbot.waitUntil(lambda: bar() is None, timeout=5_000)
