"""The outbox: every change bound for the platform, written in the same transaction as the change itself.

Only ``enqueue`` belongs here for writers; the sync engine owns draining (claiming, marking sent/done, back-off).
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from datetime import UTC, datetime
from typing import Any


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def enqueue(
    conn: sqlite3.Connection,
    kind: str,
    payload: dict[str, Any],
    case_uuid: str | None = None,
    action_uuid: str | None = None,
    payload_enc: bytes | None = None,
    clerk_id: str | None = None,
) -> str:
    """Insert one outbox row using the caller's connection, inside the caller's transaction. ``clerk_id``: the
    clerk whose action it carries (the outbox per clerk); the row drains whoever is logged in later."""
    if not conn.in_transaction:
        raise RuntimeError("outbox rows must be written inside the transaction of the change they carry")
    action = action_uuid or str(uuid.uuid4())
    stamp = now_iso()
    values = (action, case_uuid, kind, json.dumps(payload, ensure_ascii=False, sort_keys=True), payload_enc, stamp,
              stamp)
    if clerk_id is None:  # not attributed (and writable on a database from before m0080, as upgrade tests do)
        conn.execute("INSERT INTO outbox (action_uuid, case_uuid, kind, payload, payload_enc, state, created_at,"
                     " updated_at) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)", values)
    else:
        conn.execute("INSERT INTO outbox (action_uuid, case_uuid, kind, payload, payload_enc, state, created_at,"
                     " updated_at, clerk_id) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?)", (*values, clerk_id))
    return action


def pending_count(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending', 'failed')").fetchone()
    return int(row[0])


def audit_summary(payload: dict[str, Any]) -> dict[str, Any]:
    """What a confirmed action keeps for the audit trail: its scalar facts (case number, kind-specific stamps such
    as ``collected_at`` or ``supplied_at``, clerk, window, status, dates) and short lists of codes
    (``item_codes``, ``remaining_deferred``). Nested records (materials with their files, decision details) are
    dropped: the case tables keep them, and the platform has confirmed receiving them."""
    kept: dict[str, Any] = {}
    for key, value in payload.items():
        scalar = value is None or isinstance(value, str | int | float | bool)
        codes = isinstance(value, list) and all(isinstance(v, str | int) for v in value)
        if scalar or codes:
            kept[key] = value
    return kept


def compact_confirmed(conn: sqlite3.Connection, before: str, limit: int = 500) -> int:
    """Compact up to ``limit`` rows the platform confirmed (``done``) before ``before``: the payload becomes its
    ``audit_summary``, the encrypted personal part is deleted, and ``action_uuid``, kind, case, states, times and
    the platform's answer (``server_result``, the receipt) stay. Runs in the caller's transaction; returns how many."""
    if not conn.in_transaction:
        raise RuntimeError("compaction runs inside a transaction")
    cursor = conn.execute(
        "SELECT * FROM outbox INDEXED BY outbox_to_compact"
        " WHERE state = 'done' AND compacted_at IS NULL AND done_at < ? ORDER BY outbox_id LIMIT ?",
        (before, limit),
    )
    return len(rewrite_compacted(conn, cursor, now_iso()))


def rewrite_compacted(conn: sqlite3.Connection, cursor: sqlite3.Cursor, stamp: str) -> list[int]:
    """Rewrite the rows ``cursor`` selected (``SELECT *`` of outbox) as compacted, keeping every other column;
    returns their ids.

    Deleted and inserted again rather than updated in place: SQLite rebalances a b-tree page only when a cell is
    deleted or a page overflows, so a row shrunk by UPDATE leaves its page as allocated as before. At 100,000 cases
    the outbox kept 390 MB of pages for 64 MB of rows, one row per 4 KB page. Freed pages go to the free list, which
    the next rows reuse before the file grows."""
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    for row in rows:
        row["payload"] = json.dumps(audit_summary(json.loads(row["payload"])), ensure_ascii=False, sort_keys=True)
        row["payload_enc"] = None
        row["compacted_at"] = row["compacted_at"] or stamp  # a repacked row keeps when its personal part went
    conn.executemany("DELETE FROM outbox WHERE outbox_id = ?", [(row["outbox_id"],) for row in rows])
    conn.executemany(f"INSERT INTO outbox ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                     [tuple(row[name] for name in names) for row in rows])
    return [row["outbox_id"] for row in rows]


REPACK_FROM, REPACK_BELOW = "outbox.repack_from", "outbox.repack_below"


def repack_compacted(conn: sqlite3.Connection, limit: int = 500) -> int:
    """Rows compacted in place before m0093 still hold their whole pages: rewrite up to ``limit`` more of them
    (m0093 recorded the range), in the caller's transaction. Returns how many; 0 once the range is done."""
    if not conn.in_transaction:
        raise RuntimeError("repacking runs inside a transaction")
    marks = dict(conn.execute("SELECT key, value FROM settings_kv WHERE key IN (?, ?)", (REPACK_FROM, REPACK_BELOW)))
    if REPACK_BELOW not in marks:
        return 0
    start, below = int(marks.get(REPACK_FROM, "0")), int(marks[REPACK_BELOW])
    cursor = conn.execute("SELECT * FROM outbox WHERE outbox_id >= ? AND outbox_id < ? AND compacted_at IS NOT NULL"
                          " ORDER BY outbox_id LIMIT ?", (start, below, limit))
    rewritten = rewrite_compacted(conn, cursor, now_iso())
    if len(rewritten) < limit:
        conn.execute("DELETE FROM settings_kv WHERE key IN (?, ?)", (REPACK_FROM, REPACK_BELOW))
    else:
        conn.execute("INSERT INTO settings_kv (key, value) VALUES (?, ?)"
                     " ON CONFLICT (key) DO UPDATE SET value = excluded.value", (REPACK_FROM, str(rewritten[-1] + 1)))
    return len(rewritten)


def first_action(conn: sqlite3.Connection, case_uuid: str, kind: str) -> sqlite3.Row | None:
    """The oldest outbox row of this kind for a case (``action_uuid``, ``payload``): a repeated command finds it."""
    row: sqlite3.Row | None = conn.execute(
        "SELECT action_uuid, payload FROM outbox WHERE case_uuid = ? AND kind = ? ORDER BY outbox_id",
        (case_uuid, kind)).fetchone()
    return row


def action_payload(conn: sqlite3.Connection, action_uuid: str, kind: str) -> dict[str, Any] | None:
    """The payload of one action, if it was written (idempotent commands look themselves up by their uuid)."""
    row = conn.execute("SELECT payload FROM outbox WHERE action_uuid = ? AND kind = ?",
                       (action_uuid, kind)).fetchone()
    if row is None:
        return None
    payload: dict[str, Any] = json.loads(row["payload"])
    return payload
