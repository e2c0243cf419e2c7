"""The real window in training mode: the bundled sandbox starts on loopback, the worker syncs, the status bar shows
the state, F5 syncs now; a stopped platform shows "network down", not a server fault."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.unit.sync.factory import make_case

pytestmark = [pytest.mark.integration, pytest.mark.gui]


@pytest.fixture
def app(ow_home: Path, qtbot):
    (ow_home / "config").mkdir(parents=True, exist_ok=True)
    (ow_home / "config" / "onewindow.toml").write_text(
        "[sync]\ninterval_seconds = 3600.0\n[sandbox]\nbackoffice_delay_seconds = 0.2\n", encoding="utf-8")
    import main

    running = main.run(["--no-crash-dialog", "--no-single-instance"], exec=False)
    yield running
    running.shutdown()


def test_training_window_syncs_and_shows_it(app, qtbot, tmp_path):
    ws = app.workstation
    qtbot.waitUntil(lambda: app.features.sync.attached, timeout=30_000)
    service = app.services.sync
    sandbox = app.services.sandbox
    assert sandbox is not None and sandbox.base_url.startswith("http://127.0.0.1:")
    assert sandbox.running  # its own process, started off the GUI thread by the composition root
    status = app.window.status
    qtbot.waitUntil(lambda: "online" in status.network_label.text() or "在线" in status.network_label.text(),
                    timeout=20_000)

    cases = [make_case(ws, pages=2, rng=random.Random(i)) for i in range(3)]
    qtbot.waitUntil(lambda: not service.run_once(pull=False).skipped, timeout=20_000)  # as the worker would
    qtbot.waitUntil(lambda: ws.db.query("SELECT count(*) FROM outbox WHERE state = 'done'")[0][0] == 3,
                    timeout=20_000)
    # The back office (0.2 s per step) moves the cases on; F5 pulls the changes into the local cases.
    def pulled() -> bool:
        app.window.shortcuts.actions["sync_now"].trigger()
        return ws.db.query("SELECT count(*) FROM case_events WHERE kind = 'platform_status'")[0][0] >= 3
    qtbot.waitUntil(pulled, timeout=20_000)
    qtbot.waitUntil(lambda: "0" in status.sync_label.text(), timeout=5_000)
    app.window.grab().save(str(tmp_path / "sync-online.png"))

    sandbox.stop()
    make_case(ws, pages=1, rng=random.Random(99))
    # A pass of the worker (woken by F5 above) may still be running; run until a pass of our own has happened.
    qtbot.waitUntil(lambda: not service.run_once().skipped, timeout=20_000)
    qtbot.waitUntil(lambda: status.network_label.text() != "" and
                    ("offline" in status.network_label.text() or "离线" in status.network_label.text()),
                    timeout=20_000)
    text = status.sync_label.text()
    assert ("Network down" in text) or ("网络" in text)
    assert "1" in text
    qtbot.wait(300)  # let the status bar lay out the new text before the screenshot
    # A status delivered late from an earlier pass of the worker must not paint "online" over it.
    assert "离线" in status.network_label.text() or "offline" in status.network_label.text()
    app.window.grab().save(str(tmp_path / "sync-offline.png"))
    dialog = app.features.sync.open_queue()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=5_000)
    assert dialog.table.item(0, 0).text().startswith("330302001-01-")
    assert dialog.table.editTriggers() == dialog.table.EditTrigger.NoEditTriggers  # failed items are read-only
    dialog.export_to(tmp_path / "usb", "passphrase-for-test")
    qtbot.waitUntil(lambda: any((tmp_path / "usb").glob("*.owq")), timeout=10_000)
    qtbot.waitUntil(dialog.export_button.isEnabled, timeout=10_000)
    assert "1" in dialog.summary.text()
    dialog.grab().save(str(tmp_path / "sync-queue.png"))
    print(tmp_path)
    assert cases
