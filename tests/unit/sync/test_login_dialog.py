from __future__ import annotations

from types import SimpleNamespace

import pytest

from clerk_app.sync.auth import AuthService

pytestmark = pytest.mark.gui


def test_login_dialog_reports_a_wrong_password_and_logs_in_with_the_right_one(qtbot, workstation, platform, tmp_path):
    from PySide6.QtWidgets import QDialog

    from ui.sync_login import PlatformLoginDialog
    from ui.tasks import TaskRunner

    synced = []
    service = SimpleNamespace(auth=AuthService(workstation.db, platform, "m"), sync_now=lambda: synced.append(1))
    tasks = TaskRunner()
    dialog = PlatformLoginDialog(service, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.account.setText("clerk9")
    dialog.password.setText("nope")
    dialog.try_login()
    qtbot.waitUntil(dialog.buttons.isEnabled, timeout=5000)
    assert dialog.isVisible() and dialog.password.text() == ""
    assert "password" in dialog.message.text().lower() or "密码" in dialog.message.text()
    dialog.grab().save(str(tmp_path / "login-wrong.png"))
    dialog.password.setText("secret")
    dialog.try_login()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=5000)
    assert service.auth.account == "clerk9" and synced == [1]
    assert dialog.result_text
    tasks.shutdown()
