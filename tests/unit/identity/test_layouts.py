"""The four card text layouts, 长期, appended address, nation and gender codes."""

from __future__ import annotations

import contextlib
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clerk_app.domain.applicant import CaptureSource, Gender, IdDocumentType
from devices.idcard.codes import NATIONS, nation_name
from devices.idcard.layouts import (
    TEXT_LEN,
    card_type_of,
    encode_appended_address,
    encode_text,
    parse_appended_address,
    parse_text,
)
from devices.idcard.serial_reader import split_base_message
from devices.identity_base import CardDataError, PhotoState, UnsupportedCard


def _resident(**over: str) -> bytes:
    # (A male holder: the number's 17th digit is odd, as GB 11643 and the card check require.)
    values = dict(name="张三", gender="1", nation="01", birth="19491231", address="北京市东城区演示路1号",
                  id_number="110105194912310011", issuer="北京市公安局东城分局", valid_from="20150101",
                  valid_until="长期")
    values.update(over)
    return encode_text(IdDocumentType.RESIDENT_ID, **values)


def test_resident_card_offsets_by_hand() -> None:
    text = _resident()
    # Check against the documented offsets, not against our own encoder's table.
    assert text[0:4].decode("utf-16-le") == "张三"
    assert text[30:32].decode("utf-16-le") == "1"
    assert text[122:158].decode("utf-16-le") == "110105194912310011"
    assert text[204:208].decode("utf-16-le") == "长期"
    assert text[248:250] == b" \x00"
    record = parse_text(text, bytes(1024))
    assert record.card_type is IdDocumentType.RESIDENT_ID
    assert (record.name, record.gender, record.nation, record.nation_code) == ("张三", Gender.MALE, "汉", "01")
    assert record.birth_date == date(1949, 12, 31)
    assert record.long_term and record.valid_until is None
    assert record.valid_from == date(2015, 1, 1)
    assert record.issuer == "北京市公安局东城分局"
    assert record.photo_state is PhotoState.ABSENT  # an all-zero photo block means no photo
    assert record.source is CaptureSource.CARD_READER


def test_dated_validity_and_photo_and_appended_address() -> None:
    text = _resident(valid_until="20350101")
    record = parse_text(text, b"\x01" * 1024, appended_address="（迁）上海市")
    assert record.valid_until == date(2035, 1, 1) and not record.long_term
    assert record.address == "北京市东城区演示路1号（迁）上海市"
    assert record.photo_state is PhotoState.UNDECODED


def test_hk_macau_taiwan_permit() -> None:
    text = encode_text(IdDocumentType.HK_MACAU_TAIWAN_PERMIT, name="陈家明", gender="2", birth="19940823",
                       address="演示地址", id_number="810000199408230021", issuer="某市公安局",
                       valid_from="20210601", valid_until="20260601", permit_number="H12345678",
                       issue_count="03")
    assert text[248:250].decode("utf-16-le") == "J"
    record = parse_text(text)
    assert record.card_type is IdDocumentType.HK_MACAU_TAIWAN_PERMIT
    assert (record.permit_number, record.issue_count, record.nation) == ("H12345678", "03", None)


def test_foreign_2017_card() -> None:
    text = encode_text(IdDocumentType.FOREIGN_PERMANENT_2017, english_name="SMITH, JOHN", gender="1",
                       id_number="USA330078080108", nationality="USA", valid_from="20180101",
                       valid_until="20280101", birth="19780801", card_version="01", authority_code="3300")
    assert text[0:22].decode("utf-16-le") == "SMITH, JOHN"
    assert text[152:158].decode("utf-16-le") == "USA"
    record = parse_text(text)
    assert record.card_type is IdDocumentType.FOREIGN_PERMANENT_2017
    assert record.name == "SMITH, JOHN"  # no Chinese name on this card: the English one is the name
    assert record.english_name == "SMITH, JOHN"
    assert (record.id_number, record.nationality) == ("USA330078080108", "USA")
    assert record.birth_date == date(1978, 8, 1)
    assert record.extra == {"card_version": "01", "authority_code": "3300"}


def test_foreign_2023_card() -> None:
    text = encode_text(IdDocumentType.FOREIGN_PERMANENT_2023, name="阿里", gender="1", birth="19850101",
                       english_name="ALI, AHMED", id_number="932682198501010017", issuer="国家移民管理局",
                       valid_from="20240101", valid_until="20340101", permit_number="C01234567",
                       issue_count="01", nationality="SAU")
    assert text[242:248].decode("utf-16-le") == "SAU"
    record = parse_text(text)
    assert record.card_type is IdDocumentType.FOREIGN_PERMANENT_2023
    assert (record.name, record.english_name, record.nationality) == ("阿里", "ALI, AHMED", "SAU")
    assert record.address is None
    assert record.permit_number == "C01234567"


def test_unknown_card_mark_is_unsupported() -> None:
    text = bytearray(_resident())
    text[248:250] = "Z".encode("utf-16-le")
    with pytest.raises(UnsupportedCard):
        parse_text(bytes(text))


def test_bad_date_is_card_data_error() -> None:
    with pytest.raises(CardDataError):
        parse_text(_resident(birth="19491340"))


def test_wrong_text_length() -> None:
    with pytest.raises(CardDataError):
        card_type_of(b"\x20\x00" * 100)


def test_appended_address_round_trip() -> None:
    assert parse_appended_address(encode_appended_address("（迁入）演示路8号")) == "（迁入）演示路8号"
    assert parse_appended_address(b" \x00" * 35) is None


def test_split_base_message() -> None:
    text = _resident()
    data = (256).to_bytes(2, "big") + (1024).to_bytes(2, "big") + text + b"\x07" * 1024
    assert split_base_message(data) == (text, b"\x07" * 1024)
    with pytest.raises(CardDataError):
        split_base_message(data[:500])


def test_nation_table() -> None:
    assert len(NATIONS) == 58
    assert nation_name("46") == "德昂"
    assert nation_name("1") == "汉"
    assert nation_name("99") is None


@given(st.binary(min_size=TEXT_LEN, max_size=TEXT_LEN))
def test_parser_raises_only_typed_errors_on_arbitrary_blocks(text: bytes) -> None:
    with contextlib.suppress(UnsupportedCard, CardDataError):
        parse_text(text)
