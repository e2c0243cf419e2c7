"""The first scan after a cancelled one may find the backend still ending that scan ("Scanner returned no data"):
the driver starts again a moment later instead of reporting a scanner fault. Any other "no data" is a fault."""

from __future__ import annotations

from typing import Any

import pytest

from clerk_app.errors import Cancelled
from devices.scanner.base import CancelToken, ColourMode, ScanSettings
from devices.scanner.errors import ScannerError
from devices.scanner.sane_driver import SaneDriver


class _FakeSaneError(Exception):
    pass


class _FakeDevice:
    def __init__(self, script: list[str]) -> None:
        self.script = script  # per snap: "page", "nodata" or "cancel-during"
        self.token: CancelToken | None = None

    def __getitem__(self, name: str) -> Any:
        raise KeyError(name)

    def start(self) -> None:
        pass

    def snap(self, no_cancel: bool = False, progress: Any = None) -> object:
        step = self.script.pop(0)
        if step == "nodata":
            raise RuntimeError("Scanner returned no data")
        if step == "cancel-during":
            assert self.token is not None
            self.token.cancel()
            raise _FakeSaneError("Operation was cancelled")
        return object()

    def cancel(self) -> None:
        pass

    def close(self) -> None:
        pass


class _FakeSane:
    error = _FakeSaneError

    def __init__(self, device: _FakeDevice) -> None:
        self.device = device

    def init(self) -> None:
        pass

    def exit(self) -> None:
        pass

    def get_devices(self, _local_only: bool) -> list[tuple[str, str, str, str]]:
        return [("fake:0", "Fake", "Flatbed", "flatbed scanner")]

    def open(self, _device_id: str) -> _FakeDevice:
        return self.device


SETTINGS = ScanSettings(resolution=150, mode=ColourMode.COLOUR)


def _noop(_index: int, _fraction: float) -> None:
    pass


def _driver_after_a_cancelled_scan(script: list[str]) -> tuple[SaneDriver, _FakeDevice]:
    device = _FakeDevice(["cancel-during", *script])
    driver = SaneDriver(_FakeSane(device))
    token = CancelToken()
    device.token = token
    with pytest.raises(Cancelled):
        list(driver.scan("fake:0", SETTINGS, token, _noop))
    return driver, device


def test_no_data_right_after_a_cancel_is_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("devices.scanner.sane_driver.time.sleep", lambda _s: None)
    driver, device = _driver_after_a_cancelled_scan(["nodata", "page"])
    assert len(list(driver.scan("fake:0", SETTINGS, CancelToken(), _noop))) == 1
    assert device.script == []


def test_no_data_without_a_previous_cancel_is_a_fault(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("devices.scanner.sane_driver.time.sleep", lambda _s: None)
    device = _FakeDevice(["nodata", "page"])
    driver = SaneDriver(_FakeSane(device))
    with pytest.raises(ScannerError):
        list(driver.scan("fake:0", SETTINGS, CancelToken(), _noop))


def test_wind_down_ends_with_the_first_good_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("devices.scanner.sane_driver.time.sleep", lambda _s: None)
    driver, _device = _driver_after_a_cancelled_scan(["page", "nodata"])
    assert len(list(driver.scan("fake:0", SETTINGS, CancelToken(), _noop))) == 1
    with pytest.raises(ScannerError):
        list(driver.scan("fake:0", SETTINGS, CancelToken(), _noop))
