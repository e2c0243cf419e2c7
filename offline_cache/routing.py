"""材料流转单 storage (m0082): slips, the cases each slip carries, the custody events. Every write runs inside the
caller's transaction; reads take the thread's connection."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class StoredSlip:
    slip_uuid: str
    slip_number: str
    department: str
    window_code: str
    clerk_id: str
    created_at: str
    state: str
    received_at: str | None
    received_by: str | None
    lines: tuple[dict[str, Any], ...]  # per case: {case_uuid, case_number, item_names, paper: [...]}


def _slip(row: sqlite3.Row) -> StoredSlip:
    return StoredSlip(row["slip_uuid"], row["slip_number"], row["department"], row["window_code"], row["clerk_id"],
                      row["created_at"], row["state"], row["received_at"], row["received_by"],
                      tuple(json.loads(row["lines"])))


def unrouted_accepted_cases(conn: sqlite3.Connection, window_code: str, since: str) -> list[str]:
    """UUIDs of the window's cases accepted since ``since`` (ISO) that are in no slip yet and not voided, oldest
    first (the index on (window_code, created_at) bounds the walk)."""
    rows = conn.execute(
        "SELECT c.case_uuid FROM cases c INDEXED BY cases_window_created LEFT JOIN case_routing r"
        " ON r.case_uuid = c.case_uuid WHERE c.window_code = ? AND c.created_at >= ? AND c.accepted_at IS NOT NULL"
        " AND c.status != 'voided' AND r.case_uuid IS NULL ORDER BY c.created_at, c.case_number",
        (window_code, since))
    return [r[0] for r in rows]


def next_slip_sequence(conn: sqlite3.Connection, prefix: str) -> int:
    row = conn.execute("SELECT count(*) FROM routing_slips WHERE substr(slip_number, 1, 9) = ?", (prefix,)).fetchone()
    return int(row[0]) + 1


def insert_slip(conn: sqlite3.Connection, slip: StoredSlip) -> None:
    conn.execute(
        "INSERT INTO routing_slips (slip_uuid, slip_number, department, window_code, clerk_id, created_at, state,"
        " lines) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (slip.slip_uuid, slip.slip_number, slip.department, slip.window_code, slip.clerk_id, slip.created_at,
         slip.state, json.dumps(list(slip.lines), ensure_ascii=False)))
    conn.executemany("INSERT INTO case_routing (case_uuid, slip_uuid) VALUES (?, ?)",
                     [(line["case_uuid"], slip.slip_uuid) for line in slip.lines])


def routed(conn: sqlite3.Connection, case_uuids: list[str]) -> set[str]:
    """Which of these cases are in a slip already."""
    if not case_uuids:
        return set()
    marks = ",".join("?" * len(case_uuids))
    return {r[0] for r in conn.execute(f"SELECT case_uuid FROM case_routing WHERE case_uuid IN ({marks})",  # noqa: S608
                                       case_uuids)}


def record_custody_event(conn: sqlite3.Connection, slip_uuid: str, kind: str, from_state: str, to_state: str,
                         clerk_id: str, at: str) -> None:
    conn.execute("INSERT INTO routing_events (slip_uuid, kind, from_state, to_state, clerk_id, at)"
                 " VALUES (?, ?, ?, ?, ?, ?)", (slip_uuid, kind, from_state, to_state, clerk_id, at))


def mark_received(conn: sqlite3.Connection, slip_uuid: str, at: str, clerk_id: str) -> bool:
    """In transit → received, once; False when it was received before."""
    return bool(conn.execute("UPDATE routing_slips SET state = 'received', received_at = ?, received_by = ?"
                             " WHERE slip_uuid = ? AND state = 'in_transit'", (at, clerk_id, slip_uuid)).rowcount)


def slip_by_number(conn: sqlite3.Connection, number: str) -> StoredSlip | None:
    row = conn.execute("SELECT * FROM routing_slips WHERE slip_number = ?", (number,)).fetchone()
    return _slip(row) if row is not None else None


def slip_by_uuid(conn: sqlite3.Connection, slip_uuid: str) -> StoredSlip | None:
    row = conn.execute("SELECT * FROM routing_slips WHERE slip_uuid = ?", (slip_uuid,)).fetchone()
    return _slip(row) if row is not None else None


def slips_in(conn: sqlite3.Connection, state: str, since: str, window_code: str) -> list[StoredSlip]:
    rows = conn.execute("SELECT * FROM routing_slips INDEXED BY routing_slips_state WHERE state = ? AND"
                        " created_at >= ? AND window_code = ? ORDER BY created_at DESC", (state, since, window_code))
    return [_slip(r) for r in rows]


def custody_events(conn: sqlite3.Connection, slip_uuid: str) -> list[tuple[str, str, str, str, str]]:
    rows = conn.execute("SELECT kind, from_state, to_state, clerk_id, at FROM routing_events WHERE slip_uuid = ?"
                        " ORDER BY event_id", (slip_uuid,))
    return [(r[0], r[1], r[2], r[3], r[4]) for r in rows]
