"""Social security cards through the real PC/SC stack: pcscd + vpcd + our virtual card process + pyscard."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from clerk_app.domain.applicant import IdDocumentType
from devices.identity_base import IdentityDeviceError, IdentityRecord, ReaderInfo
from devices.identity_manager import IdentityListener, ReaderManager
from devices.sscard.reader import PcscDriver
from tests.stack import PcscStack, wait_until

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[3]
CARD_SCRIPT = Path(__file__).with_name("vpcd_card.py")
PORT = 35964  # "Virtual PCD 00 01"
READER_SUFFIX = "00 01"


def _reader_name(pcsc: PcscStack) -> str:
    names = [r for r in pcsc.readers if r.endswith(READER_SUFFIX)]
    assert names, pcsc.readers
    return names[0]


def _card_present(name: str) -> bool:
    from smartcard import scard

    _, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    try:
        _, states = scard.SCardGetStatusChange(ctx, 0, [(name, scard.SCARD_STATE_UNAWARE)])
        return bool(states[0][1] & scard.SCARD_STATE_PRESENT)
    finally:
        scard.SCardReleaseContext(ctx)


class Card:
    def __init__(self, name: str, *args: str) -> None:
        self.name = name
        self.proc = subprocess.Popen([sys.executable, str(CARD_SCRIPT), "--port", str(PORT), *args],
                                     cwd=ROOT)
        assert wait_until(lambda: _card_present(name), 10), "virtual card not seen by pcscd"

    def remove(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)
        assert wait_until(lambda: not _card_present(self.name), 10)


@pytest.fixture
def reader_name(pcscd: PcscStack) -> str:
    return _reader_name(pcscd)


@pytest.fixture
def card(reader_name: str) -> Iterator[Card]:
    inserted = Card(reader_name)
    yield inserted
    if inserted.proc.poll() is None:
        inserted.remove()


def test_read_through_pcsc(card: Card, reader_name: str) -> None:
    driver = PcscDriver(only=reader_name)
    [info] = driver.discover()
    reader = driver.create(info)
    reader.open()
    try:
        record = reader.read()
    finally:
        reader.close()
    assert record.card_type is IdDocumentType.SOCIAL_SECURITY
    assert (record.name, record.id_number, record.nation) == ("测试王芳", "330302198506153023", "土家")


@pytest.mark.parametrize("flags", [["--le-6c"], ["--chained-61"]])
def test_le_correction_and_get_response_over_pcsc(reader_name: str, flags: list[str]) -> None:
    inserted = Card(reader_name, *flags)
    try:
        driver = PcscDriver(only=reader_name)
        reader = driver.create(driver.discover()[0])
        reader.open()
        try:
            assert reader.read().id_number == "330302198506153023"
        finally:
            reader.close()
    finally:
        inserted.remove()


def test_pin_card_over_pcsc(reader_name: str) -> None:
    inserted = Card(reader_name, "--pin", "123456")
    try:
        driver = PcscDriver(only=reader_name, pin_provider=lambda: "123456")
        reader = driver.create(driver.discover()[0])
        reader.open()
        try:
            assert reader.read().name == "测试王芳"
        finally:
            reader.close()
        no_pin = PcscDriver(only=reader_name)
        reader = no_pin.create(no_pin.discover()[0])
        reader.open()
        try:
            with pytest.raises(IdentityDeviceError) as info:
                reader.read()
            assert type(info.value).__name__ == "PinRequired"
        finally:
            reader.close()
    finally:
        inserted.remove()


class _Events(IdentityListener):
    def __init__(self) -> None:
        self.log: list[str] = []
        self.records: list[IdentityRecord] = []
        self.cond = threading.Condition()

    def _add(self, what: str) -> None:
        with self.cond:
            self.log.append(what)
            self.cond.notify_all()

    def card_present(self, reader: ReaderInfo) -> None:
        self._add("present")

    def card_read(self, reader: ReaderInfo, record: IdentityRecord) -> None:
        self.records.append(record)
        self._add("read")

    def card_removed(self, reader: ReaderInfo) -> None:
        self._add("removed")

    def wait_for(self, what: str, count: int = 1) -> bool:
        with self.cond:
            return self.cond.wait_for(lambda: self.log.count(what) >= count, 10)


def test_manager_sees_insertion_and_removal(reader_name: str) -> None:
    events = _Events()
    manager = ReaderManager([PcscDriver(only=reader_name)], poll_interval=0.05)
    manager.add_listener(events)
    manager.start()
    try:
        inserted = Card(reader_name)
        assert events.wait_for("read")
        assert events.records[0].name == "测试王芳"
        inserted.remove()
        assert events.wait_for("removed")
        inserted = Card(reader_name)
        assert events.wait_for("read", 2)
        inserted.remove()
        assert events.wait_for("removed", 2)
    finally:
        manager.close()
    assert events.log == ["present", "read", "removed", "present", "read", "removed"]


def test_diag_sscard_cli(card: Card, reader_name: str, tmp_path: Path) -> None:
    env = {"ONEWINDOW_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen",
           "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "diag", "sscard", "--reader", reader_name,
                             "--json", "--wait", "5"], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["card_type"] == "social_security"
    assert data["id_number"] == "330302********3023"
    assert data["birth_date"] == "1985-06-15" and data["gender"] == "female"
    assert "330302198506153023" not in result.stdout
