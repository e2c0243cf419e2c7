"""No busy polling on battery (issue 21, a laptop on a home visit for days).

On mains the workstation polls for responsiveness: the card reader 20 times a second (card → panel within 150 ms,
issue 11), the queue system every ``queue.poll_seconds``, the platform every ``sync.interval_seconds``. On battery
those loops wake the CPU (and the USB reader) for little: a villager's card is placed by the clerk, who can wait half
a second, and nobody queues in a village hall. ``PowerSaver.check()`` reads the power supply (Linux sysfs,
``/sys/class/power_supply``; a fake folder in tests) and, when it changes, sets the loops' intervals:

==================  ===========================  ===================================
loop                on mains (polls per minute)  on battery (polls per minute)
==================  ===========================  ===================================
card presence       0.05 s (1200)                0.5 s (120)
reader discovery    2 s (30)                     10 s (6)
queue state         5 s (12, the default)        30 s (2)
sync pass           30 s (2, the default)        300 s (0.2); F5 still syncs at once
==================  ===========================  ===================================

Back on mains the configured intervals return and a sync pass runs at once (what was taken away is sent). Every
loop reads its interval on each round, so the change needs no restart. The check itself is a read of a few small
files, run every ``CHECK_SECONDS`` (2 per minute).
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

log = logging.getLogger("onewindow.power")

SUPPLY_DIR = Path("/sys/class/power_supply")
CHECK_SECONDS = 30.0


class PowerSource(enum.Enum):
    MAINS = "mains"
    BATTERY = "battery"
    UNKNOWN = "unknown"  # no supply reported (a desktop, a VM, Windows): treated as mains


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return ""


def read_power_source(root: Path = SUPPLY_DIR) -> PowerSource:
    """Mains when any mains/USB adapter is online; battery when a battery is discharging or when adapters exist and
    none is online; unknown when the folder reports neither."""
    try:
        supplies = [p for p in root.iterdir() if p.is_dir()]
    except OSError:
        return PowerSource.UNKNOWN
    adapters = [p for p in supplies if _read(p / "type") in ("Mains", "USB", "USB_C", "Wireless")]
    batteries = [p for p in supplies if _read(p / "type") == "Battery"]
    if any(_read(p / "online") == "1" for p in adapters):
        return PowerSource.MAINS
    if any(_read(p / "status") == "Discharging" for p in batteries) or (batteries and adapters):
        return PowerSource.BATTERY
    return PowerSource.UNKNOWN


@dataclass(frozen=True)
class Intervals:
    card_poll: float
    card_rediscover: float
    queue_poll: float
    sync: float

    def polls_per_minute(self) -> dict[str, float]:
        return {name: round(60.0 / float(value), 1) for name, value in vars(self).items()}


def battery_intervals(mains: Intervals) -> Intervals:
    """Never faster than on mains, whatever the configuration says."""
    return Intervals(card_poll=max(mains.card_poll, 0.5), card_rediscover=max(mains.card_rediscover, 10.0),
                     queue_poll=max(mains.queue_poll, 30.0), sync=max(mains.sync, 300.0))


class _Reader(Protocol):
    poll_interval: float
    rediscover_interval: float


class _Queue(Protocol):
    poll_seconds: float


class _Sync(Protocol):
    interval: float

    def sync_now(self) -> None: ...


class PowerSaver:
    """Holds the mains intervals (what the loops had when it was built) and switches the loops between them and
    the battery intervals."""

    def __init__(self, reader: _Reader, queue: _Queue, sync: _Sync, *, root: Path = SUPPLY_DIR,
                 enabled: bool = True) -> None:
        self._reader, self._queue, self._sync = reader, queue, sync
        self.root = root
        self.enabled = enabled
        self.mains = Intervals(reader.poll_interval, reader.rediscover_interval, queue.poll_seconds, sync.interval)
        self.battery = battery_intervals(self.mains)
        self.source = PowerSource.UNKNOWN

    def current(self) -> Intervals:
        return Intervals(self._reader.poll_interval, self._reader.rediscover_interval, self._queue.poll_seconds,
                         self._sync.interval)

    def check(self) -> PowerSource:
        """Read the supply; on a change apply its intervals (safe from any thread: plain attribute writes the
        loops read on their next round)."""
        source = read_power_source(self.root) if self.enabled else PowerSource.UNKNOWN
        if source is self.source:
            return source
        was_battery = self.source is PowerSource.BATTERY
        self.source = source
        chosen = self.battery if source is PowerSource.BATTERY else self.mains
        self._reader.poll_interval = chosen.card_poll
        self._reader.rediscover_interval = chosen.card_rediscover
        self._queue.poll_seconds = chosen.queue_poll
        self._sync.interval = chosen.sync
        log.info("power source %s: polls per minute %s", source.value, chosen.polls_per_minute())
        if was_battery and source is not PowerSource.BATTERY:
            self._sync.sync_now()  # back on mains: send what the visit took at once
        return source
