"""File routes of the sandbox: resumable, content-addressed uploads (HEAD/GET state, PATCH at an offset).

The bytes go to ``<name>.part``; when the last byte arrives the SHA-256 is checked against the file's name and a
mismatch discards the upload. One lock per file serialises appends.
"""

import hashlib
import threading
from typing import Annotated, Any

from fastapi import FastAPI, Header, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from sandbox import API_PREFIX
from sandbox.api import ApiError, Sha
from sandbox.api import errors as _errors
from sandbox.models import FileState
from sandbox.store import Store, now_iso

MAX_CHUNK = 8 * 1024 * 1024


def mount_file_routes(app: FastAPI, store: Store, Clerk: Any) -> None:  # noqa: N803 - a type alias
    file_locks: dict[str, threading.Lock] = {}
    locks_guard = threading.Lock()

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
        await run_in_threadpool(store.count_upload, sha256, "window", len(chunk))
        state = await run_in_threadpool(_append, sha256, upload_offset, upload_length, chunk)
        return JSONResponse(state, headers=_state_headers(state))
