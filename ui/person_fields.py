"""A compact name / document type / number editor used for agents and legal representatives, and the labels
of document types and capture sources shared by the applicant panel."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QPushButton, QWidget

from clerk_app.domain.applicant import CaptureSource, IdDocumentType, NaturalPerson
from clerk_app.domain.masking import mask_id_number
from clerk_app.i18n import QT_TRANSLATE_NOOP  # typed str (PySide6 declares its own as returning object)
from clerk_app.identity.validation import manual_person

CONTEXT = "identity"

ID_TYPE_LABELS: dict[IdDocumentType, str] = {
    IdDocumentType.RESIDENT_ID: QT_TRANSLATE_NOOP("identity", "Resident ID card"),
    IdDocumentType.HK_MACAU_TAIWAN_PERMIT: QT_TRANSLATE_NOOP("identity", "HK/Macau/Taiwan residence permit"),
    IdDocumentType.FOREIGN_PERMANENT_2017: QT_TRANSLATE_NOOP("identity", "Foreign permanent residence card (2017)"),
    IdDocumentType.FOREIGN_PERMANENT_2023: QT_TRANSLATE_NOOP("identity", "Foreign permanent residence card (2023)"),
    IdDocumentType.SOCIAL_SECURITY: QT_TRANSLATE_NOOP("identity", "Social security card"),
    IdDocumentType.HOUSEHOLD_REGISTER: QT_TRANSLATE_NOOP("identity", "Household register"),
    IdDocumentType.PASSPORT: QT_TRANSLATE_NOOP("identity", "Passport"),
    IdDocumentType.OTHER: QT_TRANSLATE_NOOP("identity", "Other document"),
}

SOURCE_LABELS: dict[CaptureSource, str] = {
    CaptureSource.CARD_READER: QT_TRANSLATE_NOOP("identity", "read from the ID card chip"),
    CaptureSource.SOCIAL_SECURITY_CARD: QT_TRANSLATE_NOOP("identity", "read from the social security card"),
    CaptureSource.SIMULATED: QT_TRANSLATE_NOOP("identity", "SIMULATED training card"),
    CaptureSource.MANUAL: QT_TRANSLATE_NOOP("identity", "typed in by the clerk"),
}


def translate_identity(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def id_type_combo() -> QComboBox:
    combo = QComboBox()
    for id_type, label in ID_TYPE_LABELS.items():
        combo.addItem(translate_identity(label), id_type)
    return combo


class PersonFields(QWidget):
    """Name, document type and number of a second person (agent, legal representative).

    Filled from a card (read-only, number masked) or typed; ``person(reason)`` validates typed input.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit()
        self.id_type = id_type_combo()
        self.id_number = QLineEdit()
        self.edit_button = QPushButton(QCoreApplication.translate("identity", "Type in instead"))
        self.edit_button.clicked.connect(self.clear)
        self.edit_button.setVisible(False)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(QCoreApplication.translate("identity", "Name"), self.name)
        form.addRow(QCoreApplication.translate("identity", "Document"), self.id_type)
        form.addRow(QCoreApplication.translate("identity", "Number"), self.id_number)
        form.addRow("", self.edit_button)
        self._card_person: NaturalPerson | None = None

    def fill_from_card(self, person: NaturalPerson) -> None:
        self._card_person = person
        self.name.setText(person.name)
        self.id_type.setCurrentIndex(self.id_type.findData(person.id_type))
        self.id_number.setText(mask_id_number(person.id_number))
        for widget in (self.name, self.id_number):
            widget.setReadOnly(True)
        self.id_type.setEnabled(False)
        self.edit_button.setVisible(True)

    def clear(self) -> None:
        self._card_person = None
        for widget in (self.name, self.id_number):
            widget.clear()
            widget.setReadOnly(False)
        self.id_type.setEnabled(True)
        self.id_type.setCurrentIndex(0)
        self.edit_button.setVisible(False)

    @property
    def from_card(self) -> bool:
        return self._card_person is not None

    def is_empty(self) -> bool:
        return self._card_person is None and not self.name.text().strip() and not self.id_number.text().strip()

    def person(self, reason: str) -> NaturalPerson:
        """The card person, or the typed one validated (raises ``FieldError``)."""
        if self._card_person is not None:
            return self._card_person
        return manual_person(self.name.text(), self.id_type.currentData(), self.id_number.text(), reason)
