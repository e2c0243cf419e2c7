"""The workstation's login gate, idle lock and shift change on the real main window (booted by ``main.run``), with
a test clock for the idle lock. The practice clerks log in against the bundled sandbox over HTTP."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

import main
from offline_cache import audit_log
from ui.applicant_panel import ApplicantPanel

pytestmark = pytest.mark.gui
SHOTS = Path(os.environ.get("ONEWINDOW_SHOTS", "/tmp/clerk"))


@pytest.fixture
def gated(qapp, ow_home, monkeypatch):
    monkeypatch.delenv("ONEWINDOW_TRAINING_LOGIN", raising=False)
    app = main.run(["--no-crash-dialog", "--no-single-instance"], exec=False)
    app.window.resize(1280, 800)
    yield app
    app.shutdown()


def _log_in(qtbot, gate, account: str, password: str) -> None:
    if gate.account.isEnabled():
        gate.account.setText(account)
    gate.password.setText(password)
    qtbot.mouseClick(gate.login_button, Qt.MouseButton.LeftButton)


def _shot(widget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / name))


def test_login_gates_the_window_and_names_the_clerk(gated, qtbot):
    window, gate = gated.window, gated.clerk_gate
    session = gated.services.clerk_session
    assert gate.isVisible() and not window.centralWidget().isEnabled()
    assert not window.shortcuts.actions["new_case"].isEnabled()
    assert gate.training_hint.isVisible() and "trainee2" in gate.training_hint.text()
    assert "培训" in gate.training_hint.text()
    _shot(window, "login.png")

    _log_in(qtbot, gate, "trainee2", "wrong")
    qtbot.waitUntil(lambda: gate.login_button.isEnabled() and gate.message.text() not in ("", "正在检查…"),
                    timeout=20000)
    assert gate.isVisible() and session.clerk is None
    _log_in(qtbot, gate, "trainee2", "trainee2")
    qtbot.waitUntil(lambda: not gate.isVisible() or "失败" in gate.message.text(), timeout=20000)
    assert not gate.isVisible(), (gate.message.text(), gate._busy, session.clerk)
    assert window.centralWidget().isEnabled() and window.shortcuts.actions["new_case"].isEnabled()
    assert "trainee2" in window.status.identity_label.text()
    service = gated.services.acceptance
    assert service.clerk_id == "trainee2"
    kinds = [row["kind"] for row in audit_log.recent(gated.workstation.db)]
    assert kinds[:2] == ["login", "login_failed"]
    assert session.clerk.online  # checked by the sandbox over HTTP

    panel = window.findChild(ApplicantPanel)
    panel.reveal_button.setChecked(True)  # 显示: the full ID number
    qtbot.waitUntil(lambda: audit_log.recent(gated.workstation.db, 1)[0]["kind"] == "reveal", timeout=5000)
    entry = audit_log.recent(gated.workstation.db, 1)[0]
    assert entry["clerk_id"] == "trainee2" and json.loads(entry["details"])["what"] == "id_number"


def test_idle_lock_unlock_and_shift_change(gated, qtbot):
    window, gate = gated.window, gated.clerk_gate
    session = gated.services.clerk_session
    now = [1000.0]
    idle = gate.idle_watch
    idle.clock = lambda: now[0]
    _log_in(qtbot, gate, "trainee", "trainee")
    qtbot.waitUntil(lambda: not gate.isVisible(), timeout=20000)
    idle.last_input = now[0]
    now[0] += 299
    assert not idle.check() and not gate.isVisible()
    now[0] += 2  # five minutes (the default) without input
    assert idle.check()
    qtbot.waitUntil(gate.isVisible, timeout=15000)
    assert session.locked and not window.centralWidget().isEnabled()
    assert not gate.account.text() or gate.account.text() == "trainee"
    _shot(window, "locked.png")

    _log_in(qtbot, gate, "trainee", "trainee")
    qtbot.waitUntil(lambda: not gate.isVisible(), timeout=20000)
    assert not session.locked and session.clerk.account == "trainee"

    window.shortcuts.actions["lock"].trigger()  # Ctrl+L
    qtbot.waitUntil(gate.isVisible, timeout=15000)
    gate.account.setText("trainee2")  # another clerk unlocking: a shift change
    _log_in(qtbot, gate, "trainee2", "trainee2")
    qtbot.waitUntil(lambda: not gate.isVisible(), timeout=20000)
    assert session.clerk.account == "trainee2"
    assert gated.services.acceptance.clerk_id == "trainee2"
    entries = audit_log.recent(gated.workstation.db)
    kinds = [row["kind"] for row in entries][:7]
    assert kinds[:3] == ["login", "shift_change", "lock"], kinds
    assert json.loads(entries[0]["details"])["after"] == "shift_change"
    assert audit_log.verify(gated.workstation.db)["ok"]


def test_a_lock_before_the_login_delivered_leaves_a_working_form(gated, qtbot, monkeypatch):
    """The session's login event uncovers the window before the login op itself has delivered; a lock in that gap
    covers it with a fresh form, which takes the next password (it was refused as still busy, silently, once in
    CI) and which the op's late delivery leaves alone."""
    gate, session = gated.clerk_gate, gated.services.clerk_session
    delivered = threading.Event()
    log_in = session.login

    def login_slow_to_deliver(account: str, password: str):
        clerk = log_in(account, password)  # its event is on its way to the gate
        delivered.wait(30)
        return clerk

    monkeypatch.setattr(session, "login", login_slow_to_deliver)
    _log_in(qtbot, gate, "trainee", "trainee")
    qtbot.waitUntil(lambda: not gate.isVisible(), timeout=20000)
    session.lock("manual")
    assert gate.isVisible() and gate.login_button.isEnabled()
    _log_in(qtbot, gate, "trainee", "trainee")
    qtbot.waitUntil(lambda: not gate.isVisible() or gate.message.text() not in ("", "正在检查…"), timeout=20000)
    assert not gate.isVisible() and not session.locked, gate.message.text()

    session.lock("manual")
    gate.password.setText("being typed")
    delivered.set()
    assert gated.tasks.wait(20000)
    assert gate.password.text() == "being typed" and gate.login_button.isEnabled() and gate.isVisible()


def test_shift_change_button_ends_the_session(gated, qtbot):
    window, gate = gated.window, gated.clerk_gate
    session = gated.services.clerk_session
    _log_in(qtbot, gate, "trainee", "trainee")
    qtbot.waitUntil(lambda: not gate.isVisible(), timeout=20000)
    blanked = []
    gate.blanked.connect(blanked.append)
    qtbot.mouseClick(gate.shift_button, Qt.MouseButton.LeftButton)
    box = window.findChild(QMessageBox, "shiftChangeBox")
    qtbot.waitUntil(box.isVisible, timeout=15000)
    _shot(box, "shift_change.png")
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(gate.isVisible, timeout=15000)
    assert session.clerk is None and blanked == [True]
    assert gate.account.text() == "" and "trainee" not in window.status.identity_label.text()
