"""Validation of identities typed by the clerk (no card): numbers, names, the required reason.

Each failure is a ``ValidationError`` subclass naming the field (``field`` attribute) so the panel can put the
cursor there; messages carry no personal data.
"""

from __future__ import annotations

import re
from datetime import date

from clerk_app.domain.applicant import (
    AgentAuthorisation,
    CaptureSource,
    Gender,
    IdDocumentType,
    LegalEntity,
    NaturalPerson,
)
from clerk_app.domain.checkdigits import (
    IdNumberProblem,
    birth_date_of,
    gender_digit_of,
    id_number_problem,
    is_foreign_2023_number,
    is_hk_macau_taiwan_number,
    is_valid_credit_code,
    is_valid_foreign_2017_number,
    normalise_credit_code,
    normalise_id_number,
)
from clerk_app.errors import ValidationError
from clerk_app.i18n import QT_TRANSLATE_NOOP

AGENT_AUTHORISATION_MATERIAL = "agent_authorisation"  # material code of the 授权委托书 kept with the case
_NAME_PATTERN = re.compile(r"^[\u3400-\u9fff\u00b7·A-Za-z .,'\-]{2,60}$")


class FieldError(ValidationError):
    field = ""


class NameMissing(FieldError):
    field = "name"
    message = QT_TRANSLATE_NOOP("errors", "Enter the name as written on the identity document.")


class NameInvalid(FieldError):
    field = "name"
    message = QT_TRANSLATE_NOOP("errors", "The name contains characters that do not belong in a name.")


class IdNumberFormat(FieldError):
    field = "id_number"
    message = QT_TRANSLATE_NOOP("errors", "The ID number must be 17 digits followed by a digit or X.")


class IdNumberBirthDate(FieldError):
    field = "id_number"
    message = QT_TRANSLATE_NOOP("errors", "The birth date inside the ID number is not a real date.")


class IdNumberCheckDigit(FieldError):
    field = "id_number"
    message = QT_TRANSLATE_NOOP(
        "errors", "The ID number's check digit is wrong: a digit was probably mistyped. Compare it with the card."
    )


class IdNumberWrongType(FieldError):
    field = "id_number"
    message = QT_TRANSLATE_NOOP("errors", "This number does not belong to the chosen document type.")


class ManualReasonMissing(FieldError):
    field = "reason"
    message = QT_TRANSLATE_NOOP("errors", "Say why the identity is typed in instead of read from a card.")


class CreditCodeInvalid(FieldError):
    field = "credit_code"
    message = QT_TRANSLATE_NOOP(
        "errors", "The unified social credit code is not valid (18 characters, check character at the end)."
    )


class RelationMissing(FieldError):
    field = "relation"
    message = QT_TRANSLATE_NOOP("errors", "Say how the agent is related to the applicant.")


_PROBLEM_ERRORS: dict[IdNumberProblem, type[FieldError]] = {
    IdNumberProblem.FORMAT: IdNumberFormat,
    IdNumberProblem.BIRTH_DATE: IdNumberBirthDate,
    IdNumberProblem.CHECK_DIGIT: IdNumberCheckDigit,
}

CHECKED_TYPES = {
    IdDocumentType.RESIDENT_ID, IdDocumentType.HK_MACAU_TAIWAN_PERMIT, IdDocumentType.FOREIGN_PERMANENT_2023,
    IdDocumentType.SOCIAL_SECURITY, IdDocumentType.HOUSEHOLD_REGISTER,
}


def check_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise NameMissing()
    if not _NAME_PATTERN.match(name):
        raise NameInvalid()
    return name


def check_id_number(id_type: IdDocumentType, number: str) -> str:
    """Normalised number, or a ``FieldError`` saying what is wrong."""
    number = normalise_id_number(number)
    if id_type is IdDocumentType.FOREIGN_PERMANENT_2017:
        if not is_valid_foreign_2017_number(number):
            raise IdNumberFormat()
        return number
    if id_type not in CHECKED_TYPES:
        if not number:
            raise IdNumberFormat()
        return number
    problem = id_number_problem(number)
    if problem is not None:
        raise _PROBLEM_ERRORS[problem]()
    mismatched = (
        (id_type is IdDocumentType.HK_MACAU_TAIWAN_PERMIT and not is_hk_macau_taiwan_number(number))
        or (id_type is IdDocumentType.FOREIGN_PERMANENT_2023 and not is_foreign_2023_number(number))
        or (id_type is IdDocumentType.RESIDENT_ID
            and (is_hk_macau_taiwan_number(number) or is_foreign_2023_number(number)))
    )
    if mismatched:
        raise IdNumberWrongType()
    return number


def manual_person(name: str, id_type: IdDocumentType, id_number: str, reason: str,
                  phone: str | None = None, address: str | None = None) -> NaturalPerson:
    """A person typed in by the clerk; birth date and gender are derived from an 18-digit number."""
    name = check_name(name)
    number = check_id_number(id_type, id_number)
    if not reason.strip():
        raise ManualReasonMissing()
    birth: date | None = None
    gender = Gender.UNKNOWN
    if id_type in CHECKED_TYPES:
        birth = birth_date_of(number)
        digit = gender_digit_of(number)
        if digit is not None:
            gender = Gender.MALE if digit % 2 else Gender.FEMALE
    return NaturalPerson(
        name=name, id_type=id_type, id_number=number, gender=gender, birth_date=birth,
        phone=(phone or "").strip() or None, address=(address or "").strip() or None,
        source=CaptureSource.MANUAL, manual_entry_reason=reason.strip(),
    )


def legal_entity(name: str, credit_code: str, representative: NaturalPerson | None,
                 address: str | None = None, phone: str | None = None) -> LegalEntity:
    if not name.strip():
        raise NameMissing()
    code = normalise_credit_code(credit_code)
    if not is_valid_credit_code(code, check_org_code=None):
        raise CreditCodeInvalid()
    return LegalEntity(
        name=name.strip(), credit_code=code, legal_representative=representative,
        address=(address or "").strip() or None, phone=(phone or "").strip() or None,
    )


def agent_authorisation(agent: NaturalPerson, relation: str) -> AgentAuthorisation:
    if not relation.strip():
        raise RelationMissing()
    return AgentAuthorisation(agent=agent, relation=relation.strip(),
                              authorisation_material_code=AGENT_AUTHORISATION_MATERIAL)
