"""Merges the sources of every scanner driver and runs each driver on its own device-stack thread.

The caller's ``on_page`` runs on the stack thread as each page arrives (the page pipeline stores it at once), so
a jam on page 5 of a feeder batch keeps pages 1 to 4.
"""

from __future__ import annotations

import concurrent.futures
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from devices.executor import DeviceStackExecutor
from devices.scanner.base import (
    CancelToken,
    Capabilities,
    DeviceInfo,
    ProgressCallback,
    RawPage,
    ScannerDriver,
    ScanSettings,
)
from devices.scanner.errors import NoScanner, ScannerGone

log = logging.getLogger("onewindow.scanner")
T = TypeVar("T")

DriverFactory = Callable[[], ScannerDriver]


class ScannerService:
    def __init__(self, factories: dict[str, DriverFactory]) -> None:
        """``factories`` maps a driver kind to a constructor run on that driver's stack thread."""
        self._factories = factories
        self._executors: dict[str, DeviceStackExecutor] = {}
        self._drivers: dict[str, ScannerDriver | None] = {}
        self._sources: dict[str, DeviceInfo] = {}
        self._failures: dict[str, str] = {}

    def _executor(self, kind: str) -> DeviceStackExecutor:
        executor = self._executors.get(kind)
        if executor is None:
            executor = self._executors[kind] = DeviceStackExecutor(f"scanner-{kind}")
        return executor

    def _driver(self, kind: str) -> ScannerDriver | None:
        """Create a driver on its stack thread, once; a driver whose library is missing is skipped."""
        if kind not in self._drivers:
            try:
                self._drivers[kind] = self._executor(kind).run(self._factories[kind])
            except Exception as exc:  # missing library or daemon: a finding for doctor, not a crash
                log.info("scanner driver %s unavailable: %s", kind, type(exc).__name__)
                self._failures[kind] = type(exc).__name__
                self._drivers[kind] = None
        return self._drivers[kind]

    def _on_stack(self, kind: str, fn: Callable[..., T], *args: Any) -> T:
        return self._executor(kind).run(fn, *args)

    def driver(self, kind: str) -> ScannerDriver | None:
        """The driver of ``kind`` (created on its stack thread if needed), or None when unavailable."""
        return self._driver(kind) if kind in self._factories else None

    @property
    def failures(self) -> dict[str, str]:
        return dict(self._failures)

    def list_sources(self) -> list[DeviceInfo]:
        found: list[DeviceInfo] = []
        for kind in self._factories:
            driver = self._driver(kind)
            if driver is None:
                continue
            try:
                sources = self._on_stack(kind, driver.list_sources)
            except Exception as exc:
                log.warning("listing %s scanners failed: %s", kind, type(exc).__name__)
                self._failures[kind] = type(exc).__name__
                continue
            found.extend(sources)
        real = [s for s in found if not s.simulated]
        self._sources = {s.key: s for s in found}
        # real devices first: the clerk's default is the first entry
        return real + [s for s in found if s.simulated]

    def source(self, key: str) -> DeviceInfo:
        if key not in self._sources:
            self.list_sources()
        try:
            return self._sources[key]
        except KeyError:
            raise ScannerGone() from None

    def default_source(self) -> DeviceInfo:
        sources = self.list_sources()
        if not sources:
            raise NoScanner()
        return sources[0]

    def _split(self, key: str) -> tuple[ScannerDriver, str, str]:
        kind, _, device_id = key.partition(":")
        driver = self._driver(kind) if kind in self._factories else None
        if driver is None or not device_id:
            raise ScannerGone()
        return driver, kind, device_id

    def capabilities(self, key: str) -> Capabilities:
        driver, kind, device_id = self._split(key)
        return self._on_stack(kind, driver.capabilities, device_id)

    def scan(self, key: str, settings: ScanSettings, on_page: Callable[[RawPage], None],
             token: CancelToken | None = None, progress: ProgressCallback | None = None) -> int:
        """Scan on the device's stack thread, calling ``on_page`` for each page there; returns the page count."""
        return self.scan_async(key, settings, on_page, token, progress).result()

    def scan_async(self, key: str, settings: ScanSettings, on_page: Callable[[RawPage], None],
                   token: CancelToken | None = None,
                   progress: ProgressCallback | None = None) -> concurrent.futures.Future[int]:
        """Start a scan on the device's stack thread; the future gives the page count or the device's error."""
        driver, kind, device_id = self._split(key)
        token = token or CancelToken()
        report = progress or (lambda _i, _f: None)

        def run() -> int:
            count = 0
            for page in driver.scan(device_id, settings, token, report):
                on_page(page)
                count += 1
            return count

        return self._executor(kind).submit(run)

    def close(self, timeout: float = 5.0) -> None:
        """Close every driver on its thread. A driver stuck inside its library (a hung USB scanner) is left
        behind after ``timeout`` seconds rather than blocking the application's shutdown."""
        for kind, driver in self._drivers.items():
            executor = self._executors.get(kind)
            if executor is None:
                continue
            if driver is None:
                executor.shutdown()
                continue
            try:
                executor.submit(driver.close).result(timeout=timeout)
            except concurrent.futures.TimeoutError:
                log.warning("scanner driver %s did not close within %.0f s", kind, timeout)
                executor._pool.shutdown(wait=False, cancel_futures=True)
                continue
            except Exception:  # closing is best effort; the process is ending anyway
                log.exception("closing scanner driver %s failed", kind)
            executor.shutdown()
        self._executors.clear()
        self._drivers.clear()
