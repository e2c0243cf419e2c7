"""The sync queue dialog (状态栏 "Queue…"), offscreen, over a real outbox that the real sync engine has worked on
against the in-memory platform: one case refused as a conflict, one sent (gone from the list), one failed while the
network was down, one not tried yet. The clerk reads each item's state in their words, cannot edit any, and exports
the queue to a folder (a USB stick) under a passphrase typed twice."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QInputDialog

from clerk_app.sync.export import read_export
from tests.unit.acceptance.test_void_ui import chinese  # noqa: F401 - the fixture
from tests.unit.sync.factory import make_case
from ui.sync_queue import SyncQueueDialog
from ui.tasks import TaskRunner

pytestmark = pytest.mark.gui
SHOTS = Path("/tmp/sync-queue-shots")


@pytest.fixture
def outbox(workstation, engine, platform):
    """The outbox after two passes of the engine, and the cases by their role."""
    conflict, sent = make_case(workstation, pages=1), make_case(workstation, pages=1)
    platform.cases[conflict["case_uuid"]] = "the platform holds another version"
    engine.run_once(pull=False)
    platform.down = True
    failed = make_case(workstation, pages=2)
    engine.run_once(pull=False)
    waiting = make_case(workstation, pages=1)
    return {"conflict": conflict, "sent": sent, "failed": failed, "waiting": waiting}


@pytest.fixture
def dialog(qtbot, workstation, engine, outbox):
    tasks = TaskRunner()
    made = SyncQueueDialog(SimpleNamespace(engine=engine, ws=workstation), tasks)
    qtbot.addWidget(made)
    made.show()
    qtbot.waitUntil(lambda: made.table.rowCount() > 0, timeout=10_000)
    yield made
    tasks.shutdown()


def _cells(dialog: SyncQueueDialog) -> list[list[str]]:
    table = dialog.table
    return [[table.item(row, column).text() for column in range(table.columnCount())]
            for row in range(table.rowCount())]


def _shot(dialog: SyncQueueDialog, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / name))


def test_the_clerk_sees_every_unsent_item_in_their_words(qtbot, dialog, outbox) -> None:
    rows = _cells(dialog)
    numbers = [row[0] for row in rows]
    assert numbers == [outbox[k]["case_number"] for k in ("conflict", "failed", "waiting")]  # sent: not listed
    by_number = {row[0]: row[1:5] for row in rows}
    assert by_number[outbox["conflict"]["case_number"]] == ["case", "conflict: needs attention", "1",
                                                            "the platform holds different content"]
    assert by_number[outbox["failed"]["case_number"]] == ["case", "will retry", "1", "network down"]
    assert by_number[outbox["waiting"]["case_number"]] == ["case", "waiting", "0", ""]
    assert all(len(row[5]) == len("2026-01-05 09:00") for row in rows)  # queued at, to the minute
    assert dialog.summary.text() == "3 item(s) waiting, 1 need attention. Local work is not affected."
    assert dialog.table.editTriggers() == dialog.table.EditTrigger.NoEditTriggers  # shown, never edited
    _shot(dialog, "sync_queue.png")


def test_the_dialog_in_chinese(qtbot, chinese, dialog) -> None:  # noqa: F811 - chinese first: built in Chinese
    assert dialog.windowTitle() != "Items waiting for the platform"
    assert dialog.summary.text() == "共 3 件待上报，其中 1 件需要处理。本地办理不受影响。"
    assert [dialog.table.item(row, 2).text() for row in range(3)] == ["内容冲突：需要处理", "稍后重试", "等待上报"]
    assert [dialog.table.item(row, 4).text() for row in range(3)] == ["平台上的内容不同", "网络中断", ""]
    _shot(dialog, "sync_queue_zh.png")


def test_the_export_asks_for_the_passphrase_twice_and_writes_the_whole_queue(qtbot, dialog, outbox, monkeypatch,
                                                                             tmp_path) -> None:
    usb = tmp_path / "usb"
    folders = iter(["", str(usb), str(usb), str(usb)])  # the first time the clerk cancels the folder choice
    answers = iter([("passphrase-1", True), ("passphrase-2", True),  # differ
                    ("short", True), ("short", True),  # too short
                    ("passphrase-1", True), ("passphrase-1", True)])
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: next(folders))
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: next(answers))

    QTest.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)  # cancelled
    assert dialog.summary.text().startswith("3 item(s) waiting") and not usb.exists()

    QTest.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.summary.text() == "The two passphrases differ; nothing was exported."
    assert not usb.exists()

    QTest.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.export_button.isEnabled, timeout=10_000)
    assert dialog.summary.text().startswith("The export failed: ")
    assert not list(usb.glob("*.owq"))

    QTest.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.summary.text().startswith("Exported"), timeout=20_000)
    assert dialog.export_button.isEnabled()
    (exported,) = usb.glob("*.owq")
    assert dialog.summary.text() == (f"Exported 3 item(s) and 4 scan(s) to {exported.name}. They stay in the queue "
                                     "until the platform confirms them.")
    _shot(dialog, "sync_queue_exported.png")
    # The long message wraps: it neither widens the dialog nor is cut when the clerk makes the dialog narrower.
    assert dialog.summary.minimumSizeHint().width() < dialog.fontMetrics().horizontalAdvance(dialog.summary.text()) / 2
    manifest, files = read_export(exported, "passphrase-1")
    assert [a["case_uuid"] for a in manifest["actions"]] == [outbox[k]["case_uuid"]
                                                             for k in ("conflict", "failed", "waiting")]
    assert set(files) == {sha for k in ("conflict", "failed", "waiting") for sha in outbox[k]["files"]}
    assert "张三" in json.dumps(manifest["actions"][0]["secret"], ensure_ascii=False)  # the applicant, sealed
    assert "张三".encode() not in exported.read_bytes()
    rows = dialog.service.engine.store.row_states()
    assert len(rows) == 3  # still in the queue


def test_close_closes_it(qtbot, dialog) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    QTest.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Close), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
