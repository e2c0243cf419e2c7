"""A parsed card record is checked before anyone sees it: a frame that passed its checksum can still carry a
misread (a bit flipped in the chip's answer, a card lifted mid-read, a counterfeit), and a wrong ID number must
never reach the applicant panel.

Checked: the number's shape and GB 11643 check digit (resident cards, HK/Macau/Taiwan and 2023 foreigner permits;
the 2017 foreigner number's own shape), the birth date and gender the number carries against the card's fields,
the characters each field may hold, and the dates (real dates, in order, not in the future where they cannot be).
A failure raises ``CardRecordInvalid`` naming the field (never its value): the clerk is asked to place the card
again (请重新放卡).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from clerk_app.domain.applicant import Gender, IdDocumentType
from clerk_app.domain.checkdigits import (
    gender_digit_of,
    id_number_problem,
    is_foreign_2023_number,
    is_hk_macau_taiwan_number,
    is_valid_foreign_2017_number,
)
from clerk_app.i18n import QT_TRANSLATE_NOOP
from devices.identity_base import CardDataError, IdentityRecord

EARLIEST_BIRTH = date(1900, 1, 1)
_CJK_NAME = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f·•．.\- ]{1,30}$")
_LATIN_NAME = re.compile(r"^[A-Z][A-Z ,.'\-]{0,119}$")
_NATIONALITY = re.compile(r"^[A-Z]{3}$")
_HMT_PERMIT = re.compile(r"^[HM]?\d{8}(\d{2})?$")  # 港澳 H/M + 8 digits (+ 换证次数), 台湾 8 digits
_OTHER_PERMIT = re.compile(r"^[A-Z0-9]{1,18}$")
_COUNT = re.compile(r"^\d{1,2}$")
_NATION = re.compile(r"^\d{2}$")
_AUTHORITY = re.compile(r"^[0-9A-Z]{1,8}$")
# Address and issuer: Chinese text, digits, Latin letters and the punctuation addresses use.
_ADDRESS_EXTRA = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                     "０１２３４５６７８９－-—–()（）#＃·、,，.。/／ ")


class CardRecordInvalid(CardDataError):
    """The record read from the card fails a check: read it again (counted by the identity manager)."""

    message = QT_TRANSLATE_NOOP("errors", "The card was not read correctly ({field}). Please place the card again.")


def _fail(field: str) -> CardRecordInvalid:
    return CardRecordInvalid(field=field)


def _is_cjk(char: str) -> bool:
    return unicodedata.category(char) == "Lo" and unicodedata.name(char, "").startswith("CJK")


def _text_ok(value: str, limit: int) -> bool:
    return 0 < len(value) <= limit and all(_is_cjk(c) or c in _ADDRESS_EXTRA for c in value)


def _check_number(record: IdentityRecord) -> None:
    number, kind = record.id_number, record.card_type
    if kind is IdDocumentType.FOREIGN_PERMANENT_2017:
        if not is_valid_foreign_2017_number(number):
            raise _fail("id_number")
        return
    if id_number_problem(number) is not None:
        raise _fail("id_number")
    if kind is IdDocumentType.HK_MACAU_TAIWAN_PERMIT and not is_hk_macau_taiwan_number(number):
        raise _fail("id_number")
    if kind is IdDocumentType.FOREIGN_PERMANENT_2023 and not is_foreign_2023_number(number):
        raise _fail("id_number")
    if kind is IdDocumentType.RESIDENT_ID and (is_hk_macau_taiwan_number(number) or is_foreign_2023_number(number)):
        raise _fail("id_number")
    if record.birth_date is not None and number[6:14] != record.birth_date.strftime("%Y%m%d"):
        raise _fail("birth_date")
    digit = gender_digit_of(number)
    sexed = record.gender in (Gender.MALE, Gender.FEMALE)
    if digit is not None and sexed and (record.gender is Gender.MALE) != bool(digit % 2):
        raise _fail("gender")


def _check_text(record: IdentityRecord) -> None:
    name = record.name
    if record.card_type is IdDocumentType.FOREIGN_PERMANENT_2017 and name == (record.english_name or ""):
        pass  # no Chinese name on the card: the English one stands in (checked below)
    elif not _CJK_NAME.match(name) or not any(_is_cjk(c) for c in name):
        raise _fail("name")
    if record.english_name is not None and not _LATIN_NAME.match(record.english_name):
        raise _fail("english_name")
    if record.address is not None and not _text_ok(record.address, 105):
        raise _fail("address")
    if record.issuer is not None and not _text_ok(record.issuer, 30):
        raise _fail("issuer")
    if record.nation_code is not None and (not _NATION.match(record.nation_code) or record.nation is None):
        raise _fail("nation")
    if record.nationality is not None and not _NATIONALITY.match(record.nationality):
        raise _fail("nationality")
    permit = _HMT_PERMIT if record.card_type is IdDocumentType.HK_MACAU_TAIWAN_PERMIT else _OTHER_PERMIT
    if record.permit_number is not None and not permit.match(record.permit_number):
        raise _fail("permit_number")
    if record.issue_count is not None and not _COUNT.match(record.issue_count):
        raise _fail("issue_count")
    authority = record.extra.get("authority_code") if record.extra else None
    if authority is not None and not _AUTHORITY.match(str(authority)):
        raise _fail("authority_code")


def _check_dates(record: IdentityRecord, today: date) -> None:
    birth, since, until = record.birth_date, record.valid_from, record.valid_until
    if birth is None:
        raise _fail("birth_date")
    if not EARLIEST_BIRTH <= birth <= today:
        raise _fail("birth_date")
    if since is not None and not birth <= since <= today:
        raise _fail("valid_from")
    if until is not None and since is not None and until <= since:
        raise _fail("valid_until")
    if until is None and not record.long_term and since is not None:
        raise _fail("valid_until")


def check_card_record(record: IdentityRecord, today: date | None = None) -> IdentityRecord:
    """Return ``record`` if it passes every check, else raise ``CardRecordInvalid`` naming the field."""
    _check_number(record)
    _check_text(record)
    _check_dates(record, today or date.today())
    return record
