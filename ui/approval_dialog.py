"""The supervisor's approval, entered on the spot (作废 of a case, a second or later 补打).

The supervisor (值班长) types their own account and password on the clerk's screen; the check runs off the GUI thread
(``ClerkSession.approve``: checked like a login, audited), and a refusal (wrong password, a plain clerk's account)
is shown in the dialog, which stays open. For a void the dialog also asks the reason. The password field is
cleared after every attempt and never kept.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.errors import inline_error_text


class SupervisorApprovalDialog(QDialog):
    submitted = Signal(str, str, str)  # supervisor account, password, reason ("" without a reason field)

    def __init__(self, parent: QWidget | None, title: str, explanation: str, *, ask_reason: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("supervisorApproval")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        intro = QLabel(explanation)
        intro.setObjectName("approvalExplanation")
        intro.setWordWrap(True)
        self.account = QLineEdit()
        self.account.setObjectName("approverAccount")
        self.password = QLineEdit()
        self.password.setObjectName("approverPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.reason: QPlainTextEdit | None = None
        form = QFormLayout()
        if ask_reason:
            self.reason = QPlainTextEdit()
            self.reason.setObjectName("voidReason")
            self.reason.setPlaceholderText(self.tr("Why the case is voided, e.g. the wrong item was chosen"))
            self.reason.setFixedHeight(64)
            form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.tr("Supervisor's account"), self.account)
        form.addRow(self.tr("Supervisor's password"), self.password)
        self.error = QLabel("")
        self.error.setObjectName("approvalError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Approve"))
        ok.setObjectName("approveButton")
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(460, 300 if ask_reason else 220)
        (self.reason or self.account).setFocus()

    def _submit(self) -> None:
        account = self.account.text().strip()
        password = self.password.text()
        reason = self.reason.toPlainText().strip() if self.reason is not None else ""
        if not account or not password:
            self.error.setText(self.tr("The supervisor enters their own account and password."))
            return
        self.password.clear()
        self.set_busy(True)
        self.submitted.emit(account, password, reason)

    def set_busy(self, busy: bool) -> None:
        self.buttons.setEnabled(not busy)
        if busy:
            self.error.setText(self.tr("Checking…"))

    def refused(self, exc: BaseException) -> None:
        """The approval or the action failed: say why, let the supervisor try again."""
        self.set_busy(False)
        self.error.setText(inline_error_text(exc))
        self.password.setFocus()
