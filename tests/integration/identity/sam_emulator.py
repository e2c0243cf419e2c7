"""A SAM ID-card reader emulator on a pseudo-terminal, for integration tests and the benchmark.

The app side opens ``emulator.port`` (a stable symlink to the pty slave) with pyserial exactly as it would open a
real RS-232 / USB-CDC reader. The emulator answers the SAM protocol with real frames and can inject the faults a
real line shows: no card, select failure, bad checksum, truncated frame, garbage before the preamble, card removed
between select and read, a silent reader, and unplug / replug (the symlink moves to a new pty).
"""

from __future__ import annotations

import contextlib
import os
import pty
import select
import threading
import time
import tty
from dataclasses import dataclass, field
from pathlib import Path

from devices.idcard.protocol import Command, FrameDecoder, Status, build_response

PHOTO = bytes(range(256)) * 4  # 1024 bytes standing in for a WLT block


@dataclass
class Faults:
    """One-shot faults are consumed by the next matching command; ``silent`` is permanent until cleared."""

    garbage_before: bytes = b""  # prefix for the next response
    bad_checksum: int = 0  # corrupt the checksum of the next N responses
    truncate: int = 0  # cut the next N responses in half (then send nothing more)
    select_fails: bool = False
    removed_before_read: bool = False
    silent: bool = False
    sam_status: int = Status.SUCCESS


@dataclass
class EmulatorState:
    text: bytes | None = None  # the card on the reader (256-byte text block)
    appended: bytes | None = None
    read_done: bool = False
    faults: Faults = field(default_factory=Faults)
    commands: list[tuple[int, int]] = field(default_factory=list)
    last_response_at: float = 0.0  # perf_counter when the last byte of the last response was written
    read_response_at: float = 0.0  # the same for the last 30 01 (read base message) response


class SamEmulator:
    def __init__(self, directory: Path) -> None:
        self.port = str(directory / "ttySAM0")
        self.state = EmulatorState()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._master = -1
        self._slave = -1
        self._thread: threading.Thread | None = None

    # --- control from the test -----------------------------------------------------------------------------
    def place(self, text: bytes, appended: bytes | None = None) -> None:
        with self._lock:
            self.state.text, self.state.appended, self.state.read_done = text, appended, False

    def lift(self) -> None:
        with self._lock:
            self.state.text, self.state.read_done = None, False

    @property
    def faults(self) -> Faults:
        return self.state.faults

    def start(self) -> SamEmulator:
        self._master, self._slave = pty.openpty()
        tty.setraw(self._slave)
        link = Path(self.port)
        with contextlib.suppress(FileNotFoundError):
            link.unlink()
        link.symlink_to(os.ttyname(self._slave))
        self._stop.clear()
        self._thread = threading.Thread(target=self._serve, name="sam-emulator", daemon=True)
        self._thread.start()
        return self

    def unplug(self) -> None:
        """The reader's cable is pulled: the device node goes away and the app's reads fail."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
        with contextlib.suppress(FileNotFoundError):
            Path(self.port).unlink()
        for fd in (self._master, self._slave):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._master = self._slave = -1

    def replug(self) -> None:
        self.start()

    stop = unplug

    # --- the device side ------------------------------------------------------------------------------------
    def _serve(self) -> None:
        decoder = FrameDecoder(min_length=3)
        master = self._master
        while not self._stop.is_set():
            ready, _, _ = select.select([master], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(master, 4096)
            except OSError:
                return
            for frame in decoder.feed(chunk):
                reply = self._answer(frame[7], frame[8])
                if reply:
                    os.write(master, reply)
                    self.state.last_response_at = time.perf_counter()
                    if (frame[7], frame[8]) == Command.READ_BASE.value:
                        self.state.read_response_at = self.state.last_response_at

    def _answer(self, cmd: int, para: int) -> bytes:
        with self._lock:
            s = self.state
            f = s.faults
            s.commands.append((cmd, para))
            if f.silent:
                return b""
            data = b""
            key = (cmd, para)
            if key == Command.SAM_STATUS.value:
                sw3 = f.sam_status
            elif key == Command.SAM_ID.value:
                sw3, data = Status.SUCCESS, bytes.fromhex("0501000020231122000012345678")
            elif key == Command.FIND_CARD.value:
                sw3 = Status.FIND_SUCCESS if s.text is not None and not s.read_done else Status.NO_CARD
            elif key == Command.SELECT_CARD.value:
                if f.select_fails:
                    f.select_fails = False
                    sw3 = Status.SELECT_FAILED
                else:
                    sw3 = Status.SUCCESS if s.text is not None else Status.SELECT_FAILED
            elif key in (Command.READ_BASE.value, Command.READ_BASE_FP.value):
                if f.removed_before_read:
                    f.removed_before_read = False
                    s.text = None
                if s.text is None:
                    sw3 = Status.READ_FAILED
                else:
                    sw3 = Status.SUCCESS
                    data = (256).to_bytes(2, "big") + (1024).to_bytes(2, "big") + s.text + PHOTO
                    s.read_done = True
            elif key == Command.READ_APPENDED_ADDRESS.value:
                sw3, data = (Status.SUCCESS, s.appended) if s.appended else (Status.NO_CONTENT, b"")
            else:
                sw3 = Status.COMMAND_ERROR
            frame = build_response(sw3, data)
            if f.bad_checksum:
                f.bad_checksum -= 1
                frame = frame[:-1] + bytes((frame[-1] ^ 0xFF,))
            if f.truncate:
                f.truncate -= 1
                frame = frame[: len(frame) // 2]
            if f.garbage_before:
                frame, f.garbage_before = f.garbage_before + frame, b""
            return frame
