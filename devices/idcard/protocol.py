"""SAM serial protocol framing (FACTS.md §1.1-1.2), independent of any transport.

    Host -> SAM : AA AA AA 96 69 | LEN_H LEN_L | CMD PARA | DATA... | CHK
    SAM -> Host : AA AA AA 96 69 | LEN_H LEN_L | SW1 SW2 SW3 | DATA... | CHK

LEN counts everything after itself including CHK; CHK is the XOR of LEN_H through the last data byte.
``FrameDecoder`` accepts bytes in any chunking and resynchronises on the preamble after garbage or a frame
whose checksum is wrong, so a noisy line costs one retry, never a wedged reader.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import reduce

from clerk_app.i18n import QT_TRANSLATE_NOOP

PREAMBLE = b"\xaa\xaa\xaa\x96\x69"
HEADER_LEN = 7  # preamble + LEN
# The longest legal answer is 30 10 with fingerprints (2321 bytes, LEN 2314); anything much larger is garbage.
MAX_LEN = 0x1000


class Command(enum.Enum):
    RESET_SAM = (0x10, 0xFF)
    SAM_STATUS = (0x11, 0xFF)
    SAM_ID = (0x12, 0xFF)
    FIND_CARD = (0x20, 0x01)
    SELECT_CARD = (0x20, 0x02)
    READ_BASE = (0x30, 0x01)
    READ_BASE_FP = (0x30, 0x10)
    READ_APPENDED_ADDRESS = (0x30, 0x03)
    SET_MAX_RF_BYTES = (0x61, 0xFF)


class Status(enum.IntEnum):
    SUCCESS = 0x90
    FIND_SUCCESS = 0x9F
    NO_CONTENT = 0x91
    CHECKSUM_ERROR = 0x10
    LENGTH_ERROR = 0x11
    COMMAND_ERROR = 0x21
    UNAUTHORISED = 0x23
    UNRECOGNISED_ERROR = 0x24
    CARD_AUTH_SAM_FAILED = 0x31
    SAM_AUTH_CARD_FAILED = 0x32
    VERIFY_ERROR = 0x33
    UNRECOGNISED_CARD = 0x40
    READ_FAILED = 0x41
    RANDOM_FAILED = 0x47
    SAM_SELF_TEST_FAILED = 0x60
    SAM_NOT_AUTHORISED = 0x66
    NO_CARD = 0x80
    SELECT_FAILED = 0x81


# English meanings for diagnostics; the clerk sees the translated SamFault text built from these.
STATUS_MEANING: dict[int, str] = {
    0x90: QT_TRANSLATE_NOOP("sam_status", "operation succeeded"),
    0x9F: QT_TRANSLATE_NOOP("sam_status", "card found"),
    0x91: QT_TRANSLATE_NOOP("sam_status", "no such content on the card"),
    0x10: QT_TRANSLATE_NOOP("sam_status", "checksum error in received data"),
    0x11: QT_TRANSLATE_NOOP("sam_status", "length error in received data"),
    0x21: QT_TRANSLATE_NOOP("sam_status", "command error"),
    0x23: QT_TRANSLATE_NOOP("sam_status", "unauthorised operation"),
    0x24: QT_TRANSLATE_NOOP("sam_status", "unrecognised error"),
    0x31: QT_TRANSLATE_NOOP("sam_status", "card failed to authenticate the SAM"),
    0x32: QT_TRANSLATE_NOOP("sam_status", "SAM failed to authenticate the card"),
    0x33: QT_TRANSLATE_NOOP("sam_status", "information verification error"),
    0x40: QT_TRANSLATE_NOOP("sam_status", "unrecognised card type"),
    0x41: QT_TRANSLATE_NOOP("sam_status", "read card operation failed"),
    0x47: QT_TRANSLATE_NOOP("sam_status", "random number failed"),
    0x60: QT_TRANSLATE_NOOP("sam_status", "SAM self-test failed"),
    0x66: QT_TRANSLATE_NOOP("sam_status", "SAM not authorised"),
    0x80: QT_TRANSLATE_NOOP("sam_status", "no card found"),
    0x81: QT_TRANSLATE_NOOP("sam_status", "select card failed"),
}


def status_meaning(sw3: int) -> str:
    return STATUS_MEANING.get(sw3, "unknown status")


def xor_checksum(data: bytes) -> int:
    return reduce(lambda a, b: a ^ b, data, 0)


def build_command(command: Command, data: bytes = b"") -> bytes:
    cmd, para = command.value
    return build_frame(bytes((cmd, para)) + data)


def build_frame(body: bytes) -> bytes:
    """Wrap ``body`` (CMD PARA DATA, or SW1 SW2 SW3 DATA) with preamble, length and checksum."""
    length = (len(body) + 1).to_bytes(2, "big")
    payload = length + body
    return PREAMBLE + payload + bytes((xor_checksum(payload),))


def build_response(sw3: int, data: bytes = b"", sw1: int = 0, sw2: int = 0) -> bytes:
    return build_frame(bytes((sw1, sw2, sw3)) + data)


class FrameError(ValueError):
    """Not a valid frame (bad checksum, length, preamble). Never shown to the clerk as is."""


@dataclass(frozen=True)
class Response:
    sw1: int
    sw2: int
    sw3: int
    data: bytes

    @property
    def ok(self) -> bool:
        return self.sw1 == 0 and self.sw2 == 0 and self.sw3 in (Status.SUCCESS, Status.FIND_SUCCESS)


def parse_response(frame: bytes) -> Response:
    """Parse exactly one complete response frame; raise ``FrameError`` for anything else."""
    if len(frame) < HEADER_LEN + 4 or not frame.startswith(PREAMBLE):
        raise FrameError("not a response frame")
    length = int.from_bytes(frame[5:7], "big")
    if length != len(frame) - HEADER_LEN:
        raise FrameError("length field does not match")
    if xor_checksum(frame[5:-1]) != frame[-1]:
        raise FrameError("checksum mismatch")
    return Response(frame[7], frame[8], frame[9], bytes(frame[10:-1]))


@dataclass
class DecoderStats:
    discarded_bytes: int = 0
    bad_checksums: int = 0


class FrameDecoder:
    """Incremental frame splitter: ``feed(chunk)`` returns the complete, checksum-valid frames so far."""

    def __init__(self, min_length: int = 3) -> None:
        # Responses have at least SW1 SW2 SW3 CHK (LEN >= 4); commands CMD PARA CHK (LEN >= 3).
        self._min_length = min_length
        self._buf = bytearray()
        self.stats = DecoderStats()

    def reset(self) -> None:
        self._buf.clear()

    @property
    def pending(self) -> int:
        return len(self._buf)

    def feed(self, chunk: bytes) -> list[bytes]:
        self._buf += chunk
        frames: list[bytes] = []
        while True:
            start = self._buf.find(PREAMBLE)
            if start < 0:
                # Keep a tail that may be the beginning of a preamble split across chunks.
                keep = _preamble_prefix_len(self._buf)
                self._discard(len(self._buf) - keep)
                return frames
            self._discard(start)
            if len(self._buf) < HEADER_LEN:
                return frames
            length = int.from_bytes(self._buf[5:7], "big")
            if not self._min_length <= length <= MAX_LEN:
                self._discard(1)  # a false preamble: look for the next one
                continue
            if len(self._buf) < HEADER_LEN + length:
                return frames
            frame = bytes(self._buf[: HEADER_LEN + length])
            if xor_checksum(frame[5:-1]) != frame[-1]:
                self.stats.bad_checksums += 1
                self._discard(1)
                continue
            del self._buf[: HEADER_LEN + length]
            frames.append(frame)

    def _discard(self, count: int) -> None:
        if count > 0:
            del self._buf[:count]
            self.stats.discarded_bytes += count


def _preamble_prefix_len(buf: bytearray) -> int:
    for keep in range(min(len(PREAMBLE) - 1, len(buf)), 0, -1):
        if buf[-keep:] == PREAMBLE[:keep]:
            return keep
    return 0
