"""TWAIN driver (Windows) through pytwain. Written against pytwain 2.x; tested here with a fake module only.

MOSIP found TWAIN unreliable on 64-bit Windows 10, so WIA (``wia_driver``) is offered beside it and the clerk picks
the source that works. A TWAIN source manager is bound to the thread that opened it, which is why the driver is
created and used only on its own device-stack thread.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from typing import Any

from PIL import Image

from clerk_app.errors import Cancelled
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
    NoScanner,
    PaperJam,
    ScannerBusy,
    ScannerError,
    ScannerGone,
    ScannerNotReady,
)

log = logging.getLogger("onewindow.scanner.twain")

_PIXEL_TYPE = {ColourMode.BW: 0, ColourMode.GRAY: 1, ColourMode.COLOUR: 2}  # TWPT_BW, TWPT_GRAY, TWPT_RGB


def map_twain_error(twain: Any, exc: BaseException) -> Exception:
    errors = twain.exceptions
    pairs = [
        ("PaperJam", PaperJam), ("PaperDoubleFeedError", PaperJam), ("CheckDeviceOnlineError", ScannerNotReady),
        ("MaxConnectionsError", ScannerBusy), ("DeniedError", ScannerBusy), ("NoDataSourceError", NoScanner),
        ("DSTransferCancelled", Cancelled), ("CancelAll", Cancelled),
    ]
    for name, mapped in pairs:
        kind = getattr(errors, name, None)
        if kind is not None and isinstance(exc, kind):
            return mapped()
    return ScannerError(reason=type(exc).__name__)


class TwainDriver:
    kind = "twain"
    stack = "twain"

    def __init__(self, twain_module: Any | None = None, parent_window: Any = 0) -> None:
        if twain_module is None:
            import twain  # Windows only

            twain_module = twain
        self._twain: Any = twain_module
        self._sm = twain_module.SourceManager(parent_window)

    def _identity(self, name: str, source: Any | None = None) -> DeviceInfo:
        ident = getattr(source, "identity", None) or {}
        return DeviceInfo(self.kind, name, str(ident.get("Manufacturer", "")),
                          str(ident.get("ProductName", name)))

    def list_sources(self) -> list[DeviceInfo]:
        return [self._identity(name) for name in self._sm.source_list]

    def _open(self, device_id: str) -> Any:
        try:
            source = self._sm.open_source(device_id)
        except self._twain.exceptions.TwainError as exc:
            raise map_twain_error(self._twain, exc) from None
        if source is None:
            raise ScannerGone()
        return source

    def capabilities(self, device_id: str) -> Capabilities:
        source = self._open(device_id)
        try:
            has_adf = self._get(source, "CAP_FEEDERENABLED") is not None
            duplex = self._get(source, "CAP_DUPLEX")
            return Capabilities(resolutions=(150, 200, 300, 600), has_adf=has_adf, has_duplex=bool(duplex))
        finally:
            source.close()

    def _get(self, source: Any, cap: str) -> Any:
        try:
            return source.get_capability(getattr(self._twain, cap))
        except Exception:  # unsupported capabilities raise several pytwain types; absent means unsupported
            return None

    def _set(self, source: Any, cap: str, type_name: str, value: Any) -> None:
        try:
            source.set_capability(getattr(self._twain, cap), getattr(self._twain, type_name), value)
        except Exception as exc:  # drivers differ; an unsupported option is logged, the scan continues
            log.info("TWAIN %s not set: %s", cap, type(exc).__name__)

    def scan(self, device_id: str, settings: ScanSettings, token: CancelToken,
             progress: ProgressCallback) -> Iterator[RawPage]:
        token.raise_if_cancelled()
        source = self._open(device_id)
        info = self._identity(device_id, source)
        try:
            self._set(source, "ICAP_PIXELTYPE", "TWTY_UINT16", _PIXEL_TYPE[settings.mode])
            self._set(source, "ICAP_XRESOLUTION", "TWTY_FIX32", float(settings.resolution))
            self._set(source, "ICAP_YRESOLUTION", "TWTY_FIX32", float(settings.resolution))
            feeder = settings.source is PaperSource.ADF
            self._set(source, "CAP_FEEDERENABLED", "TWTY_BOOL", feeder)
            if feeder:
                self._set(source, "CAP_DUPLEXENABLED", "TWTY_BOOL", settings.duplex)
            try:
                source.request_acquire(show_ui=False, modal_ui=False)
            except self._twain.exceptions.TwainError as exc:
                raise map_twain_error(self._twain, exc) from None
            limit = settings.max_pages if settings.max_pages is not None else (None if feeder else 1)
            index, remaining = 0, 1
            while remaining and (limit is None or index < limit):
                if token.cancelled:
                    self._cancel(source)
                    raise Cancelled()
                progress(index, 0.0)
                try:
                    handle, remaining = source.xfer_image_natively()
                except self._twain.exceptions.TwainError as exc:
                    raise map_twain_error(self._twain, exc) from None
                try:
                    bmp = self._twain.dib_to_bm_file(handle)
                finally:
                    self._twain.global_handle_free(handle)
                image = Image.open(io.BytesIO(bmp), formats=["BMP"])
                image.load()
                progress(index, 1.0)
                yield RawPage(info, index, image=image, dpi=settings.resolution)
                index += 1
            if remaining:
                self._cancel(source)
        finally:
            source.close()

    def _cancel(self, source: Any) -> None:
        for name in ("cancel_all_transfers", "CancelAllTransfers"):
            fn = getattr(source, name, None)
            if callable(fn):
                try:
                    fn()
                except Exception:  # already idle
                    log.info("TWAIN cancel refused")
                return

    def close(self) -> None:
        try:
            self._sm.close()
        except Exception:  # a source manager that never opened has nothing to close
            log.info("TWAIN source manager close refused")
