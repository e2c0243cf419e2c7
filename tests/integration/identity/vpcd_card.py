"""A virtual social security card for pcscd's vpcd driver, on the plain vpcd wire protocol.

Run as a process: ``python vpcd_card.py --port 35964 [--pin 123456] [--le-6c] [--chained-61]``. It connects to
vpcd (which pcscd loads) as a TCP client; the card is "inserted" while the process is connected and "removed"
when it exits. Each vpcd message is a 2-byte big-endian length plus payload; a 1-byte payload is a control
code (0 power off, 1 power on, 2 reset, 4 send ATR), anything longer a C-APDU answered with length + R-APDU.
TCP_QUICKACK is set before every recv: vpcd writes length and data in two sends, and without it Nagle plus
delayed ACK costs about 40 ms per APDU (shared/recipes/DEVICES.md §2).

``SocialSecurityCardOS`` is also used directly by unit tests.
"""

from __future__ import annotations

import argparse
import signal
import socket
import struct
import sys
from dataclasses import dataclass, field

AID = bytes.fromhex("7378312E73682EC9E7BBE1B1A3D5CF")
ATR = bytes.fromhex("3B6C00000000000000000000000000")  # plain T=0 ATR; the content does not matter here

OK = b"\x90\x00"


def _pad(value: bytes, length: int, filler: bytes = b" ") -> bytes:
    return (value + filler * length)[:length]


def default_records() -> dict[int, dict[int, bytes]]:
    return {
        0xEF05: {
            0x01: bytes.fromhex("330300D15600000500A1B2C3D4E5F601"),
            0x02: b"3",
            0x03: b"3.00",
            0x04: bytes.fromhex("330300D15600000500000000"),
            0x05: bytes.fromhex("20190301"),
            0x06: bytes.fromhex("20290301"),
            0x07: b"A01234567",
        },
        0xEF06: {
            0x08: b"330302198506153023",
            0x09: _pad("测试王芳".encode("gbk"), 30, b"\x00"),
            0x0A: b"2",
            0x0B: b"\x0f",  # 15 = 土家
            0x0C: bytes.fromhex("330302"),
            0x0D: bytes.fromhex("19850615"),
        },
    }


@dataclass
class SocialSecurityCardOS:
    pin: str | None = None  # when set, EF06 needs VERIFY first
    le_6c: bool = False  # answer a wrong Le with 6C xx (the reader must resend)
    chained_61: bool = False  # answer with 61 xx (the reader must GET RESPONSE)
    records: dict[int, dict[int, bytes]] = field(default_factory=default_records)
    tries: int = 3
    _app: bool = False
    _ef: int | None = None
    _verified: bool = False
    _pending: bytes = b""

    def reset(self) -> None:
        self._app, self._ef, self._verified, self._pending = False, None, False, b""

    def execute(self, apdu: bytes) -> bytes:
        if len(apdu) < 4:
            return b"\x67\x00"
        ins, p1, p2 = apdu[1], apdu[2], apdu[3]
        body = apdu[5:5 + apdu[4]] if len(apdu) > 5 else b""
        if ins == 0xA4 and p1 == 0x04:
            self._app, self._ef = body == AID, None
            return OK if self._app else b"\x6a\x82"
        if ins == 0xA4 and p1 in (0x00, 0x02):
            fid = int.from_bytes(body, "big") if len(body) == 2 else -1
            if not self._app or fid not in self.records:
                return b"\x6a\x82"
            self._ef = fid
            return OK
        if ins == 0x20:
            return self._verify(body)
        if ins == 0xB2:
            return self._read_record(p1, p2, apdu[4] if len(apdu) == 5 else 0)
        if ins == 0xC0:
            data, self._pending = self._pending[:p2 or 256], self._pending[p2 or 256:]
            return data + (OK if not self._pending else bytes((0x61, len(self._pending))))
        return b"\x6d\x00"

    def _verify(self, body: bytes) -> bytes:
        if self.pin is None:
            return OK
        if self.tries == 0:
            return b"\x69\x83"
        if body.hex().upper().rstrip("F") == self.pin:
            self._verified, self.tries = True, 3
            return OK
        self.tries -= 1
        return bytes((0x63, 0xC0 | self.tries))

    def _read_record(self, tag: int, p2: int, le: int) -> bytes:
        if self._ef is None or p2 != 0x00:
            return b"\x69\x86"
        if self._ef == 0xEF06 and self.pin is not None and not self._verified:
            return b"\x69\x82"
        value = self.records[self._ef].get(tag)
        if value is None:
            return b"\x6a\x83"
        record = bytes((tag, len(value))) + value
        if self.le_6c and le != len(record):
            return bytes((0x6C, len(record)))
        if self.chained_61:
            self._pending = record
            return bytes((0x61, len(record)))
        return record + OK


def _recv_exact(sock: socket.socket, count: int) -> bytes:
    data = b""
    while len(data) < count:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise ConnectionError("vpcd closed the connection")
        data += chunk
    return data


def serve(card: SocialSecurityCardOS, host: str, port: int) -> None:
    sock = socket.create_connection((host, port))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        while True:
            (length,) = struct.unpack(">H", _recv_exact(sock, 2))
            message = _recv_exact(sock, length)
            if length == 1:
                if message[0] == 4:
                    sock.sendall(struct.pack(">H", len(ATR)) + ATR)
                elif message[0] in (0, 1, 2):
                    card.reset()
                continue
            reply = card.execute(message)
            sock.sendall(struct.pack(">H", len(reply)) + reply)
    except ConnectionError:
        pass
    finally:
        sock.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=35964)
    parser.add_argument("--pin")
    parser.add_argument("--le-6c", action="store_true")
    parser.add_argument("--chained-61", action="store_true")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    serve(SocialSecurityCardOS(pin=args.pin, le_6c=args.le_6c, chained_61=args.chained_61),
          args.host, args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
