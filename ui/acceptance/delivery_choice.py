"""领取方式 on the decision panel: 窗口自取 (the default) or 邮寄送达 with the recipient and the address.

Offered only when every item of the draft allows 物流快递 (``express_allowed``); otherwise 邮寄送达 is disabled and
the panel says why. The panel keeps one row (the decision area is small): choosing 邮寄送达 opens the recipient
dialog, whose OK checks the entry (``Recipient.checked``: what is missing shows in the dialog); the row then shows
the recipient masked and the address. The controller puts the recipient into the draft just before the commit
(``AcceptanceSession.choose_mail_delivery``), so the choice and the case are committed together.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.catalog import ServiceItem
from clerk_app.domain.delivery import Recipient, express_allowed
from clerk_app.errors import UserFacingError
from ui.errors import error_html


class RecipientDialog(QDialog):
    """Who receives the mailed result, where (personal data: kept in the draft only, encrypted once committed)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recipientDialog")
        self.setWindowTitle(self.tr("Mail delivery (邮寄送达): the recipient"))
        self.recipient: Recipient | None = None
        self.name = QLineEdit()
        self.name.setObjectName("recipientName")
        self.phone = QLineEdit()
        self.phone.setObjectName("recipientPhone")
        self.phone.setPlaceholderText(self.tr("Mobile, or landline with area code"))
        self.address = QLineEdit()
        self.address.setObjectName("recipientAddress")
        self.address.setPlaceholderText(self.tr("Province, city, district, street and number"))
        self.postcode = QLineEdit()
        self.postcode.setObjectName("recipientPostcode")
        self.postcode.setMaxLength(6)
        self.postcode.setPlaceholderText(self.tr("Optional"))
        self.error = QLabel("")
        self.error.setObjectName("recipientError")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Recipient"), self.name)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("Postcode"), self.postcode)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(480, 220)

    def entered(self) -> Recipient:
        """The entry checked (``RecipientIncomplete`` names what is missing)."""
        return Recipient.checked(self.name.text(), self.phone.text(), self.address.text(), self.postcode.text())

    def accept(self) -> None:
        try:
            self.recipient = self.entered()
        except UserFacingError as exc:
            self.error.setText(error_html(exc.user_text()))
            return
        self.error.clear()
        super().accept()

    def clear(self) -> None:
        self.recipient = None
        for field in (self.name, self.phone, self.address, self.postcode):
            field.clear()
        self.error.clear()


class DeliveryChoice(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deliveryChoice")
        self.title = QLabel(self.tr("Result delivery (领取方式)"))
        self.pickup = QRadioButton(self.tr("Collect at the window (窗口自取)"))
        self.pickup.setObjectName("deliveryPickup")
        self.mail = QRadioButton(self.tr("Mail it (邮寄送达)"))
        self.mail.setObjectName("deliveryMail")
        group = QButtonGroup(self)
        group.addButton(self.pickup)
        group.addButton(self.mail)
        self.pickup.setChecked(True)
        self.edit = QPushButton(self.tr("Recipient…"))
        self.edit.setObjectName("editRecipient")
        self.summary = QLabel("")
        self.summary.setObjectName("deliverySummary")
        self.summary.setStyleSheet("color: #37474f;")
        self.note = QLabel("")
        self.note.setObjectName("deliveryNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #757575;")
        self.dialog = RecipientDialog(self)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.pickup, self.mail):
            row.addWidget(widget)
        row.addStretch(1)
        # The recipient on a line of its own: the decision area may be narrow (a laptop's layout).
        chosen = QHBoxLayout()
        chosen.setContentsMargins(0, 0, 0, 0)
        chosen.addWidget(self.edit)
        chosen.addWidget(self.summary, 1)  # one line; the whole text in its tooltip
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addLayout(chosen)
        layout.addWidget(self.note)
        self._allowed = False
        self.mail.toggled.connect(self._mail_toggled)
        self.edit.clicked.connect(self.dialog.open)
        self.dialog.accepted.connect(self._show)
        self.dialog.rejected.connect(self._dialog_cancelled)
        self._show()

    def set_items(self, items: Sequence[ServiceItem]) -> None:
        """Offer 邮寄送达 only when the catalog allows 物流快递 for every item of the draft."""
        self._allowed = express_allowed(items)
        if not self._allowed:
            self.pickup.setChecked(True)
        self.mail.setEnabled(self._allowed)
        refused = bool(items) and not self._allowed
        self.note.setText(self.tr("The catalog does not allow mail delivery (物流快递) for this item: the result is "
                                  "collected at the window.") if refused else "")
        self._show()

    def suggest_name(self, name: str) -> None:
        """The applicant's name as the recipient unless the clerk typed another."""
        if not self.dialog.name.text().strip() and name:
            self.dialog.name.setText(name)

    @property
    def mail_chosen(self) -> bool:
        return self._allowed and self.mail.isChecked()

    def recipient(self) -> Recipient | None:
        """The confirmed recipient when 邮寄送达 is chosen, else None; chosen but not confirmed: the dialog's entry
        checked, so ``RecipientIncomplete`` names what is missing."""
        if not self.mail_chosen:
            return None
        return self.dialog.recipient or self.dialog.entered()

    def reset(self) -> None:
        self.dialog.clear()
        self.pickup.setChecked(True)
        self._show()

    def _mail_toggled(self, on: bool) -> None:
        if on and self.dialog.recipient is None and self.isEnabled():
            self.dialog.open()
        self._show()

    def _dialog_cancelled(self) -> None:
        if self.dialog.recipient is None:
            self.pickup.setChecked(True)  # nobody to mail it to: back to 窗口自取

    def _show(self) -> None:
        chosen = self.mail_chosen
        recipient = self.dialog.recipient
        self.edit.setVisible(chosen)
        text = f"{recipient.masked}，{recipient.address}" if chosen and recipient else ""
        self.summary.setText(escape(text))
        self.summary.setToolTip(text)
        self.summary.setVisible(bool(text))
        self.note.setVisible(bool(self.note.text()))
