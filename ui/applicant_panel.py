"""The applicant panel: who is applying, read from a card wherever possible.

A card on the reader fills the applicant (or the agent / legal representative, as chosen); typing is for people
without a card and needs a reason. The full ID number is shown masked (first 6, last 4) unless the clerk asks to
see it. ``applicant_changed`` carries a complete ``Applicant`` or None; the acceptance flow listens to it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.applicant import (
    AgentAuthorisation,
    Applicant,
    CaptureSource,
    LegalEntity,
    NaturalPerson,
    Principal,
)
from clerk_app.domain.masking import mask_id_number
from clerk_app.identity.records import ExpiryStatus, record_expiry, to_natural_person
from clerk_app.identity.validation import FieldError, agent_authorisation, legal_entity, manual_person
from devices.idcard.codes import GENDER_TEXT
from devices.identity_base import IdentityRecord, PhotoState
from ui.errors import inline_error_text
from ui.person_fields import ID_TYPE_LABELS, SOURCE_LABELS, PersonFields, id_type_combo, translate_identity

PHOTO_SIZE = (102, 126)
MANUAL_REASONS = ("未带身份证", "证件损坏无法读取", "读卡器故障", "户口簿/护照等其他证件", "证件挂失补办中")
AGENT_RELATIONS = ("村（社区）代办员", "亲属", "委托代理人", "监护人")


class ApplicantPanel(QWidget):
    applicant_changed = Signal(object)  # Applicant | None

    def __init__(self, training: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ApplicantPanel")
        self.training = training
        self._record: IdentityRecord | None = None
        self._principal: Principal | None = None
        self._applicant: Applicant | None = None
        self._revealed = False

        self.source_label = QLabel()
        self.source_label.setObjectName("sourceLabel")
        self.simulated_badge = QLabel(self.tr("SIMULATED"))
        self.simulated_badge.setObjectName("simulatedBadge")
        self.simulated_badge.setStyleSheet(
            "QLabel#simulatedBadge { background: #ef6c00; color: white; padding: 1px 6px; font-weight: bold; }"
        )
        self.simulated_badge.setVisible(False)
        self.message = QLabel()
        self.message.setObjectName("identityMessage")
        self.message.setWordWrap(True)
        self.read_button = QPushButton(self.tr("Read card (F2)"))
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.clicked.connect(self.clear)
        header = QHBoxLayout()
        header.addWidget(self.source_label, 1)
        header.addWidget(self.simulated_badge)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_person_tab(), self.tr("Person"))
        self.tabs.addTab(self._build_entity_tab(), self.tr("Legal entity"))
        self.tabs.currentChanged.connect(lambda _index: self._set_applicant(None))

        self.agent_box = self._build_agent_box()

        self.confirm_button = QPushButton(self.tr("Confirm applicant"))
        self.confirm_button.setObjectName("confirmApplicant")
        self.confirm_button.clicked.connect(self.confirm)
        buttons = QHBoxLayout()
        buttons.addWidget(self.read_button)
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.confirm_button)

        self.training_row = self._build_training_row()

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.tabs)
        layout.addWidget(self.agent_box)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addWidget(self.training_row)
        layout.addStretch(1)
        self._show_source(None)

    # --- construction ---------------------------------------------------------------------------------------
    def _build_person_tab(self) -> QWidget:
        tab = QWidget()
        self.photo = QLabel()
        self.photo.setObjectName("photo")
        self.photo.setFixedSize(*PHOTO_SIZE)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setWordWrap(True)
        self.photo.setStyleSheet("QLabel#photo { border: 1px solid #bdbdbd; color: #9e9e9e; }")
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.id_type = id_type_combo()
        self.id_number = QLineEdit()
        self.id_number.setObjectName("idNumber")
        self.reveal_button = QPushButton(self.tr("Show"))
        self.reveal_button.setCheckable(True)
        self.reveal_button.toggled.connect(self._toggle_reveal)
        self.reveal_button.setVisible(False)
        number_row = QHBoxLayout()
        number_row.addWidget(self.id_number, 1)
        number_row.addWidget(self.reveal_button)
        self.details = QLabel()
        self.details.setObjectName("cardDetails")
        self.details.setWordWrap(True)
        self.validity = QLabel()
        self.validity.setObjectName("validity")
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("mobile number for notices"))
        self.reason = QComboBox()
        self.reason.setObjectName("manualReason")
        self.reason.setEditable(True)
        self.reason.addItems(["", *MANUAL_REASONS])
        self.reason_label = QLabel(self.tr("Why typed"))
        self.manual_button = QPushButton(self.tr("Type in instead"))
        self.manual_button.clicked.connect(self.start_manual_entry)

        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Document"), self.id_type)
        form.addRow(self.tr("Number"), number_row)
        form.addRow(self.reason_label, self.reason)
        form.addRow(self.tr("Phone"), self.phone)
        top = QHBoxLayout()
        top.addLayout(form, 1)
        top.addWidget(self.photo, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(tab)
        layout.addLayout(top)
        layout.addWidget(self.details)
        layout.addWidget(self.validity)
        layout.addWidget(self.manual_button, 0, Qt.AlignmentFlag.AlignLeft)
        return tab

    def _build_agent_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Handled by an agent (代办人)"))
        box.setCheckable(True)
        box.setChecked(False)
        self.agent_fields = PersonFields()
        self.relation = QComboBox()
        self.relation.setEditable(True)
        self.relation.addItems(["", *AGENT_RELATIONS])
        self.card_target_principal = QRadioButton(self.tr("applicant"))
        self.card_target_agent = QRadioButton(self.tr("agent"))
        self.card_target_principal.setChecked(True)
        targets = QButtonGroup(self)
        targets.addButton(self.card_target_principal)
        targets.addButton(self.card_target_agent)
        target_row = QHBoxLayout()
        target_row.addWidget(QLabel(self.tr("Next card fills:")))
        target_row.addWidget(self.card_target_principal)
        target_row.addWidget(self.card_target_agent)
        target_row.addStretch(1)
        # Folded to its title while unchecked: on a laptop's screen the empty agent form left the card's own
        # fields no room.
        self.agent_body = QWidget()
        self.agent_body.setVisible(False)
        body_layout = QVBoxLayout(box)
        body_layout.setContentsMargins(6, 0, 6, 0)  # folded: the title alone, no empty frame below it
        body_layout.addWidget(self.agent_body)
        agent_layout = QVBoxLayout(self.agent_body)
        agent_layout.setContentsMargins(0, 0, 0, 0)
        agent_layout.addLayout(target_row)
        agent_layout.addWidget(self.agent_fields)
        relation_form = QFormLayout()
        relation_form.addRow(self.tr("Relation"), self.relation)
        agent_layout.addLayout(relation_form)
        note = QLabel(self.tr("The signed authorisation is recorded as a material of the case."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #757575;")
        agent_layout.addWidget(note)
        box.toggled.connect(self._agent_toggled)
        return box

    def _build_training_row(self) -> QWidget:
        row_widget = QWidget()
        self.training_cards = QComboBox()
        self.place_button = QPushButton(self.tr("Place training card"))
        self.remove_button = QPushButton(self.tr("Lift card"))
        row = QHBoxLayout(row_widget)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.training_cards, 1)
        row.addWidget(self.place_button)
        row.addWidget(self.remove_button)
        row_widget.setVisible(False)
        return row_widget

    def _build_entity_tab(self) -> QWidget:
        tab = QWidget()
        self.entity_name = QLineEdit()
        self.credit_code = QLineEdit()
        self.credit_code.setObjectName("creditCode")
        self.credit_code.setMaxLength(18)
        self.credit_code.setPlaceholderText(self.tr("18-character unified social credit code"))
        self.representative = PersonFields()
        form = QFormLayout(tab)
        form.addRow(self.tr("Name"), self.entity_name)
        form.addRow(self.tr("Credit code"), self.credit_code)
        form.addRow(QLabel(self.tr("Legal representative")))
        form.addRow(self.representative)
        return tab

    # --- training deck -------------------------------------------------------------------------------------
    def set_training_deck(self, cards: list[tuple[str, str]]) -> None:
        """(key, label) pairs of the simulated reader's cards; the buttons are connected by the wiring."""
        self.training_cards.clear()
        for key, label in cards:
            self.training_cards.addItem(label, key)
        self.training_row.setVisible(bool(cards))

    # --- card events (GUI thread) --------------------------------------------------------------------------
    def show_card(self, record: IdentityRecord, today: date | None = None) -> None:
        """A card was read: fill whichever person the clerk chose, then publish the applicant if complete."""
        person = to_natural_person(record)
        if self.agent_box.isChecked() and self.card_target_agent.isChecked():
            self.agent_fields.fill_from_card(person)
            self.card_target_principal.setChecked(True)
            self._set_message(self.tr("Agent filled from the card."), ok=True)
        elif self.tabs.currentIndex() == 1:
            self.representative.fill_from_card(person)
            self._set_message(self.tr("Legal representative filled from the card."), ok=True)
        else:
            self._fill_person(record, person, today or date.today())
        self._show_source(record.source)
        self._publish_if_complete()

    def _fill_person(self, record: IdentityRecord, person: NaturalPerson, today: date) -> None:
        self._record = record
        self._principal = person
        self._revealed = False
        self.reveal_button.setChecked(False)
        self.name.setText(person.name)
        self.id_type.setCurrentIndex(self.id_type.findData(person.id_type))
        self.id_number.setText(mask_id_number(person.id_number))
        self._set_card_mode(True)
        parts = [GENDER_TEXT[record.gender]]
        if record.nation:
            parts.append(record.nation + "族")
        if record.birth_date:
            parts.append(self.tr("born {0}").format(record.birth_date.isoformat()))
        if record.nationality:
            parts.append(self.tr("nationality {0}").format(record.nationality))
        if record.english_name and record.english_name != record.name:
            parts.append(record.english_name)
        if record.permit_number:
            parts.append(self.tr("document no. {0}").format(mask_id_number(record.permit_number, 2, 2)))
        lines = [" · ".join(parts)]
        if record.address:
            lines.append(record.address)
        if record.issuer:
            lines.append(self.tr("Issued by {0}").format(record.issuer))
        self.details.setText("\n".join(lines))
        self._show_validity(record, today)
        self._show_photo(record)
        self._set_message("", ok=None)

    def _show_validity(self, record: IdentityRecord, today: date) -> None:
        status = record_expiry(record, today)
        until = record.valid_until.isoformat() if record.valid_until else ""
        text, colour = {
            ExpiryStatus.LONG_TERM: (self.tr("Valid: long-term"), "#2e7d32"),
            ExpiryStatus.VALID: (self.tr("Valid until {0}").format(until), "#2e7d32"),
            ExpiryStatus.EXPIRING_SOON: (self.tr("Expires soon: valid until {0}").format(until), "#ef6c00"),
            ExpiryStatus.EXPIRED: (self.tr("EXPIRED on {0}: the document is no longer valid").format(until),
                                   "#c62828"),
            ExpiryStatus.NOT_YET_VALID: (self.tr("Not yet valid"), "#c62828"),
            ExpiryStatus.UNKNOWN: (self.tr("Validity not on the card"), "#757575"),
        }[status]
        self.validity.setText(text)
        self.validity.setStyleSheet(f"color: {colour}; font-weight: bold;")

    def _show_photo(self, record: IdentityRecord) -> None:
        state = record.photo_state
        if state is PhotoState.DECODED and record.photo_bmp:
            pixmap = QPixmap()
            if pixmap.loadFromData(record.photo_bmp, "BMP"):
                self.photo.setPixmap(pixmap.scaled(*PHOTO_SIZE, Qt.AspectRatioMode.KeepAspectRatio))
                return
        self.photo.setPixmap(QPixmap())
        self.photo.setText(self.tr("Photo on card (no decoder installed)") if state is PhotoState.UNDECODED
                           else self.tr("No photo"))

    def show_error(self, error: BaseException) -> None:
        self._set_message(inline_error_text(error), ok=False)

    def show_info(self, text: str) -> None:
        self._set_message(text, ok=None)

    # --- manual entry --------------------------------------------------------------------------------------
    def start_manual_entry(self) -> None:
        """Switch to typing: card data is cleared (a typed field must never pass for a chip read)."""
        self._record = None
        self._principal = None
        for widget in (self.name, self.id_number):
            widget.clear()
        self.details.clear()
        self.validity.clear()
        self._show_photo_placeholder()
        self.id_type.setCurrentIndex(0)
        self._set_card_mode(False)
        self._show_source(CaptureSource.MANUAL)
        self._set_applicant(None)
        self.name.setFocus()

    def confirm(self) -> None:
        """Validate what was typed and publish the applicant; on error say what and keep every field."""
        try:
            if self.tabs.currentIndex() == 1:
                rep = None if self.representative.is_empty() else self.representative.person(
                    self.tr("legal representative typed in"))
                self._principal = legal_entity(self.entity_name.text(), self.credit_code.text(), rep)
            elif self._record is None:
                self._principal = manual_person(self.name.text(), self.id_type.currentData(),
                                                self.id_number.text(), self.reason.currentText(),
                                                phone=self.phone.text())
                self._show_source(CaptureSource.MANUAL)
                self.id_number.setText(self._principal.id_number)
            applicant = self._build_applicant()
        except FieldError as exc:
            self._set_message(exc.user_text(), ok=False)
            self._focus_field(exc.field)
            return
        self._set_applicant(applicant)
        self._set_message(self.tr("Applicant confirmed."), ok=True)

    def _focus_field(self, field: str) -> None:
        target = {"name": self.name, "id_number": self.id_number, "reason": self.reason,
                  "credit_code": self.credit_code, "relation": self.relation}.get(field)
        if self.tabs.currentIndex() == 1 and field == "name":
            target = self.entity_name
        if target is not None:
            target.setFocus()

    def _build_applicant(self) -> Applicant | None:
        principal = self._principal
        if principal is None:
            return None
        agent: AgentAuthorisation | None = None
        if self.agent_box.isChecked():
            agent = agent_authorisation(self.agent_fields.person(self.tr("agent typed in")),
                                        self.relation.currentText())
        phone = self.phone.text().strip() or None
        return Applicant(principal=principal, agent=agent, contact_phone=phone)

    def _publish_if_complete(self) -> None:
        try:
            applicant = self._build_applicant()
        except FieldError:
            applicant = None  # the agent part is still missing: wait for it
        self._set_applicant(applicant)

    # --- public API for the acceptance flow ------------------------------------------------------------------
    def current_applicant(self) -> Applicant | None:
        return self._applicant

    def clear(self) -> None:
        self._record = None
        self._principal = None
        for widget in (self.name, self.id_number, self.phone, self.entity_name, self.credit_code):
            widget.clear()
        self.reason.setCurrentIndex(0)
        self.relation.setCurrentIndex(0)
        self.details.clear()
        self.validity.clear()
        self.representative.clear()
        self.agent_fields.clear()
        self.agent_box.setChecked(False)
        self._show_photo_placeholder()
        self._set_card_mode(False)
        self._show_source(None)
        self._set_message("", ok=None)
        self.tabs.setCurrentIndex(0)
        self._set_applicant(None)

    # --- helpers -------------------------------------------------------------------------------------------------
    def _set_applicant(self, applicant: Applicant | None) -> None:
        if applicant is None and self._applicant is None:
            return
        self._applicant = applicant
        self.applicant_changed.emit(applicant)

    def _set_card_mode(self, from_card: bool) -> None:
        for widget in (self.name, self.id_number):
            widget.setReadOnly(from_card)
        self.id_type.setEnabled(not from_card)
        self.reveal_button.setVisible(from_card)
        self.reason.setVisible(not from_card)
        self.reason_label.setVisible(not from_card)
        self.manual_button.setVisible(from_card)

    def _toggle_reveal(self, revealed: bool) -> None:
        if self._principal is None or isinstance(self._principal, LegalEntity):
            return
        number = self._principal.id_number
        self.id_number.setText(number if revealed else mask_id_number(number))
        self.reveal_button.setText(self.tr("Hide") if revealed else self.tr("Show"))

    def _show_photo_placeholder(self) -> None:
        self.photo.setPixmap(QPixmap())
        self.photo.setText(self.tr("No photo"))

    def _show_source(self, source: CaptureSource | None) -> None:
        if source is None:
            self.source_label.setText(self.tr("Place the ID card or social security card on the reader."))
        else:
            card = ""
            if self._record is not None:
                card = translate_identity(ID_TYPE_LABELS[self._record.card_type]) + " — "
            self.source_label.setText(card + translate_identity(SOURCE_LABELS[source]))
        self.simulated_badge.setVisible(source is CaptureSource.SIMULATED)

    def _set_message(self, text: str, ok: bool | None) -> None:
        colour = {True: "#2e7d32", False: "#c62828", None: "#424242"}[ok]
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {colour};")
        self.message.setVisible(bool(text))

    def _agent_toggled(self, checked: bool) -> None:
        self.agent_body.setVisible(checked)
        if not checked:
            self.agent_fields.clear()
            self.relation.setCurrentIndex(0)
        self._publish_if_complete()
