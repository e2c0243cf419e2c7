"""Social security card APDU logic against an in-process card model (the same one the vpcd card runs)."""

from __future__ import annotations

from datetime import date

import pytest

from clerk_app.domain.applicant import CaptureSource, Gender, IdDocumentType
from devices.identity_base import CardDataError, PinRequired, UnsupportedCard, WrongPin
from devices.sscard.apdu import decode_bcd, read_card, verify_apdu
from tests.integration.identity.vpcd_card import SocialSecurityCardOS


def _transmit(card: SocialSecurityCardOS, log: list[bytes] | None = None):
    def transmit(apdu: list[int]) -> tuple[list[int], int, int]:
        if log is not None:
            log.append(bytes(apdu))
        reply = card.execute(bytes(apdu))
        return list(reply[:-2]), reply[-2], reply[-1]

    return transmit


def test_reads_all_items() -> None:
    log: list[bytes] = []
    record = read_card(_transmit(SocialSecurityCardOS(), log))
    assert record.card_type is IdDocumentType.SOCIAL_SECURITY
    assert record.source is CaptureSource.SOCIAL_SECURITY_CARD
    assert record.name == "测试王芳"
    assert record.id_number == "330302198506153023"
    assert record.gender is Gender.FEMALE
    assert (record.nation_code, record.nation) == ("15", "土家")
    assert record.birth_date == date(1985, 6, 15)
    assert (record.valid_from, record.valid_until) == (date(2019, 3, 1), date(2029, 3, 1))
    assert record.permit_number == "A01234567"
    assert record.extra["birth_place"] == "330302"
    assert log[0] == bytes.fromhex("00A404000F7378312E73682EC9E7BBE1B1A3D5CF")
    assert bytes.fromhex("00A4020002EF05") in log and bytes.fromhex("00A4020002EF06") in log


def test_6c_wrong_length_is_resent() -> None:
    log: list[bytes] = []
    card = SocialSecurityCardOS(le_6c=True, records={
        0xEF05: {0x07: b"A01234567"},
        0xEF06: {0x08: b"330302198506153023", 0x09: "测试".encode("gbk")},
    })
    record = read_card(_transmit(card, log))
    assert record.name == "测试"
    assert bytes.fromhex("00B2090006") in log  # resent with the Le the card asked for (2 + 4)


def test_61_chained_response() -> None:
    log: list[bytes] = []
    record = read_card(_transmit(SocialSecurityCardOS(chained_61=True), log))
    assert record.id_number == "330302198506153023"
    assert any(a[:2] == b"\x00\xc0" for a in log)


def test_not_a_social_security_card() -> None:
    card = SocialSecurityCardOS()
    with pytest.raises(UnsupportedCard):
        read_card(lambda apdu: ([], 0x6A, 0x82))
    del card


def test_pin_asked_used_and_not_kept() -> None:
    log: list[bytes] = []
    asked: list[int] = []

    def provider() -> str:
        asked.append(1)
        return "123456"

    record = read_card(_transmit(SocialSecurityCardOS(pin="123456"), log), provider)
    assert record.name == "测试王芳"
    assert asked == [1]
    assert bytes.fromhex("0020000003123456") in log


def test_pin_missing_and_wrong() -> None:
    with pytest.raises(PinRequired):
        read_card(_transmit(SocialSecurityCardOS(pin="123456")))
    with pytest.raises(WrongPin) as info:
        read_card(_transmit(SocialSecurityCardOS(pin="123456")), lambda: "654321")
    assert info.value.params["tries"] == "2"


def test_verify_apdu_pads_odd_pins() -> None:
    assert bytes(verify_apdu("12345")) == bytes.fromhex("002000000312345F")
    with pytest.raises(WrongPin):
        verify_apdu("12ab")


def test_missing_mandatory_item() -> None:
    card = SocialSecurityCardOS(records={0xEF05: {}, 0xEF06: {0x09: b"abc"}})
    with pytest.raises(CardDataError):
        read_card(_transmit(card))


def test_bcd() -> None:
    assert decode_bcd(bytes.fromhex("330302FF")) == "330302"
