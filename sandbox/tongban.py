"""Where a received case goes in the sandbox's platform: 跨域通办 routing and 并联 sub-cases (docs/online.md).

* **通办**: a case body's ``tongban`` entries name, per item of another area, the 实施主体 that decides it. The
  platform checks each against its own catalog (the body's name and credit code must be the item's: 422
  ``tongban_body_mismatch`` otherwise) and routes the case there (``case_routes``); the back office's decisions on it
  are that body's, and the change feed says so (``decided_by``).
* **并联**: a case body with ``bundle`` (一件事) is split into one sub-case per item (``sub_cases``: its own number
  = the platform number + ``-NN``, department, deciding body, status, deadline from the item's promised limit in
  working days). The back office then decides each sub-case on its own (``step_sub_cases``); every move is one
  ``case_changes`` row linked to its sub-case (``sub_case_changes``) and fed with a ``sub_case`` object. The
  bundle's own review state is the workstation's to derive (``clerk_app/domain/bundle_state.py``); once every
  sub-case is decided and one at least approved, the results go to the window: the case's ``ready_for_pickup``.
"""

from __future__ import annotations

import json
import random
import sqlite3
import uuid
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

import chinese_calendar
from fastapi import FastAPI

from sandbox.api import ApiError
from sandbox.catalog_feed import _training
from sandbox.corrections import DEFAULT_DAYS, SIMULATED_REQUIREMENT
from sandbox.store import Store, now_iso

SUB_NOTES = {"received": "", "in_review": "", "approved": "审批通过", "denied": "不予许可（模拟）",
             "supplement_required": "请补正材料（模拟）"}


@lru_cache(maxsize=1)
def _items() -> dict[str, dict[str, Any]]:
    catalog = _training() or {}
    return {str(i["implementation_code"]): i for i in catalog.get("items", [])}


def route(conn: sqlite3.Connection, case_uuid: str, data: dict[str, Any]) -> None:
    """At the first receipt of a case: its 通办 routes and its sub-cases (nothing for a plain local case)."""
    for entry in data.get("tongban") or []:
        code = str(entry.get("item_code", ""))
        body = entry.get("implementing_body") or {}
        known = (_items().get(code) or {}).get("implementing_body") or {}
        if not known or known.get("name") != body.get("name") or known.get("credit_code") != body.get("credit_code"):
            raise ApiError(422, "tongban_body_mismatch",
                           "the implementing body named for this 通办 item is not the item's", item_code=code)
        conn.execute("INSERT INTO case_routes VALUES (?, ?, ?, ?, ?)",
                     (case_uuid, code, known["name"], known["credit_code"], str(known.get("region_code", ""))))
    if data.get("bundle"):
        _split(conn, case_uuid, data)


def _working_days(start: date, days: int) -> date:
    day = start
    while days > 0:
        day += timedelta(days=1)
        try:
            days -= chinese_calendar.is_workday(day)
        except NotImplementedError:  # a year the package has no data for: weekdays
            days -= day.weekday() < 5
    return day


def _split(conn: sqlite3.Connection, case_uuid: str, data: dict[str, Any]) -> None:
    number = conn.execute("SELECT platform_number FROM cases WHERE case_uuid = ?", (case_uuid,)).fetchone()[0]
    today = date.fromisoformat(now_iso()[:10])
    for position, code in enumerate(data.get("item_codes") or [], start=1):
        item = _items().get(str(code)) or {}
        limit = item.get("promised_limit") or {}
        days = int(limit.get("value", 0) or 0)
        deadline = (_working_days(today, days) if limit.get("unit", "working_days") == "working_days"
                    else today + timedelta(days=days))
        sub_number = f"{number}-{position:02d}"
        conn.execute("INSERT INTO sub_cases VALUES (?, ?, ?, ?, ?, ?, ?, 'received', ?)",
                     (sub_number, case_uuid, position, str(code), str(item.get("name", code)),
                      str(item.get("department", "")), str((item.get("implementing_body") or {}).get("name", "")),
                      deadline.isoformat()))
        # Every sub-case is announced at the split, before any decision: the window knows them all.
        move_sub_case(conn, sub_number, "received", note="已分发至承办部门")


def has_sub_cases(conn: sqlite3.Connection, case_uuid: str) -> bool:
    return conn.execute("SELECT 1 FROM sub_cases WHERE case_uuid = ?", (case_uuid,)).fetchone() is not None


def decided_by(conn: sqlite3.Connection, case_uuid: str) -> str:
    """The 通办 bodies deciding a routed case ('' for a local one)."""
    rows = conn.execute("SELECT DISTINCT body_name FROM case_routes WHERE case_uuid = ? ORDER BY body_name",
                        (case_uuid,)).fetchall()
    return "、".join(r[0] for r in rows)


def sub_case_of_change(conn: sqlite3.Connection, seq: int) -> dict[str, Any] | None:
    row = conn.execute("SELECT s.* FROM sub_case_changes c JOIN sub_cases s ON s.sub_number = c.sub_number"
                       " WHERE c.change_seq = ?", (seq,)).fetchone()
    if row is None:
        return None
    count = conn.execute("SELECT count(*) FROM sub_cases WHERE case_uuid = ?", (row["case_uuid"],)).fetchone()[0]
    return {"number": row["sub_number"], "position": row["position"], "count": count, "item_code": row["item_code"],
            "item_name": row["item_name"], "department": row["department"], "deciding_body": row["body_name"],
            "deadline": row["deadline"]}


def _sub_outcome(sub_number: str, seed: int) -> str:
    roll = random.Random(f"{seed}:{sub_number}").random()
    return "denied" if roll < 0.1 else "supplement_required" if roll < 0.2 else "approved"


def move_sub_case(conn: sqlite3.Connection, sub_number: str, status: str, note: str | None = None,
                  correction: list[dict[str, str]] | None = None) -> int:
    """One decision of a sub-case's department: its row, one change of the case linked to it, and a 补正 request
    when one is asked. Returns the change's seq."""
    sub = conn.execute("SELECT s.case_uuid, c.centre_code FROM sub_cases s JOIN cases c USING (case_uuid)"
                       " WHERE s.sub_number = ?", (sub_number,)).fetchone()
    stamp = now_iso()
    conn.execute("UPDATE sub_cases SET status = ? WHERE sub_number = ?", (status, sub_number))
    seq = int(conn.execute("INSERT INTO case_changes (case_uuid, centre_code, status, note, at) VALUES (?, ?, ?, ?, ?)",
                           (sub["case_uuid"], sub["centre_code"], status, SUB_NOTES.get(status, "") if note is None
                            else note, stamp)).lastrowid or 0)
    conn.execute("INSERT INTO sub_case_changes VALUES (?, ?)", (seq, sub_number))
    if status == "supplement_required":
        conn.execute("INSERT INTO corrections (request_id, case_uuid, change_seq, items, due_by, requested_at)"
                     " VALUES (?, ?, ?, ?, ?, ?)",
                     (f"BZ-{uuid.uuid4().hex[:16]}", sub["case_uuid"], seq,
                      json.dumps(correction or _first_material(conn, sub["case_uuid"]), ensure_ascii=False),
                      (date.fromisoformat(stamp[:10]) + timedelta(days=DEFAULT_DAYS)).isoformat(), stamp))
    return seq


def _first_material(conn: sqlite3.Connection, case_uuid: str) -> list[dict[str, str]]:
    body = json.loads(conn.execute("SELECT body FROM cases WHERE case_uuid = ?", (case_uuid,)).fetchone()[0])
    first = (body.get("materials") or [{"material_code": "M1", "name": "申请材料"}])[0]
    return [{"material_code": str(first.get("material_code", "M1")), "name": str(first.get("name", "")),
             "requirement": SIMULATED_REQUIREMENT}]


def step_sub_cases(conn: sqlite3.Connection, cutoff: str, seed: int) -> int:
    """The departments of bundle cases: received → in review → approved / denied / 补正; a sub-case whose 补正 was
    answered goes back to review and is then approved. One move per sub-case per step (after ``cutoff``)."""
    rows = conn.execute(
        "SELECT s.sub_number, s.case_uuid, s.status,"
        " EXISTS (SELECT 1 FROM sub_case_changes l JOIN corrections k ON k.change_seq = l.change_seq"
        "         JOIN correction_submissions a ON a.request_id = k.request_id"
        "         WHERE l.sub_number = s.sub_number) AS corrected"
        " FROM sub_cases s JOIN cases c USING (case_uuid)"
        " WHERE s.status IN ('received', 'in_review', 'supplement_required') AND c.status NOT IN ('voided')"
        " AND coalesce((SELECT max(x.at) FROM case_changes x JOIN sub_case_changes l ON l.change_seq = x.seq"
        "               WHERE l.sub_number = s.sub_number), c.received_at) <= ?"
        " ORDER BY s.case_uuid, s.position LIMIT 100", (cutoff,)).fetchall()
    moved = 0
    for row in rows:
        if row["status"] == "received":
            new = "in_review"
        elif row["status"] == "supplement_required":
            if not row["corrected"]:
                continue  # waits for the window's 补正
            new = "in_review"
        else:
            new = "approved" if row["corrected"] else _sub_outcome(row["sub_number"], seed)
        move_sub_case(conn, row["sub_number"], new,
                      note="补正材料已收到" if row["status"] == "supplement_required" else None)
        moved += 1
    return moved + _assemble(conn)


def _assemble(conn: sqlite3.Connection) -> int:
    """A bundle whose every sub-case is decided, one at least approved: its results are sent to the window that
    took it (the case's own ``ready_for_pickup``: 出件 of the one citizen-facing case)."""
    rows = conn.execute(
        "SELECT c.case_uuid, c.centre_code FROM cases c WHERE c.status IN ('received', 'in_review')"
        " AND EXISTS (SELECT 1 FROM sub_cases s WHERE s.case_uuid = c.case_uuid AND s.status = 'approved')"
        " AND NOT EXISTS (SELECT 1 FROM sub_cases s WHERE s.case_uuid = c.case_uuid"
        "                 AND s.status NOT IN ('approved', 'denied')) LIMIT 100").fetchall()
    for row in rows:
        conn.execute("UPDATE cases SET status = 'ready_for_pickup' WHERE case_uuid = ?", (row["case_uuid"],))
        conn.execute("INSERT INTO case_changes (case_uuid, centre_code, status, note, at) VALUES (?, ?, ?, ?, ?)",
                     (row["case_uuid"], row["centre_code"], "ready_for_pickup", "各子项已办结，请到窗口领取结果",
                      now_iso()))
    return len(rows)


def decided_note(conn: sqlite3.Connection, case_uuid: str, note: str) -> str:
    """A routed case's back-office note names the deciding body (the other area's, not this platform's)."""
    body = decided_by(conn, case_uuid)
    return f"{body}：{note}" if body and note else (f"{body}办理中" if body else note)


def mount_sub_case_admin(app: FastAPI, store: Store) -> None:
    """Test admin only (mounted with the other ``/__admin`` routes)."""

    @app.post("/__admin/sub-cases/{sub_number}/decide", include_in_schema=False)
    def decide_sub_case(sub_number: str, body: dict[str, Any]) -> dict[str, Any]:
        """并联: one department decides its sub-case now (``{"status": in_review|approved|denied|
        supplement_required, "note"?, "items"?}``)."""
        status = str(body.get("status", ""))
        if status not in SUB_NOTES:
            raise ApiError(422, "status_unknown", "in_review, approved, denied or supplement_required")
        with store.transaction() as conn:
            if conn.execute("SELECT 1 FROM sub_cases WHERE sub_number = ?", (sub_number,)).fetchone() is None:
                raise ApiError(404, "sub_case_unknown", "no such sub-case")
            seq = move_sub_case(conn, sub_number, status, body.get("note"), list(body.get("items") or []))
        return {"seq": seq}
