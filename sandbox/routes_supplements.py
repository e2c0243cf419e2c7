"""The 补齐 route of the sandbox: a 容缺 case's deferred materials supplied after the decision.

Keyed by the supplement's own UUID (the workstation's outbox action): ``INSERT ... ON CONFLICT DO NOTHING``, then
the stored body hash decides between "the same again" and 409 ``conflict_different_content``. Files are bound only
when every one of them is completely uploaded.
"""

import json
from typing import Any

from fastapi import FastAPI

from sandbox import API_PREFIX
from sandbox.api import ApiError, CaseId
from sandbox.api import errors as _errors
from sandbox.authz import require_own_case
from sandbox.models import Supplement, SupplementReceipt
from sandbox.store import Store, body_digest, now_iso


def mount_supplement_routes(app: FastAPI, store: Store, Caller: Any) -> None:  # noqa: N803 - a type alias
    @app.post(f"{API_PREFIX}/cases/{{case_uuid}}/supplements/{{supplement_uuid}}", response_model=SupplementReceipt,
              responses=_errors(403, 404, 409, 422), tags=["cases"])
    def supplement(case_uuid: CaseId, supplement_uuid: CaseId, body: Supplement, caller: Caller) -> dict[str, Any]:
        """补齐 of a 容缺 case. Keyed by the supplement's UUID (same body again = the first answer, different body =
        409); the files are bound only when every one is completely uploaded (else 409 ``files_incomplete``)."""
        key, case_key = supplement_uuid.lower(), case_uuid.lower()
        if body.supplement_uuid.lower() != key or body.case_uuid.lower() != case_key:
            raise ApiError(422, "uuid_mismatch", "the UUIDs in the body differ from the path")
        data = body.model_dump(mode="json")
        digest = body_digest(data)
        wanted = {(m.material_code, sha) for m in body.materials for sha in m.files}
        stamp = now_iso()
        with store.transaction() as conn:
            require_own_case(conn, case_key, caller)
            shas = sorted({sha for _code, sha in wanted})
            have = {r[0] for r in conn.execute(
                f"SELECT sha256 FROM files WHERE sha256 IN ({','.join('?' * len(shas))})", shas)} if shas else set()
            missing = [s for s in shas if s not in have]
            if missing:
                raise ApiError(409, "files_incomplete", "some files are not completely uploaded", missing=missing)
            inserted = conn.execute(
                "INSERT INTO supplements (supplement_uuid, case_uuid, body_sha256, body, complete, received_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (supplement_uuid) DO NOTHING",
                (key, case_key, digest, json.dumps(data, ensure_ascii=False), int(body.complete), stamp)).rowcount
            row = conn.execute("SELECT case_uuid, body_sha256, received_at FROM supplements"
                               " WHERE supplement_uuid = ?", (key,)).fetchone()
            if row["body_sha256"] != digest or row["case_uuid"] != case_key:
                raise ApiError(409, "conflict_different_content", "this supplement was received with different content",
                               stored_sha256=row["body_sha256"], sent_sha256=digest)
            if inserted:
                # No status change is reported: the back office moves the case on (it held a 容缺 case in review).
                conn.executemany("INSERT OR IGNORE INTO case_files VALUES (?, ?, ?)",
                                 [(case_key, code, sha) for code, sha in sorted(wanted)])
        return {"id": key, "case_uuid": case_key, "received_at": row["received_at"], "body_sha256": digest,
                "bound_files": len(wanted), "processed": True}

