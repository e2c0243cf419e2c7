"""The sync service (``services.sync``, built by the composition root ``clerk_app.services``).

Builds the client, auth and engine from configuration and the platform URL it is given (in training mode the root
passes the bundled sandbox's, and starts and stops that process itself). ``start()`` runs passes on a background
thread every ``sync.interval_seconds``; ``sync_now()`` wakes it. Listeners get a ``SyncStatus`` after each pass, on
the sync thread: the UI hops to the GUI thread itself.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import timedelta
from typing import Any

from clerk_app.context import Workstation
from clerk_app.sync.auth import AuthService
from clerk_app.sync.backoff import next_pass_wait
from clerk_app.sync.clock import ClockWatch
from clerk_app.sync.engine import EngineSettings, SyncEngine, SyncReport
from clerk_app.sync.errors import SyncErrorKind
from clerk_app.sync.http_client import HttpPlatformClient
from clerk_app.sync.sandbox_process import TRAINING_ACCOUNT
from offline_cache import settings_kv

log = logging.getLogger("onewindow.sync")



@dataclass(frozen=True)
class SyncStatus:
    configured: bool
    online: bool | None
    queued: int
    conflicts: int
    oldest_case_number: str | None
    oldest_created_at: str | None
    last_error_kind: SyncErrorKind | None
    last_error_code: str | None
    last_pass_at: str | None
    account: str | None
    seq: int = 0  # increases with every pass: a late-delivered older status must not overwrite a newer one
    clock_skew_seconds: float | None = None  # set when it exceeds platform.clock_skew_warn_seconds

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def machine_id(ws: Workstation) -> str:
    return settings_kv.machine_id(ws.db)


class SyncService:
    def __init__(self, ws: Workstation, base_url: str | None = None) -> None:
        self.ws = ws
        config = ws.config
        url = base_url or config.get("platform.base_url")
        self.configured = bool(url)
        settings = EngineSettings(
            parallel_cases=max(1, int(config.get("sync.parallel_cases"))),
            chunk_bytes=max(4096, int(config.get("sync.chunk_bytes"))),
            backoff_base=float(config.get("sync.backoff_base_seconds")),
            backoff_cap=float(config.get("sync.backoff_cap_seconds")),
            purge_grace=timedelta(days=float(config.get("sync.purge_grace_days"))),
        )
        self.client = HttpPlatformClient(
            url or "http://127.0.0.1:9", connect_timeout=float(config.get("platform.connect_timeout")),
            read_timeout=float(config.get("platform.read_timeout")), ca_bundle=config.get("platform.ca_bundle"),
            workstation_headers={"X-Centre-Code": config.get("centre.code"), "X-Window-Code": config.get("window.code"),
                                 "X-Machine-Id": machine_id(ws)},
            pool_size=settings.parallel_cases + 2,
            clock=ClockWatch(float(config.get("platform.clock_skew_warn_seconds"))),
            read_timeout_min=float(config.get("platform.read_timeout_min")),
            server_bytes_per_second=float(config.get("platform.server_bytes_per_second")),
        )
        self.auth = AuthService(ws.db, self.client, machine_id(ws),
                                TRAINING_ACCOUNT if ws.is_training else None)
        self.client.token_source = self.auth.access_token
        self.engine = SyncEngine(ws.db, ws.blobs, ws.cipher, self.client, self.auth, settings)
        self.interval = float(config.get("sync.interval_seconds"))
        self._listeners: list[Callable[[SyncStatus], None]] = []
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._last: SyncReport | None = None
        self._last_error: dict[str, str] | None = None
        self._seq = 0
        self._seq_lock = threading.Lock()

    def resume_session(self) -> None:
        """Production: pick up the last clerk's session from the key store, if it is still there (blocking: the
        key store may be a D-Bus or Windows service; run it off the GUI thread)."""
        if not self.ws.is_training:
            self.auth.resume()

    # -- running ----------------------------------------------------------------------------------------------
    def run_once(self, push: bool = True, pull: bool = True) -> SyncReport:
        if not self.configured or not self.ws.cipher.unlocked:  # sealed data key: nothing to send before a login
            return SyncReport(skipped=True)
        report = self.engine.run_once(push=push, pull=pull)
        with self._seq_lock:
            if not report.skipped:
                self._last = report
                self._last_error = report.errors[-1] if report.errors else None
            status = self.status()
        for listener in list(self._listeners):
            try:
                listener(status)
            except RuntimeError:  # a Qt receiver deleted under us (window closed): forget it quietly
                self.remove_listener(listener)
            except Exception:  # a listener's bug must not stop syncing
                log.exception("sync listener failed")
        return report

    def start(self) -> None:
        if self._thread is None and self.configured:
            self._thread = threading.Thread(target=self._loop, name="sync-worker", daemon=True)
            self._thread.start()

    def _loop(self) -> None:
        while not self._stopping.is_set():
            try:
                self.run_once()
            except Exception:  # the worker must survive anything a pass throws
                log.exception("sync pass failed")
            self._wake.wait(self.next_wait())
            self._wake.clear()

    def next_wait(self) -> float:
        """Seconds until the next automatic pass (``clerk_app.sync.backoff.next_pass_wait``)."""
        last = self._last
        link_down = last is None or last.online is False
        due: float | None = None
        if not link_down:
            try:
                due = self.engine.store.seconds_until_due()
            except Exception:  # a storage hiccup must not stop the worker; the interval is always safe
                log.exception("next sync time unknown")
        return next_pass_wait(self.interval, due, link_down)

    def sync_now(self) -> None:
        self.engine.store.retry_now()
        self._wake.set()

    def add_listener(self, listener: Callable[[SyncStatus], None]) -> None:
        self._listeners.append(listener)

    def remove_listener(self, listener: Callable[[SyncStatus], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    # -- state ------------------------------------------------------------------------------------------------
    def status(self) -> SyncStatus:
        self._seq += 1
        summary = self.engine.store.summary()
        last = self._last
        error = self._last_error
        return SyncStatus(self.configured, last.online if last else None, summary.queued, summary.conflicts,
                          summary.oldest_case_number, summary.oldest_created_at,
                          SyncErrorKind(error["kind"]) if error else None, error["code"] if error else None,
                          last.finished_at if last else None, self.auth.account, self._seq,
                          last.clock_skew_seconds if last and last.clock_off else None)

    def close(self) -> None:
        self._stopping.set()
        self.engine.stop()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=15)
        self.engine.close()
        self.client.close()
