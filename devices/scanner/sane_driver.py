"""SANE driver (Linux and domestic Linux distributions) through python-sane.

Runs only on the "sane" device stack thread. ``sane_cancel`` is the one call SANE allows from another thread (the
spec permits it even from a signal handler), so a cancel token hooks it; python-sane then returns the partial
image, which is discarded. Raising from python-sane's progress callback crashes the interpreter (seen with 2.9.2),
so the callback only records progress and never raises.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Iterator
from typing import Any

from clerk_app.errors import Cancelled
from devices.posix_signals import keep_sigpipe_ignored
from devices.scanner.base import (
    CancelToken,
    Capabilities,
    ColourMode,
    DeviceInfo,
    PaperSource,
    ProgressCallback,
    RawPage,
    ScanSettings,
)
from devices.scanner.errors import (
    CoverOpen,
    NoDocuments,
    PaperJam,
    ScannerBusy,
    ScannerError,
    ScannerGone,
    ScannerIOFailure,
)

log = logging.getLogger("onewindow.scanner.sane")

# libsane reads SANE_CONFIG_DIR once per process (at the first sane_init); later inits keep that configuration.
FIRST_CONFIG_DIR: list[str | None] = []

_STANDARD_DPI = (100, 150, 200, 240, 300, 400, 600)
_MODE_NAMES = {
    ColourMode.COLOUR: ("color", "colour", "24bit color", "rgb"),
    ColourMode.GRAY: ("gray", "grayscale", "grey", "true gray", "8bit gray"),
    ColourMode.BW: ("lineart", "binary", "black & white", "halftone"),
}


def map_sane_error(exc: BaseException) -> Exception:
    """Turn a ``sane.error`` (message text from ``sane_strstatus``) into a typed error."""
    text = str(exc).lower()
    if "jammed" in text:
        return PaperJam()
    if "cover" in text:
        return CoverOpen()
    if "out of documents" in text or "no docs" in text:
        return NoDocuments()
    if "busy" in text:
        return ScannerBusy()
    if "cancel" in text:
        return Cancelled()
    if "i/o" in text or "io error" in text:
        return ScannerIOFailure()
    if "invalid argument" in text and "device" in text:
        return ScannerGone()
    return ScannerError(reason=str(exc)[:120])


def _option(dev: Any, name: str) -> Any | None:
    try:
        return dev[name]
    except (KeyError, AttributeError):
        return None


def _constraint(dev: Any, name: str) -> Any:
    opt = _option(dev, name)
    return getattr(opt, "constraint", None) if opt is not None else None


class SaneDriver:
    kind = "sane"
    stack = "sane"

    def __init__(self, sane_module: Any | None = None, local_only: bool = True) -> None:
        if sane_module is None:
            import sane  # imported here so Windows builds never need it

            sane_module = sane
        self._sane: Any = sane_module
        self._error: type[Exception] = getattr(sane_module, "error", None) or sane_module._sane.error
        self._local_only = local_only
        self._sane.init()
        if not FIRST_CONFIG_DIR:
            FIRST_CONFIG_DIR.append(os.environ.get("SANE_CONFIG_DIR"))
        self._open: dict[str, Any] = {}
        # devices whose last scan was cancelled: the backend may still be winding that scan down
        self._winding_down: set[str] = set()
        self._known: dict[str, DeviceInfo] = {}
        # per-device backend options applied before each scan (vendor extras; fault injection in tests)
        self.backend_options: dict[str, dict[str, Any]] = {}

    # --- discovery --------------------------------------------------------------------------------------------
    def list_sources(self) -> list[DeviceInfo]:
        found = []
        for name, vendor, model, _type in self._sane.get_devices(self._local_only):
            info = DeviceInfo(self.kind, name, vendor or "", model or "")
            self._known[name] = info
            found.append(info)
        return found

    def _device(self, device_id: str) -> Any:
        """Open the device for one operation. Handles are not kept: several backends (pnm, many USB drivers)
        allow one open device at a time, and another program must be able to use the scanner between scans."""
        dev = self._open.get(device_id)
        if dev is not None:
            return dev
        try:
            dev = self._sane.open(device_id)
        except self._error as exc:
            raise map_sane_error(exc) from None
        except RuntimeError:
            raise ScannerGone() from None
        self._open[device_id] = dev
        return dev

    def _forget(self, device_id: str) -> None:
        dev = self._open.pop(device_id, None)
        if dev is not None:
            with contextlib.suppress(Exception):  # the device may already be gone; nothing else to release
                dev.close()

    def capabilities(self, device_id: str) -> Capabilities:
        dev = self._device(device_id)
        try:
            return self._capabilities(dev)
        finally:
            self._forget(device_id)

    def _capabilities(self, dev: Any) -> Capabilities:
        res = _constraint(dev, "resolution")
        if isinstance(res, list):
            resolutions = tuple(sorted({int(r) for r in res}))
        elif isinstance(res, tuple):
            low, high = res[0], res[1]
            resolutions = tuple(r for r in _STANDARD_DPI if low <= r <= high)
        else:
            resolutions = (300,)
        modes_available = [str(m).lower() for m in (_constraint(dev, "mode") or [])]
        modes = tuple(m for m, names in _MODE_NAMES.items() if any(n in modes_available for n in names))
        sources = [str(s).lower() for s in (_constraint(dev, "source") or [])]
        has_adf = any("adf" in s or "feeder" in s for s in sources)
        return Capabilities(
            resolutions=resolutions,
            colour_modes=modes or (ColourMode.GRAY,),
            has_flatbed=not sources or any("flatbed" in s for s in sources),
            has_adf=has_adf,
            has_duplex=any("duplex" in s for s in sources),
        )

    # --- scanning ---------------------------------------------------------------------------------------------
    def _configure(self, dev: Any, settings: ScanSettings) -> tuple[int, ColourMode]:
        modes = [str(m) for m in (_constraint(dev, "mode") or [])]
        chosen_mode = settings.mode
        for wanted in (settings.mode, ColourMode.GRAY, ColourMode.COLOUR):
            match = next((m for m in modes if m.lower() in _MODE_NAMES[wanted]), None)
            if match:
                dev.mode = match
                chosen_mode = wanted
                break
        res = _constraint(dev, "resolution")
        dpi = settings.resolution
        if isinstance(res, list) and res:
            dpi = int(min(res, key=lambda r: abs(r - dpi)))
        elif isinstance(res, tuple):
            dpi = int(max(res[0], min(res[1], dpi)))
        if _option(dev, "resolution") is not None:
            dev.resolution = dpi
        sources = [str(s) for s in (_constraint(dev, "source") or [])]
        if sources:
            if settings.source is PaperSource.ADF:
                feeders = [s for s in sources if "adf" in s.lower() or "feeder" in s.lower()]
                duplex = [s for s in feeders if "duplex" in s.lower()]
                pick = (duplex if settings.duplex and duplex else [s for s in feeders if s not in duplex] or feeders)
                if pick:
                    dev.source = pick[0]
            else:
                flat = [s for s in sources if "flatbed" in s.lower()]
                if flat:
                    dev.source = flat[0]
        width, height = settings.area_mm
        for name, edge in (("tl_x", 0.0), ("tl_y", 0.0), ("br_x", width), ("br_y", height)):
            limit = _constraint(dev, name)
            value = max(limit[0], min(limit[1], edge)) if isinstance(limit, tuple) else edge
            if _option(dev, name) is not None:
                setattr(dev, name, value)
        return dpi, chosen_mode

    def scan(self, device_id: str, settings: ScanSettings, token: CancelToken,
             progress: ProgressCallback) -> Iterator[RawPage]:
        token.raise_if_cancelled()
        dev = self._device(device_id)
        info = self._known.get(device_id) or DeviceInfo(self.kind, device_id, "", "")
        try:
            dpi, mode = self._configure(dev, settings)
            for name, value in self.backend_options.get(device_id, {}).items():
                setattr(dev, name, value)
        except (AttributeError, self._error) as exc:
            self._forget(device_id)
            log.warning("SANE option rejected: %s", exc)
            raise map_sane_error(exc) if isinstance(exc, self._error) else ScannerError(
                reason=type(exc).__name__) from None
        token.on_cancel(dev.cancel)
        feeder = settings.source is PaperSource.ADF
        limit = settings.max_pages if settings.max_pages is not None else (None if feeder else 1)
        index = 0
        try:
            while limit is None or index < limit:
                image = self._one_page(dev, device_id, index, feeder, token, progress)
                if image is None:
                    break
                yield RawPage(info, index, image=image, dpi=dpi, extra={"mode": mode.value})
                index += 1
        finally:
            if token.cancelled:
                self._winding_down.add(device_id)
            with contextlib.suppress(Exception):  # an already idle device may refuse; nothing to undo
                dev.cancel()  # ends the batch so the next start() begins cleanly
            keep_sigpipe_ignored()
            self._forget(device_id)

    def _one_page(self, dev: Any, device_id: str, index: int, feeder: bool, token: CancelToken,
                  progress: ProgressCallback) -> Any | None:
        token.raise_if_cancelled()
        last = [-1.0]

        def on_lines(read: int, total: int) -> None:
            fraction = read / total if total else 0.0
            if fraction - last[0] >= 0.05 or read == total:
                last[0] = fraction
                try:
                    progress(index, fraction)
                except Exception:  # never let an exception reach python-sane's C callback
                    log.exception("progress callback failed")

        image = None
        for attempt in range(4):
            try:
                try:
                    dev.start()
                    image = dev.snap(no_cancel=feeder, progress=on_lines)
                finally:
                    keep_sigpipe_ignored()
                break
            except self._error as exc:
                mapped = map_sane_error(exc)
                if token.cancelled:
                    raise Cancelled() from None
                if isinstance(mapped, Cancelled) and attempt < 3:
                    # a cancel of the previous scan can still be winding down in the backend (seen with the
                    # test backend's reader process): a fresh start a moment later succeeds
                    time.sleep(0.2)
                    continue
                self._raise_mapped(mapped, device_id, feeder, index)
                return None
            except RuntimeError as exc:  # "Scanner returned no data"
                if token.cancelled:
                    raise Cancelled() from None
                if device_id in self._winding_down and attempt < 3:
                    # the first start after a cancelled scan can find the backend still ending that scan and
                    # read nothing (seen with the test backend under load); a start a moment later succeeds
                    time.sleep(0.2)
                    continue
                raise ScannerError(reason=str(exc)[:120]) from None
        if token.cancelled:
            raise Cancelled()
        self._winding_down.discard(device_id)
        return image

    def _raise_mapped(self, mapped: Exception, device_id: str, feeder: bool, index: int) -> None:
        """Raise the typed error, except for the feeder running empty after the last page (a normal end)."""
        if isinstance(mapped, NoDocuments) and feeder and index > 0:
            return
        if isinstance(mapped, (ScannerGone, ScannerIOFailure)):
            self._forget(device_id)
        raise mapped

    def close(self) -> None:
        for device_id in list(self._open):
            self._forget(device_id)
        with contextlib.suppress(Exception):  # exit after a failed init is harmless
            self._sane.exit()

