"""The append-only case event log (``case_events``, m0001; triggers refuse UPDATE and DELETE). Every event is
also chained into the audit trail (``offline_cache.audit_log``) in the same transaction, so an event edited with the
triggers dropped is found by ``audit verify``.

Writers pass the connection of the caller's transaction: a change and its event are committed together or not at
all. The state machine itself is pure domain (``clerk_app.domain.case_states``); ``record_event`` asks it before
writing. Event details must not carry personal data: the event log is what an auditor reads.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from clerk_app.domain.case import CaseStatus
from clerk_app.domain.case_states import CaseEvent, EventKind, check_event
from offline_cache import audit_log
from offline_cache.db import Database


def record_event(
    conn: sqlite3.Connection,
    case_uuid: str,
    kind: EventKind,
    from_status: CaseStatus | None,
    to_status: CaseStatus | None,
    clerk_id: str,
    window_code: str,
    details: Mapping[str, Any] | None = None,
    device_time: datetime | None = None,
) -> CaseEvent:
    """Append one event inside the caller's transaction. A status change is checked against the machine."""
    if not conn.in_transaction:
        raise RuntimeError("case events must be written inside the transaction of the change they record")
    check_event(from_status, to_status)
    stamp = device_time or datetime.now(UTC).astimezone()
    payload = dict(details or {})
    stamp_text = stamp.isoformat(timespec="milliseconds")
    cursor = conn.execute(
        "INSERT INTO case_events (case_uuid, kind, from_status, to_status, clerk_id, window_code, device_time,"
        " details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            case_uuid, kind.value,
            from_status.value if from_status else None, to_status.value if to_status else None,
            clerk_id, window_code, stamp_text,
            json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str),
        ),
    )
    assert cursor.lastrowid is not None
    audit_log.chain_event(conn, cursor.lastrowid, stamp_text, clerk_id)
    return CaseEvent(case_uuid, kind, from_status, to_status, clerk_id, window_code, stamp, payload,
                     cursor.lastrowid)


def record_platform_status(conn: sqlite3.Connection, case_uuid: str, from_status: str, to_status: str,
                           window_code: str, device_time: str, details: Mapping[str, Any]) -> None:
    """A status the platform reported (sync pull): kind ``platform_status``, clerk ``platform``. The caller has
    already asked the state machine (a late report that would move the case back is skipped, not an error)."""
    cursor = conn.execute(
        "INSERT INTO case_events (case_uuid, kind, from_status, to_status, clerk_id, window_code, device_time,"
        " details) VALUES (?, 'platform_status', ?, ?, 'platform', ?, ?, ?)",
        (case_uuid, from_status, to_status, window_code, device_time,
         json.dumps(dict(details), ensure_ascii=False)),
    )
    assert cursor.lastrowid is not None
    audit_log.chain_event(conn, cursor.lastrowid, device_time, "platform")


def last_platform_seq(conn: sqlite3.Connection, case_uuid: str) -> int | None:
    """The highest stream ``seq`` of the platform's reports applied to a case (none yet: None)."""
    row = conn.execute("SELECT max(CAST(json_extract(details, '$.seq') AS INTEGER)) FROM case_events"
                       " WHERE case_uuid = ? AND kind = 'platform_status'", (case_uuid,)).fetchone()
    return None if row[0] is None else int(row[0])


def load_events(conn: sqlite3.Connection, case_uuid: str) -> list[CaseEvent]:
    rows = conn.execute(
        "SELECT event_id, case_uuid, kind, from_status, to_status, clerk_id, window_code, device_time, details"
        " FROM case_events WHERE case_uuid = ? ORDER BY event_id",
        (case_uuid,),
    ).fetchall()
    return [
        CaseEvent(
            row[1], EventKind(row[2]),
            CaseStatus(row[3]) if row[3] else None, CaseStatus(row[4]) if row[4] else None,
            row[5], row[6], datetime.fromisoformat(row[7]), json.loads(row[8]), row[0],
        )
        for row in rows
    ]


def supplement_event(conn: sqlite3.Connection, case_uuid: str, supplement_uuid: str) -> sqlite3.Row | None:
    """The ``supplemented`` event of one 补齐 (its ``to_status`` and ``details``), if it was recorded."""
    row: sqlite3.Row | None = conn.execute(
        "SELECT to_status, details FROM case_events WHERE case_uuid = ? AND kind = 'supplemented'"
        " AND json_extract(details, '$.supplement_uuid') = ?", (case_uuid, supplement_uuid)).fetchone()
    return row


def supplement_events(db: Database, case_uuid: str) -> list[sqlite3.Row]:
    """Every ``supplemented`` event of a case, oldest first (``to_status``, ``device_time``, ``details``)."""
    return db.query(
        "SELECT to_status, device_time, details FROM case_events WHERE case_uuid = ? AND kind = 'supplemented'"
        " ORDER BY event_id", (case_uuid,))


def correction_event(conn: sqlite3.Connection, case_uuid: str, submission_uuid: str) -> sqlite3.Row | None:
    """The ``corrected`` event of one 补正 submission (its ``to_status`` and ``details``), if it was recorded."""
    row: sqlite3.Row | None = conn.execute(
        "SELECT to_status, details FROM case_events WHERE case_uuid = ? AND kind = 'corrected'"
        " AND json_extract(details, '$.submission_uuid') = ?", (case_uuid, submission_uuid)).fetchone()
    return row
