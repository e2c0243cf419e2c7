"""A small JSON-over-HTTP transport shared by the queue adapters: one ``requests.Session``, short timeouts, no
automatic retries (a repeated POST is the caller's decision, made safe by the request id), typed errors.

Hall queue systems usually listen on the hall LAN over plain http; https with the system trust store (or a CA
bundle) is used when the URL says so.
"""

from __future__ import annotations

import logging
from typing import Any

import requests

from clerk_app import __version__
from clerk_app.queue.adapter import QueueRefused, QueueUnreachable

log = logging.getLogger("onewindow.queue.http")


class JsonTransport:
    def __init__(self, base_url: str, *, connect_timeout: float, read_timeout: float, ca_bundle: str = "",
                 headers: dict[str, str] | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = (connect_timeout, read_timeout)
        self.session = requests.Session()
        self.session.verify = ca_bundle or True
        self.session.trust_env = False  # no environment proxy for a LAN system
        self.session.headers.update({"User-Agent": f"OneWindow/{__version__}", **(headers or {})})

    def close(self) -> None:
        self.session.close()

    def request(self, method: str, path: str, *, body: Any = None, params: dict[str, Any] | None = None,
                headers: dict[str, str] | None = None) -> Any:
        url = self.base_url + (path if path.startswith("/") else "/" + path)
        try:
            response = self.session.request(method, url, json=body, params=params, headers=headers,
                                            timeout=self.timeout)
        except requests.RequestException as exc:
            raise QueueUnreachable(reason=type(exc).__name__) from exc
        if response.status_code >= 500 or response.status_code == 429:
            # There but failing: like no answer, the action may or may not have happened; retry with the same id.
            raise QueueUnreachable(reason=f"HTTP {response.status_code}")
        try:
            data = response.json() if response.content else None
        except ValueError as exc:
            if response.ok:
                raise QueueUnreachable(reason="invalid JSON") from exc
            data = None
        if not response.ok:
            code = str(data.get("code", "")) if isinstance(data, dict) else ""
            message = str(data.get("message", "")) if isinstance(data, dict) else ""
            log.info("queue system refused %s %s: HTTP %s %s", method, path, response.status_code, code)
            raise QueueRefused(code or f"http_{response.status_code}", message, response.status_code)
        return data
