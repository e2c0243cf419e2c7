"""TWAIN (pytwain) and WIA (COM) drivers against fakes of their APIs: this machine runs neither."""

from __future__ import annotations

import io
import types
from typing import Any

import pytest
from PIL import Image

from clerk_app.errors import Cancelled
from devices.scanner.base import CancelToken, ColourMode, PaperSource, ScanSettings
from devices.scanner.errors import CoverOpen, NoScanner, PaperJam, ScannerBusy, ScannerError
from devices.scanner.twain_driver import TwainDriver
from devices.scanner.wia_driver import WiaDriver, map_wia_error

pytestmark = pytest.mark.windows_only


class TwainErrors:
    class TwainError(Exception):
        pass

    class PaperJam(TwainError):
        pass

    class NoDataSourceError(TwainError):
        pass

    class DSTransferCancelled(TwainError):
        pass

    class CancelAll(Exception):  # noqa: N818 - pytwain's name
        pass


class FakeNativeImage:
    """pytwain's ``_Image``: a native DIB handle with ``save(path)`` (BMP) and ``close()``."""

    def __init__(self, shade: int) -> None:
        self.shade = shade
        self.closed = False

    def save(self, path: str) -> None:
        Image.new("RGB", (80, 100), (self.shade,) * 3).save(path, "BMP")

    def close(self) -> None:
        self.closed = True


class FakeSource:
    """The acquisition protocol of pytwain's ``Source.acquire_natively``: before/after per image, CancelAll
    from a callback ends the remaining transfers."""

    def __init__(self, pages: list[Any]) -> None:
        self.pages = pages
        self.caps: dict[int, Any] = {}
        self.closed = False
        self.ended_transfers = False
        self.delivered: list[FakeNativeImage] = []
        self.identity = {"Manufacturer": "Canon", "ProductName": "DR-C225"}

    def set_capability(self, cap: int, _type: int, value: Any) -> None:
        self.caps[cap] = value

    def get_capability(self, cap: int) -> Any:
        return (4, self.caps.get(cap, 1))

    def acquire_natively(self, after: Any, before: Any, show_ui: bool, modal: bool) -> None:
        assert not show_ui and not modal
        while self.pages:
            try:
                before({})
                item = self.pages.pop(0)
                if isinstance(item, Exception):
                    raise item
                native = FakeNativeImage(item)
                self.delivered.append(native)
                after(native, len(self.pages))
            except TwainErrors.CancelAll:
                self.ended_transfers = True
                return

    def close(self) -> None:
        self.closed = True


def fake_twain(pages: list[Any]) -> tuple[Any, FakeSource]:
    source = FakeSource(pages)
    module = types.SimpleNamespace(
        exceptions=TwainErrors, ICAP_PIXELTYPE=0x101, ICAP_XRESOLUTION=0x1118, ICAP_YRESOLUTION=0x1119,
        CAP_FEEDERENABLED=0x1002, CAP_DUPLEXENABLED=0x1013, CAP_DUPLEX=0x1012, TWTY_UINT16=4, TWTY_FIX32=7,
        TWTY_BOOL=6,
    )
    manager = types.SimpleNamespace(source_list=["DR-C225 TWAIN"], open_source=lambda name: source,
                                    close=lambda: None)
    module.SourceManager = lambda parent: manager
    return module, source


def test_twain_feeder_scan_sets_capabilities_and_yields_every_page() -> None:
    module, source = fake_twain([10, 20, 30])
    driver = TwainDriver(module)
    (info,) = driver.list_sources()
    assert info.key == "twain:DR-C225 TWAIN"
    assert driver.capabilities(info.id).has_duplex
    settings = ScanSettings(resolution=200, mode=ColourMode.GRAY, source=PaperSource.ADF, duplex=True)
    progress: list[tuple[int, float]] = []
    pages = list(driver.scan(info.id, settings, CancelToken(), lambda i, f: progress.append((i, f))))
    assert [p.image.getpixel((1, 1))[0] for p in pages if p.image] == [10, 20, 30]
    assert pages[0].device.make == "Canon" and pages[0].device.model == "DR-C225"
    assert source.caps[0x101] == 1 and source.caps[0x1118] == 200.0 and source.caps[0x1013] is True
    assert progress[-1] == (2, 1.0)
    assert source.closed and all(native.closed for native in source.delivered)


def test_twain_flatbed_takes_one_page_and_ends_the_transfers() -> None:
    module, source = fake_twain([10, 20])
    pages = list(TwainDriver(module).scan("x", ScanSettings(), CancelToken(), lambda i, f: None))
    assert len(pages) == 1 and source.ended_transfers


def test_twain_jam_keeps_the_pages_before_it_and_cancel_stops() -> None:
    module, _source = fake_twain([10, TwainErrors.PaperJam()])
    driver = TwainDriver(module)
    scan = driver.scan("DR-C225 TWAIN", ScanSettings(source=PaperSource.ADF), CancelToken(), lambda i, f: None)
    assert next(scan).index == 0
    with pytest.raises(PaperJam):
        next(scan)
    module, source = fake_twain([10, 20, 30])
    token = CancelToken()

    def progress(index: int, fraction: float) -> None:
        if fraction == 1.0:
            token.cancel()

    scan = TwainDriver(module).scan("x", ScanSettings(source=PaperSource.ADF), token, progress)
    assert len([next(scan)]) == 1  # the page read before the cancel is kept
    with pytest.raises(Cancelled):
        next(scan)
    assert source.ended_transfers and source.closed and len(source.delivered) == 1


class ComError(Exception):
    """Shaped like pywin32's com_error: (hresult, text, excepinfo, argerr)."""


class FakeProps:
    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values

    def __call__(self, name: str) -> Any:
        if name not in self.values:
            raise ComError(-2147352567, "no such property", None, None)
        return self.values[name]


class Prop:
    def __init__(self, value: Any) -> None:
        self.Value = value  # noqa: N815 - COM property name


class FakeItem:
    def __init__(self, results: list[Any]) -> None:
        self.results = results
        self.Properties = FakeProps({str(k): Prop(None) for k in (6146, 6147, 6148)})  # noqa: N815

    def Transfer(self, fmt: str) -> Any:  # noqa: N802 - COM method name
        result = self.results.pop(0)
        if isinstance(result, Exception):
            raise result
        out = io.BytesIO()
        Image.new("L", (50, 60), result).save(out, "PNG")
        return types.SimpleNamespace(FileData=types.SimpleNamespace(BinaryData=out.getvalue()))


def fake_wia(results: list[Any]) -> tuple[Any, FakeItem]:
    item = FakeItem(results)
    device = types.SimpleNamespace(
        Properties=FakeProps({"Document Handling Capabilities": Prop(3), "3088": Prop(0), "3096": Prop(0)}),
        Items=lambda index: item)
    info = types.SimpleNamespace(Type=1, DeviceID="{6BDD1FC6}\\0001",
                                 Properties=FakeProps({"Name": Prop("ScanSnap"), "Manufacturer": Prop("PFU")}),
                                 Connect=lambda: device)
    camera = types.SimpleNamespace(Type=2, DeviceID="cam", Properties=FakeProps({}), Connect=lambda: None)
    infos = [info, camera]
    manager = types.SimpleNamespace(DeviceInfos=types.SimpleNamespace(Count=2, __call__=None))
    manager.DeviceInfos = _Collection(infos)
    return manager, item


class _Collection:
    def __init__(self, items: list[Any]) -> None:
        self.items = items
        self.Count = len(items)  # noqa: N815

    def __call__(self, index: int) -> Any:
        return self.items[index - 1]


def test_wia_lists_scanners_only_and_scans_the_feeder_until_empty() -> None:
    manager, item = fake_wia([40, 80, ComError(-2145320957, "paper empty", None, None)])
    driver = WiaDriver(lambda: manager)
    (info,) = driver.list_sources()
    assert (info.make, info.model) == ("PFU", "ScanSnap")
    assert driver.capabilities(info.id).has_adf
    pages = list(driver.scan(info.id, ScanSettings(source=PaperSource.ADF, resolution=300), CancelToken(),
                             lambda i, f: None))
    assert len(pages) == 2
    assert item.Properties("6147").Value == 300


@pytest.mark.parametrize(("hresult", "expected"), [
    (0x80210002, PaperJam), (0x80210006, ScannerBusy), (0x80210016, CoverOpen), (0x80210015, NoScanner),
    (0x80210099, ScannerError),
])
def test_wia_hresults_map_to_typed_errors(hresult: int, expected: type[Exception]) -> None:
    signed = hresult - (1 << 32)  # pywin32 reports HRESULTs as negative ints
    assert type(map_wia_error(ComError(signed, "x", None, None))) is expected
    excepinfo = (0, "WIA", "x", None, 0, signed)
    assert type(map_wia_error(ComError(-2147352567, "Exception occurred.", excepinfo, None))) is expected


def test_wia_jam_on_first_page_is_an_error() -> None:
    manager, _item = fake_wia([ComError(-2145320958, "jam", None, None)])
    driver = WiaDriver(lambda: manager)
    with pytest.raises(PaperJam):
        list(driver.scan("{6BDD1FC6}\\0001", ScanSettings(), CancelToken(), lambda i, f: None))
