"""TWAIN driver (Windows) through pytwain. Written against pytwain 2.x; tested here with a fake module only.

MOSIP found TWAIN unreliable on 64-bit Windows 10, so WIA (``wia_driver``) is offered beside it and the clerk picks
the source that works. A TWAIN source manager is bound to the thread that opened it, which is why the driver is
created and used only on its own device-stack thread.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterator
from pathlib import Path
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
            duplex = self._get(source, "CAP_DUPLEX")  # (TWTY_UINT16, TWDX_NONE=0 / 1PASS / 2PASS)
            duplex_value = duplex[1] if isinstance(duplex, tuple) and len(duplex) == 2 else duplex
            return Capabilities(resolutions=(150, 200, 300, 600), has_adf=has_adf,
                                has_duplex=bool(duplex_value))
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
        """pytwain's ``acquire_natively`` runs the Windows message loop a source needs to signal "transfer ready";
        pages are collected in its callback and handed on when the source is closed again, a jam after them
        included (the earlier pages are yielded first, then the error is raised)."""
        token.raise_if_cancelled()
        errors = self._twain.exceptions
        source = self._open(device_id)
        info = self._identity(device_id, source)
        feeder = settings.source is PaperSource.ADF
        limit = settings.max_pages if settings.max_pages is not None else (None if feeder else 1)
        images: list[Image.Image] = []
        failure: Exception | None = None

        def before(_image_info: Any) -> None:
            if token.cancelled:
                raise errors.CancelAll()
            progress(len(images), 0.0)

        def after(native: Any, _remaining: int) -> None:
            try:
                images.append(self._to_pil(native))
            finally:
                native.close()
            progress(len(images) - 1, 1.0)
            if token.cancelled or (limit is not None and len(images) >= limit):
                raise errors.CancelAll()  # pytwain ends the pending transfers

        try:
            self._set(source, "ICAP_PIXELTYPE", "TWTY_UINT16", _PIXEL_TYPE[settings.mode])
            self._set(source, "ICAP_XRESOLUTION", "TWTY_FIX32", float(settings.resolution))
            self._set(source, "ICAP_YRESOLUTION", "TWTY_FIX32", float(settings.resolution))
            self._set(source, "CAP_FEEDERENABLED", "TWTY_BOOL", feeder)
            if feeder:
                self._set(source, "CAP_DUPLEXENABLED", "TWTY_BOOL", settings.duplex)
            source.acquire_natively(after=after, before=before, show_ui=False, modal=False)
        except errors.TwainError as exc:
            failure = map_twain_error(self._twain, exc)
        finally:
            source.close()
        for index, image in enumerate(images):
            yield RawPage(info, index, image=image, dpi=settings.resolution)
        if failure is not None and not (isinstance(failure, Cancelled) and images):
            raise failure
        if token.cancelled:
            raise Cancelled()

    @staticmethod
    def _to_pil(native: Any) -> Image.Image:
        """A native DIB image as Pillow pixels, through a private temporary BMP that is removed at once."""
        with tempfile.TemporaryDirectory(prefix="ow-twain-") as folder:
            path = Path(folder) / "page.bmp"
            native.save(str(path))
            image = Image.open(path, formats=["BMP"])
            image.load()
        return image

    def close(self) -> None:
        try:
            self._sm.close()
        except Exception:  # a source manager that never opened has nothing to close
            log.info("TWAIN source manager close refused")
