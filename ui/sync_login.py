"""The platform login dialog: account and password, checked online (or offline against the cached hash).

The check runs off the GUI thread; a failure keeps the dialog open with the reason, and never blocks local work.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ui.errors import inline_error_text
from ui.tasks import NetworkOp, TaskRunner


class PlatformLoginDialog(QDialog):
    def __init__(self, service: Any, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("platformLoginDialog")
        self.service = service
        self.tasks = tasks
        self.result_text = ""
        self.setWindowTitle(self.tr("Log in to the platform"))
        self.account = QLineEdit(service.auth.account or "")
        self.account.setObjectName("account")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel(self.tr("Local work continues while you are not logged in."))
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Account"), self.account)
        form.addRow(self.tr("Password"), self.password)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.try_login)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        (self.password if self.account.text() else self.account).setFocus()

    def try_login(self) -> None:
        account, password = self.account.text().strip(), self.password.text()
        if not account or not password:
            self.message.setText(self.tr("Enter the account and the password."))
            return
        self.buttons.setEnabled(False)
        self.message.setText(self.tr("Checking…"))
        service = self.service

        def log_in() -> Any:
            result = service.auth.login(account, password)
            # Here, not on delivery: a clerk who closes the dialog while it checks is logged in all the same, and
            # the waiting cases should not wait for the next pass (a delivery to a closed dialog is dropped).
            service.sync_now()
            return result

        NetworkOp(self, log_in).success(self._done).failure(self._failed).run(self.tasks)

    def _done(self, result: Any) -> None:
        self.buttons.setEnabled(True)
        self.result_text = (self.tr("Logged in online.") if result.online else
                            self.tr("The platform cannot be reached: logged in offline; syncing resumes later."))
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.password.clear()
        self.password.setFocus()
        self.message.setText(inline_error_text(exc))
