"""The sandbox platform's HTTP application (FastAPI): settings, errors, auth, pulls, test administration.

Case routes live in ``sandbox.routes_cases``, file routes in ``sandbox.routes_files``. No ``from __future__ import
annotations`` here: FastAPI reads the route annotations at definition time.
"""

import hashlib
import json
import secrets
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from sandbox import API_PREFIX
from sandbox.api import ApiError
from sandbox.api import errors as _errors
from sandbox.authz import LoginThrottle, caller_type
from sandbox.backoffice import NOTES
from sandbox.calendar_feed import calendar_for
from sandbox.catalog_feed import catalog_changes
from sandbox.corrections import ask_correction, correction_of_change, mount_correction_routes
from sandbox.deliveries import mount_delivery_admin, mount_delivery_routes
from sandbox.faults import Fault, FaultBoard, FaultMiddleware
from sandbox.models import Calendar, CaseChanges, LoginRequest, RefreshRequest, Session
from sandbox.online_hall import mount_online_hall
from sandbox.payments import mount_payment_routes, pay
from sandbox.queue_routes import mount_queue_routes
from sandbox.queue_sim import ArrivalSimulator
from sandbox.queue_store import QueueStore
from sandbox.results import decide, result_of_change
from sandbox.routes_audit import mount_audit_routes
from sandbox.routes_cases import mount_case_routes, mount_void_route
from sandbox.routes_files import mount_file_routes
from sandbox.routes_reports import mount_report_routes
from sandbox.routes_signatures import mount_signature_routes
from sandbox.routes_supplements import mount_supplement_routes
from sandbox.routing import mount_routing_routes
from sandbox.store import Store
from sandbox.tongban import decided_by, mount_sub_case_admin, sub_case_of_change


@dataclass
class SandboxSettings:
    db_path: Path
    token_ttl: float = 3600.0
    backoffice_delay: float = 5.0  # seconds per back-office step; < 0 switches the simulator off
    backoffice_seed: int = 7
    clerks: dict[str, str] = field(default_factory=lambda: {"trainee": "trainee"})
    centre_code: str = "330302001"  # the centre of every clerk not named in clerk_centres (the training default)
    clerk_centres: dict[str, str] = field(default_factory=dict)  # account -> centre code
    login_failures_allowed: int = 5  # failed logins in a row before an account is throttled (429)
    login_lockout_seconds: float = 60.0
    test_admin: bool = False
    faults: list[Fault] = field(default_factory=list)
    fault_seed: int = 0
    queue_arrivals_per_hour: float = 0.0  # training: simulated citizens taking tickets; 0 = none
    queue_seed: int = 7
    queue_clock: Any = None  # a simulated clock for the queue (a training-day script); None = real time


def _error_response(status: int, code: str, message: str, details: dict[str, Any] | None = None,
                    headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"code": code, "message": message, "details": details or {}}, status, headers=headers)


def hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**12, r=8, p=1)
    return f"{salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    salt_hex, _, _digest = stored.partition("$")
    return secrets.compare_digest(hash_password(password, bytes.fromhex(salt_hex)), stored)


def create_app(settings: SandboxSettings) -> Any:
    store = Store(settings.db_path)
    board = FaultBoard(list(settings.faults), settings.fault_seed)
    with store.transaction() as conn:
        for account, password in settings.clerks.items():
            centre = settings.clerk_centres.get(account, settings.centre_code)
            conn.execute("INSERT INTO clerks (account, password_hash, name, windows, centre_code) VALUES"
                         " (?, ?, ?, ?, ?) ON CONFLICT (account) DO UPDATE SET centre_code = excluded.centre_code",
                         (account, hash_password(password), f"学员{account}", json.dumps(["01", "02"]), centre))

    app = FastAPI(
        title="OneWindow sandbox platform", version="1.0.0",
        description="The central-platform contract the OneWindow workstation speaks (see docs/sync.md), and the "
                    "hall queue service under /queue/v1 (see docs/queue.md), and the online hall's pre-applications "
                    "(网上申报: citizen side under /online/v1, window side under /api/v1/pre-applications; see "
                    "docs/online.md).",
        servers=[{"url": "/"}],
    )
    app.state.store = store
    app.state.faults = board
    app.state.settings = settings
    app.state.queue = QueueStore(store, clock=settings.queue_clock) if settings.queue_clock else QueueStore(store)
    app.state.queue_arrivals = ArrivalSimulator(app.state.queue, settings.queue_arrivals_per_hour,
                                                settings.queue_seed)

    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return _error_response(exc.status, exc.code, exc.message, exc.details, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))} for e in exc.errors()]
        return _error_response(422, "invalid_request", "the request does not match the contract", {"errors": errors})

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error_response(exc.status_code, f"http_{exc.status_code}", str(exc.detail))

    clerk = _mount_auth(app, store, settings)
    Clerk = Annotated[str, Depends(clerk)]  # noqa: N806 - a type alias
    Caller = caller_type(store, clerk)  # noqa: N806 - the token's account and centre, for the case writes
    _mount_pulls(app, store, Clerk, Caller)
    mount_case_routes(app, store, Caller)
    mount_void_route(app, store, Caller)
    mount_supplement_routes(app, store, Caller)
    mount_correction_routes(app, store, Caller)
    mount_payment_routes(app, store, Caller)
    mount_delivery_routes(app, store, Caller)
    mount_routing_routes(app, store, Caller)
    mount_signature_routes(app, store, Caller)
    mount_file_routes(app, store, Clerk)
    mount_audit_routes(app, store, Clerk)
    mount_online_hall(app, store, Caller)
    mount_report_routes(app, store, Clerk)
    mount_queue_routes(app, app.state.queue)
    if settings.test_admin:
        _mount_admin(app, store, board)
        mount_delivery_admin(app, store)

    @app.get("/health", include_in_schema=False)
    def health() -> dict[str, str]:
        return {"status": "ok"}

    return FaultMiddleware(app, board), app


def _mount_auth(app: FastAPI, store: Store, settings: SandboxSettings) -> Any:
    def _issue(conn: sqlite3.Connection, account: str) -> dict[str, Any]:
        row = conn.execute("SELECT account, name, windows FROM clerks WHERE account = ?", (account,)).fetchone()
        access, refresh = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
        now = time.time()
        conn.execute("INSERT INTO tokens VALUES (?, 'access', ?, ?)", (access, account, now + settings.token_ttl))
        conn.execute("INSERT INTO tokens VALUES (?, 'refresh', ?, ?)", (refresh, account, now + 30 * 86400))
        return {"access_token": access, "refresh_token": refresh, "expires_in": int(settings.token_ttl),
                "clerk": {"account": row["account"], "name": row["name"]}, "windows": json.loads(row["windows"])}

    throttle = LoginThrottle(settings.login_failures_allowed, settings.login_lockout_seconds)

    @app.post(f"{API_PREFIX}/auth/login", response_model=Session, responses=_errors(), tags=["auth"])
    def login(body: LoginRequest, request: Request) -> dict[str, Any]:
        client = request.client.host if request.client else ""
        throttle.check(body.account, client)  # 429 while locked out, even for the right password
        rows = store.query("SELECT password_hash FROM clerks WHERE account = ?", (body.account,))
        if not rows or not check_password(body.password, rows[0]["password_hash"]):
            throttle.failed(body.account, client)
            raise ApiError(401, "invalid_credentials", "account or password is wrong")
        throttle.succeeded(body.account)
        with store.transaction() as conn:
            return _issue(conn, body.account)

    @app.post(f"{API_PREFIX}/auth/refresh", response_model=Session, responses=_errors(), tags=["auth"])
    def refresh(body: RefreshRequest) -> dict[str, Any]:
        with store.transaction() as conn:
            row = conn.execute("SELECT account, expires_at FROM tokens WHERE token = ? AND kind = 'refresh'",
                               (body.refresh_token,)).fetchone()
            if row is None or row["expires_at"] < time.time():
                raise ApiError(401, "refresh_expired", "the refresh token is unknown or expired")
            conn.execute("DELETE FROM tokens WHERE token = ?", (body.refresh_token,))
            return _issue(conn, row["account"])

    bearer = HTTPBearer(auto_error=False, description="access token from /auth/login or /auth/refresh")

    known_tokens: dict[str, tuple[str, float]] = {}  # tokens are immutable once issued: cache the lookups

    def clerk(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)] = None) -> str:
        token = credentials.credentials if credentials else ""
        known = known_tokens.get(token)
        if known is None:
            rows = store.query("SELECT account, expires_at FROM tokens WHERE token = ? AND kind = 'access'",
                               (token,))
            if not rows:
                raise ApiError(401, "unauthorized", "a valid bearer token is required")
            known = known_tokens[token] = (str(rows[0]["account"]), float(rows[0]["expires_at"]))
        if known[1] < time.time():
            raise ApiError(401, "token_expired", "the access token has expired; refresh it")
        return known[0]

    return clerk


def _mount_pulls(app: FastAPI, store: Store, Clerk: Any, Caller: Any) -> None:  # noqa: N803 - type aliases
    @app.get(f"{API_PREFIX}/catalog/changes", responses=_errors(), tags=["pull"])
    def get_catalog_changes(_clerk: Clerk, cursor: Annotated[str, Query(max_length=64)] = "") -> dict[str, Any]:
        return catalog_changes(cursor)

    @app.get(f"{API_PREFIX}/keys/receipt", responses=_errors(), tags=["pull"])
    def get_receipt_keys(_clerk: Clerk) -> dict[str, Any]:
        """The centre's receipt verification keys (base64 secrets), the current one named: every workstation
        makes its codes with the current key and checks with all of them."""
        return receipt_keys(store)

    @app.get(f"{API_PREFIX}/calendar", response_model=Calendar, responses=_errors(), tags=["pull"])
    def get_calendar(_clerk: Clerk, year: Annotated[int, Query(ge=2000, le=2100)]) -> dict[str, Any]:
        return calendar_for(year)

    @app.get(f"{API_PREFIX}/cases/changes", response_model=CaseChanges, responses=_errors(), tags=["pull"])
    def get_case_changes(caller: Caller, cursor: Annotated[str, Query(max_length=18, pattern=r"^[0-9]{0,18}$")] = "",
                         limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> dict[str, Any]:
        """The changes of the token's centre's cases (an ``X-Centre-Code`` header chooses nothing)."""
        after = int(cursor or 0)
        rows = store.query("SELECT seq, case_uuid, status, note, at FROM case_changes WHERE seq > ?"
                           " AND centre_code = ? ORDER BY seq LIMIT ?", (after, caller.centre_code, limit + 1))
        page = [dict(r) for r in rows[:limit]]
        for change in page:
            if change["status"] == "supplement_required":  # 补正: what is asked, and by when
                change["correction"] = correction_of_change(store.conn, int(change["seq"]))
            elif change["status"] in ("approved", "denied"):  # the decision, and the e-licence of an approval
                change.update(result_of_change(store.conn, int(change["seq"])))
            sub = sub_case_of_change(store.conn, int(change["seq"]))
            if sub is not None:  # 并联: the change is one sub-case's (its status is the sub-case's)
                change["sub_case"] = sub
            body = decided_by(store.conn, str(change["case_uuid"]))
            if body:  # 跨域通办: the deciding body of the other area
                change["decided_by"] = body
        return {"changes": page, "cursor": str(page[-1]["seq"] if page else after), "has_more": len(rows) > limit}


def receipt_keys(store: Store, rotate: bool = False) -> dict[str, Any]:
    """The key list; the first call (or ``rotate``) makes a new current key with the next id."""
    import base64
    import secrets

    with store.transaction() as conn:
        rows = conn.execute("SELECT key_id FROM receipt_keys").fetchall()
        if rotate or not rows:
            key_id = f"k{len(rows) + 1}"
            conn.execute("UPDATE receipt_keys SET current = 0")
            conn.execute("INSERT INTO receipt_keys (key_id, secret, created_at, current) VALUES (?, ?, ?, 1)",
                         (key_id, base64.b64encode(secrets.token_bytes(32)).decode(), time.time()))
        keys = conn.execute("SELECT key_id, secret, current FROM receipt_keys ORDER BY created_at").fetchall()
    current = next((k["key_id"] for k in keys if k["current"]), "")
    return {"keys": [{"key_id": k["key_id"], "secret": k["secret"]} for k in keys], "current": current}


def _mount_admin(app: FastAPI, store: Store, board: FaultBoard) -> None:
    @app.post("/__admin/receipt-keys/rotate", include_in_schema=False)
    def rotate_receipt_key() -> dict[str, Any]:
        return {"current": receipt_keys(store, rotate=True)["current"]}

    @app.put("/__admin/faults", include_in_schema=False)
    def set_faults(body: dict[str, Any]) -> dict[str, Any]:
        faults = [Fault(**{**f, "methods": tuple(f.get("methods", ()))}) for f in body.get("faults", [])]
        board.replace(faults, body.get("seed"))
        return {"faults": [f.as_dict() for f in board.faults]}

    @app.put("/__admin/sink/{name}", include_in_schema=False)
    async def sink(name: str, request: Request) -> dict[str, Any]:
        """Benchmark baseline: store a raw body the way an upload's bytes are stored, nothing else."""
        body = await request.body()

        def write() -> None:
            with (store.files_dir / f"sink-{hashlib.sha256(name.encode()).hexdigest()[:16]}").open("wb") as f:
                f.write(body)

        await run_in_threadpool(write)
        return {"size": len(body)}

    @app.post("/__admin/cases/{case_uuid}/correction", include_in_schema=False)
    def request_correction(case_uuid: str, body: dict[str, Any]) -> dict[str, Any]:
        """The back office asks for 补正 now: ``{"items": [{material_code, name, requirement}], "due_by"}``."""
        with store.transaction() as conn:
            row = conn.execute("SELECT centre_code, status FROM cases WHERE case_uuid = ?",
                               (case_uuid.lower(),)).fetchone()
            if row is None:
                raise ApiError(404, "case_unknown", "no such case")
            if row["status"] not in ("received", "in_review"):
                raise ApiError(409, "not_in_review", "only a case in review can be sent back for 补正")
            request_id = ask_correction(conn, case_uuid.lower(), row["centre_code"], list(body["items"]),
                                        body.get("due_by"), str(body.get("note") or "请补正材料"))
        return {"request_id": request_id}

    @app.post("/__admin/cases/{case_uuid}/decide", include_in_schema=False)
    def decide_now(case_uuid: str, body: dict[str, Any]) -> dict[str, Any]:
        """The back office decides now: ``{"outcome": "approved" | "denied", "reasons"?}`` (an approval of an
        item whose result is a licence issues its e-licence)."""
        outcome = body.get("outcome")
        if outcome not in ("approved", "denied"):
            raise ApiError(422, "bad_outcome", "outcome must be approved or denied")
        with store.transaction() as conn:
            row = conn.execute("SELECT centre_code, status FROM cases WHERE case_uuid = ?",
                               (case_uuid.lower(),)).fetchone()
            if row is None:
                raise ApiError(404, "case_unknown", "no such case")
            if row["status"] not in ("received", "in_review"):
                raise ApiError(409, "not_in_review", "only a case in review can be decided")
            seq = decide(conn, case_uuid.lower(), row["centre_code"], outcome, NOTES[outcome],
                         body.get("reasons"))
            found = result_of_change(conn, seq)
        return {"seq": seq, **found}

    mount_sub_case_admin(app, store)  # 并联: a department decides a sub-case now (sandbox/tongban.py)

    @app.get("/__admin/upload-bytes", include_in_schema=False)
    def upload_bytes() -> dict[str, Any]:
        """Bytes each channel (window PATCHes, online uploads) sent per file: the evidence that a file uploaded
        online was not sent again by the window."""
        rows = store.query("SELECT sha256, channel, bytes, requests FROM upload_bytes ORDER BY sha256, channel")
        return {"files": [dict(r) for r in rows]}

    @app.post("/__admin/payments/{payment_code}/pay", include_in_schema=False)
    def pay_now(payment_code: str) -> dict[str, Any]:
        """The citizen pays the order with this code (the simulated payment platform)."""
        with store.transaction() as conn:
            confirmation = pay(conn, payment_code)
        if confirmation is None:
            raise ApiError(409, "not_payable", "no unpaid order with this payment code")
        return confirmation

    @app.get("/__admin/faults", include_in_schema=False)
    def get_faults() -> dict[str, Any]:
        return {"faults": [f.as_dict() for f in board.faults]}
