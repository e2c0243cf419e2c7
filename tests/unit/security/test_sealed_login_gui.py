"""No OS key store, production: the real main window (``main.run``) starts with the data sealed; the clerk's login
on the gate (offline, against the cached verifier) opens it. A clerk whose password is accepted but who holds no
sealed copy is told so and the data stays shut."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

import main
from clerk_app.context import open_workstation
from clerk_app.domain.applicant import Applicant, CaptureSource, IdDocumentType, NaturalPerson
from clerk_app.paths import resolve_paths
from clerk_app.sync.auth import make_verifier
from offline_cache import credentials

pytestmark = pytest.mark.gui
SHOTS = Path(os.environ.get("ONEWINDOW_SHOTS", "/tmp/vault"))


@pytest.fixture
def sealed_home(ow_home: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    monkeypatch.delenv("ONEWINDOW_TRAINING_LOGIN", raising=False)
    (ow_home / "config").mkdir(parents=True)
    (ow_home / "config" / "onewindow.toml").write_text('mode = "production"\n', encoding="utf-8")
    ws = open_workstation(resolve_paths(ow_home))
    try:
        ws.vault.initialise()
        ws.vault.enrol("zhang", "zhang-pw")
        applicant = ws.applicants.add(Applicant(NaturalPerson(
            name="张晓明", id_type=IdDocumentType.RESIDENT_ID, id_number="11010519491231002X",
            source=CaptureSource.CARD_READER)))
        with ws.db.transaction() as conn:  # both clerks logged in online once (cached verifiers)
            for account in ("zhang", "li"):
                credentials.remember_online_login(conn, account, make_verifier(f"{account}-pw", n=2**12),
                                                  {"name": account, "role": "clerk"}, "2026-12-01T08:00:00+08:00")
    finally:
        ws.close()
    return ow_home, applicant


def _log_in(qtbot, gate, account: str, password: str) -> None:
    gate.account.setText(account)
    gate.password.setText(password)
    qtbot.mouseClick(gate.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: gate.login_button.isEnabled() and (not gate.isVisible() or gate.message.text()
                                                               not in ("", "正在检查…")), timeout=30000)


def test_login_on_the_gate_opens_the_sealed_data(qapp, qtbot, sealed_home):
    _home, applicant = sealed_home
    app = main.run(["--no-crash-dialog", "--no-single-instance"], exec=False)
    try:
        app.window.resize(1280, 800)
        window, gate, ws = app.window, app.clerk_gate, app.services.workstation
        assert gate.isVisible() and not ws.cipher.unlocked

        _log_in(qtbot, gate, "li", "li-pw")
        SHOTS.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(SHOTS / "sealed-no-copy.png"))
        assert gate.isVisible() and "尚不能打开本机数据" in gate.message.text()
        assert not ws.cipher.unlocked and app.services.clerk_session.clerk is None

        _log_in(qtbot, gate, "zhang", "zhang-pw")
        assert not gate.isVisible(), gate.message.text()
        assert ws.cipher.unlocked
        assert ws.applicants.get(applicant).principal.name == "张晓明"
        window.grab().save(str(SHOTS / "sealed-opened.png"))
    finally:
        app.shutdown()
