"""The workstations' audit chain heads (issue 13): each sync pass sends the head of its local hash chain
(sequence number and hash); the platform keeps the highest one per workstation and answers with the one it had, so
the workstation can check its own history still contains that entry unchanged. A local history rewritten from the
start (every hash recomputed) no longer matches what the platform kept."""


from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel, Field

from sandbox import API_PREFIX
from sandbox.api import errors as _errors
from sandbox.store import Store, now_iso


class AuditHead(BaseModel):
    machine_id: str = Field(min_length=1, max_length=128)
    seq: int = Field(ge=0, le=2**62)
    hash: str = Field(pattern="^[0-9a-f]{64}$")


def mount_audit_routes(app: FastAPI, store: Store, Clerk: Any) -> None:  # noqa: N803 - a type alias
    with store.transaction() as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS audit_heads (machine_id TEXT PRIMARY KEY, seq INTEGER NOT NULL,"
                     " hash TEXT NOT NULL, account TEXT NOT NULL, at TEXT NOT NULL)")

    @app.put(f"{API_PREFIX}/audit/head", responses=_errors(), tags=["audit"])
    def put_audit_head(body: AuditHead, clerk: Clerk) -> dict[str, Any]:
        machine_id, seq, hash_ = body.machine_id, body.seq, body.hash
        with store.transaction() as conn:
            row = conn.execute("SELECT seq, hash FROM audit_heads WHERE machine_id = ?", (machine_id,)).fetchone()
            previous = {"seq": row["seq"], "hash": row["hash"]} if row else None
            if row is None or seq >= row["seq"]:
                conn.execute("INSERT OR REPLACE INTO audit_heads VALUES (?, ?, ?, ?, ?)",
                             (machine_id, seq, hash_, clerk, now_iso()))
        return {"previous": previous}
