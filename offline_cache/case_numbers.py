"""Allocation of per-window daily case-number sequences.

``allocate_case_number`` runs with the caller's connection inside the transaction that inserts the case: if that
transaction rolls back, the counter rolls back with it, so numbers are neither burnt nor handed out twice. The
first allocation of a day also looks at the ``cases`` table, so a lost or restored counter row can never make a
number that already exists (``cases.case_number`` is UNIQUE besides).
"""

from __future__ import annotations

import sqlite3
from datetime import date

from clerk_app.domain.numbering import MAX_SEQUENCE, SEQUENCE_DIGITS, CaseNumber, SequenceExhausted, day_prefix


def _highest_existing(conn: sqlite3.Connection, prefix: str) -> int:
    row = conn.execute(
        "SELECT max(case_number) FROM cases WHERE case_number LIKE ? AND length(case_number) = ?",
        (prefix + "%", len(prefix) + SEQUENCE_DIGITS),
    ).fetchone()
    return int(row[0][len(prefix):]) if row and row[0] else 0


def allocate_case_number(conn: sqlite3.Connection, centre_code: str, window_code: str, day: date) -> CaseNumber:
    if not conn.in_transaction:
        raise RuntimeError("case numbers must be allocated inside the transaction that creates the case")
    prefix = day_prefix(centre_code, window_code, day)
    key = (centre_code, window_code, f"{day:%Y%m%d}")
    row = conn.execute(
        "SELECT last_sequence FROM case_number_sequences WHERE centre_code = ? AND window_code = ? AND day = ?",
        key,
    ).fetchone()
    last = max(int(row[0]) if row else 0, _highest_existing(conn, prefix))
    sequence = last + 1
    if sequence > MAX_SEQUENCE:
        raise SequenceExhausted(limit=MAX_SEQUENCE)
    conn.execute(
        "INSERT INTO case_number_sequences (centre_code, window_code, day, last_sequence) VALUES (?, ?, ?, ?)"
        " ON CONFLICT(centre_code, window_code, day) DO UPDATE SET last_sequence = excluded.last_sequence",
        (*key, sequence),
    )
    return CaseNumber(centre_code, window_code, day, sequence)


def peek_next(conn: sqlite3.Connection, centre_code: str, window_code: str, day: date) -> int:
    """The sequence the next allocation would give (for display only; never print it before allocating)."""
    prefix = day_prefix(centre_code, window_code, day)
    row = conn.execute(
        "SELECT last_sequence FROM case_number_sequences WHERE centre_code = ? AND window_code = ? AND day = ?",
        (centre_code, window_code, f"{day:%Y%m%d}"),
    ).fetchone()
    return max(int(row[0]) if row else 0, _highest_existing(conn, prefix)) + 1
