"""The reader manager: one loop per device stack, each on its own ``DeviceStackExecutor`` thread.

Each loop rediscovers its driver's readers every few seconds (so a reader unplugged and plugged back is picked
up again), polls every open reader for a new card, reads it at once, and reports through listeners. Listeners
are called on the stack's thread: a Qt adapter must re-emit through signals (``ui.applicant_panel`` does).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from clerk_app.errors import UserFacingError
from devices.executor import DeviceStackExecutor
from devices.idcard.record_check import CardRecordInvalid
from devices.identity_base import (
    IdentityDeviceError,
    IdentityDriver,
    IdentityReader,
    IdentityRecord,
    NoReader,
    Presence,
    ReaderGone,
    ReaderInfo,
    ReaderTimeout,
)

log = logging.getLogger("onewindow.identity")


class IdentityListener:
    """Override what you need. Called on device threads; never block for long."""

    def readers_changed(self, connected: list[ReaderInfo]) -> None: ...

    def card_present(self, reader: ReaderInfo) -> None: ...

    def card_read(self, reader: ReaderInfo, record: IdentityRecord) -> None: ...

    def card_removed(self, reader: ReaderInfo) -> None: ...

    def read_failed(self, reader: ReaderInfo | None, error: UserFacingError) -> None: ...


@dataclass
class _Stack:
    driver: IdentityDriver
    executor: DeviceStackExecutor
    commands: queue.Queue[Callable[[], None] | None] = field(default_factory=queue.Queue)
    readers: dict[ReaderInfo, IdentityReader] = field(default_factory=dict)
    failed: set[ReaderInfo] = field(default_factory=set)  # open failed: do not log it again every round


# A presence poll is one short exchange (a SAM FIND_CARD frame, a PC/SC status query with no wait): polling 20 times
# a second costs next to nothing and keeps "card placed -> panel filled" within 150 ms (issue 11).
POLL_INTERVAL_SECONDS = 0.05


class ReaderManager:
    def __init__(self, drivers: list[IdentityDriver], keep_photo: bool = False,
                 poll_interval: float = POLL_INTERVAL_SECONDS,
                 rediscover_interval: float = 2.0) -> None:
        self.drivers = drivers
        self.keep_photo = keep_photo
        self.poll_interval = poll_interval
        self.rediscover_interval = rediscover_interval
        self._listeners: list[IdentityListener] = []
        self._stacks: list[_Stack] = []
        self._stop = threading.Event()
        self._connected: dict[ReaderInfo, None] = {}
        self._lock = threading.Lock()
        self.refused_records = 0  # card records that failed their check (devices.idcard.record_check)
        self._count_lock = threading.Lock()

    # --- lifecycle ---------------------------------------------------------------------------------------
    def add_listener(self, listener: IdentityListener) -> None:
        self._listeners.append(listener)

    def start(self) -> None:
        for index, driver in enumerate(self.drivers):
            stack = _Stack(driver, DeviceStackExecutor(f"identity-{driver.kind.value}-{index}"))
            self._stacks.append(stack)
            stack.executor.submit(self._loop, stack)

    def close(self) -> None:
        self._stop.set()
        for stack in self._stacks:
            stack.commands.put(None)
        for stack in self._stacks:
            stack.executor.shutdown()
        self._stacks.clear()

    @property
    def connected(self) -> list[ReaderInfo]:
        with self._lock:
            return list(self._connected)

    # --- requests from the UI (any thread) -----------------------------------------------------------------
    def read_now(self) -> None:
        """Read whatever card is on any reader now (F2). Failures come back through ``read_failed``."""
        if not self._stacks:
            self._emit("read_failed", None, NoReader())
            return
        pending = {"left": len(self._stacks), "read": False}
        lock = threading.Lock()
        errors: list[UserFacingError] = []

        def on_stack(stack: _Stack) -> None:
            done, error = self._read_stack(stack)
            with lock:
                pending["left"] -= 1
                pending["read"] = pending["read"] or done
                if error is not None:
                    errors.append(error)
                last = pending["left"] == 0
            if last and not pending["read"]:
                # Report the most telling failure: a card problem beats "no card" beats "no reader".
                errors.sort(key=_read_failed_sort_key)
                self._emit("read_failed", None, errors[0] if errors else NoReader())

        for stack in self._stacks:
            stack.commands.put(lambda s=stack: on_stack(s))  # type: ignore[misc]

    def call_on_stacks(self, fn: Callable[[IdentityReader], None]) -> None:
        """Run ``fn`` with every open reader, each on its own stack thread (for training controls, self-test)."""
        def run_all(stack: _Stack) -> None:
            for reader in list(stack.readers.values()):
                fn(reader)

        for stack in self._stacks:
            stack.commands.put(lambda s=stack: run_all(s))  # type: ignore[misc]

    # --- the stack loop (runs on the stack's own thread) -------------------------------------------------------
    def _loop(self, stack: _Stack) -> None:
        next_discovery = 0.0
        try:
            while not self._stop.is_set():
                if time.monotonic() >= next_discovery:
                    self._discover(stack)
                    next_discovery = time.monotonic() + self.rediscover_interval
                for info, reader in list(stack.readers.items()):
                    self._poll(stack, info, reader)
                try:
                    command = stack.commands.get(timeout=self.poll_interval)
                except queue.Empty:
                    continue
                if command is None:
                    break
                command()
        finally:
            for info, reader in list(stack.readers.items()):
                self._drop(stack, info, reader, quiet=True)

    def _discover(self, stack: _Stack) -> None:
        try:
            found = stack.driver.discover()
        except Exception:  # a discovery bug must not kill the loop; the reader just stays absent
            log.exception("discovery failed for %s", stack.driver.kind.value)
            found = []
        for info in list(stack.readers):
            if info not in found:
                self._drop(stack, info, stack.readers[info])
        for info in found:
            if info in stack.readers:
                continue
            reader = stack.driver.create(info)
            try:
                reader.open()
            except UserFacingError as exc:
                if info not in stack.failed:
                    log.info("reader %s not usable: %s", info.label, type(exc).__name__)
                    stack.failed.add(info)
                continue
            stack.failed.discard(info)
            stack.readers[info] = reader
            log.info("reader %s connected", info.label)
            with self._lock:
                self._connected[info] = None
            self._emit("readers_changed", self.connected)

    def _drop(self, stack: _Stack, info: ReaderInfo, reader: IdentityReader, quiet: bool = False) -> None:
        stack.readers.pop(info, None)
        try:
            reader.close()
        except Exception:  # closing a vanished device may fail in many ways; it is gone either way
            log.debug("closing %s failed", info.label, exc_info=True)
        with self._lock:
            self._connected.pop(info, None)
        if not quiet:
            log.info("reader %s disconnected", info.label)
            self._emit("readers_changed", self.connected)

    def _poll(self, stack: _Stack, info: ReaderInfo, reader: IdentityReader) -> None:
        try:
            presence = reader.poll()
        except (ReaderGone, ReaderTimeout):
            self._drop(stack, info, reader)
            return
        except UserFacingError as exc:
            self._emit("read_failed", info, exc)
            return
        except Exception:  # a driver bug: drop the reader; rediscovery reopens it
            log.exception("polling %s failed unexpectedly", info.label)
            self._drop(stack, info, reader)
            return
        if presence is Presence.REMOVED:
            self._emit("card_removed", info)
        elif presence is Presence.NEW_CARD:
            self._emit("card_present", info)
            error = self._read_one(stack, info, reader)
            if error is not None:
                self._emit("read_failed", info, error)

    def _read_one(self, stack: _Stack, info: ReaderInfo, reader: IdentityReader) -> UserFacingError | None:
        try:
            record = finish_record(reader.read(), self.keep_photo)
        except ReaderGone as exc:
            self._drop(stack, info, reader)
            return exc
        except CardRecordInvalid as exc:
            # Counted, logged by field only (never the value), and never shown in the panel: the clerk is asked
            # to place the card again.
            with self._count_lock:
                self.refused_records += 1
            log.warning("card record on %s refused: %s", info.label, exc.params.get("field"))
            return exc
        except UserFacingError as exc:
            log.info("read on %s failed: %s", info.label, type(exc).__name__)
            return exc
        except Exception:  # a driver bug: report it, reopen the reader, keep the loop alive
            log.exception("reader %s failed unexpectedly", info.label)
            self._drop(stack, info, reader)
            return IdentityDeviceError()
        log.info("card read on %s: %s", info.label, record.card_type.value)
        self._emit("card_read", info, record)
        return None

    def _read_stack(self, stack: _Stack) -> tuple[bool, UserFacingError | None]:
        if not stack.readers:
            return False, NoReader()
        error: UserFacingError | None = None
        for info, reader in list(stack.readers.items()):
            error = self._read_one(stack, info, reader)
            if error is None:
                return True, None
        return False, error

    def _emit(self, event: str, *args: object) -> None:
        for listener in list(self._listeners):
            try:
                getattr(listener, event)(*args)
            except Exception:  # a faulty listener must not stop the device loop
                log.exception("identity listener %s failed on %s", type(listener).__name__, event)


class DeviceSettings(Protocol):
    """What the drivers need of the configuration (``clerk_app.config.Config`` has it; devices do not import it)."""

    @property
    def is_training(self) -> bool: ...

    def get_list(self, key: str) -> list[Any]: ...

    def get_int(self, key: str) -> int: ...

    def get_bool(self, key: str) -> bool: ...


def build_drivers(config: DeviceSettings, pin_provider: Callable[[], str | None] | None = None) -> list[IdentityDriver]:
    """Serial SAM readers from ``devices.idcard_serial_ports`` (one stack each), PC/SC for social security cards,
    and in training mode (when none is configured) the labelled simulated reader."""
    from devices.idcard.serial_reader import SamSerialDriver
    from devices.sscard.reader import PcscDriver

    ports: list[str] = config.get_list("devices.idcard_serial_ports")
    baud: int = config.get_int("devices.idcard_baud")
    drivers: list[IdentityDriver] = [SamSerialDriver([port], baud) for port in ports]
    pcsc = PcscDriver(pin_provider=pin_provider)
    if pcsc.available() is None:
        drivers.append(pcsc)
    if config.is_training and config.get_bool("devices.simulated_when_absent") and not ports:
        from devices.identity_simulated import SimulatedDriver

        drivers.append(SimulatedDriver())
    return drivers


def _read_failed_sort_key(error: UserFacingError) -> int:
    return 1 if isinstance(error, NoReader) else 0


def finish_record(record: IdentityRecord, keep_photo: bool,
                  decoder: Any = None) -> IdentityRecord:
    """Decode the photo if a vendor decoder exists; drop the raw WLT block unless configured to keep it."""
    if not record.photo_wlt:
        return record
    if decoder is None:
        from devices.idcard.photo import decode_photo as decoder
    bmp = decoder(record.photo_wlt)
    return replace(record, photo_bmp=bmp, photo_wlt=record.photo_wlt if keep_photo else None, has_photo=True)
