"""补正 in the sandbox's back office: a request (what the reviewer asks for, by when) sent with a
``supplement_required`` status change, and the window's 补正 submission answering it.

The submission is keyed by its own UUID (the workstation's outbox action): ``INSERT ... ON CONFLICT DO NOTHING``,
then the stored body hash decides between "the same again" and 409 ``conflict_different_content``; a request
answers once (a second, different submission for it is 409 ``correction_answered``). Files are bound only when
every one is completely uploaded; the case then goes back to review.
"""

import json
import sqlite3
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import FastAPI

from sandbox import API_PREFIX
from sandbox.api import ApiError, CaseId
from sandbox.api import errors as _errors
from sandbox.authz import require_own_case
from sandbox.models import CorrectionReceipt, CorrectionSubmission
from sandbox.store import Store, body_digest, now_iso

DEFAULT_DAYS = 15  # the simulated reviewer's time for the applicant to bring the materials
SIMULATED_REQUIREMENT = "材料内容不完整或不清晰，请提交完整、清晰的材料（模拟）"


def ask_correction(conn: sqlite3.Connection, case_uuid: str, centre_code: str, items: list[dict[str, str]],
                   due_by: str | None, note: str = "请补正材料") -> str:
    """Move the case to ``supplement_required`` with a request naming ``items``; returns the request id."""
    stamp = now_iso()
    request_id = f"BZ-{uuid.uuid4().hex[:16]}"
    conn.execute("UPDATE cases SET status = 'supplement_required' WHERE case_uuid = ?", (case_uuid,))
    seq = conn.execute("INSERT INTO case_changes (case_uuid, centre_code, status, note, at)"
                       " VALUES (?, ?, 'supplement_required', ?, ?)", (case_uuid, centre_code, note, stamp)).lastrowid
    conn.execute("INSERT INTO corrections (request_id, case_uuid, change_seq, items, due_by, requested_at)"
                 " VALUES (?, ?, ?, ?, ?, ?)",
                 (request_id, case_uuid, seq, json.dumps(items, ensure_ascii=False), due_by, stamp))
    return request_id


def simulated_items(body: str) -> list[dict[str, str]]:
    """What the simulated reviewer asks for: the first material of the case as it was received."""
    materials = json.loads(body).get("materials") or [{"material_code": "M1", "name": "申请材料"}]
    first = materials[0]
    return [{"material_code": str(first.get("material_code", "M1")), "name": str(first.get("name", "")),
             "requirement": SIMULATED_REQUIREMENT}]


def simulated_due_by() -> str:
    return (datetime.now(UTC).date() + timedelta(days=DEFAULT_DAYS)).isoformat()


def correction_of_change(conn: sqlite3.Connection, seq: int) -> dict[str, Any] | None:
    row = conn.execute("SELECT request_id, items, due_by, requested_at FROM corrections WHERE change_seq = ?",
                       (seq,)).fetchone()
    if row is None:
        return None
    return {"request_id": row["request_id"], "items": json.loads(row["items"]), "due_by": row["due_by"],
            "requested_at": row["requested_at"]}


def mount_correction_routes(app: FastAPI, store: Store, Caller: Any) -> None:  # noqa: N803 - a type alias
    @app.post(f"{API_PREFIX}/cases/{{case_uuid}}/corrections/{{submission_uuid}}", response_model=CorrectionReceipt,
              responses=_errors(403, 404, 409, 422), tags=["cases"])
    def correction(case_uuid: CaseId, submission_uuid: CaseId, body: CorrectionSubmission,
                   caller: Caller) -> dict[str, Any]:
        """补正 materials answering a request of the back office. Keyed by the submission's UUID (same body again =
        the first answer, different body = 409); one submission per request; the files are bound only when every
        one is completely uploaded (else 409 ``files_incomplete``); the case goes back to review."""
        key, case_key = submission_uuid.lower(), case_uuid.lower()
        if body.submission_uuid.lower() != key or body.case_uuid.lower() != case_key:
            raise ApiError(422, "uuid_mismatch", "the UUIDs in the body differ from the path")
        data = body.model_dump(mode="json")
        digest = body_digest(data)
        wanted = {(m.material_code, sha) for m in body.materials for sha in m.files}
        stamp = now_iso()
        with store.transaction() as conn:
            centre = require_own_case(conn, case_key, caller)  # 404 unknown, 403 another centre's case
            request = conn.execute("SELECT case_uuid FROM corrections WHERE request_id = ?",
                                   (body.request_id,)).fetchone()
            if request is None or request["case_uuid"] != case_key:
                raise ApiError(404, "correction_unknown", "the back office asked no such 补正 of this case")
            stored = conn.execute("SELECT submission_uuid, body_sha256, received_at FROM correction_submissions"
                                  " WHERE submission_uuid = ? OR request_id = ?", (key, body.request_id)).fetchone()
            if stored is not None:
                if stored["submission_uuid"] != key:
                    raise ApiError(409, "correction_answered", "this 补正 request was answered by another submission")
                if stored["body_sha256"] != digest:
                    raise ApiError(409, "conflict_different_content",
                                   "this submission was received with different content",
                                   stored_sha256=stored["body_sha256"], sent_sha256=digest)
                return _receipt(key, case_key, body.request_id, stored["received_at"], digest, len(wanted))
            shas = sorted({sha for _code, sha in wanted})
            have = {r[0] for r in conn.execute(
                f"SELECT sha256 FROM files WHERE sha256 IN ({','.join('?' * len(shas))})", shas)} if shas else set()
            missing = [s for s in shas if s not in have]
            if missing:
                raise ApiError(409, "files_incomplete", "some files are not completely uploaded", missing=missing)
            conn.execute("INSERT INTO correction_submissions (submission_uuid, request_id, case_uuid, body_sha256,"
                         " body, received_at) VALUES (?, ?, ?, ?, ?, ?)",
                         (key, body.request_id, case_key, digest, json.dumps(data, ensure_ascii=False), stamp))
            conn.executemany("INSERT OR IGNORE INTO case_files VALUES (?, ?, ?)",
                             [(case_key, code, sha) for code, sha in sorted(wanted)])
            moved = conn.execute("UPDATE cases SET status = 'in_review' WHERE case_uuid = ?"
                                 " AND status = 'supplement_required'", (case_key,)).rowcount
            if moved:
                conn.execute("INSERT INTO case_changes (case_uuid, centre_code, status, note, at)"
                             " VALUES (?, ?, 'in_review', '补正材料已收到', ?)", (case_key, centre, stamp))
        return _receipt(key, case_key, body.request_id, stamp, digest, len(wanted))


def _receipt(key: str, case_key: str, request_id: str, received_at: str, digest: str, bound: int) -> dict[str, Any]:
    return {"id": key, "case_uuid": case_key, "request_id": request_id, "received_at": received_at,
            "body_sha256": digest, "bound_files": bound, "processed": True}
