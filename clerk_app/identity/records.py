"""From a card record to the domain: ``NaturalPerson``, expiry status, and the diagnostic JSON."""

from __future__ import annotations

import enum
from datetime import date, timedelta
from typing import Any

from clerk_app.domain.applicant import Gender, NaturalPerson
from clerk_app.domain.masking import mask_id_number
from devices.identity_base import IdentityRecord

GENDER_JSON = {Gender.MALE: "male", Gender.FEMALE: "female", Gender.UNKNOWN: None, Gender.UNSPECIFIED: None}
JSON_KEYS = (
    "card_type", "name", "english_name", "gender", "nation", "birth_date", "address", "id_number", "issuer",
    "valid_from", "valid_until", "long_term", "nationality", "permit_number", "issue_count", "photo",
)


def to_natural_person(record: IdentityRecord, phone: str | None = None) -> NaturalPerson:
    return NaturalPerson(
        name=record.name,
        id_type=record.card_type,
        id_number=record.id_number,
        gender=record.gender,
        birth_date=record.birth_date,
        nation=record.nation,
        address=record.address,
        phone=phone,
        english_name=record.english_name,
        nationality=record.nationality,
        issuer=record.issuer,
        valid_from=record.valid_from,
        valid_until=record.valid_until,
        source=record.source,
    )


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def record_to_json(record: IdentityRecord, reveal: bool = False) -> dict[str, Any]:
    """Exactly the keys of ``diag idcard/sscard --json``; personal numbers masked unless ``reveal``."""

    def number(value: str | None) -> str | None:
        if not value:
            return None
        return value if reveal else mask_id_number(value)

    out: dict[str, Any] = {
        "card_type": record.card_type.value,
        "name": record.name or None,
        "english_name": record.english_name,
        "gender": GENDER_JSON[record.gender],
        "nation": record.nation,
        "birth_date": _iso(record.birth_date),
        "address": record.address,
        "id_number": number(record.id_number),
        "issuer": record.issuer,
        "valid_from": _iso(record.valid_from),
        "valid_until": _iso(record.valid_until),
        "long_term": record.long_term,
        "nationality": record.nationality,
        "permit_number": number(record.permit_number),
        "issue_count": record.issue_count,
        "photo": record.photo_state.value,
    }
    assert tuple(out) == JSON_KEYS
    return out


class ExpiryStatus(enum.Enum):
    VALID = "valid"
    LONG_TERM = "long_term"
    EXPIRING_SOON = "expiring_soon"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    UNKNOWN = "unknown"


def expiry_status(valid_from: date | None, valid_until: date | None, long_term: bool, today: date,
                  warn_days: int = 30) -> ExpiryStatus:
    """The card is valid through ``valid_until`` inclusive (the date printed on the card)."""
    if valid_from and today < valid_from:
        return ExpiryStatus.NOT_YET_VALID
    if long_term:
        return ExpiryStatus.LONG_TERM
    if valid_until is None:
        return ExpiryStatus.UNKNOWN
    if today > valid_until:
        return ExpiryStatus.EXPIRED
    if today + timedelta(days=warn_days) >= valid_until:
        return ExpiryStatus.EXPIRING_SOON
    return ExpiryStatus.VALID


def record_expiry(record: IdentityRecord, today: date, warn_days: int = 30) -> ExpiryStatus:
    return expiry_status(record.valid_from, record.valid_until, record.long_term, today, warn_days)
