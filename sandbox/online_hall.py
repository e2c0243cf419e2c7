"""The online hall (网上办事大厅) of the sandbox: citizens' pre-applications (网上申报) and their pre-review (网上预审).

Citizen side, ``/online/v1`` (the portal; no clerk token): a file is uploaded whole by its SHA-256 (checked), then
the pre-application names its files and e-licence references; on submission the back office pre-reviews it at
once against the sandbox's catalog (every required material of the chosen 情形 supplied online → 预审通过, else
需补正 naming what is missing: 一次性告知). Window side, ``/api/v1/pre-applications`` (clerk token): fetched by its
number (the QR/barcode on the citizen's phone) or searched by the applicant's ID number (the card read at the
window). A case upserted with ``pre_application_id`` takes the pre-application (status ``accepted``, its case
UUID recorded); its online files are already held, so the window binds them without sending them again — the
``upload_bytes`` table counts what each channel really sent.
"""

import hashlib
import json
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import FastAPI, Request
from fastapi import Path as PathParam
from starlette.concurrency import run_in_threadpool

from sandbox import API_PREFIX
from sandbox.api import ApiError, Sha
from sandbox.api import errors as _errors
from sandbox.catalog_feed import _training
from sandbox.models import (
    FileState,
    PreApplication,
    PreApplicationList,
    PreApplicationSearch,
    PreApplicationSubmit,
)
from sandbox.store import Store, body_digest, now_iso

ONLINE_PREFIX = "/online/v1"
MAX_ONLINE_FILE = 20 * 1024 * 1024
NUMBER_PATTERN = r"^WS[0-9]{12}$"  # WS + date + 4 digits: too few digits for the window's case-number gun filter


def id_index(id_number: str) -> str:
    """The platform's lookup key of a person (it never stores the number in clear beside the pre-application)."""
    return hashlib.sha256(b"pre-application:" + id_number.strip().upper().encode()).hexdigest()


def _item(code: str) -> dict[str, Any] | None:
    training = _training() or {}
    return next((i for i in training.get("items", ()) if i.get("implementation_code") == code), None)


def required_materials(item: dict[str, Any], answers: dict[str, str]) -> list[dict[str, Any]]:
    """The item's required materials for the chosen 情形 (conditional materials only when an answer adds them)."""
    situations = item.get("situations") or []
    conditional = {c for s in situations for o in s["options"] for c in o.get("adds", ())}
    added: set[str] = set()
    removed: set[str] = set()
    for s in situations:
        chosen = answers.get(s["code"], s.get("default"))
        option = next((o for o in s["options"] if o["code"] == chosen), None)
        if option is None:
            raise ApiError(422, "unknown_answer", "an answer names no option of its question", question=s["code"])
        added.update(option.get("adds", ()))
        removed.update(option.get("removes", ()))
    return [m for m in item.get("materials", ()) if m.get("necessity") == "必要"
            and (m["code"] not in conditional or m["code"] in added) and m["code"] not in removed]


def prereview(item: dict[str, Any], body: PreApplicationSubmit) -> dict[str, Any]:
    supplied = {m.material_code for m in body.materials if m.files or m.elicence is not None}
    missing = [{"material_code": m["code"], "name": m["name"], "reason": "未上传"}
               for m in required_materials(item, body.answers) if m["code"] not in supplied]
    return {"result": "needs_correction" if missing else "passed", "missing": missing,
            "note": "请携带原件到窗口核验" if not missing else "请补充以下材料，窗口可当场补交",
            "reviewed_at": now_iso()}


def _public(row: Any) -> dict[str, Any]:
    body = json.loads(row["body"])
    return {**body, "pre_application_id": row["pre_application_id"], "number": row["number"],
            "status": row["status"], "case_uuid": row["case_uuid"], "submitted_at": row["submitted_at"],
            "prereview": json.loads(row["prereview"])}


def take_pre_application(conn: Any, pre_application_id: str, case_uuid: str, centre_code: str) -> None:
    """Inside the case upsert's transaction: the pre-application is taken by this case (once; another case that
    names it is refused)."""
    row = conn.execute("SELECT case_uuid, centre_code FROM pre_applications WHERE pre_application_id = ?",
                       (pre_application_id.lower(),)).fetchone()
    if row is None:
        raise ApiError(422, "pre_application_unknown", "the case names a pre-application the platform does not know")
    if row["case_uuid"] not in (None, case_uuid):
        raise ApiError(409, "pre_application_taken", "another case already took this pre-application",
                       case_uuid=row["case_uuid"])
    if row["centre_code"] != centre_code:
        raise ApiError(403, "other_centre", "the pre-application belongs to another centre")
    conn.execute("UPDATE pre_applications SET status = 'accepted', case_uuid = ? WHERE pre_application_id = ?",
                 (case_uuid, pre_application_id.lower()))


def store_online_file(store: Store, sha: str, data: bytes) -> dict[str, Any]:
    """A file the citizen uploaded online, whole: hash checked, counted under the ``online`` channel."""
    if hashlib.sha256(data).hexdigest() != sha:
        raise ApiError(422, "hash_mismatch", "the bytes do not hash to the file's name")
    store.count_upload(sha, "online", len(data))
    target = store.file_path(sha)
    if not target.exists():
        part = store.files_dir / f"{sha}.online"
        part.write_bytes(data)
        part.replace(target)
    with store.transaction() as conn:
        conn.execute("INSERT OR IGNORE INTO files VALUES (?, ?, ?)", (sha, len(data), now_iso()))
    return {"sha256": sha, "offset": len(data), "complete": True, "size": len(data)}


def submit_pre_application(store: Store, body: PreApplicationSubmit) -> dict[str, Any]:
    """Store a pre-application (idempotent by its id: the same body again = the first answer, another body =
    409) with the back office's pre-review, made at once; every file it names must be held already."""
    item = _item(body.item_code)
    if item is None:
        raise ApiError(404, "item_unknown", "no such service item in the catalog")
    data = body.model_dump(mode="json")
    key = data.pop("pre_application_id").lower()
    digest = body_digest(data)
    shas = sorted({f.sha256 for m in body.materials for f in m.files})
    review = prereview(item, body)
    with store.transaction() as conn:
        have = {r[0] for r in conn.execute(
            f"SELECT sha256 FROM files WHERE sha256 IN ({','.join('?' * len(shas))})", shas)} if shas else set()
        missing = [s for s in shas if s not in have]
        if missing:
            raise ApiError(409, "files_incomplete", "upload every file before submitting", missing=missing)
        day = datetime.now(UTC).strftime("%Y%m%d")
        seq = int(conn.execute("SELECT count(*) + 1 FROM pre_applications WHERE number LIKE ?",
                               (f"WS{day}%",)).fetchone()[0])
        conn.execute(
            "INSERT INTO pre_applications (pre_application_id, number, centre_code, id_index, body_sha256,"
            " body, prereview, status, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'prereviewed', ?)"
            " ON CONFLICT (pre_application_id) DO NOTHING",
            (key, f"WS{day}{seq:04d}", body.centre_code, id_index(body.applicant.id_number), digest,
             json.dumps(data, ensure_ascii=False), json.dumps(review, ensure_ascii=False), now_iso()))
        row = conn.execute("SELECT * FROM pre_applications WHERE pre_application_id = ?", (key,)).fetchone()
    if row["body_sha256"] != digest:
        raise ApiError(409, "conflict_different_content", "this pre-application was submitted differently",
                       stored_sha256=row["body_sha256"], sent_sha256=digest)
    return _public(row)


def mount_online_hall(app: FastAPI, store: Store, Caller: Any) -> None:  # noqa: N803 - a type alias
    _mount_citizen_side(app, store)
    _mount_window_side(app, store, Caller)


def _mount_citizen_side(app: FastAPI, store: Store) -> None:
    @app.put(f"{ONLINE_PREFIX}/uploads/{{sha256}}", response_model=FileState, responses=_errors(413),
             tags=["online hall"],
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}})
    async def upload(sha256: Sha, request: Request) -> dict[str, Any]:
        """The citizen's upload of one material file, whole, named by its SHA-256 (checked)."""
        data = await request.body()
        if len(data) > MAX_ONLINE_FILE:
            raise ApiError(413, "file_too_large", "an online upload is at most 20 MiB", limit=MAX_ONLINE_FILE)
        return await run_in_threadpool(store_online_file, store, sha256, data)

    @app.post(f"{ONLINE_PREFIX}/pre-applications", response_model=PreApplication, responses=_errors(404, 409),
              tags=["online hall"])
    def submit(body: PreApplicationSubmit) -> dict[str, Any]:
        """A pre-application (网上申报), pre-reviewed at once (网上预审). Idempotent by ``pre_application_id``."""
        return submit_pre_application(store, body)

    @app.get(f"{ONLINE_PREFIX}/pre-applications/{{pre_application_id}}", response_model=PreApplication,
             responses=_errors(404), tags=["online hall"])
    def progress(pre_application_id: Annotated[str, PathParam(max_length=64)]) -> dict[str, Any]:
        """The citizen's view of their pre-application: its pre-review result and whether a window took it."""
        rows = store.query("SELECT * FROM pre_applications WHERE pre_application_id = ?",
                           (pre_application_id.lower(),))
        if not rows:
            raise ApiError(404, "pre_application_unknown", "no such pre-application")
        return _public(rows[0])



def _mount_window_side(app: FastAPI, store: Store, Caller: Any) -> None:  # noqa: N803 - a type alias
    """The window side answers for the token's centre only (sandbox/authz.py), never a header the client chooses."""
    @app.get(f"{API_PREFIX}/pre-applications/{{number}}", response_model=PreApplication, responses=_errors(403, 404),
             tags=["online hall"])
    def fetch(number: Annotated[str, PathParam(pattern=NUMBER_PATTERN)], caller: Caller) -> dict[str, Any]:
        """The window fetches a pre-application by the number the citizen shows (QR or barcode on the phone)."""
        rows = store.query("SELECT * FROM pre_applications WHERE number = ?", (number,))
        if not rows:
            raise ApiError(404, "pre_application_unknown", "no pre-application has this number")
        if rows[0]["centre_code"] != caller.centre_code:
            raise ApiError(403, "other_centre", "the pre-application was made for another centre")
        return _public(rows[0])

    @app.post(f"{API_PREFIX}/pre-applications/search", response_model=PreApplicationList, responses=_errors(),
              tags=["online hall"])
    def search(body: PreApplicationSearch, caller: Caller) -> dict[str, Any]:
        """The applicant's open pre-applications (not yet taken by a window), by the ID number read from the card
        (in the body, never in a URL that lands in logs)."""
        rows = store.query("SELECT * FROM pre_applications WHERE id_index = ? AND status = 'prereviewed'"
                           " AND centre_code = ? ORDER BY submitted_at DESC LIMIT 20",
                           (id_index(body.id_number), caller.centre_code))
        return {"pre_applications": [
            {"pre_application_id": r["pre_application_id"], "number": r["number"],
             "item_code": json.loads(r["body"])["item_code"], "submitted_at": r["submitted_at"],
             "prereview_result": json.loads(r["prereview"])["result"]} for r in rows]}
