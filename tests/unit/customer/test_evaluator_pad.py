"""The serial five-key evaluator on a real pseudo-terminal: frames in, grades out, each valid frame echoed; garbage,
bad checksums and other functions ignored. And the simulated pad."""

from __future__ import annotations

import os
import pty
import select

import pytest

from devices.evaluator.serial_keypad import SerialKeypad, grade_frame, parse
from devices.evaluator.simulated import SimulatedPad


def _read_all(fd: int, expected: int, timeout: float = 2.0) -> bytes:
    data = b""
    while len(data) < expected:
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            break
        data += os.read(fd, 256)
    return data


def test_frames_from_a_pty_become_grades_and_are_acknowledged() -> None:
    master, slave = pty.openpty()
    import tty
    tty.setraw(slave)
    pad = SerialKeypad(os.ttyname(slave))
    pad.open()
    try:
        bad_checksum = bytearray(grade_frame(4))
        bad_checksum[-2] ^= 0xFF
        other_function = bytes([0xFF, 0x68, 3, 3, 0x68, 1, 0x0C, 0, 13, 0x16])  # 呼叫 key: not a grade
        os.write(master, b"\x00noise" + bytes(bad_checksum) + other_function + grade_frame(2) + grade_frame(5, 7))
        assert pad.read_grade(2.0) == 2
        assert pad.read_grade(2.0) == 5
        assert pad.read_grade(0.2) is None
        echoed = _read_all(master, len(other_function) + 2 * len(grade_frame(1)))
        assert echoed == other_function + grade_frame(2) + grade_frame(5, 7)
    finally:
        pad.close()
        os.close(master)
        os.close(slave)


def test_a_frame_split_across_reads_is_assembled() -> None:
    buffer = bytearray(grade_frame(3)[:4])
    assert parse(buffer) == (None, None) and len(buffer) == 4
    buffer += grade_frame(3)[4:]
    assert parse(buffer) == (3, grade_frame(3)) and not buffer
    out_of_range = bytearray(grade_frame(3))
    out_of_range[7], out_of_range[8] = 9, (1 + 0x11 + 9) % 256
    assert parse(out_of_range)[0] is None


def test_the_simulated_pad() -> None:
    pad = SimulatedPad()
    pad.press(1)
    assert pad.read_grade(0.1) == 1 and pad.read_grade(0.01) is None
    with pytest.raises(ValueError):
        pad.press(6)
