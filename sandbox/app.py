"""The sandbox platform's HTTP application (FastAPI)."""


import hashlib
import json
import secrets
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Path as PathParam, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect
from starlette.exceptions import HTTPException as StarletteHTTPException

from sandbox import API_PREFIX
from sandbox.calendar_feed import calendar_for
from sandbox.catalog_feed import catalog_changes
from sandbox.faults import Fault, FaultBoard, FaultMiddleware
from sandbox.models import (
    SHA256_PATTERN,
    UUID_PATTERN,
    BindRequest,
    BindResult,
    Calendar,
    CaseChanges,
    CaseReceipt,
    CaseUpsert,
    ErrorBody,
    Evaluation,
    FileState,
    Handover,
    LoginRequest,
    RefreshRequest,
    Session,
    WriteReceipt,
)
from sandbox.store import Store, body_digest, now_iso

MAX_CHUNK = 8 * 1024 * 1024


@dataclass
class SandboxSettings:
    db_path: Path
    token_ttl: float = 3600.0
    backoffice_delay: float = 5.0  # seconds per back-office step; < 0 switches the simulator off
    backoffice_seed: int = 7
    clerks: dict[str, str] = field(default_factory=lambda: {"trainee": "trainee"})
    test_admin: bool = False
    faults: list[Fault] = field(default_factory=list)
    fault_seed: int = 0


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None,
                 **details: Any) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.details, self.headers = status, code, message, details, headers


def _error_response(status: int, code: str, message: str, details: dict[str, Any] | None = None,
                    headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"code": code, "message": message, "details": details or {}}, status, headers=headers)


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {s: {"model": ErrorBody} for s in (*statuses, 401, 422, 429, 500, 503)}


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
    file_locks: dict[str, threading.Lock] = {}
    locks_guard = threading.Lock()
    with store.transaction() as conn:
        for account, password in settings.clerks.items():
            conn.execute("INSERT OR IGNORE INTO clerks VALUES (?, ?, ?, ?)",
                         (account, hash_password(password), f"学员{account}", json.dumps(["01", "02"])))

    app = FastAPI(
        title="OneWindow sandbox platform", version="1.0.0",
        description="The central-platform contract the OneWindow workstation speaks (see docs/sync.md).",
        servers=[{"url": "/"}],
    )
    app.state.store = store
    app.state.faults = board
    app.state.settings = settings

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

    # -- auth --------------------------------------------------------------------------------------------------
    def _issue(conn: sqlite3.Connection, account: str) -> dict[str, Any]:
        row = conn.execute("SELECT account, name, windows FROM clerks WHERE account = ?", (account,)).fetchone()
        access, refresh = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
        now = time.time()
        conn.execute("INSERT INTO tokens VALUES (?, 'access', ?, ?)", (access, account, now + settings.token_ttl))
        conn.execute("INSERT INTO tokens VALUES (?, 'refresh', ?, ?)", (refresh, account, now + 30 * 86400))
        return {"access_token": access, "refresh_token": refresh, "expires_in": int(settings.token_ttl),
                "clerk": {"account": row["account"], "name": row["name"]}, "windows": json.loads(row["windows"])}

    @app.post(f"{API_PREFIX}/auth/login", response_model=Session, responses=_errors(), tags=["auth"])
    def login(body: LoginRequest) -> dict[str, Any]:
        rows = store.query("SELECT password_hash FROM clerks WHERE account = ?", (body.account,))
        if not rows or not check_password(body.password, rows[0]["password_hash"]):
            raise ApiError(401, "invalid_credentials", "account or password is wrong")
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

    Clerk = Annotated[str, Depends(clerk)]
    CaseId = Annotated[str, PathParam(pattern=UUID_PATTERN)]
    Sha = Annotated[str, PathParam(pattern=SHA256_PATTERN)]

    # -- pulls -------------------------------------------------------------------------------------------------
    @app.get(f"{API_PREFIX}/catalog/changes", responses=_errors(), tags=["pull"])
    def get_catalog_changes(_clerk: Clerk, cursor: Annotated[str, Query(max_length=64)] = "") -> dict[str, Any]:
        return catalog_changes(cursor)

    @app.get(f"{API_PREFIX}/calendar", response_model=Calendar, responses=_errors(), tags=["pull"])
    def get_calendar(_clerk: Clerk, year: Annotated[int, Query(ge=2000, le=2100)]) -> dict[str, Any]:
        return calendar_for(year)

    @app.get(f"{API_PREFIX}/cases/changes", response_model=CaseChanges, responses=_errors(), tags=["pull"])
    def get_case_changes(_clerk: Clerk, cursor: Annotated[str, Query(max_length=18, pattern=r"^[0-9]{0,18}$")] = "",
                         limit: Annotated[int, Query(ge=1, le=1000)] = 200,
                         x_centre_code: Annotated[str | None, Header()] = None) -> dict[str, Any]:
        after = int(cursor or 0)
        sql = "SELECT seq, case_uuid, status, note, at FROM case_changes WHERE seq > ?"
        params: tuple[Any, ...] = (after,)
        if x_centre_code:
            sql, params = sql + " AND centre_code = ?", (*params, x_centre_code)
        rows = store.query(sql + " ORDER BY seq LIMIT ?", (*params, limit + 1))
        page = [dict(r) for r in rows[:limit]]
        return {"changes": page, "cursor": str(page[-1]["seq"] if page else after), "has_more": len(rows) > limit}

    # -- cases -------------------------------------------------------------------------------------------------
    @app.put(f"{API_PREFIX}/cases/{{case_uuid}}", response_model=CaseReceipt, responses=_errors(409),
             tags=["cases"])
    def put_case(case_uuid: CaseId, body: CaseUpsert, _clerk: Clerk) -> dict[str, Any]:
        if body.case_uuid.lower() != case_uuid.lower():
            raise ApiError(422, "uuid_mismatch", "case_uuid in the body differs from the path")
        data = body.model_dump(mode="json")
        digest = body_digest(data)
        stamp = now_iso()
        with store.transaction() as conn:
            seq = int(conn.execute("SELECT coalesce(max(seq), 0) + 1 FROM cases").fetchone()[0])
            inserted = conn.execute(
                "INSERT INTO cases (case_uuid, seq, body_sha256, body, centre_code, status, platform_number,"
                " received_at) VALUES (?, ?, ?, ?, ?, 'received', ?, ?) ON CONFLICT (case_uuid) DO NOTHING",
                (case_uuid.lower(), seq, digest, json.dumps(data, ensure_ascii=False), body.centre_code,
                 f"PT{body.centre_code}{seq:08d}", stamp),
            ).rowcount
            if inserted:
                conn.execute("INSERT INTO case_changes (case_uuid, centre_code, status, note, at)"
                             " VALUES (?, ?, 'received', '', ?)", (case_uuid.lower(), body.centre_code, stamp))
            row = conn.execute("SELECT * FROM cases WHERE case_uuid = ?", (case_uuid.lower(),)).fetchone()
        if row["body_sha256"] != digest:
            raise ApiError(409, "conflict_different_content",
                           "this case was already received with different content; send a correction instead",
                           stored_sha256=row["body_sha256"], sent_sha256=digest)
        return {"case_uuid": row["case_uuid"], "platform_number": row["platform_number"], "status": row["status"],
                "received_at": row["received_at"], "body_sha256": row["body_sha256"]}

    @app.post(f"{API_PREFIX}/cases/{{case_uuid}}/materials", response_model=BindResult, responses=_errors(404, 409),
              tags=["cases"])
    def bind_materials(case_uuid: CaseId, body: BindRequest, _clerk: Clerk) -> dict[str, Any]:
        digest = body_digest(body.model_dump(mode="json"))
        wanted = {(b.material_code, sha) for b in body.materials for sha in b.files}
        with store.transaction() as conn:
            if conn.execute("SELECT 1 FROM cases WHERE case_uuid = ?", (case_uuid.lower(),)).fetchone() is None:
                raise ApiError(404, "case_unknown", "no such case; send the case first")
            shas = sorted({sha for _code, sha in wanted})
            have = {r[0] for r in conn.execute(
                f"SELECT sha256 FROM files WHERE sha256 IN ({','.join('?' * len(shas))})", shas)} if shas else set()
            missing = [s for s in shas if s not in have]
            if missing:
                raise ApiError(409, "files_incomplete", "some files are not completely uploaded", missing=missing)
            conn.execute("INSERT INTO bindings VALUES (?, ?, ?) ON CONFLICT (case_uuid) DO NOTHING",
                         (case_uuid.lower(), digest, now_iso()))
            stored = conn.execute("SELECT body_sha256 FROM bindings WHERE case_uuid = ?",
                                  (case_uuid.lower(),)).fetchone()[0]
            if stored != digest:
                raise ApiError(409, "conflict_different_content", "the case's materials were bound differently",
                               stored_sha256=stored, sent_sha256=digest)
            conn.executemany("INSERT OR IGNORE INTO case_files VALUES (?, ?, ?)",
                             [(case_uuid.lower(), code, sha) for code, sha in sorted(wanted)])
        return {"case_uuid": case_uuid.lower(), "bound_files": len(wanted), "processed": True,
                "body_sha256": digest}

    def _idempotent_write(table: str, key_column: str, key: str, body: dict[str, Any],
                          extra: dict[str, Any]) -> dict[str, Any]:
        digest = body_digest(body)
        stamp = now_iso()
        columns = [key_column, *extra, "body_sha256", "body", "received_at"]
        values = [key, *extra.values(), digest, json.dumps(body, ensure_ascii=False), stamp]
        with store.transaction() as conn:
            conn.execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
                         f" ON CONFLICT ({key_column}) DO NOTHING", values)
            row = conn.execute(f"SELECT body_sha256, received_at FROM {table} WHERE {key_column} = ?",
                               (key,)).fetchone()
        if row["body_sha256"] != digest:
            raise ApiError(409, "conflict_different_content", "already received with different content",
                           stored_sha256=row["body_sha256"], sent_sha256=digest)
        return {"id": key, "received_at": row["received_at"], "body_sha256": digest}

    @app.post(f"{API_PREFIX}/cases/{{case_uuid}}/handover", response_model=WriteReceipt,
              responses=_errors(404, 409), tags=["cases"])
    def handover(case_uuid: CaseId, body: Handover, _clerk: Clerk) -> dict[str, Any]:
        rows = store.query("SELECT centre_code FROM cases WHERE case_uuid = ?", (case_uuid.lower(),))
        if not rows:
            raise ApiError(404, "case_unknown", "no such case; send the case first")
        result = _idempotent_write("handovers", "case_uuid", case_uuid.lower(), body.model_dump(mode="json"), {})
        with store.transaction() as conn:
            changed = conn.execute("UPDATE cases SET status = 'handed_over' WHERE case_uuid = ?"
                                   " AND status != 'handed_over'", (case_uuid.lower(),)).rowcount
            if changed:
                conn.execute("INSERT INTO case_changes (case_uuid, centre_code, status, note, at)"
                             " VALUES (?, ?, 'handed_over', '', ?)", (case_uuid.lower(), rows[0][0], now_iso()))
        return result

    @app.post(f"{API_PREFIX}/evaluations", response_model=WriteReceipt, responses=_errors(409), tags=["cases"])
    def evaluation(body: Evaluation, _clerk: Clerk) -> dict[str, Any]:
        return _idempotent_write("evaluations", "evaluation_uuid", body.evaluation_uuid.lower(),
                                 body.model_dump(mode="json"), {"case_uuid": body.case_uuid})

    # -- files -------------------------------------------------------------------------------------------------
    def _file_state(sha: str) -> dict[str, Any]:
        rows = store.query("SELECT size FROM files WHERE sha256 = ?", (sha,))
        if rows:
            return {"sha256": sha, "offset": rows[0]["size"], "complete": True, "size": rows[0]["size"]}
        part = store.partial_path(sha)
        return {"sha256": sha, "offset": part.stat().st_size if part.exists() else 0, "complete": False,
                "size": None}

    def _state_headers(state: dict[str, Any]) -> dict[str, str]:
        return {"Upload-Offset": str(state["offset"]), "Upload-Complete": "1" if state["complete"] else "0"}

    upload_headers = {
        "Upload-Offset": {"description": "bytes the platform holds", "schema": {"type": "integer", "minimum": 0}},
        "Upload-Complete": {"description": "1 once the whole file arrived and its hash matched",
                            "schema": {"type": "string", "enum": ["0", "1"]}},
    }

    @app.head(f"{API_PREFIX}/files/{{sha256}}", response_class=Response, tags=["files"],
              responses={200: {"description": "what the platform holds of this file", "headers": upload_headers},
                         **_errors()})
    def head_file(sha256: Sha, _clerk: Clerk) -> Response:
        return Response(status_code=200, headers=_state_headers(_file_state(sha256)))

    @app.get(f"{API_PREFIX}/files/{{sha256}}", response_model=FileState, responses=_errors(), tags=["files"])
    def get_file(sha256: Sha, _clerk: Clerk) -> JSONResponse:
        state = _file_state(sha256)
        return JSONResponse(state, headers=_state_headers(state))

    def _append(sha: str, offset: int, length: int, chunk: bytes) -> dict[str, Any]:
        with locks_guard:
            lock = file_locks.setdefault(sha, threading.Lock())
        with lock:
            state = _file_state(sha)
            if state["complete"]:
                return state
            if offset != state["offset"]:
                raise ApiError(409, "offset_mismatch", "the upload offset differs from what the platform holds",
                               offset=state["offset"])
            if offset + len(chunk) > length:
                raise ApiError(400, "too_long", "the chunk runs past the declared length")
            part = store.partial_path(sha)
            if offset == 0 and len(chunk) == length:  # the whole file in one request: hash it in memory
                digest = hashlib.sha256(chunk)
                with part.open("wb") as handle:
                    handle.write(chunk)
            else:
                with part.open("ab") as handle:
                    handle.write(chunk)
                if offset + len(chunk) < length:
                    return {"sha256": sha, "offset": offset + len(chunk), "complete": False, "size": None}
                digest = hashlib.sha256()
                with part.open("rb") as handle:
                    while block := handle.read(1 << 20):
                        digest.update(block)
            if digest.hexdigest() != sha:
                part.unlink(missing_ok=True)
                raise ApiError(422, "hash_mismatch", "the received bytes do not hash to the file's name; start over")
            part.replace(store.file_path(sha))
            with store.transaction() as conn:
                conn.execute("INSERT OR IGNORE INTO files VALUES (?, ?, ?)", (sha, length, now_iso()))
            return {"sha256": sha, "offset": length, "complete": True, "size": length}

    @app.patch(
        f"{API_PREFIX}/files/{{sha256}}", response_model=FileState, responses=_errors(400, 409, 413), tags=["files"],
        openapi_extra={"requestBody": {"required": True, "content": {
            "application/offset+octet-stream": {"schema": {"type": "string", "format": "binary"}}}}},
    )
    async def patch_file(sha256: Sha, request: Request, _clerk: Clerk,
                         upload_offset: Annotated[int, Header(ge=0)],
                         upload_length: Annotated[int, Header(ge=1, le=1 << 34)]) -> JSONResponse:
        try:
            chunk = await request.body()
        except ClientDisconnect:  # the client went away mid-body: nothing was written, nobody is listening
            return JSONResponse({"code": "client_disconnected", "message": "", "details": {}}, 400)
        if len(chunk) > MAX_CHUNK:
            raise ApiError(413, "chunk_too_large", "send at most 8 MiB per request", limit=MAX_CHUNK)
        state = await run_in_threadpool(_append, sha256, upload_offset, upload_length, chunk)
        return JSONResponse(state, headers=_state_headers(state))

    # -- test-only administration ------------------------------------------------------------------------------
    if settings.test_admin:
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

        @app.get("/__admin/faults", include_in_schema=False)
        def get_faults() -> dict[str, Any]:
            return {"faults": [f.as_dict() for f in board.faults]}

    @app.get("/health", include_in_schema=False)
    def health() -> dict[str, str]:
        return {"status": "ok"}

    return FaultMiddleware(app, board), app
