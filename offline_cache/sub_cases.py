"""并联 sub-cases of a bundle case (m0088): written by the status pull, read by the case dialog."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class SubCase:
    sub_number: str
    position: int
    item_code: str
    item_name: str
    department: str
    deciding_body: str
    status: str  # a local CaseStatus value
    deadline: date | None
    note: str
    updated_at: str


def record_sub_change(conn: sqlite3.Connection, case_uuid: str, sub: dict[str, Any], status: str, seq: int,
                      note: str, stamp: str, request_id: str | None = None) -> bool:
    """The latest report of one sub-case; False (nothing written) for a replay (its seq not above the stored)."""
    changed = conn.execute(
        "INSERT INTO case_sub_cases (case_uuid, sub_number, position, item_code, item_name, department,"
        " deciding_body, status, deadline, note, request_id, last_seq, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (case_uuid, sub_number) DO UPDATE SET status = excluded.status, deadline = excluded.deadline,"
        " note = excluded.note, request_id = excluded.request_id, last_seq = excluded.last_seq,"
        " updated_at = excluded.updated_at WHERE excluded.last_seq > case_sub_cases.last_seq",
        (case_uuid, str(sub["number"]), int(sub.get("position", 0)), str(sub.get("item_code", "")),
         str(sub.get("item_name", "")), str(sub.get("department", "")), str(sub.get("deciding_body", "")),
         status, sub.get("deadline"), note, request_id, seq, stamp),
    ).rowcount
    return bool(changed)


def sub_case_statuses(conn: sqlite3.Connection, case_uuid: str) -> list[str]:
    """Each sub-case's status for the bundle's state: a 补正 the window has answered counts as back in review."""
    return [r[0] for r in conn.execute(
        "SELECT CASE WHEN s.status = 'correction_requested' AND EXISTS (SELECT 1 FROM case_corrections k"
        " WHERE k.request_id = s.request_id AND k.answered_by IS NOT NULL) THEN 'in_review' ELSE s.status END"
        " FROM case_sub_cases s WHERE s.case_uuid = ?", (case_uuid,))]


def sub_cases(conn: sqlite3.Connection, case_uuid: str) -> tuple[SubCase, ...]:
    rows = conn.execute(
        "SELECT sub_number, position, item_code, item_name, department, deciding_body, status, deadline, note,"
        " updated_at FROM case_sub_cases WHERE case_uuid = ? ORDER BY position, sub_number", (case_uuid,))
    return tuple(SubCase(r[0], r[1], r[2], r[3], r[4], r[5], r[6], date.fromisoformat(r[7]) if r[7] else None,
                         r[8], r[9]) for r in rows)
