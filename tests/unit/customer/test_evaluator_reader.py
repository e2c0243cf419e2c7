"""The evaluation pad in the workstation: the configuration picks the driver, the reader thread delivers presses
(off the GUI thread) and survives a pad that cannot be opened yet; the serial pad read on a real pty."""

from __future__ import annotations

import os
import pty
import threading
import time
import tty

from clerk_app.config import Config
from clerk_app.customer.evaluator_reader import PadReader, evaluator_pad
from devices.evaluator.serial_keypad import SerialKeypad, grade_frame
from devices.evaluator.simulated import SimulatedPad


def _config(**overrides: object) -> Config:
    return Config().with_overrides(**overrides)


def test_the_configuration_picks_the_pad() -> None:
    assert evaluator_pad(_config()) is None
    assert isinstance(evaluator_pad(_config(customer_screen__evaluator="simulated")), SimulatedPad)
    serial = evaluator_pad(_config(customer_screen__evaluator="serial", customer_screen__evaluator_port="/dev/ttyS9",
                                   customer_screen__evaluator_baud=19200))
    assert isinstance(serial, SerialKeypad) and (serial.port, serial.baud) == ("/dev/ttyS9", 19200)
    assert evaluator_pad(_config(customer_screen__evaluator="serial")) is None, "no port: no pad (logged)"


def _collect(reader: PadReader, count: int) -> tuple[list[tuple[int, str]], threading.Event]:
    got: list[tuple[int, str]] = []
    done = threading.Event()

    def listener(grade: int) -> None:
        got.append((grade, threading.current_thread().name))
        if len(got) >= count:
            done.set()

    reader.listeners.append(listener)
    return got, done


def test_presses_reach_the_listeners_on_the_pad_thread() -> None:
    pad = SimulatedPad()
    reader = PadReader(pad, poll_seconds=0.05)
    got, done = _collect(reader, 2)
    reader.start()
    try:
        pad.press(5)
        pad.press(2)
        assert done.wait(5)
        assert got == [(5, "evaluator-pad"), (2, "evaluator-pad")]
    finally:
        reader.close()
    assert reader._thread is None  # noqa: SLF001 - stopped


class FlakyPad(SimulatedPad):
    """Cannot be opened the first two times (unplugged), then works."""

    def __init__(self) -> None:
        super().__init__()
        self.attempts = 0

    def open(self) -> None:
        self.attempts += 1
        if self.attempts < 3:
            raise OSError("no such device")


def test_a_pad_that_cannot_be_opened_is_retried() -> None:
    pad = FlakyPad()
    reader = PadReader(pad, poll_seconds=0.05, retry_seconds=0.05)
    got, done = _collect(reader, 1)
    reader.start()
    try:
        pad.press(4)
        assert done.wait(5) and got[0][0] == 4 and pad.attempts == 3 and reader.connected
    finally:
        reader.close()


def test_no_pad_starts_nothing() -> None:
    reader = PadReader(None)
    reader.start()
    assert reader._thread is None  # noqa: SLF001
    reader.close()


def test_the_serial_pad_read_on_a_pty() -> None:
    master, slave = pty.openpty()
    tty.setraw(slave)
    reader = PadReader(SerialKeypad(os.ttyname(slave)), poll_seconds=0.1)
    got, done = _collect(reader, 1)
    reader.start()
    try:
        deadline = time.monotonic() + 5
        while not reader.connected and time.monotonic() < deadline:  # pyserial flushes the input on open
            time.sleep(0.01)
        os.write(master, b"\x00\x01" + grade_frame(3))
        assert done.wait(5) and got[0][0] == 3
    finally:
        reader.close()
        os.close(master)
        os.close(slave)
