"""A SAM ID-card reader on a serial line (RS-232 or USB-CDC), driven with pyserial.

Sequence per card (FACTS.md §1.1): find (20 01 -> 9F), select (20 02 -> 90), read (30 01 -> 90 + text +
photo), appended address (30 03 -> 90, or 91 when there is none). A card just read answers "not found"
until it is lifted and placed again, so the reader reports no *new* card rather than retrying.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time

import serial
from serial.tools import list_ports

from clerk_app.domain.applicant import CaptureSource
from devices.idcard import photo
from devices.idcard.layouts import TEXT_LEN, parse_appended_address, parse_text
from devices.idcard.protocol import (
    Command,
    FrameDecoder,
    FrameError,
    Response,
    Status,
    build_command,
    parse_response,
    status_meaning,
)
from devices.identity_base import (
    CardDataError,
    CardMoved,
    IdentityDriver,
    IdentityReader,
    IdentityRecord,
    LiftAndReplace,
    NoReader,
    Presence,
    ReaderGone,
    ReaderInfo,
    ReaderKind,
    ReaderTimeout,
    SamFault,
    SelfTestResult,
)

log = logging.getLogger("onewindow.devices.idcard")

try:
    import termios

    _TERMIOS_ERRORS: tuple[type[Exception], ...] = (termios.error,)
except ImportError:  # Windows
    _TERMIOS_ERRORS = ()

DEFAULT_BAUD = 115200
READ_SLICE = 0.02  # seconds per blocking read: short so a deadline is honoured closely


class SamTransport:
    """Command/response exchange with resynchronisation. One instance per port, used from one thread only."""

    def __init__(self, port: str, baud: int = DEFAULT_BAUD, timeout: float = 1.0, retries: int = 1) -> None:
        self.port = port
        self.baud = baud
        self.timeout = timeout
        self.retries = retries
        self._serial: serial.Serial | None = None
        self.decoder = FrameDecoder(min_length=4)

    def open(self) -> None:
        try:
            self._serial = serial.Serial(self.port, self.baud, timeout=READ_SLICE, write_timeout=self.timeout)
        except (serial.SerialException, OSError, ValueError) as exc:
            raise NoReader() from exc

    def close(self) -> None:
        if self._serial is not None:
            with contextlib.suppress(serial.SerialException, OSError):
                self._serial.close()
            self._serial = None

    @property
    def is_open(self) -> bool:
        return self._serial is not None

    def transact(self, command: Command, data: bytes = b"", timeout: float | None = None) -> Response:
        """Send ``command`` and return its response; one resend after garbage, a bad checksum or silence."""
        last: Exception | None = None
        for attempt in range(self.retries + 1):
            try:
                return self._once(build_command(command, data), timeout or self.timeout)
            except (ReaderTimeout, FrameError) as exc:
                last = exc
                log.info("SAM %s attempt %d failed: %s", command.name, attempt + 1, type(exc).__name__)
        if isinstance(last, FrameError):
            raise ReaderTimeout() from last
        assert last is not None
        raise last

    def _once(self, frame: bytes, timeout: float) -> Response:
        ser = self._serial
        if ser is None:
            raise ReaderGone()
        try:
            ser.reset_input_buffer()  # a late answer to an earlier command must not be taken for this one
            self.decoder.reset()
            ser.write(frame)
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                chunk = ser.read(ser.in_waiting or 1)
                if not chunk:
                    continue
                bad_before = self.decoder.stats.bad_checksums
                frames = self.decoder.feed(chunk)
                if frames:
                    return parse_response(frames[0])
                if self.decoder.stats.bad_checksums > bad_before:
                    raise FrameError("checksum mismatch")  # resend now rather than wait for the timeout
        except (serial.SerialException, OSError, *_TERMIOS_ERRORS) as exc:
            # pyserial raises these when a USB-CDC reader is unplugged or the pty/device disappears;
            # flushing a vanished tty raises termios.error, which is not an OSError.
            self.close()
            raise ReaderGone() from exc
        raise ReaderTimeout()


class SamSerialReader(IdentityReader):
    def __init__(self, info: ReaderInfo, baud: int = DEFAULT_BAUD, timeout: float = 1.0,
                 read_timeout: float = 3.0) -> None:
        super().__init__(info)
        self.transport = SamTransport(info.path, baud, timeout)
        self.read_timeout = read_timeout
        self._found = False

    def open(self) -> None:
        photo.warm_up()
        self.transport.open()
        try:
            response = self.transport.transact(Command.SAM_STATUS)
        except ReaderTimeout as exc:
            self.transport.close()
            raise NoReader() from exc
        if response.sw3 != Status.SUCCESS:
            self.transport.close()
            raise SamFault(response.sw3, status_meaning(response.sw3))

    def close(self) -> None:
        self.transport.close()

    def poll(self) -> Presence:
        response = self.transport.transact(Command.FIND_CARD)
        if response.sw3 == Status.FIND_SUCCESS:
            self._found = True
            return Presence.NEW_CARD
        if response.sw3 == Status.NO_CARD:
            return Presence.NO_NEW_CARD
        raise SamFault(response.sw3, status_meaning(response.sw3))

    def read(self) -> IdentityRecord:
        if not self._found and self.poll() is not Presence.NEW_CARD:
            raise LiftAndReplace()
        self._found = False
        select = self.transport.transact(Command.SELECT_CARD)
        if select.sw3 in (Status.SELECT_FAILED, Status.NO_CARD):
            raise CardMoved()
        if select.sw3 != Status.SUCCESS:
            raise SamFault(select.sw3, status_meaning(select.sw3))
        try:
            base = self.transport.transact(Command.READ_BASE, timeout=self.read_timeout)
        except ReaderTimeout as exc:
            raise CardMoved() from exc
        if base.sw3 in (Status.READ_FAILED, Status.NO_CARD, Status.SELECT_FAILED):
            raise CardMoved()
        if base.sw3 != Status.SUCCESS:
            raise SamFault(base.sw3, status_meaning(base.sw3))
        text, photo = split_base_message(base.data)
        appended = None
        extra = self.transport.transact(Command.READ_APPENDED_ADDRESS)
        if extra.sw3 == Status.SUCCESS:
            appended = parse_appended_address(extra.data)
        elif extra.sw3 != Status.NO_CONTENT:
            log.info("appended address not read: SAM status 0x%02X", extra.sw3)
        return parse_text(text, photo, CaptureSource.CARD_READER, appended)

    def self_test(self) -> SelfTestResult:
        status = self.transport.transact(Command.SAM_STATUS)
        if status.sw3 != Status.SUCCESS:
            return SelfTestResult(False, f"SAM status 0x{status.sw3:02X} ({status_meaning(status.sw3)})")
        sam_id = self.transport.transact(Command.SAM_ID)
        ident = sam_id.data.hex() if sam_id.sw3 == Status.SUCCESS else "unavailable"
        return SelfTestResult(True, f"SAM ok, SAM id {ident}")


def split_base_message(data: bytes) -> tuple[bytes, bytes]:
    """``30 01`` data: text length (BE), photo length (BE), text, photo (FACTS.md §1.3)."""
    if len(data) < 4:
        raise CardDataError(field="base message")
    text_len = int.from_bytes(data[0:2], "big")
    photo_len = int.from_bytes(data[2:4], "big")
    if text_len != TEXT_LEN or len(data) < 4 + text_len + photo_len:
        raise CardDataError(field="base message length")
    text = data[4:4 + text_len]
    photo = data[4 + text_len:4 + text_len + photo_len]
    return text, photo


class SamSerialDriver(IdentityDriver):
    kind = ReaderKind.SAM_SERIAL

    def __init__(self, ports: list[str], baud: int = DEFAULT_BAUD) -> None:
        self.ports = list(ports)
        self.baud = baud

    def discover(self) -> list[ReaderInfo]:
        listed = {p.device for p in list_ports.comports()} if os.name == "nt" else set()
        return [
            ReaderInfo(ReaderKind.SAM_SERIAL, port, f"SAM {port}", f"serial:{port}")
            for port in self.ports
            if port in listed or os.path.exists(port)
        ]

    def create(self, info: ReaderInfo) -> SamSerialReader:
        return SamSerialReader(info, self.baud)
