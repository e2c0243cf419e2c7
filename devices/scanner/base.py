"""The scanner interface every driver implements (SANE, TWAIN, WIA, document camera, watched folder, simulated).

A driver is confined to one device stack thread (``DeviceStackExecutor``): the service calls every driver method
on that thread, so drivers need no locking of their own. ``scan`` is a generator that yields one ``RawPage`` at a
time, so the caller can store each page as soon as it exists and a cancel or jam never loses earlier pages.
"""

from __future__ import annotations

import contextlib
import enum
import threading
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Protocol

from PIL import Image

from clerk_app.errors import Cancelled


class ColourMode(enum.Enum):
    COLOUR = "colour"
    GRAY = "gray"
    BW = "bw"  # black and white (1 bit), best for plain text pages


class PaperSource(enum.Enum):
    FLATBED = "flatbed"
    ADF = "adf"  # automatic document feeder


@dataclass(frozen=True)
class DeviceInfo:
    """Who captured a page; recorded with every page in the case (make, model, id)."""

    kind: str  # sane, twain, wia, camera, folder, file, simulated
    id: str  # the driver's own device name
    make: str
    model: str
    simulated: bool = False

    @property
    def key(self) -> str:
        """Unique across drivers; what the UI and CLI pass back to the service."""
        return f"{self.kind}:{self.id}"

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    @staticmethod
    def from_dict(data: dict[str, object]) -> DeviceInfo:
        return DeviceInfo(str(data["kind"]), str(data["id"]), str(data.get("make", "")),
                          str(data.get("model", "")), bool(data.get("simulated", False)))


@dataclass(frozen=True)
class Capabilities:
    resolutions: tuple[int, ...] = (150, 200, 300)
    colour_modes: tuple[ColourMode, ...] = (ColourMode.COLOUR, ColourMode.GRAY, ColourMode.BW)
    has_flatbed: bool = True
    has_adf: bool = False
    has_duplex: bool = False

    def nearest_resolution(self, wanted: int) -> int:
        return min(self.resolutions, key=lambda r: (abs(r - wanted), -r)) if self.resolutions else wanted


@dataclass(frozen=True)
class ScanSettings:
    resolution: int = 300
    mode: ColourMode = ColourMode.COLOUR
    source: PaperSource = PaperSource.FLATBED
    duplex: bool = False
    area_mm: tuple[float, float] = (210.0, 297.0)  # A4
    max_pages: int | None = None  # None: one page on the flatbed, every page in the feeder


@dataclass
class RawPage:
    """A page as the device delivered it: either decoded pixels or an encoded file (camera JPEG, dropped PDF)."""

    device: DeviceInfo
    index: int
    image: Image.Image | None = None
    data: bytes | None = None
    dpi: int | None = None
    extra: dict[str, object] = field(default_factory=dict)


class CancelToken:
    """Set from any thread; drivers check it between pages and lines."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._hooks: list[Callable[[], None]] = []
        self._lock = threading.Lock()

    def cancel(self) -> None:
        with self._lock:
            self._event.set()
            hooks = list(self._hooks)
        for hook in hooks:
            # a device that is already idle may refuse the cancel; the flag still stands
            with contextlib.suppress(Exception):
                hook()

    def on_cancel(self, hook: Callable[[], None]) -> None:
        """Run ``hook`` (e.g. ``sane_cancel``) when cancelled; immediately if already cancelled."""
        with self._lock:
            self._hooks.append(hook)
            already = self._event.is_set()
        if already:
            hook()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()


ProgressCallback = Callable[[int, float], None]  # page index (0-based), fraction of that page read


class ScannerDriver(Protocol):
    kind: str
    stack: str  # name of the DeviceStackExecutor the driver is confined to

    def list_sources(self) -> list[DeviceInfo]: ...

    def capabilities(self, device_id: str) -> Capabilities: ...

    def scan(self, device_id: str, settings: ScanSettings, token: CancelToken,
             progress: ProgressCallback) -> Iterator[RawPage]: ...

    def close(self) -> None: ...
