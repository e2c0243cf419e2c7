"""The four 256-byte text layouts of chip identity cards (FACTS.md §1.4-1.5): parsing, and encoding for
emulators and the training reader.

All text is UCS-2 little-endian, right-padded with spaces; dates are ``YYYYMMDD``; the card type is the
character at byte offset 248 (space = resident ID, ``J``, ``I``, ``Y``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from clerk_app.domain.applicant import CaptureSource, IdDocumentType
from devices.idcard.codes import gender_of, nation_name
from devices.idcard.record_check import CardRecordInvalid, check_card_record
from devices.identity_base import CardDataError, IdentityRecord, UnsupportedCard

TEXT_LEN = 256
TYPE_OFFSET = 248
LONG_TERM = "长期"


@dataclass(frozen=True)
class FieldSpec:
    name: str
    offset: int
    length: int  # bytes


_COMMON = (
    FieldSpec("gender", 30, 2),
    FieldSpec("birth", 36, 16),
    FieldSpec("id_number", 122, 36),
    FieldSpec("issuer", 158, 30),
    FieldSpec("valid_from", 188, 16),
    FieldSpec("valid_until", 204, 16),
)

LAYOUTS: dict[IdDocumentType, tuple[FieldSpec, ...]] = {
    IdDocumentType.RESIDENT_ID: (
        FieldSpec("name", 0, 30), FieldSpec("nation", 32, 4), FieldSpec("address", 52, 70), *_COMMON,
    ),
    IdDocumentType.HK_MACAU_TAIWAN_PERMIT: (
        FieldSpec("name", 0, 30), FieldSpec("address", 52, 70), *_COMMON,
        FieldSpec("permit_number", 220, 18), FieldSpec("issue_count", 238, 4),
    ),
    IdDocumentType.FOREIGN_PERMANENT_2017: (
        FieldSpec("english_name", 0, 120), FieldSpec("gender", 120, 2), FieldSpec("id_number", 122, 30),
        FieldSpec("nationality", 152, 6), FieldSpec("name", 158, 30), FieldSpec("valid_from", 188, 16),
        FieldSpec("valid_until", 204, 16), FieldSpec("birth", 220, 16), FieldSpec("card_version", 236, 4),
        FieldSpec("authority_code", 240, 8),
    ),
    IdDocumentType.FOREIGN_PERMANENT_2023: (
        FieldSpec("name", 0, 30), FieldSpec("english_name", 52, 70), *_COMMON,
        FieldSpec("permit_number", 220, 18), FieldSpec("issue_count", 238, 4),
        FieldSpec("nationality", 242, 6),
    ),
}

TYPE_MARKS: dict[str, IdDocumentType] = {
    " ": IdDocumentType.RESIDENT_ID,
    "J": IdDocumentType.HK_MACAU_TAIWAN_PERMIT,
    "I": IdDocumentType.FOREIGN_PERMANENT_2017,
    "Y": IdDocumentType.FOREIGN_PERMANENT_2023,
}
_MARK_OF = {v: k for k, v in TYPE_MARKS.items()}

# The 2017 chip does not store the issuing authority's name, only a code (FACTS.md §1.5).
FOREIGN_2017_ISSUER = "中华人民共和国国家移民管理局"


def card_type_of(text: bytes) -> IdDocumentType:
    if len(text) != TEXT_LEN:
        raise CardDataError(field="text length")
    mark = text[TYPE_OFFSET:TYPE_OFFSET + 2].decode("utf-16-le", errors="replace")
    if mark == "\x00":  # some early readers leave the reserved area zeroed on resident cards
        return IdDocumentType.RESIDENT_ID
    card_type = TYPE_MARKS.get(mark)
    if card_type is None:
        raise UnsupportedCard()
    return card_type


def _text(raw: bytes) -> str:
    return raw.decode("utf-16-le", errors="replace").replace("\x00", " ").strip()


def _date(value: str, field: str) -> date | None:
    if not value:
        return None
    if len(value) != 8 or not value.isdigit():
        raise CardRecordInvalid(field=field)
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError as exc:
        raise CardRecordInvalid(field=field) from exc


def decode_fields(text: bytes) -> tuple[IdDocumentType, dict[str, str]]:
    card_type = card_type_of(text)
    fields = {spec.name: _text(text[spec.offset:spec.offset + spec.length]) for spec in LAYOUTS[card_type]}
    return card_type, fields


def parse_text(
    text: bytes,
    photo_wlt: bytes | None = None,
    source: CaptureSource = CaptureSource.CARD_READER,
    appended_address: str | None = None,
) -> IdentityRecord:
    """Turn the 256-byte text block into a checked record (``record_check``). Raises ``UnsupportedCard`` or
    ``CardDataError`` (``CardRecordInvalid`` when a field fails its check: read the card again)."""
    card_type, f = decode_fields(text)
    until_text = f.get("valid_until", "")
    long_term = until_text.startswith(LONG_TERM)
    address = f.get("address") or None
    if appended_address:
        address = f"{address or ''}{appended_address}"
    extra = {k: f[k] for k in ("card_version", "authority_code") if f.get(k)}
    name = f.get("name", "")
    if card_type is IdDocumentType.FOREIGN_PERMANENT_2017 and not name:
        name = f.get("english_name", "")
    issuer = f.get("issuer") or None
    if card_type is IdDocumentType.FOREIGN_PERMANENT_2017:
        issuer = FOREIGN_2017_ISSUER
    id_number = f.get("id_number", "").upper()
    if not id_number:
        raise CardRecordInvalid(field="id_number")
    return check_card_record(IdentityRecord(
        card_type=card_type,
        name=name,
        id_number=id_number,
        source=source,
        english_name=f.get("english_name") or None,
        gender=gender_of(f.get("gender")),
        nation_code=f.get("nation") or None,
        nation=nation_name(f.get("nation")),
        birth_date=_date(f.get("birth", ""), "birth_date"),
        address=address,
        issuer=issuer,
        valid_from=_date(f.get("valid_from", ""), "valid_from"),
        valid_until=None if long_term else _date(until_text, "valid_until"),
        long_term=long_term,
        nationality=f.get("nationality") or None,
        permit_number=f.get("permit_number") or None,
        issue_count=f.get("issue_count") or None,
        photo_wlt=photo_wlt if photo_wlt and any(photo_wlt) else None,
        has_photo=bool(photo_wlt and any(photo_wlt)),
        extra=extra,
    ))


def parse_appended_address(data: bytes) -> str | None:
    """The ``30 03`` answer: up to 70 bytes UCS-2."""
    text = _text(data[:70])
    return text or None


def encode_text(card_type: IdDocumentType, **values: str) -> bytes:
    """Build a 256-byte text block (training cards, emulators, tests). Values longer than a field raise."""
    buf = bytearray(" ".encode("utf-16-le") * (TEXT_LEN // 2))
    specs = {spec.name: spec for spec in LAYOUTS[card_type]}
    for name, value in values.items():
        spec = specs[name]
        raw = value.encode("utf-16-le")
        if len(raw) > spec.length:
            raise ValueError(f"{name} longer than {spec.length // 2} characters")
        buf[spec.offset:spec.offset + len(raw)] = raw
    if card_type is not IdDocumentType.RESIDENT_ID:
        buf[TYPE_OFFSET:TYPE_OFFSET + 2] = _MARK_OF[card_type].encode("utf-16-le")
    return bytes(buf)


def encode_appended_address(text: str) -> bytes:
    raw = text.encode("utf-16-le")
    if len(raw) > 70:
        raise ValueError("appended address longer than 35 characters")
    return raw + " ".encode("utf-16-le") * ((70 - len(raw)) // 2)
