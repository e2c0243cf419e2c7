"""A five-key evaluator on a serial line (RS-232/485 at 9600 8N1 by default).

Frame (the hall-bus layout seen in deployed systems, FACTS §4.4)::

    FF 68 L L 68 ADDR FUNC DATA... CS 16

``L`` (twice) is the count of bytes ADDR..DATA, ``CS`` = (ADDR + FUNC + ΣDATA) mod 256. A key press is FUNC 0x11
with one DATA byte, the grade 1 (非常不满意) ... 5 (非常满意). Every valid frame is echoed back as its ack. Bytes
before a frame, frames with a wrong length or checksum, other FUNCs and values outside 1..5 are ignored (logged by
kind, not content). A vendor's pad with another layout needs its own small parser behind ``EvaluatorPad``.
"""

from __future__ import annotations

import logging
import time

import serial

log = logging.getLogger("onewindow.devices.evaluator")

START, HEAD, END = 0xFF, 0x68, 0x16
FUNC_GRADE = 0x11


def grade_frame(grade: int, address: int = 1) -> bytes:
    """The frame a pad sends for ``grade`` (used by tests and by a vendor mapping its device)."""
    body = bytes([address, FUNC_GRADE, grade])
    return bytes([START, HEAD, len(body), len(body), HEAD, *body, sum(body) % 256, END])


def parse(buffer: bytearray) -> tuple[int | None, bytes | None]:
    """Take one frame off the front of ``buffer``: (grade or None, the frame to echo or None). Consumes garbage."""
    while buffer and buffer[0] != START:
        del buffer[0]
    if len(buffer) < 5:
        return None, None
    if buffer[1] != HEAD or buffer[4] != HEAD or buffer[2] != buffer[3]:
        del buffer[0]
        return None, None
    size = buffer[2]
    total = 5 + size + 2
    if len(buffer) < total:
        return None, None
    frame = bytes(buffer[:total])
    del buffer[:total]
    body = frame[5:5 + size]
    if frame[-1] != END or sum(body) % 256 != frame[-2] or size < 2:
        log.info("evaluator frame ignored: bad checksum or end")
        return None, None
    if body[1] != FUNC_GRADE or size != 3 or body[2] not in (1, 2, 3, 4, 5):
        log.info("evaluator frame ignored: function %#x", body[1])
        return None, frame
    return body[2], frame


class SerialKeypad:
    name = "串口评价器"

    def __init__(self, port: str, baud: int = 9600) -> None:
        self.port = port
        self.baud = baud
        self._serial: serial.Serial | None = None
        self._buffer = bytearray()

    def open(self) -> None:
        self._serial = serial.Serial(self.port, self.baud, timeout=0.05, write_timeout=1.0)

    def read_grade(self, timeout: float) -> int | None:
        if self._serial is None:
            raise RuntimeError("the evaluator is not open")
        end = time.monotonic() + timeout
        while True:
            before = len(self._buffer)
            grade, echo = parse(self._buffer)
            if echo is not None:
                self._serial.write(echo)
            if grade is not None:
                return grade
            if len(self._buffer) < before:
                continue  # something was consumed: another frame may already be in the buffer
            if time.monotonic() >= end:
                return None
            self._buffer += self._serial.read(64)

    def close(self) -> None:
        if self._serial is not None:
            self._serial.close()
            self._serial = None
