"""``HttpPlatformClient``: the reference platform contract over HTTPS with ``requests``.

* One ``requests.Session`` (connection pooling). Timeouts fit the request: a short connect timeout, and a read
  timeout of ``max(read_timeout_min, 4 × the platform's smoothed answer time + 0.5 s)``, at most ``read_timeout``,
  plus the time the platform needs for the body at ``server_bytes_per_second`` (the last chunk of a file: the whole
  file, which the platform hashes). A lost answer so costs seconds, not the old fixed 30 s; each timeout doubles
  the smoothed time, so a platform that really became slow gets the longer waits it needs.
* TLS verification is always on; ``platform.ca_bundle`` names the province's CA bundle. Plain http is refused
  except for a loopback address (the bundled sandbox).
* urllib3 ``Retry`` is mounted for quick transport retries of idempotent methods only (GET, HEAD, PUT): a PATCH
  or POST that may have reached the server is never repeated blindly here; the engine re-checks state first
  (HEAD for files) and relies on the platform's idempotency keys.
* Every answer becomes a value or a typed error (``clerk_app.sync.errors``); no raw ``requests`` exception escapes.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from clerk_app import __version__, safe_json
from clerk_app.sync.adapter import FileState, Tokens
from clerk_app.sync.answers import AnswerInvalid
from clerk_app.sync.clock import ClockWatch
from clerk_app.sync.errors import (
    ContentConflict,
    InsecurePlatformUrl,
    LoginThrottled,
    PlatformBusy,
    PlatformRejected,
    PlatformUnreachable,
    Unauthorised,
    WrongCentre,
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
                 workstation_headers: dict[str, str] | None = None, pool_size: int = 8,
                 clock: ClockWatch | None = None, read_timeout_min: float = 1.0,
                 server_bytes_per_second: float = 1_000_000.0) -> None:
        parts = urlsplit(base_url)
        if parts.scheme != "https" and not (parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS):
            raise InsecurePlatformUrl()
        self.base_url = base_url.rstrip("/")
        self.connect_timeout, self.read_timeout_max = connect_timeout, read_timeout
        self.read_timeout_min = min(read_timeout_min, read_timeout)
        self.server_rate = max(1.0, server_bytes_per_second)
        self._latency = self.read_timeout_min / 8  # smoothed seconds until the answer's headers
        self._latency_lock = threading.Lock()
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
        self.clock = clock or ClockWatch()

    def close(self) -> None:
        self.session.close()

    # -- plumbing ---------------------------------------------------------------------------------------------
    def timeout_for(self, work_bytes: int = 0) -> tuple[float, float]:
        """(connect, read) seconds for a request whose body the platform must process ``work_bytes`` of."""
        with self._latency_lock:
            expected = self._latency
        read = min(self.read_timeout_max, max(self.read_timeout_min, 4.0 * expected + 0.5))
        return self.connect_timeout, read + work_bytes / self.server_rate

    def _observe_latency(self, seconds: float | None) -> None:
        with self._latency_lock:
            if seconds is None:  # a timeout: maybe the platform is slow now, give it longer next time
                self._latency = min(self.read_timeout_max, self._latency * 2)
            else:
                self._latency = 0.8 * self._latency + 0.2 * seconds

    def _request(self, method: str, path: str, *, auth: bool = True, work_bytes: int = 0,
                 **kwargs: Any) -> requests.Response:
        headers = dict(kwargs.pop("headers", {}))
        if auth and self.token_source is not None:
            headers["Authorization"] = f"Bearer {self.token_source()}"
        if "json" in kwargs and not work_bytes:
            work_bytes = len(json.dumps(kwargs["json"], ensure_ascii=False))
        try:
            response = self.session.request(method, self.base_url + path, headers=headers,
                                            timeout=self.timeout_for(work_bytes), **kwargs)
        except requests.exceptions.SSLError as exc:
            raise PlatformUnreachable(reason="TLS") from exc
        except requests.exceptions.Timeout as exc:
            self._observe_latency(None)
            raise PlatformUnreachable(reason="timeout") from exc
        except requests.exceptions.ConnectionError as exc:
            if isinstance(exc.args[0] if exc.args else None, urllib3.exceptions.MaxRetryError) and isinstance(
                    getattr(exc.args[0], "reason", None), urllib3.exceptions.ReadTimeoutError):
                self._observe_latency(None)  # the quick retry of a GET/HEAD/PUT timed out as well
                raise PlatformUnreachable(reason="timeout") from exc
            raise PlatformUnreachable(reason=type(exc).__name__) from exc
        except requests.exceptions.RequestException as exc:
            # ConnectionError, ChunkedEncodingError (connection cut mid-answer), retries exhausted ...
            raise PlatformUnreachable(reason=type(exc).__name__) from exc
        self.clock.observe(response.headers.get("Date"))
        self._observe_latency(response.elapsed.total_seconds())
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
        if status == 403 and code == "wrong_centre":
            raise WrongCentre(status, code, details)
        if status == 429 and code == "too_many_attempts":
            raise LoginThrottled(_retry_after(response.headers.get("Retry-After")))
        if status == 429 or status >= 500:
            raise PlatformBusy(status, _retry_after(response.headers.get("Retry-After")), code)
        raise PlatformRejected(status, code, details)

    def _json(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        response = self._request(method, path, **kwargs)
        return _json_object(response)

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
        return _file_state(response, sha256)

    def append_file(self, sha256: str, offset: int, total: int, chunk: bytes) -> FileState:
        self.bytes_sent += len(chunk)
        last = offset + len(chunk) >= total  # the platform hashes the whole file before it answers
        response = self._request("PATCH", f"{API}/files/{sha256}", data=chunk, work_bytes=len(chunk) + (
            total if last else 0), headers={
            "Upload-Offset": str(offset), "Upload-Length": str(total),
            "Content-Type": "application/offset+octet-stream"})
        return _file_state(response, sha256)

    def bind_materials(self, case_uuid: str, materials: list[dict[str, Any]]) -> dict[str, Any]:
        return self._json("POST", f"{API}/cases/{case_uuid}/materials", json={"materials": materials})

    def handover(self, case_uuid: str, body: dict[str, Any]) -> dict[str, Any]:
        return self._json("POST", f"{API}/cases/{case_uuid}/handover", json=body)

    def void_case(self, case_uuid: str, body: dict[str, Any]) -> dict[str, Any]:
        return self._json("POST", f"{API}/cases/{case_uuid}/void", json=body)

    def dispatch(self, case_uuid: str, body: dict[str, Any]) -> dict[str, Any]:
        return self._json("POST", f"{API}/cases/{case_uuid}/dispatch", json=body)

    def supplement(self, case_uuid: str, supplement_uuid: str, body: dict[str, Any]) -> dict[str, Any]:
        return self._json("POST", f"{API}/cases/{case_uuid}/supplements/{supplement_uuid}", json=body)

    def correction(self, case_uuid: str, submission_uuid: str, body: dict[str, Any]) -> dict[str, Any]:
        return self._json("POST", f"{API}/cases/{case_uuid}/corrections/{submission_uuid}", json=body)

    def fee_notice(self, notice_uuid: str, body: dict[str, Any]) -> dict[str, Any]:
        return self._json("POST", f"{API}/payments/{notice_uuid}", json=body)

    def routing_slip(self, slip_uuid: str, body: dict[str, Any]) -> dict[str, Any]:
        return self._json("POST", f"{API}/routing/slips/{slip_uuid}", json=body)

    def routing_receipt(self, slip_uuid: str, body: dict[str, Any]) -> dict[str, Any]:
        return self._json("POST", f"{API}/routing/slips/{slip_uuid}/receipt", json=body)

    def payment_changes(self, cursor: str) -> dict[str, Any]:
        return self._json("GET", f"{API}/payments/changes", params={"cursor": cursor})

    def evaluation(self, body: dict[str, Any]) -> dict[str, Any]:
        return self._json("POST", f"{API}/evaluations", json=body)

    def signature(self, case_uuid: str, signature_uuid: str, body: dict[str, Any]) -> dict[str, Any]:
        return self._json("POST", f"{API}/cases/{case_uuid}/signatures/{signature_uuid}", json=body)

    def audit_head(self, machine_id: str, seq: int, digest: str) -> dict[str, Any]:
        return self._json("PUT", f"{API}/audit/head", json={"machine_id": machine_id, "seq": seq, "hash": digest})

    def case_changes(self, cursor: str) -> dict[str, Any]:
        return self._json("GET", f"{API}/cases/changes", params={"cursor": cursor})

    def catalog_changes(self, cursor: str) -> dict[str, Any]:
        return self._json("GET", f"{API}/catalog/changes", params={"cursor": cursor})

    def calendar(self, year: int) -> dict[str, Any]:
        return self._json("GET", f"{API}/calendar", params={"year": year})

    def receipt_keys(self) -> dict[str, Any]:
        return self._json("GET", f"{API}/keys/receipt")

    def pre_application(self, number: str) -> dict[str, Any]:
        """网上申报: the pre-application the citizen shows by its number (QR / barcode)."""
        return self._json("GET", f"{API}/pre-applications/{number}")

    def search_pre_applications(self, id_number: str) -> dict[str, Any]:
        """The applicant's open pre-applications; the ID number travels in the body, never in the URL."""
        return self._json("POST", f"{API}/pre-applications/search", json={"id_number": id_number})

    def reports(self, start: date, end: date, by: str) -> dict[str, Any]:
        """The hall-wide report: every window of the centre, aggregated by the platform (``ReportAnswer``)."""
        return self._json("GET", f"{API}/reports", params={"from": start.isoformat(), "to": end.isoformat(),
                                                           "by": by})


def _json_object(response: requests.Response) -> dict[str, Any]:
    """The answer's JSON object through the hardened reader: an empty, cut, too deep or out-of-range body is
    ``AnswerInvalid`` (retried later), never a traceback and never success."""
    try:
        data = safe_json.loads(response.content)
    except safe_json.JsonRejected as exc:
        raise AnswerInvalid("malformed_answer", exc.reason) from None
    if not isinstance(data, dict):
        raise AnswerInvalid("malformed_answer", "not a JSON object")
    return data


def _error_body(response: requests.Response) -> dict[str, Any]:
    try:
        body = safe_json.loads(response.content)
    except safe_json.JsonRejected:
        return {}
    return body if isinstance(body, dict) else {}


def _tokens(data: dict[str, Any]) -> Tokens:
    try:
        return Tokens(str(data["access_token"]), str(data["refresh_token"]), int(data["expires_in"]),
                      {"clerk": data.get("clerk", {}), "windows": data.get("windows", [])})
    except (KeyError, TypeError, ValueError) as exc:
        raise AnswerInvalid("malformed_answer", "not a session") from exc


def _file_state(response: requests.Response, sha256: str) -> FileState:
    raw = response.headers.get("Upload-Offset", "")
    if not raw.isdigit() or len(raw) > 15 or response.headers.get("Upload-Complete") not in ("0", "1"):
        raise AnswerInvalid("malformed_answer", "upload headers missing")
    if response.content:  # PATCH/GET answer the state as JSON too: it must be this file's
        body = _json_object(response)
        if body.get("sha256") != sha256:
            raise AnswerInvalid("receipt_other_sha256")
    return FileState(int(raw), response.headers.get("Upload-Complete") == "1")
