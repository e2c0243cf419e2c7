"""WIA 2.0 driver (Windows) through the WIA Automation COM object (``WIA.DeviceManager``) with pywin32 or comtypes.

Written against the documented WIA Automation Layer API and WIA HRESULTs; tested here with a fake COM object only.
COM needs the apartment initialised on the calling thread; the driver lives on its own device-stack thread.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterator
from typing import Any

from PIL import Image

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
    NoScanner,
    PaperJam,
    ScannerBusy,
    ScannerError,
    ScannerGone,
    ScannerIOFailure,
    ScannerNotReady,
)

log = logging.getLogger("onewindow.scanner.wia")

WIA_FORMAT_PNG = "{B96B3CAF-0728-11D3-9D7B-0000F81EF32E}"
SCANNER_DEVICE_TYPE = 1
# WIA property ids
WIA_DPS_DOCUMENT_HANDLING_SELECT = 3088
WIA_DPS_PAGES = 3096
WIA_IPS_CUR_INTENT = 6146
WIA_IPS_XRES = 6147
WIA_IPS_YRES = 6148
FEEDER, FLATBED, DUPLEX = 1, 2, 4
_INTENT = {ColourMode.COLOUR: 1, ColourMode.GRAY: 2, ColourMode.BW: 4}  # WIA_INTENT_IMAGE_TYPE_*

_HRESULTS: dict[int, type[Exception]] = {
    0x80210002: PaperJam,  # WIA_ERROR_PAPER_JAM
    0x80210003: NoDocuments,  # WIA_ERROR_PAPER_EMPTY
    0x80210004: PaperJam,  # WIA_ERROR_PAPER_PROBLEM
    0x80210005: ScannerGone,  # WIA_ERROR_OFFLINE
    0x80210006: ScannerBusy,  # WIA_ERROR_BUSY
    0x80210007: ScannerNotReady,  # WIA_ERROR_WARMING_UP
    0x8021000A: ScannerIOFailure,  # WIA_ERROR_DEVICE_COMMUNICATION
    0x8021000D: ScannerBusy,  # WIA_ERROR_DEVICE_LOCKED
    0x80210015: NoScanner,  # WIA_S_NO_DEVICE_AVAILABLE
    0x80210016: CoverOpen,  # WIA_ERROR_COVER_OPEN
    0x80210017: ScannerNotReady,  # WIA_ERROR_LAMP_OFF
}


def hresult_of(exc: BaseException) -> int | None:
    """pywin32's com_error carries the HRESULT in args[0] (or excepinfo[5]); comtypes' COMError in args[0]."""
    candidates: list[Any] = list(getattr(exc, "args", ())[:1])
    excepinfo = getattr(exc, "excepinfo", None) or (exc.args[2] if len(getattr(exc, "args", ())) > 2 else None)
    if isinstance(excepinfo, tuple) and len(excepinfo) > 5:
        candidates.insert(0, excepinfo[5])
    for value in candidates:
        if isinstance(value, int) and value:
            return value & 0xFFFFFFFF
    return None


def map_wia_error(exc: BaseException) -> Exception:
    code = hresult_of(exc)
    mapped = _HRESULTS.get(code or 0)
    return mapped() if mapped else ScannerError(reason=f"WIA 0x{(code or 0):08X}")


def _default_manager() -> Any:
    try:
        import pythoncom
        import win32com.client

        pythoncom.CoInitialize()
        return win32com.client.Dispatch("WIA.DeviceManager")
    except ImportError:
        import comtypes.client

        comtypes.CoInitialize()
        return comtypes.client.CreateObject("WIA.DeviceManager")


def _prop(props: Any, name: str) -> Any:
    try:
        return props(name).Value
    except Exception:  # absent property
        return None


def _set(item: Any, prop_id: int, value: Any) -> None:
    try:
        item.Properties(str(prop_id)).Value = value
    except Exception as exc:  # drivers differ; keep scanning with the device default
        log.info("WIA property %s not set: %s", prop_id, type(exc).__name__)


class WiaDriver:
    kind = "wia"
    stack = "wia"

    def __init__(self, manager_factory: Callable[[], Any] | None = None) -> None:
        self._manager = (manager_factory or _default_manager)()

    def _infos(self) -> list[Any]:
        infos = self._manager.DeviceInfos
        return [infos(i) for i in range(1, infos.Count + 1)]

    def list_sources(self) -> list[DeviceInfo]:
        found = []
        for info in self._infos():
            if info.Type != SCANNER_DEVICE_TYPE:
                continue
            props = info.Properties
            found.append(DeviceInfo(self.kind, str(info.DeviceID), str(_prop(props, "Manufacturer") or ""),
                                    str(_prop(props, "Name") or "")))
        return found

    def _connect(self, device_id: str) -> Any:
        for info in self._infos():
            if str(info.DeviceID) == device_id:
                try:
                    return info.Connect()
                except Exception as exc:
                    raise map_wia_error(exc) from None
        raise ScannerGone()

    def capabilities(self, device_id: str) -> Capabilities:
        device = self._connect(device_id)
        handling = _prop(device.Properties, "Document Handling Capabilities") or FLATBED
        return Capabilities(resolutions=(150, 200, 300, 600), has_flatbed=bool(handling & FLATBED),
                            has_adf=bool(handling & FEEDER), has_duplex=bool(handling & DUPLEX))

    def scan(self, device_id: str, settings: ScanSettings, token: CancelToken,
             progress: ProgressCallback) -> Iterator[RawPage]:
        token.raise_if_cancelled()
        device = self._connect(device_id)
        info = next((s for s in self.list_sources() if s.id == device_id), DeviceInfo(self.kind, device_id, "", ""))
        feeder = settings.source is PaperSource.ADF
        select = (FEEDER | (DUPLEX if settings.duplex else 0)) if feeder else FLATBED
        _set(device, WIA_DPS_DOCUMENT_HANDLING_SELECT, select)
        _set(device, WIA_DPS_PAGES, 1)
        item = device.Items(1)
        _set(item, WIA_IPS_CUR_INTENT, _INTENT[settings.mode])
        _set(item, WIA_IPS_XRES, settings.resolution)
        _set(item, WIA_IPS_YRES, settings.resolution)
        limit = settings.max_pages if settings.max_pages is not None else (None if feeder else 1)
        index = 0
        while limit is None or index < limit:
            token.raise_if_cancelled()
            progress(index, 0.0)
            try:
                image_file = item.Transfer(WIA_FORMAT_PNG)
            except Exception as exc:
                mapped = map_wia_error(exc)
                if isinstance(mapped, NoDocuments) and feeder and index > 0:
                    return  # feeder emptied after the last page
                raise mapped from None
            data = bytes(image_file.FileData.BinaryData)
            image = Image.open(io.BytesIO(data), formats=["PNG", "BMP", "JPEG", "TIFF"])
            image.load()
            progress(index, 1.0)
            yield RawPage(info, index, image=image, dpi=settings.resolution)
            index += 1

    def close(self) -> None:
        self._manager = None
