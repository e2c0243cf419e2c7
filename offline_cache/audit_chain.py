"""The hash chain of the audit trail (``audit_log``, m0070): pure functions shared by the writer
(``offline_cache.audit_log``), the migration that chains the events recorded before it, and ``audit verify``.

Each entry's hash covers its own fields and the previous entry's hash, so editing, inserting or deleting any entry
breaks every later link. An entry that stands for a row of ``case_events`` also carries the hash of that row
(``ref_hash``): an event edited with the triggers dropped no longer matches its entry. No personal data goes into
an entry's details (the auditor reads them); a reveal names the case or applicant, never the number.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from typing import Any

GENESIS = "0" * 64
EVENT_COLUMNS = ("event_id", "case_uuid", "kind", "from_status", "to_status", "clerk_id", "window_code",
                 "device_time", "details")


def _digest(values: list[Any]) -> str:
    text = json.dumps(values, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def event_row_hash(conn: sqlite3.Connection, event_id: int) -> str | None:
    """The hash of one ``case_events`` row as it is stored now, or None if the row is gone."""
    row = conn.execute(f"SELECT {', '.join(EVENT_COLUMNS)} FROM case_events WHERE event_id = ?",
                       (event_id,)).fetchone()
    return None if row is None else _digest(list(row))


def entry_hash(seq: int, at: str, kind: str, clerk_id: str, details: str, ref_id: int | None,
               ref_hash: str | None, prev_hash: str) -> str:
    return _digest([seq, at, kind, clerk_id, details, ref_id, ref_hash, prev_hash])


def head(conn: sqlite3.Connection) -> tuple[int, str]:
    row = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    return (0, GENESIS) if row is None else (int(row[0]), str(row[1]))


def append(conn: sqlite3.Connection, at: str, kind: str, clerk_id: str, details: dict[str, Any] | None = None,
           ref_id: int | None = None) -> tuple[int, str]:
    """Append one entry inside the caller's transaction; returns its (seq, hash). Entries are written one at a
    time under ``BEGIN IMMEDIATE`` (every writer holds the write lock), so the head read here is the last one."""
    last_seq, prev = head(conn)
    seq = last_seq + 1
    text = json.dumps(details or {}, ensure_ascii=False, sort_keys=True, default=str)
    ref_hash = event_row_hash(conn, ref_id) if ref_id is not None else None
    digest = entry_hash(seq, at, kind, clerk_id, text, ref_id, ref_hash, prev)
    conn.execute("INSERT INTO audit_log (seq, at, kind, clerk_id, details, ref_id, ref_hash, prev_hash, hash)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", (seq, at, kind, clerk_id, text, ref_id, ref_hash, prev, digest))
    return seq, digest


def verify(conn: sqlite3.Connection) -> dict[str, Any]:
    """Walk the chain. ``ok``, ``entries``, ``head`` and, when broken, ``first_broken``: the first entry (or event)
    whose link does not hold, with the reason."""
    prev, expected_seq, count = GENESIS, 1, 0
    chained: set[int] = set()
    problem: dict[str, Any] | None = None
    for row in conn.execute("SELECT seq, at, kind, clerk_id, details, ref_id, ref_hash, prev_hash, hash"
                            " FROM audit_log ORDER BY seq"):
        seq, at, kind, clerk_id, details, ref_id, ref_hash, prev_hash, digest = row
        count += 1
        if ref_id is not None:
            chained.add(int(ref_id))
        if problem is None:  # past the first break only the head is followed
            entry = {"seq": seq, "kind": kind, "event_id": ref_id}
            if seq != expected_seq:
                problem = {**entry, "reason": f"entry {expected_seq} is missing"}
            elif prev_hash != prev:
                problem = {**entry, "reason": "does not link to the previous entry"}
            elif entry_hash(seq, at, kind, clerk_id, details, ref_id, ref_hash, prev_hash) != digest:
                problem = {**entry, "reason": "entry was altered"}
            elif ref_id is not None and event_row_hash(conn, int(ref_id)) != ref_hash:
                gone = event_row_hash(conn, int(ref_id)) is None
                problem = {**entry, "reason": "case event was deleted" if gone else "case event was altered"}
        prev, expected_seq = digest, seq + 1
    if problem is None:
        stray = conn.execute("SELECT MIN(event_id) FROM case_events WHERE event_id NOT IN"
                             " (SELECT ref_id FROM audit_log WHERE ref_id IS NOT NULL)").fetchone()[0]
        if stray is not None:
            problem = {"seq": None, "kind": "case_event", "event_id": stray,
                       "reason": "case event is not in the chain (inserted behind the program's back)"}
    result: dict[str, Any] = {"ok": problem is None, "entries": count, "head": {"seq": expected_seq - 1,
                                                                              "hash": prev}}
    if problem is not None:
        result["first_broken"] = problem
    return result
