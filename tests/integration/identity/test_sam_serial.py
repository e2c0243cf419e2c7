"""The SAM serial driver against the reader emulator on a real pty (pyserial on both ends of the line)."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from clerk_app.domain.applicant import IdDocumentType
from devices.idcard.layouts import encode_appended_address
from devices.idcard.protocol import Command, Status
from devices.idcard.serial_reader import SamSerialDriver, SamSerialReader
from devices.identity_base import (
    CardMoved,
    IdentityRecord,
    LiftAndReplace,
    NoReader,
    PhotoState,
    Presence,
    ReaderInfo,
    ReaderKind,
    SamFault,
)
from devices.identity_manager import IdentityListener, ReaderManager
from tests.integration.identity.cards import CARDS
from tests.integration.identity.cards import card_text as _text
from tests.integration.identity.sam_emulator import SamEmulator

pytestmark = pytest.mark.integration

def _reader(sam: SamEmulator, timeout: float = 0.3) -> SamSerialReader:
    info = ReaderInfo(ReaderKind.SAM_SERIAL, sam.port, "test", "serial:test")
    reader = SamSerialReader(info, timeout=timeout, read_timeout=0.5)
    reader.open()
    return reader


@pytest.mark.parametrize(("key", "card_type"), [
    ("resident", IdDocumentType.RESIDENT_ID),
    ("hk_macau_taiwan", IdDocumentType.HK_MACAU_TAIWAN_PERMIT),
    ("foreign_2017", IdDocumentType.FOREIGN_PERMANENT_2017),
    ("foreign_2023", IdDocumentType.FOREIGN_PERMANENT_2023),
])
def test_reads_all_four_layouts(sam: SamEmulator, key: str, card_type: IdDocumentType) -> None:
    reader = _reader(sam)
    try:
        assert reader.poll() is Presence.NO_NEW_CARD
        sam.place(_text(key))
        assert reader.poll() is Presence.NEW_CARD
        record = reader.read()
    finally:
        reader.close()
    assert record.card_type is card_type
    assert record.id_number == CARDS[key].record.id_number
    assert record.photo_state is PhotoState.UNDECODED  # the emulator sends a photo block; no decoder here
    assert [c for c in sam.state.commands if c[0] in (0x20, 0x30)] == [
        Command.FIND_CARD.value, Command.FIND_CARD.value, Command.SELECT_CARD.value, Command.READ_BASE.value,
        Command.READ_APPENDED_ADDRESS.value,
    ]


def test_appended_address_and_long_term(sam: SamEmulator) -> None:
    sam.place(_text("resident"), encode_appended_address("（迁入）温州市龙湾区演示路8号"))
    reader = _reader(sam)
    try:
        record = reader.read()  # F2 without a prior poll: find, select, read
    finally:
        reader.close()
    assert record.address == "浙江省温州市鹿城区演示路1号（迁入）温州市龙湾区演示路8号"
    assert record.long_term and record.valid_until is None
    assert record.birth_date == date(1949, 12, 31)


def test_lift_and_replace(sam: SamEmulator) -> None:
    sam.place(_text("resident"))
    reader = _reader(sam)
    try:
        assert reader.poll() is Presence.NEW_CARD
        reader.read()
        assert reader.poll() is Presence.NO_NEW_CARD  # same card, already read
        with pytest.raises(LiftAndReplace):
            reader.read()
        sam.lift()
        sam.place(_text("foreign_2023"))
        assert reader.poll() is Presence.NEW_CARD
        assert reader.read().card_type is IdDocumentType.FOREIGN_PERMANENT_2023
    finally:
        reader.close()


def test_no_card(sam: SamEmulator) -> None:
    reader = _reader(sam)
    try:
        with pytest.raises(LiftAndReplace):
            reader.read()
    finally:
        reader.close()


def test_select_failure_is_card_moved(sam: SamEmulator) -> None:
    sam.place(_text("resident"))
    sam.faults.select_fails = True
    reader = _reader(sam)
    try:
        with pytest.raises(CardMoved):
            reader.read()
    finally:
        reader.close()


def test_card_removed_between_select_and_read(sam: SamEmulator) -> None:
    sam.place(_text("resident"))
    sam.faults.removed_before_read = True
    reader = _reader(sam)
    try:
        with pytest.raises(CardMoved):
            reader.read()
    finally:
        reader.close()


@pytest.mark.parametrize("fault", ["bad_checksum", "truncate", "garbage"])
def test_line_faults_are_recovered_by_one_resend(sam: SamEmulator, fault: str) -> None:
    sam.place(_text("hk_macau_taiwan"))
    reader = _reader(sam)
    try:
        assert reader.poll() is Presence.NEW_CARD
        if fault == "bad_checksum":
            sam.faults.bad_checksum = 1
        elif fault == "truncate":
            sam.faults.truncate = 1
        else:
            sam.faults.garbage_before = b"\x00\xff\xaa\xaa\x13\x37 noise \xaa\xaa\xaa\x96"
        sam.state.commands.clear()
        record = reader.read()
    finally:
        reader.close()
    assert record.card_type is IdDocumentType.HK_MACAU_TAIWAN_PERMIT
    selects = sam.state.commands.count(Command.SELECT_CARD.value)
    assert selects == (1 if fault == "garbage" else 2)


def test_persistent_bad_checksum_gives_up(sam: SamEmulator) -> None:
    reader = _reader(sam)
    try:
        sam.faults.bad_checksum = 5
        with pytest.raises(Exception) as info:
            reader.poll()
        assert type(info.value).__name__ == "ReaderTimeout"
    finally:
        reader.close()


def test_sam_fault_and_silent_reader(sam: SamEmulator) -> None:
    sam.faults.sam_status = Status.SAM_SELF_TEST_FAILED
    with pytest.raises(SamFault) as info:
        _reader(sam)
    assert info.value.status == 0x60
    assert "0x60" in info.value.user_text()
    sam.faults.sam_status = Status.SUCCESS
    sam.faults.silent = True
    with pytest.raises(NoReader):
        _reader(sam)


def test_self_test(sam: SamEmulator) -> None:
    reader = _reader(sam)
    try:
        result = reader.self_test()
    finally:
        reader.close()
    assert result.ok and "SAM ok" in result.detail


class _Events(IdentityListener):
    def __init__(self) -> None:
        self.records: list[IdentityRecord] = []
        self.connected: list[list[ReaderInfo]] = []
        self.changed = threading.Condition()

    def readers_changed(self, connected: list[ReaderInfo]) -> None:
        with self.changed:
            self.connected.append(connected)
            self.changed.notify_all()

    def card_read(self, reader: ReaderInfo, record: IdentityRecord) -> None:
        with self.changed:
            self.records.append(record)
            self.changed.notify_all()

    def wait(self, predicate, timeout: float = 10.0) -> bool:  # type: ignore[no-untyped-def]
        with self.changed:
            return self.changed.wait_for(predicate, timeout)


def test_manager_reads_placed_card_and_survives_unplug_replug(sam: SamEmulator) -> None:
    events = _Events()
    manager = ReaderManager([SamSerialDriver([sam.port])], poll_interval=0.05, rediscover_interval=0.2)
    manager.add_listener(events)
    manager.start()
    try:
        assert events.wait(lambda: events.connected and len(events.connected[-1]) == 1)
        sam.place(_text("resident"))
        assert events.wait(lambda: len(events.records) == 1)
        assert events.records[0].photo_wlt is None  # not kept: devices.keep_photo is off
        assert events.records[0].photo_state is PhotoState.UNDECODED

        sam.unplug()
        assert events.wait(lambda: events.connected[-1] == [])
        sam.replug()
        assert events.wait(lambda: len(events.connected[-1]) == 1)
        sam.place(_text("foreign_2017"))
        assert events.wait(lambda: len(events.records) == 2)
        assert events.records[1].card_type is IdDocumentType.FOREIGN_PERMANENT_2017
    finally:
        manager.close()
