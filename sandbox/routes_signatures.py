"""The signature route of the sandbox: the applicant's signature of one paper of a case (customer screen or paper).

Keyed by the signature's UUID (the workstation's outbox action): ``INSERT ... ON CONFLICT DO NOTHING``, then the
stored body hash decides between "the same again" and 409 ``conflict_different_content``. One signature per paper
of a case (a second UUID for the same paper is 409 ``already_signed``). A screen signature's image must be
completely uploaded first (409 ``files_incomplete``); it is then bound to the case like a material's file.
"""

import json
from typing import Any

from fastapi import FastAPI

from sandbox import API_PREFIX
from sandbox.api import ApiError, CaseId
from sandbox.api import errors as _errors
from sandbox.authz import require_own_case
from sandbox.models import Signature, WriteReceipt
from sandbox.store import Store, body_digest, now_iso


def mount_signature_routes(app: FastAPI, store: Store, Caller: Any) -> None:  # noqa: N803 - a type alias
    @app.post(f"{API_PREFIX}/cases/{{case_uuid}}/signatures/{{signature_uuid}}", response_model=WriteReceipt,
              responses=_errors(403, 404, 409, 422), tags=["cases"])
    def signature(case_uuid: CaseId, signature_uuid: CaseId, body: Signature, caller: Caller) -> dict[str, Any]:
        """The applicant's signature of one paper (容缺承诺书, 一次性告知书 签收, 送达回执). Same UUID and body again =
        the first answer; different body = 409; the image (``method: screen``) must be uploaded completely first."""
        key, case_key = signature_uuid.lower(), case_uuid.lower()
        if body.signature_uuid.lower() != key or body.case_uuid.lower() != case_key:
            raise ApiError(422, "uuid_mismatch", "the UUIDs in the body differ from the path")
        files = [sha for m in body.materials for sha in m.files]
        if (body.method == "screen") != bool(body.sha256) or files != ([body.sha256] if body.sha256 else []):
            raise ApiError(422, "signature_file", "a screen signature names its one image, a paper one none")
        data = body.model_dump(mode="json")
        digest = body_digest(data)
        with store.transaction() as conn:
            require_own_case(conn, case_key, caller)  # 404 unknown, 403 another centre's case
            if files and conn.execute("SELECT 1 FROM files WHERE sha256 = ?", (files[0],)).fetchone() is None:
                raise ApiError(409, "files_incomplete", "the signature image is not completely uploaded",
                               missing=files)
            other = conn.execute("SELECT signature_uuid FROM signatures WHERE case_uuid = ? AND document_kind = ?",
                                 (case_key, body.document_kind)).fetchone()
            if other is not None and other[0] != key:
                raise ApiError(409, "already_signed", "this paper of the case already has a signature")
            inserted = conn.execute(
                "INSERT INTO signatures (signature_uuid, case_uuid, document_kind, body_sha256, body, received_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (signature_uuid) DO NOTHING",
                (key, case_key, body.document_kind, digest, json.dumps(data, ensure_ascii=False), now_iso())).rowcount
            row = conn.execute("SELECT case_uuid, body_sha256, received_at FROM signatures WHERE signature_uuid = ?",
                               (key,)).fetchone()
            if row["body_sha256"] != digest or row["case_uuid"] != case_key:
                raise ApiError(409, "conflict_different_content", "this signature was received with different content",
                               stored_sha256=row["body_sha256"], sent_sha256=digest)
            if inserted and files:
                conn.execute("INSERT OR IGNORE INTO case_files VALUES (?, ?, ?)",
                             (case_key, f"signature:{body.document_kind}", files[0]))
        return {"id": key, "received_at": row["received_at"], "body_sha256": digest}
