"""Card records are checked after parsing (GB 11643, characters per field, dates): a misread is refused with
"请重新放卡", never handed on. Properties over generated cards and over mutated text blocks."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clerk_app.domain.applicant import IdDocumentType
from clerk_app.domain.checkdigits import id_check_digit, id_number_problem, is_valid_foreign_2017_number
from clerk_app.errors import UserFacingError
from devices.idcard.layouts import encode_text, parse_text
from devices.idcard.record_check import CardRecordInvalid

TODAY = date.today()


def _number(region: str, birth: date, seq: int) -> str:
    body = f"{region}{birth:%Y%m%d}{seq:03d}"
    return body + id_check_digit(body)


def _resident(born: date, seq: int, **over: str) -> bytes:
    values = dict(name="张三", gender="1" if seq % 2 else "2", nation="01", birth=f"{born:%Y%m%d}",
                  address="北京市东城区演示路1号", id_number=_number("110105", born, seq),
                  issuer="北京市公安局东城分局", valid_from="20150101", valid_until="长期")
    values.update(over)
    return encode_text(IdDocumentType.RESIDENT_ID, **values)


births = st.dates(min_value=date(1900, 1, 1), max_value=date(2014, 12, 31))
seqs = st.integers(min_value=0, max_value=999)


@settings(max_examples=200, deadline=None)
@given(births, seqs)
def test_every_well_formed_card_is_accepted(birth: date, seq: int) -> None:
    record = parse_text(_resident(birth, seq))
    assert record.id_number == _number("110105", birth, seq) and record.birth_date == birth


@settings(max_examples=300, deadline=None)
@given(births, seqs, st.integers(min_value=0, max_value=17), st.sampled_from("0123456789X"))
def test_any_single_character_misread_in_the_number_is_refused(birth: date, seq: int, at: int, char: str) -> None:
    number = _number("110105", birth, seq)
    misread = number[:at] + char + number[at + 1:]
    if misread == number:
        return
    with pytest.raises(CardRecordInvalid) as caught:
        parse_text(_resident(birth, seq, id_number=misread))
    assert caught.value.params["field"] in ("id_number", "birth_date", "gender")


@pytest.mark.parametrize(("field", "value"), [
    ("name", "张\ufffd"), ("name", "张三\x07"), ("name", "ABC"), ("name", "张三😀"),
    ("address", "北京市\ufffd路"), ("address", "北京市\u202e路"), ("issuer", "公安局<script>"),
    ("nation", "99"), ("nation", "0A"), ("gender", "2"),
    ("birth", "19491301"), ("birth", f"{TODAY + timedelta(days=400):%Y%m%d}"),
    ("valid_from", "19400101"), ("valid_until", "20100101"), ("valid_until", "2030XX01"),
])
def test_a_bad_field_is_refused_naming_it(field: str, value: str) -> None:
    birth = date(1949, 12, 31)
    with pytest.raises(CardRecordInvalid) as caught:
        parse_text(_resident(birth, 1, **{field: value}))
    named = caught.value.params["field"]
    assert named in {field, "birth_date", "gender", "nation", "valid_from", "valid_until", "id_number"}
    assert "place the card again" in str(caught.value)


def test_the_refusal_message_is_translated() -> None:
    import xml.etree.ElementTree as ET
    from pathlib import Path

    tree = ET.parse(Path(__file__).resolve().parents[3] / "ui" / "i18n" / "trust_zh_CN.ts")
    texts = {m.findtext("source"): m.findtext("translation") for m in tree.iter("message")}
    assert "请重新放卡" in texts[CardRecordInvalid.message]


def test_mutated_text_blocks_are_refused_or_hold_only_valid_data() -> None:
    """The issue's fuzz, kept: flip bytes of real card blocks; whatever is accepted has a valid number, allowed
    characters and sane dates. (Before the check, 126 of 1,037 accepted blocks had a bad number.)"""
    rng = random.Random(19)
    blocks = [_resident(date(1949, 12, 31), 1),
              encode_text(IdDocumentType.HK_MACAU_TAIWAN_PERMIT, name="陈家明", gender="2", birth="19940823",
                          address="演示地址", id_number="810000199408230021", issuer="某市公安局",
                          valid_from="20210601", valid_until="20260601", permit_number="H12345678", issue_count="01"),
              encode_text(IdDocumentType.FOREIGN_PERMANENT_2017, english_name="SMITH, JOHN", gender="1",
                          id_number="USA330078080108", nationality="USA", name="约翰", valid_from="20170101",
                          valid_until="20270101", birth="19780801", card_version="01", authority_code="1100")]
    accepted = refused = 0
    for _ in range(3000):
        data = bytearray(rng.choice(blocks))
        for _ in range(rng.randint(1, 3)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        try:
            record = parse_text(bytes(data))
        except UserFacingError:
            refused += 1
            continue
        accepted += 1
        if record.card_type is IdDocumentType.FOREIGN_PERMANENT_2017:
            assert is_valid_foreign_2017_number(record.id_number)
        else:
            assert id_number_problem(record.id_number) is None
        for text in (record.name, record.address or "", record.issuer or ""):
            assert "\ufffd" not in text and text.isprintable()
    assert refused > 1000 and accepted > 300


class _FlakyReader:
    """A reader in place whose first ``failures`` reads fail the way a bad transaction does."""

    def __init__(self, failures: int, error: Exception) -> None:
        from devices.identity_simulated import SIMULATED_INFO

        self.info = SIMULATED_INFO
        self.failures, self.error, self.reads = failures, error, 0
        self.good = parse_text(_resident(date(1949, 12, 31), 1))

    def open(self) -> None:
        pass

    def close(self) -> None:
        pass

    def poll(self):
        from devices.identity_base import Presence

        return Presence.NEW_CARD

    def read(self):
        self.reads += 1
        if self.reads <= self.failures:
            raise self.error
        return self.good


@pytest.mark.parametrize("error", [CardRecordInvalid(field="id_number"), __import__(
    "devices.identity_base", fromlist=["ReaderTimeout"]).ReaderTimeout()])
def test_diag_reads_again_until_its_wait_runs_out(error: Exception) -> None:
    from clerk_app.cli.diag._identity_common import read_one

    reader = _FlakyReader(2, error)
    assert read_one([reader], wait=30)["record"] is reader.good and reader.reads == 3
    stubborn = _FlakyReader(10**6, error)
    with pytest.raises(type(error)):
        read_one([stubborn], wait=0.5)
    assert stubborn.reads >= 2


def test_manager_counts_a_refused_record_and_never_reports_it_as_read() -> None:
    from devices.identity_manager import ReaderManager

    events: list[str] = []

    class Listener:
        def card_read(self, *_args: object) -> None:
            events.append("card_read")

        def read_failed(self, _reader: object, error: Exception) -> None:
            events.append(type(error).__name__)

    manager = ReaderManager([])
    manager.add_listener(Listener())
    reader = _FlakyReader(1, CardRecordInvalid(field="id_number"))
    stack = type("S", (), {"readers": {reader.info: reader}})()
    assert isinstance(manager._read_one(stack, reader.info, reader), CardRecordInvalid)
    assert manager.refused_records == 1 and events == []
    assert manager._read_one(stack, reader.info, reader) is None and events == ["card_read"]
