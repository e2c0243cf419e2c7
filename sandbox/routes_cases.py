"""Case routes of the sandbox: idempotent case upsert, material binding, handover, evaluations.

Idempotency is enforced by the database: ``INSERT ... ON CONFLICT DO NOTHING`` on the client's key, then the stored
body hash decides between "the same again" (the first answer, repeated) and 409 ``conflict_different_content``.
"""

import json
from typing import Any

from fastapi import FastAPI

from sandbox import API_PREFIX
from sandbox.api import ApiError, CaseId
from sandbox.api import errors as _errors
from sandbox.authz import require_own_case, wrong_centre
from sandbox.models import (
    BindRequest,
    BindResult,
    CaseReceipt,
    CaseUpsert,
    CaseVoid,
    Evaluation,
    Handover,
    WriteReceipt,
)
from sandbox.online_hall import take_pre_application
from sandbox.store import Store, body_digest, now_iso
from sandbox.tongban import route


def _case_body(body: CaseUpsert) -> dict[str, Any]:
    data = body.model_dump(mode="json")
    if data.get("queue") is None:
        data.pop("queue", None)  # a case without a ticket hashes as it did before the queue field existed
    return data


def _received(conn: Any, case_uuid: str, centre_code: str, stamp: str, data: dict[str, Any]) -> None:
    conn.execute("INSERT INTO case_changes (case_uuid, centre_code, status, note, at)"
                 " VALUES (?, ?, 'received', '', ?)", (case_uuid, centre_code, stamp))
    if data.get("pre_application_id"):  # 网上申报 → 窗口接件: the case takes the online application
        take_pre_application(conn, str(data["pre_application_id"]), case_uuid, centre_code)
    route(conn, case_uuid, data)  # 跨域通办 to the deciding body, 并联 sub-cases of a 一件事


def idempotent_write(store: Store, table: str, key_column: str, key: str, body: dict[str, Any],
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


def mount_case_routes(app: FastAPI, store: Store, Caller: Any) -> None:  # noqa: N803 - a type alias
    @app.put(f"{API_PREFIX}/cases/{{case_uuid}}", response_model=CaseReceipt, responses=_errors(403, 409),
             tags=["cases"])
    def put_case(case_uuid: CaseId, body: CaseUpsert, caller: Caller) -> dict[str, Any]:
        if body.case_uuid.lower() != case_uuid.lower():
            raise ApiError(422, "uuid_mismatch", "case_uuid in the body differs from the path")
        if body.centre_code != caller.centre_code:
            raise wrong_centre()
        data = _case_body(body)
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
                _received(conn, case_uuid.lower(), body.centre_code, stamp, data)
            row = conn.execute("SELECT * FROM cases WHERE case_uuid = ?", (case_uuid.lower(),)).fetchone()
        if row["centre_code"] != caller.centre_code:  # this uuid was sent by another centre: say nothing of it
            raise wrong_centre()
        if row["body_sha256"] != digest:
            raise ApiError(409, "conflict_different_content",
                           "this case was already received with different content; send a correction instead",
                           stored_sha256=row["body_sha256"], sent_sha256=digest)
        return {"case_uuid": row["case_uuid"], "platform_number": row["platform_number"], "status": row["status"],
                "received_at": row["received_at"], "body_sha256": row["body_sha256"]}

    @app.post(f"{API_PREFIX}/cases/{{case_uuid}}/materials", response_model=BindResult,
              responses=_errors(403, 404, 409), tags=["cases"])
    def bind_materials(case_uuid: CaseId, body: BindRequest, caller: Caller) -> dict[str, Any]:
        digest = body_digest(body.model_dump(mode="json"))
        wanted = {(b.material_code, sha) for b in body.materials for sha in b.files}
        with store.transaction() as conn:
            require_own_case(conn, case_uuid, caller)
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

    @app.post(f"{API_PREFIX}/cases/{{case_uuid}}/handover", response_model=WriteReceipt,
              responses=_errors(403, 404, 409), tags=["cases"])
    def handover(case_uuid: CaseId, body: Handover, caller: Caller) -> dict[str, Any]:
        with store.transaction() as conn:
            centre = require_own_case(conn, case_uuid, caller)
        result = idempotent_write(store, "handovers", "case_uuid", case_uuid.lower(), body.model_dump(mode="json"), {})
        with store.transaction() as conn:
            changed = conn.execute("UPDATE cases SET status = 'handed_over' WHERE case_uuid = ?"
                                   " AND status != 'handed_over'", (case_uuid.lower(),)).rowcount
            if changed:
                conn.execute("INSERT INTO case_changes (case_uuid, centre_code, status, note, at)"
                             " VALUES (?, ?, 'handed_over', '', ?)", (case_uuid.lower(), centre, now_iso()))
        return result

    @app.post(f"{API_PREFIX}/evaluations", response_model=WriteReceipt, responses=_errors(403, 409), tags=["cases"])
    def evaluation(body: Evaluation, caller: Caller) -> dict[str, Any]:
        if body.case_uuid:
            rows = store.query("SELECT centre_code FROM cases WHERE case_uuid = ?", (body.case_uuid.lower(),))
            if rows and rows[0][0] != caller.centre_code:
                raise wrong_centre()
        return idempotent_write(store, "evaluations", "evaluation_uuid", body.evaluation_uuid.lower(),
                                 body.model_dump(mode="json"), {"case_uuid": body.case_uuid})


def mount_void_route(app: FastAPI, store: Store, Caller: Any) -> None:  # noqa: N803 - a type alias
    @app.post(f"{API_PREFIX}/cases/{{case_uuid}}/void", response_model=WriteReceipt,
              responses=_errors(403, 404, 409), tags=["cases"])
    def void_case(case_uuid: CaseId, body: CaseVoid, caller: Caller) -> dict[str, Any]:
        """作废: the case is marked void (the back office stops moving it) and the change is fed back."""
        with store.transaction() as conn:
            centre = require_own_case(conn, case_uuid, caller)
        result = idempotent_write(store, "voids", "case_uuid", case_uuid.lower(), body.model_dump(mode="json"), {})
        with store.transaction() as conn:
            changed = conn.execute("UPDATE cases SET status = 'voided' WHERE case_uuid = ? AND status != 'voided'",
                                   (case_uuid.lower(),)).rowcount
            if changed:
                conn.execute("INSERT INTO case_changes (case_uuid, centre_code, status, note, at)"
                             " VALUES (?, ?, 'voided', ?, ?)", (case_uuid.lower(), centre, "作废", now_iso()))
        return result
