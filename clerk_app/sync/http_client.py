"""``HttpPlatformClient``: the reference platform contract over HTTPS with ``requests``.

* One ``requests.Session`` (connection pooling), connect and read timeouts from configuration.
* TLS verification is always on; ``platform.ca_bundle`` names the province's CA bundle. Plain http is refused
  except for a loopback address (the bundled sandbox).
* urllib3 ``Retry`` is mounted for quick transport retries of idempotent methods only (GET, HEAD, PUT): a PATCH
  or POST that may have reached the server is never repeated blindly here; the engine re-checks state first
  (HEAD for files) and relies on the platform's idempotency keys.
* Every answer becomes a value or a typed error (``clerk_app.sync.errors``); no raw ``requests`` exception escapes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from clerk_app import __version__
from clerk_app.sync.adapter import FileState, Tokens
from clerk_app.sync.errors import (
    ContentConflict,
    InsecurePlatformUrl,
    PlatformBusy,
    PlatformRejected,
    PlatformUnreachable,
    Unauthorised,
)

log = logging.getLogger("onewindow.sync.http")

API = "/api/v1"
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
TokenSource = Callable[[], str]


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            return max(0.0, (parsedate_to_datetime(value) - datetime.now(UTC)).total_seconds())
        except (TypeError, ValueError):
            return None


class HttpPlatformClient:
    def __init__(self, base_url: str, *, connect_timeout: float, read_timeout: float, ca_bundle: str = "",
                 workstation_headers: dict[str, str] | None = None, pool_size: int = 8) -> None:
        parts = urlsplit(base_url)
        if parts.scheme != "https" and not (parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS):
            raise InsecurePlatformUrl()
        self.base_url = base_url.rstrip("/")
        self.timeout = (connect_timeout, read_timeout)
        self.session = requests.Session()
        self.session.verify = ca_bundle or True
        # Proxy settings from the environment are read once here instead of on every request (requests re-scans
        # os.environ per call, a measurable cost per upload chunk); .netrc is never wanted for the platform.
        self.session.proxies.update(requests.utils.get_environ_proxies(self.base_url))
        self.session.trust_env = False
        self.session.headers.update({"User-Agent": f"OneWindow/{__version__}", **(workstation_headers or {})})
        retry = Retry(total=2, connect=2, read=1, status=0, other=0, backoff_factor=0.2,
                      allowed_methods=frozenset({"GET", "HEAD", "PUT"}), raise_on_status=False,
                      respect_retry_after_header=False)
        adapter = HTTPAdapter(max_retries=retry, pool_connections=2, pool_maxsize=pool_size)
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)
        self.token_source: TokenSource | None = None
        self.bytes_sent = 0

    def close(self) -> None:
        self.session.close()

    # -- plumbing ---------------------------------------------------------------------------------------------
    def _request(self, method: str, path: str, *, auth: bool = True, **kwargs: Any) -> requests.Response:
        headers = dict(kwargs.pop("headers", {}))
        if auth and self.token_source is not None:
            headers["Authorization"] = f"Bearer {self.token_source()}"
        try:
            response = self.session.request(method, self.base_url + path, headers=headers, timeout=self.timeout,
                                            **kwargs)
        except requests.exceptions.SSLError as exc:
            raise PlatformUnreachable(reason="TLS") from exc
        except requests.exceptions.Timeout as exc:
            raise PlatformUnreachable(reason="timeout") from exc
        except requests.exceptions.RequestException as exc:
            # ConnectionError, ChunkedEncodingError (connection cut mid-answer), retries exhausted ...
            raise PlatformUnreachable(reason=type(exc).__name__) from exc
        if response.status_code < 400:
            return response
        body = _error_body(response)
        code = str(body.get("code") or f"http_{response.status_code}")
        details = body.get("details") if isinstance(body.get("details"), dict) else {}
        status = response.status_code
        log.info("platform answered %s %s on %s %s", status, code, method, path.split("/")[3] if
                 path.count("/") >= 3 else path)
        if status == 401:
            raise Unauthorised(code)
        if status == 409:
            raise ContentConflict(status, code, details)
        if status == 429 or status >= 500:
            raise PlatformBusy(status, _retry_after(response.headers.get("Retry-After")), code)
        raise PlatformRejected(status, code, details)

    def _json(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        response = self._request(method, path, **kwargs)
        try:
            data = response.json()
        except ValueError as exc:
            raise PlatformBusy(response.status_code, None, "malformed_answer") from exc
        if not isinstance(data, dict):
            raise PlatformBusy(response.status_code, None, "malformed_answer")
        return data

    # -- the contract -----------------------------------------------------------------------------------------
    def login(self, account: str, password: str, machine_id: str) -> Tokens:
        data = self._json("POST", f"{API}/auth/login", auth=False,
                          json={"account": account, "password": password, "machine_id": machine_id})
        return _tokens(data)

    def refresh(self, refresh_token: str) -> Tokens:
        return _tokens(self._json("POST", f"{API}/auth/refresh", auth=False,
                                  json={"refresh_token": refresh_token}))

    def put_case(self, case_uuid: str, body: dict[str, Any]) -> dict[str, Any]:
        return self._json("PUT", f"{API}/cases/{case_uuid}", json=body)

    def file_state(self, sha256: str) -> FileState:
        response = self._request("HEAD", f"{API}/files/{sha256}")
        return _file_state(response)

    def append_file(self, sha256: str, offset: int, total: int, chunk: bytes) -> FileState:
        self.bytes_sent += len(chunk)
        response = self._request("PATCH", f"{API}/files/{sha256}", data=chunk, headers={
            "Upload-Offset": str(offset), "Upload-Length": str(total),
            "Content-Type": "application/offset+octet-stream"})
        return _file_state(response)

    def bind_materials(self, case_uuid: str, materials: list[dict[str, Any]]) -> dict[str, Any]:
        return self._json("POST", f"{API}/cases/{case_uuid}/materials", json={"materials": materials})

    def handover(self, case_uuid: str, body: dict[str, Any]) -> dict[str, Any]:
        return self._json("POST", f"{API}/cases/{case_uuid}/handover", json=body)

    def supplement(self, case_uuid: str, supplement_uuid: str, body: dict[str, Any]) -> dict[str, Any]:
        return self._json("POST", f"{API}/cases/{case_uuid}/supplements/{supplement_uuid}", json=body)

    def evaluation(self, body: dict[str, Any]) -> dict[str, Any]:
        return self._json("POST", f"{API}/evaluations", json=body)

    def case_changes(self, cursor: str) -> dict[str, Any]:
        return self._json("GET", f"{API}/cases/changes", params={"cursor": cursor})

    def catalog_changes(self, cursor: str) -> dict[str, Any]:
        return self._json("GET", f"{API}/catalog/changes", params={"cursor": cursor})

    def calendar(self, year: int) -> dict[str, Any]:
        return self._json("GET", f"{API}/calendar", params={"year": year})

    def receipt_keys(self) -> dict[str, Any]:
        return self._json("GET", f"{API}/keys/receipt")


def _error_body(response: requests.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _tokens(data: dict[str, Any]) -> Tokens:
    try:
        return Tokens(str(data["access_token"]), str(data["refresh_token"]), int(data["expires_in"]),
                      {"clerk": data.get("clerk", {}), "windows": data.get("windows", [])})
    except (KeyError, TypeError, ValueError) as exc:
        raise PlatformBusy(200, None, "malformed_answer") from exc


def _file_state(response: requests.Response) -> FileState:
    try:
        offset = int(response.headers["Upload-Offset"])
    except (KeyError, ValueError) as exc:
        raise PlatformBusy(response.status_code, None, "malformed_answer") from exc
    return FileState(offset, response.headers.get("Upload-Complete") == "1")
