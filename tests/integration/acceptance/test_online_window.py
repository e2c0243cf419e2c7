"""网上申报 → 窗口接件 through the real window in training mode: the bundled sandbox (its own process) holds the
practice pre-applications ``training seed`` makes; the clerk scans a number into the bar (the gun is a keyboard),
the draft arrives with the online materials, the clerk checks the originals, adds the missing one, accepts; sync
sends the case with its pre-application id. With the platform stopped the bar says it cannot fetch and offers a
fresh acceptance."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from clerk_app.domain.case import Decision, MaterialSource, MaterialState

pytestmark = [pytest.mark.integration, pytest.mark.gui]

SHOTS = Path(os.environ.get("ONEWINDOW_SHOTS", "")) if os.environ.get("ONEWINDOW_SHOTS") else None


@pytest.fixture
def app(ow_home: Path, qtbot):
    (ow_home / "config").mkdir(parents=True, exist_ok=True)
    (ow_home / "config" / "onewindow.toml").write_text(
        "[sync]\ninterval_seconds = 3600.0\n[sandbox]\nbackoffice_delay_seconds = -1\n"
        "[acceptance]\nauto_print = false\n", encoding="utf-8")
    import main

    running = main.run(["--no-crash-dialog", "--no-single-instance"], exec=False)
    yield running
    running.shutdown()


def _shot(widget, name: str, tmp_path: Path) -> None:
    folder = SHOTS or tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(folder / name))


def test_pre_application_scanned_accepted_and_synced_offline_offers_a_fresh_acceptance(app, qtbot, tmp_path):
    services = app.services
    qtbot.waitUntil(services.platform_ready.is_set, timeout=60_000)
    qtbot.waitUntil(lambda: not services.catalog.is_empty(), timeout=60_000)
    made = services.sandbox.seed_online(services.config.get("centre.code"))
    pre = next(p for p in made if p["prereview"] == "needs_correction")  # 居住证申领: the photo was not uploaded

    app.window.resize(1366, 768)
    bar = app.features.online.bar
    app.window.shortcuts.actions["online"].trigger()
    qtbot.waitUntil(lambda: bar.number.hasFocus() or not app.window.isActiveWindow(), timeout=2_000)
    qtbot.keyClicks(bar.number, pre["number"])
    qtbot.keyClick(bar.number, Qt.Key.Key_Return)
    controller = app.features.acceptance
    qtbot.waitUntil(lambda: controller.session.online is not None, timeout=20_000)
    session = controller.session
    assert session.online.number == pre["number"]
    assert session.applicant is not None and session.items[0].name == "居住证申领"
    online = [c for c, r in session.records.items() if r.source is MaterialSource.ONLINE]
    assert set(online) == {"id", "residence", "labour"}
    assert session.record("photo").state is MaterialState.MISSING
    assert pre["number"] in bar.message.text() and "photo" not in bar.message.text()
    qtbot.wait(200)
    # 上门办理 on a laptop: the draft with its messages fits 1366×768 (nothing widens the window).
    assert app.window.width() <= 1366 and app.window.height() <= 768, app.window.size()
    _shot(app.window, "online-taken.png", tmp_path)

    # Another person's card on the reader does not take over the online draft.
    simulated = next(d for d in services.identity.drivers if d.kind.value == "simulated").reader
    with qtbot.waitSignal(controller.online_refused, timeout=20_000):
        simulated.place("resident")
    assert controller.session is session and session.applicant.display_name == "林预审"
    assert bar.message.isVisible()
    simulated.remove()

    for code in ("residence", "photo"):  # originals seen; the photo handed over at the window
        controller.apply_action(code, "received")
    assert session.record("residence").source is MaterialSource.ONLINE
    assert Decision.ACCEPT in session.evaluate(services.acceptance.today()).allowed
    with qtbot.waitSignal(controller.committed, timeout=20_000) as committed:
        controller.decide(Decision.ACCEPT)
    result = committed.args[0]
    qtbot.waitUntil(lambda: not services.sync.run_once(pull=False).skipped, timeout=20_000)
    qtbot.waitUntil(lambda: services.workstation.db.query(
        "SELECT count(*) FROM outbox WHERE state = 'done'")[0][0] == 1, timeout=20_000)
    import sqlite3

    with sqlite3.connect(services.sandbox.db_path) as conn:
        status, case_uuid = conn.execute("SELECT status, case_uuid FROM pre_applications WHERE number = ?",
                                         (pre["number"],)).fetchone()
    assert (status, case_uuid) == ("accepted", result.case_uuid)
    controller.open_case(result.case_number)
    qtbot.waitUntil(lambda: any(d.isVisible() and d.objectName() == "caseDialog" for d in controller._dialogs),
                    timeout=10_000)
    dialog = next(d for d in controller._dialogs if d.objectName() == "caseDialog")
    assert pre["number"] in dialog.body.text()
    _shot(dialog, "online-case-dialog.png", tmp_path)
    dialog.close()

    services.sandbox.stop()
    other = next(p for p in made if p["number"] != pre["number"])
    bar.number.setText(other["number"])
    qtbot.keyClick(bar.number, Qt.Key.Key_Return)
    qtbot.waitUntil(bar.fresh.isVisible, timeout=20_000)
    assert "Ctrl+N" in bar.message.text()
    qtbot.wait(200)
    assert app.window.width() <= 1366, app.window.size()
    _shot(app.window, "online-offline.png", tmp_path)
    qtbot.mouseClick(bar.fresh, Qt.MouseButton.LeftButton)
    assert controller.session.online is None and controller.session.applicant is None
    assert not bar.fresh.isVisible()
