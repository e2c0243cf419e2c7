"""补正 requests from the back office (``case_corrections``, m0073): stored by the status pull, answered by the 补正
submission at the window. Every function runs inside the caller's transaction (the pull's page, the submission's
unit of work), so a request, its status change and its event are committed together."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import Any

from offline_cache.db import Database


@dataclass(frozen=True)
class CorrectionItem:
    material_code: str
    name: str
    requirement: str  # what the reviewer asks for, as the platform worded it


@dataclass(frozen=True)
class CorrectionRequest:
    request_id: str
    case_uuid: str
    items: tuple[CorrectionItem, ...]
    due_by: date | None
    note: str
    requested_at: str
    answered_by: str | None = None
    answered_at: str | None = None

    @property
    def open(self) -> bool:
        return self.answered_by is None


def store_request(conn: sqlite3.Connection, case_uuid: str, request: dict[str, Any], received_at: str) -> bool:
    """Keep a request as the platform sent it; a repeated page changes nothing (the platform's id is the key).
    Returns whether it was new."""
    items = [{"material_code": str(i["material_code"]), "name": str(i.get("name", "")),
              "requirement": str(i.get("requirement", ""))} for i in request["items"]]
    cursor = conn.execute(
        "INSERT INTO case_corrections (request_id, case_uuid, items, due_by, note, requested_at, received_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (request_id) DO NOTHING",
        (str(request["request_id"]), case_uuid, json.dumps(items, ensure_ascii=False), request.get("due_by") or None,
         str(request.get("note", "")), str(request.get("requested_at", received_at)), received_at))
    return cursor.rowcount == 1


def _request(row: sqlite3.Row) -> CorrectionRequest:
    items = tuple(CorrectionItem(i["material_code"], i["name"], i["requirement"]) for i in json.loads(row["items"]))
    return CorrectionRequest(row["request_id"], row["case_uuid"], items,
                             date.fromisoformat(row["due_by"]) if row["due_by"] else None, row["note"],
                             row["requested_at"], row["answered_by"], row["answered_at"])


def open_request(conn: sqlite3.Connection, case_uuid: str) -> CorrectionRequest | None:
    """The case's unanswered request (the newest, should the platform have sent several), or None."""
    row = conn.execute("SELECT * FROM case_corrections INDEXED BY case_corrections_open"
                       " WHERE case_uuid = ? AND answered_by IS NULL ORDER BY requested_at DESC, rowid DESC LIMIT 1",
                       (case_uuid,)).fetchone()
    return _request(row) if row is not None else None


def request_answered_by(conn: sqlite3.Connection, submission_uuid: str) -> CorrectionRequest | None:
    row = conn.execute("SELECT * FROM case_corrections WHERE answered_by = ?", (submission_uuid,)).fetchone()
    return _request(row) if row is not None else None


def mark_answered(conn: sqlite3.Connection, request_id: str, submission_uuid: str, stamp: str) -> None:
    changed = conn.execute("UPDATE case_corrections SET answered_by = ?, answered_at = ?"
                           " WHERE request_id = ? AND answered_by IS NULL",
                           (submission_uuid, stamp, request_id)).rowcount
    if changed != 1:
        raise RuntimeError("the 补正 request was answered already")


def requests_of(db: Database, case_uuid: str) -> list[CorrectionRequest]:
    """Every request of a case, oldest first (the case dialog, 补打 of a notice)."""
    rows = db.query("SELECT * FROM case_corrections WHERE case_uuid = ? ORDER BY requested_at, rowid", (case_uuid,))
    return [_request(r) for r in rows]


def cases_with_open_requests(db: Database, window_code: str | None = None) -> dict[str, date | None]:
    """Case uuid → due date of the open request, for the case list's 补正 flag and filter."""
    sql = ("SELECT k.case_uuid, min(k.due_by) AS due FROM case_corrections k JOIN cases c ON c.case_uuid = k.case_uuid"
           " WHERE k.answered_by IS NULL AND c.status = 'correction_requested'")
    params: tuple[Any, ...] = ()
    if window_code is not None:
        sql, params = sql + " AND c.window_code = ?", (window_code,)
    rows = db.query(sql + " GROUP BY k.case_uuid", params)
    return {r["case_uuid"]: date.fromisoformat(r["due"]) if r["due"] else None for r in rows}
