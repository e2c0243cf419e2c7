"""The dispatch dialog (快递送达): the recipient masked, the address in full, and the waybill number the barcode gun
types in. The number is read against the carrier rules as it is typed (the carrier shows, or why it is not a
waybill); Enter or 确认寄出 asks for the dispatch, which the delivery actions run off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.delivery import Recipient, Waybill
from clerk_app.errors import UserFacingError
from offline_cache.deliveries import DeliveryRecord
from ui.errors import error_html


class DispatchDialog(QDialog):
    dispatch_requested = Signal(str)  # the waybill number as read
    reveal_requested = Signal()  # the recipient in full, for the waybill label (audited by the desk)

    def __init__(self, parent: QWidget | None, case_number: str, record: DeliveryRecord,
                 read: Callable[[str], Waybill]) -> None:
        super().__init__(parent)
        self.setObjectName("dispatchDialog")
        self.setWindowTitle(self.tr("Mail the result – %1").replace("%1", case_number))
        self._read = read
        recipient = record.recipient
        postcode = f"（{recipient.postcode}）" if recipient.postcode else ""
        self.head = QLabel(self.tr("Scan the waybill number with the barcode gun (or type it), then press Enter."))
        self.head.setWordWrap(True)
        self.recipient = QLabel(escape(recipient.masked))
        self.recipient.setObjectName("dispatchRecipient")
        self.address = QLabel(escape(recipient.address + postcode))
        self.address.setObjectName("dispatchAddress")
        self.address.setWordWrap(True)
        self.reveal = QPushButton(self.tr("Show in full for the waybill label"))
        self.reveal.setObjectName("revealRecipient")
        self.reveal.setAutoDefault(False)
        self.reveal.clicked.connect(self.reveal_requested)
        self.waybill = QLineEdit()
        self.waybill.setObjectName("waybillInput")
        self.waybill.setMaxLength(40)
        self.waybill.setPlaceholderText(self.tr("Waybill number"))
        self.carrier = QLabel("")
        self.carrier.setObjectName("waybillCarrier")
        self.carrier.setWordWrap(True)
        self.confirm = QPushButton(self.tr("Confirm mailing (确认寄出)"))
        self.confirm.setObjectName("confirmDispatch")
        self.confirm.setEnabled(False)
        self.confirm.setAutoDefault(False)
        self.confirm.clicked.connect(self.submit)
        self.waybill.textChanged.connect(self._check)
        self.waybill.returnPressed.connect(self.submit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.confirm, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Case number"), QLabel(escape(case_number)))
        who = QHBoxLayout()
        who.addWidget(self.recipient, 1)
        who.addWidget(self.reveal)
        form.addRow(self.tr("Recipient"), who)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("Waybill"), self.waybill)
        form.addRow("", self.carrier)
        layout = QVBoxLayout(self)
        layout.addWidget(self.head)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(520, 260)
        self.waybill.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_full(self, recipient: Recipient) -> None:
        self.recipient.setText(escape(f"{recipient.name} {recipient.phone}"))
        self.reveal.setEnabled(False)

    def take_scan(self, number: str) -> None:
        """A gun burst while this dialog is open: it is the waybill (never a case number to open)."""
        self.waybill.setText(number)
        self.submit()

    def _check(self) -> Waybill | None:
        text = self.waybill.text().strip()
        if not text:
            self.carrier.setText("")
            self.confirm.setEnabled(False)
            return None
        try:
            waybill = self._read(text)
        except UserFacingError as exc:
            self.show_refusal(exc.user_text())
            self.confirm.setEnabled(False)
            return None
        self.carrier.setText(f"<span style='color:#2e7d32'>{escape(waybill.carrier)}　{escape(waybill.number)}"
                             "</span>")
        self.confirm.setEnabled(True)
        return waybill

    def submit(self) -> None:
        waybill = self._check()
        if waybill is not None:
            self.confirm.setEnabled(False)  # one dispatch per click; the refusal enables it again
            self.dispatch_requested.emit(waybill.number)

    def show_refusal(self, text: str) -> None:
        self.carrier.setText(error_html(text))
