"""The training-mode reader: a simulated device with a deck of training cards, clearly labelled as simulated.

The cards go through the same parsers as real ones (text blocks are encoded and parsed again), so training
exercises the real code path. Every record carries ``CaptureSource.SIMULATED``; the UI shows a badge for it.
The people are invented; their numbers have valid check digits so that validation behaves as in production.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace

from clerk_app.domain.applicant import CaptureSource, IdDocumentType
from clerk_app.domain.checkdigits import id_check_digit
from devices.idcard.layouts import encode_text, parse_text
from devices.identity_base import (
    IdentityDriver,
    IdentityReader,
    IdentityRecord,
    LiftAndReplace,
    NoCard,
    Presence,
    ReaderInfo,
    ReaderKind,
    SelfTestResult,
)
from devices.sscard.apdu import to_record

SIMULATED_INFO = ReaderInfo(ReaderKind.SIMULATED, "simulated", "训练模拟读卡器", "simulated")


def _number(first17: str) -> str:
    return first17 + id_check_digit(first17)


@dataclass(frozen=True)
class TrainingCard:
    key: str
    label: str  # Chinese label for the training deck (domain data, not translated)
    record: IdentityRecord


def _id_card(key: str, label: str, card_type: IdDocumentType, appended: str | None = None,
             **fields: str) -> TrainingCard:
    record = parse_text(encode_text(card_type, **fields), None, CaptureSource.SIMULATED, appended)
    return TrainingCard(key, label, record)


def training_cards() -> list[TrainingCard]:
    social = to_record({
        "id_number": _number("33030219850615302"), "name": "培训王芳", "gender": "2", "nation": "01",
        "birth_date": "19850615", "issue_date": "20190301", "valid_until": "20290301",
        "card_number": "A01234567", "issuer_code": "330300D15600000500",
    })
    return [
        _id_card("resident", "居民身份证 · 培训张三", IdDocumentType.RESIDENT_ID,
                 name="培训张三", gender="1", nation="01", birth="19491231",
                 address="浙江省温州市鹿城区五马街道培训路1号", id_number="110105194912310011",
                 issuer="温州市公安局鹿城分局", valid_from="20150101", valid_until="长期"),
        _id_card("resident_appended", "居民身份证 · 培训李娜（追加住址）", IdDocumentType.RESIDENT_ID,
                 appended="（迁入）温州市龙湾区永中街道演示路8号",
                 name="培训李娜", gender="2", nation="15", birth="19900307",
                 address="湖南省张家界市永定区演示街道12号", id_number=_number("43080219900307142"),
                 issuer="张家界市公安局永定分局", valid_from="20200101", valid_until="20400101"),
        _id_card("hk_macau_taiwan", "港澳台居民居住证 · 培训陈家明", IdDocumentType.HK_MACAU_TAIWAN_PERMIT,
                 name="培训陈家明", gender="2", birth="19940823", address="浙江省温州市鹿城区演示路3号",
                 id_number="810000199408230021", issuer="温州市公安局", valid_from="20210601",
                 valid_until="20260601", permit_number="H12345678", issue_count="01"),
        _id_card("foreign_2017", "外国人永久居留身份证（2017） · SMITH JOHN",
                 IdDocumentType.FOREIGN_PERMANENT_2017,
                 english_name="SMITH, JOHN", gender="1", id_number="USA330078080108", nationality="USA",
                 name="史密斯", valid_from="20180101", valid_until="20280101", birth="19780801",
                 card_version="01", authority_code="3300"),
        _id_card("foreign_2023", "外国人永久居留身份证（2023） · 培训阿里",
                 IdDocumentType.FOREIGN_PERMANENT_2023,
                 name="培训阿里", gender="1", birth="19850101", english_name="ALI, AHMED",
                 id_number="932682198501010017", issuer="国家移民管理局", valid_from="20240101",
                 valid_until="20340101", issue_count="01", nationality="SAU"),
        TrainingCard("social_security", "社会保障卡 · 培训王芳",
                     replace(social, source=CaptureSource.SIMULATED)),
    ]


class SimulatedReader(IdentityReader):
    """``place``/``remove`` are called from the UI thread; ``poll``/``read`` from the reader's own thread."""

    def __init__(self, info: ReaderInfo = SIMULATED_INFO) -> None:
        super().__init__(info)
        self.cards = training_cards()
        self._lock = threading.Lock()
        self._current: TrainingCard | None = None
        self._read = False
        self._reported_present = False

    def open(self) -> None:
        pass

    def close(self) -> None:
        pass

    def place(self, key: str) -> None:
        card = next(c for c in self.cards if c.key == key)
        with self._lock:
            self._current, self._read, self._reported_present = card, False, False

    def remove(self) -> None:
        with self._lock:
            self._current = None

    def poll(self) -> Presence:
        with self._lock:
            if self._current is None:
                if self._reported_present:
                    self._reported_present = False
                    return Presence.REMOVED
                return Presence.NO_NEW_CARD
            if not self._read and not self._reported_present:
                self._reported_present = True
                return Presence.NEW_CARD
            return Presence.NO_NEW_CARD

    def read(self) -> IdentityRecord:
        with self._lock:
            card = self._current
            if card is None:
                raise NoCard()
            if self._read:
                raise LiftAndReplace()
            self._read = True
            self._reported_present = True
            return card.record

    def self_test(self) -> SelfTestResult:
        return SelfTestResult(True, "simulated reader (training)")


class SimulatedDriver(IdentityDriver):
    kind = ReaderKind.SIMULATED

    def __init__(self) -> None:
        self.reader = SimulatedReader()

    def discover(self) -> list[ReaderInfo]:
        return [self.reader.info]

    def create(self, info: ReaderInfo) -> SimulatedReader:
        del info  # there is only one simulated reader
        return self.reader
