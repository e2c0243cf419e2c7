"""Social security card APDUs and data items (FACTS.md §2), independent of PC/SC.

``CardSession`` takes any ``transmit(apdu) -> (data, sw1, sw2)`` callable (pyscard's
``connection.transmit``, or a fake in tests), handles ``6C xx`` (resend with Le = xx) and ``61 xx`` (GET
RESPONSE), and reads the SSSE items.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from clerk_app.domain.applicant import CaptureSource, IdDocumentType
from devices.idcard.codes import gender_of, nation_name
from devices.identity_base import (
    CardDataError,
    IdentityDeviceError,
    IdentityRecord,
    PinRequired,
    UnsupportedCard,
    WrongPin,
)

log = logging.getLogger("onewindow.devices.sscard")

SSSE_AID = bytes.fromhex("7378312E73682EC9E7BBE1B1A3D5CF")  # "sx1.sh." + GBK "社会保障"

Transmit = Callable[[list[int]], tuple[list[int], int, int]]
PinProvider = Callable[[], str | None]


@dataclass(frozen=True)
class Item:
    tag: int
    length: int
    encoding: str  # hex, ascii, gbk, bcd, byte
    name: str


EF05 = 0xEF05
EF06 = 0xEF06
ITEMS: dict[int, tuple[Item, ...]] = {
    EF05: (
        Item(0x01, 16, "hex", "card_id"),
        Item(0x02, 1, "ascii", "card_category"),
        Item(0x03, 4, "ascii", "spec_version"),
        Item(0x04, 12, "hex", "issuer_code"),
        Item(0x05, 4, "bcd", "issue_date"),
        Item(0x06, 4, "bcd", "valid_until"),
        Item(0x07, 9, "ascii", "card_number"),
    ),
    EF06: (
        Item(0x08, 18, "ascii", "id_number"),
        Item(0x09, 30, "gbk", "name"),
        Item(0x0A, 1, "ascii", "gender"),
        Item(0x0B, 1, "byte", "nation"),
        Item(0x0C, 3, "bcd", "birth_place"),
        Item(0x0D, 4, "bcd", "birth_date"),
    ),
}


def select_aid_apdu(aid: bytes = SSSE_AID) -> list[int]:
    return [0x00, 0xA4, 0x04, 0x00, len(aid), *aid]


def select_ef_apdu(fid: int) -> list[int]:
    return [0x00, 0xA4, 0x02, 0x00, 0x02, fid >> 8, fid & 0xFF]


def read_record_apdu(tag: int, le: int) -> list[int]:
    return [0x00, 0xB2, tag, 0x00, le & 0xFF]


def verify_apdu(pin: str) -> list[int]:
    if not pin.isdigit() or not 4 <= len(pin) <= 12:
        raise WrongPin(tries="?")
    padded = pin + "F" * (len(pin) % 2)
    body = bytes.fromhex(padded)
    return [0x00, 0x20, 0x00, 0x00, len(body), *body]


def decode_bcd(raw: bytes) -> str:
    return raw.hex().upper().rstrip("F")


def decode_value(item: Item, raw: bytes) -> str:
    if item.encoding == "hex":
        return raw.hex().upper()
    if item.encoding == "bcd":
        return decode_bcd(raw)
    if item.encoding == "byte":
        return f"{raw[0]:02d}" if raw else ""
    text = raw.decode("gbk" if item.encoding == "gbk" else "ascii", errors="replace")
    return text.replace("\x00", " ").strip()


def parse_tlv(item: Item, data: bytes) -> str:
    """A READ RECORD answer is ``tag len value``; a card may omit the header (seen on some readers)."""
    if len(data) >= 2 and data[0] == item.tag and data[1] <= len(data) - 2:
        return decode_value(item, data[2:2 + data[1]])
    if len(data) == item.length:
        return decode_value(item, data)
    raise CardDataError(field=item.name)


def bcd_date(value: str, field: str) -> date | None:
    if not value or set(value) <= {"0"}:
        return None
    if len(value) != 8 or not value.isdigit():
        raise CardDataError(field=field)
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError as exc:
        raise CardDataError(field=field) from exc


class CardSession:
    def __init__(self, transmit: Transmit, pin_provider: PinProvider | None = None) -> None:
        self._transmit = transmit
        self._pin_provider = pin_provider
        self._pin_verified = False

    def exchange(self, apdu: list[int]) -> tuple[bytes, int, int]:
        data, sw1, sw2 = self._transmit(apdu)
        if sw1 == 0x6C:  # wrong Le: the card tells the right one
            data, sw1, sw2 = self._transmit([*apdu[:4], sw2])
        collected = bytes(data)
        while sw1 == 0x61:  # more data waiting
            data, sw1, sw2 = self._transmit([0x00, 0xC0, 0x00, 0x00, sw2])
            collected += bytes(data)
        return collected, sw1, sw2

    def select_application(self) -> None:
        _data, sw1, sw2 = self.exchange(select_aid_apdu())
        if (sw1, sw2) != (0x90, 0x00):
            raise UnsupportedCard()

    def select_file(self, fid: int) -> None:
        _data, sw1, sw2 = self.exchange(select_ef_apdu(fid))
        if (sw1, sw2) != (0x90, 0x00):
            raise UnsupportedCard()

    def verify_pin(self) -> None:
        pin = self._pin_provider() if self._pin_provider else None
        if not pin:
            raise PinRequired()
        try:
            _data, sw1, sw2 = self.exchange(verify_apdu(pin))
        finally:
            del pin  # never kept beyond this exchange
        if sw1 == 0x63 and sw2 & 0xF0 == 0xC0:
            raise WrongPin(tries=str(sw2 & 0x0F))
        if (sw1, sw2) == (0x69, 0x83):
            raise WrongPin(tries="0")
        if (sw1, sw2) != (0x90, 0x00):
            raise IdentityDeviceError()
        self._pin_verified = True

    def read_item(self, item: Item) -> str:
        for _attempt in range(2):
            data, sw1, sw2 = self.exchange(read_record_apdu(item.tag, item.length + 2))
            if (sw1, sw2) == (0x90, 0x00):
                return parse_tlv(item, data)
            if (sw1, sw2) == (0x69, 0x82) and not self._pin_verified:
                self.verify_pin()
                continue
            if (sw1, sw2) in ((0x6A, 0x83), (0x6A, 0x82)):
                return ""  # item not personalised on this card
            break
        log.info("READ RECORD %02X failed", item.tag)
        raise CardDataError(field=item.name)

    def read_file(self, fid: int) -> dict[str, str]:
        self.select_file(fid)
        return {item.name: self.read_item(item) for item in ITEMS[fid]}

    def read_all(self) -> dict[str, str]:
        self.select_application()
        return {**self.read_file(EF05), **self.read_file(EF06)}


def to_record(values: dict[str, str]) -> IdentityRecord:
    if not values.get("id_number") or not values.get("name"):
        raise CardDataError(field="id_number")
    kept = ("card_id", "card_category", "spec_version", "birth_place")
    extra = {k: values[k] for k in kept if values.get(k)}
    return IdentityRecord(
        card_type=IdDocumentType.SOCIAL_SECURITY,
        name=values["name"],
        id_number=values["id_number"].upper(),
        source=CaptureSource.SOCIAL_SECURITY_CARD,
        gender=gender_of(values.get("gender")),
        nation_code=values.get("nation") or None,
        nation=nation_name(values.get("nation")),
        birth_date=bcd_date(values.get("birth_date", ""), "birth_date"),
        issuer=values.get("issuer_code") or None,
        valid_from=bcd_date(values.get("issue_date", ""), "issue_date"),
        valid_until=bcd_date(values.get("valid_until", ""), "valid_until"),
        permit_number=values.get("card_number") or None,
        extra=extra,
    )


def read_card(transmit: Transmit, pin_provider: PinProvider | None = None) -> IdentityRecord:
    return to_record(CardSession(transmit, pin_provider).read_all())
