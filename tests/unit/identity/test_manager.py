"""The reader manager with in-process drivers: events, hot-plug, F2 reads, errors, threads."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from clerk_app.config import Config
from clerk_app.errors import UserFacingError
from devices.identity_base import (
    IdentityDriver,
    IdentityReader,
    IdentityRecord,
    LiftAndReplace,
    NoReader,
    Presence,
    ReaderGone,
    ReaderInfo,
    ReaderKind,
    SelfTestResult,
)
from devices.identity_manager import IdentityListener, ReaderManager, build_drivers
from devices.identity_simulated import SimulatedDriver, training_cards

RECORD = training_cards()[0].record
WAIT = 10.0


class Events(IdentityListener):
    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.log: list[tuple[str, object]] = []
        self.threads: set[str] = set()

    def _add(self, name: str, value: object = None) -> None:
        with self.cond:
            self.threads.add(threading.current_thread().name)
            self.log.append((name, value))
            self.cond.notify_all()

    def readers_changed(self, connected: list[ReaderInfo]) -> None:
        self._add("readers", len(connected))

    def card_present(self, reader: ReaderInfo) -> None:
        self._add("present")

    def card_read(self, reader: ReaderInfo, record: IdentityRecord) -> None:
        self._add("read", record)

    def card_removed(self, reader: ReaderInfo) -> None:
        self._add("removed")

    def read_failed(self, reader: ReaderInfo | None, error: UserFacingError) -> None:
        self._add("failed", type(error).__name__)

    def wait(self, predicate: Callable[[list[tuple[str, object]]], bool]) -> bool:
        with self.cond:
            return self.cond.wait_for(lambda: predicate(self.log), WAIT)


class FlakyReader(IdentityReader):
    """Reports one new card, then fails as if unplugged when told to."""

    def __init__(self, info: ReaderInfo, driver: FlakyDriver) -> None:
        super().__init__(info)
        self.driver = driver

    def open(self) -> None:
        if not self.driver.plugged:
            raise NoReader()

    def close(self) -> None:
        self.driver.closed += 1

    def poll(self) -> Presence:
        if not self.driver.plugged:
            raise ReaderGone()
        if self.driver.card:
            self.driver.card = False
            return Presence.NEW_CARD
        return Presence.NO_NEW_CARD

    def read(self) -> IdentityRecord:
        if self.driver.explode:
            raise RuntimeError("bug in a driver")
        return RECORD

    def self_test(self) -> SelfTestResult:
        return SelfTestResult(True, "ok")


class FlakyDriver(IdentityDriver):
    kind = ReaderKind.SAM_SERIAL

    def __init__(self) -> None:
        self.plugged = True
        self.listed = True
        self.card = False
        self.explode = False
        self.closed = 0
        self.info = ReaderInfo(ReaderKind.SAM_SERIAL, "/dev/fake", "fake", "serial:fake")

    def discover(self) -> list[ReaderInfo]:
        return [self.info] if self.listed else []

    def create(self, info: ReaderInfo) -> FlakyReader:
        return FlakyReader(info, self)


@pytest.fixture
def events() -> Events:
    return Events()


def _start(events: Events, *drivers: IdentityDriver) -> ReaderManager:
    manager = ReaderManager(list(drivers), poll_interval=0.01, rediscover_interval=0.02)
    manager.add_listener(events)
    manager.start()
    return manager


def test_new_card_is_read_on_the_stack_thread(events: Events) -> None:
    driver = FlakyDriver()
    manager = _start(events, driver)
    try:
        assert events.wait(lambda log: ("readers", 1) in log)
        driver.card = True
        assert events.wait(lambda log: any(name == "read" for name, _ in log))
    finally:
        manager.close()
    assert [n for n, _ in events.log] == ["readers", "present", "read"]
    assert all(name.startswith("dev-identity-sam_serial-0") for name in events.threads)
    assert driver.closed == 1  # closed on shutdown, on its own thread


def test_unplug_and_replug(events: Events) -> None:
    driver = FlakyDriver()
    manager = _start(events, driver)
    try:
        assert events.wait(lambda log: ("readers", 1) in log)
        driver.plugged = False
        assert events.wait(lambda log: ("readers", 0) in log)
        assert manager.connected == []
        driver.plugged = True
        assert events.wait(lambda log: log.count(("readers", 1)) == 2)
        driver.card = True
        assert events.wait(lambda log: any(name == "read" for name, _ in log))
    finally:
        manager.close()


def test_reader_no_longer_listed_is_dropped(events: Events) -> None:
    driver = FlakyDriver()
    manager = _start(events, driver)
    try:
        assert events.wait(lambda log: ("readers", 1) in log)
        driver.listed = False
        assert events.wait(lambda log: ("readers", 0) in log)
    finally:
        manager.close()


def test_read_now_reports_the_telling_error(events: Events) -> None:
    simulated = SimulatedDriver()
    absent = FlakyDriver()
    absent.plugged = False
    manager = _start(events, simulated, absent)
    try:
        assert events.wait(lambda log: ("readers", 1) in log)
        manager.read_now()
        # The simulated reader has no card (NoCard) and the serial one is absent (NoReader): NoCard wins.
        assert events.wait(lambda log: ("failed", "NoCard") in log)
        simulated.reader.place("foreign_2023")
        assert events.wait(lambda log: any(n == "read" for n, _ in log))
        manager.read_now()
        assert events.wait(lambda log: ("failed", "LiftAndReplace") in log)
        simulated.reader.remove()
        assert events.wait(lambda log: ("removed", None) in log)
    finally:
        manager.close()


def test_read_now_without_any_driver(events: Events) -> None:
    manager = ReaderManager([])
    manager.add_listener(events)
    manager.read_now()
    assert events.log == [("failed", "NoReader")]


def test_a_failing_listener_does_not_stop_the_loop(events: Events) -> None:
    class Broken(IdentityListener):
        def card_read(self, reader: ReaderInfo, record: IdentityRecord) -> None:
            raise ValueError("listener bug")

    driver = FlakyDriver()
    manager = ReaderManager([driver], poll_interval=0.01, rediscover_interval=0.02)
    manager.add_listener(Broken())
    manager.add_listener(events)
    manager.start()
    try:
        driver.card = True
        assert events.wait(lambda log: sum(n == "read" for n, _ in log) == 1)
        driver.card = True
        assert events.wait(lambda log: sum(n == "read" for n, _ in log) == 2)
    finally:
        manager.close()


def test_simulated_reader_lift_and_replace() -> None:
    reader = SimulatedDriver().reader
    assert reader.poll() is Presence.NO_NEW_CARD
    reader.place("resident")
    assert reader.poll() is Presence.NEW_CARD
    assert reader.read().source.value == "simulated"
    with pytest.raises(LiftAndReplace):
        reader.read()
    reader.remove()
    assert reader.poll() is Presence.REMOVED
    assert reader.poll() is Presence.NO_NEW_CARD


def test_build_drivers_from_config() -> None:
    kinds = [d.kind for d in build_drivers(Config())]
    assert ReaderKind.SIMULATED in kinds  # training mode, nothing configured
    config = Config({"mode": "production", "devices.idcard_serial_ports": ["/dev/ttyUSB0", "/dev/ttyUSB1"]})
    kinds = [d.kind for d in build_drivers(config)]
    assert kinds.count(ReaderKind.SAM_SERIAL) == 2 and ReaderKind.SIMULATED not in kinds


def test_driver_bug_is_reported_and_the_reader_reopened(events: Events) -> None:
    driver = FlakyDriver()
    driver.explode = True
    manager = _start(events, driver)
    try:
        driver.card = True
        assert events.wait(lambda log: ("failed", "IdentityDeviceError") in log)
        driver.explode = False
        assert events.wait(lambda log: log.count(("readers", 1)) == 2)  # reopened by rediscovery
        driver.card = True
        assert events.wait(lambda log: any(n == "read" for n, _ in log))
    finally:
        manager.close()
