"""Case numbers (办件编号) made at the window without the network, and their QR verification code.

Format: ``<centre code><window code><yyyymmdd><4-digit daily sequence>``, digits only, e.g.
``330302001`` + ``01`` + ``20261122`` + ``0007``. Digits only keeps the Code128 short (charset C packs two digits
per symbol) and lets a barcode gun type it into any field. Uniqueness without the network comes from the centre
and window codes (assigned centrally, one window per workstation) plus a per-window daily counter kept in the
local database (``offline_cache.case_numbers``). The case UUID remains the idempotency key; the platform's own
number is stored next to it when sync returns it.

The verification code is a keyed HMAC of the number: printed in the QR and on the paper, it lets the hall check
that a presented receipt was issued here (a number alone is easy to guess, the code is not).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import parse_qs, urlencode, urlsplit

from clerk_app.errors import ValidationError
from clerk_app.i18n import QT_TRANSLATE_NOOP

SEQUENCE_DIGITS = 4
MAX_SEQUENCE = 10**SEQUENCE_DIGITS - 1
VERIFICATION_LENGTH = 6
QR_PREFIX = "OW1"  # format tag so a future layout can be told apart; carries no data

_CODE = re.compile(r"^[0-9]+$")
_NUMBER = re.compile(r"^(?P<prefix>[0-9]+)(?P<day>[0-9]{8})(?P<seq>[0-9]{4})$")
_QR = re.compile(rf"^{QR_PREFIX}:(?P<number>[0-9]{{14,40}}):(?P<code>[A-Z2-7]{{{VERIFICATION_LENGTH}}})$")


class NumberingError(ValidationError):
    message = QT_TRANSLATE_NOOP("errors", "A case number could not be made: {reason}")


class SequenceExhausted(NumberingError):
    message = QT_TRANSLATE_NOOP(
        "errors", "This window has used all {limit} case numbers of the day. Call the hall's IT staff."
    )


class NotACaseNumber(ValidationError):
    message = QT_TRANSLATE_NOOP("errors", "The scanned or entered text is not a case number of this system.")


@dataclass(frozen=True, order=True)
class CaseNumber:
    centre_code: str
    window_code: str
    day: date
    sequence: int

    def __post_init__(self) -> None:
        if not _CODE.match(self.centre_code) or not _CODE.match(self.window_code):
            raise NumberingError(reason="centre and window codes must be digits")
        if not 1 <= self.sequence <= MAX_SEQUENCE:
            raise SequenceExhausted(limit=MAX_SEQUENCE)

    @property
    def prefix(self) -> str:
        return f"{self.centre_code}{self.window_code}{self.day:%Y%m%d}"

    def __str__(self) -> str:
        return f"{self.prefix}{self.sequence:0{SEQUENCE_DIGITS}d}"


def day_prefix(centre_code: str, window_code: str, day: date) -> str:
    return CaseNumber(centre_code, window_code, day, 1).prefix


def parse_case_number(text: str, window_code_length: int = 2) -> CaseNumber:
    """Parse a scanned or typed number (surrounding spaces tolerated). Raises ``NotACaseNumber``."""
    match = _NUMBER.match(text.strip())
    if match is None or len(match["prefix"]) <= window_code_length:
        raise NotACaseNumber()
    prefix = match["prefix"]
    try:
        day = date(int(match["day"][:4]), int(match["day"][4:6]), int(match["day"][6:]))
        return CaseNumber(prefix[:-window_code_length], prefix[-window_code_length:], day, int(match["seq"]))
    except (ValueError, NumberingError) as exc:
        raise NotACaseNumber() from exc


def verification_code(key: bytes, case_number: str) -> str:
    """Six base32 characters (30 bits) of HMAC-SHA256(key, number): unguessable without the key, easy to read
    aloud, no ambiguous 0/O or 1/I."""
    if len(key) < 16:
        raise ValueError("verification key too short")
    digest = hmac.new(key, case_number.encode("ascii"), hashlib.sha256).digest()
    return base64.b32encode(digest).decode("ascii")[:VERIFICATION_LENGTH]


def check_verification_code(key: bytes, case_number: str, code: str) -> bool:
    return hmac.compare_digest(verification_code(key, case_number), code.strip().upper())


def qr_payload(case_number: str, code: str) -> str:
    """What the QR holds: the case number and the verification code, nothing personal."""
    return f"{QR_PREFIX}:{case_number}:{code}"


def query_link(base_url: str, case_number: str, code: str) -> str:
    """The QR as a link a phone opens: the configured query page with the case number and the verification code
    as its only parameters (no personal data, PIPL minimisation)."""
    separator = "&" if "?" in base_url else "?"
    return f"{base_url}{separator}{urlencode({'n': case_number, 'c': code})}"


def parse_qr_payload(text: str) -> tuple[str, str]:
    """The case number and code of a scanned QR: the ``OW1:`` payload or a query link made by ``query_link``."""
    text = text.strip()
    match = _QR.match(text)
    if match is not None:
        return match["number"], match["code"]
    if "://" in text:
        params = parse_qs(urlsplit(text).query)
        number, code = params.get("n", [""])[0], params.get("c", [""])[0]
        if _NUMBER.match(number) and re.fullmatch(rf"[A-Z2-7]{{{VERIFICATION_LENGTH}}}", code):
            return number, code
    raise NotACaseNumber()
