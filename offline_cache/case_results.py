"""The back office's result of a case and its e-licence (``case_results``, m0084), written by the status pull
inside the page's transaction and read for the result papers and the case dialog.

A repeated page changes nothing; a later report adds what an earlier one lacked (the e-licence may come with the
``ready_for_pickup`` change after the ``approved`` one) and a newer identifier (a re-issued version) replaces the
old one. ``details_enc`` is opaque here: the caller encrypts it bound to ``result:<case_uuid>``.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from dataclasses import dataclass

from offline_cache.db import Database, known_errors


@dataclass(frozen=True)
class CaseResult:
    case_uuid: str
    outcome: str  # approved | denied
    decision_number: str
    decided_at: str | None
    deciding_body: str
    basis: str
    details_enc: bytes | None
    elicence_id: str | None
    licence_kind: str
    licence_number: str
    issued_at: str | None
    valid_until: str | None
    received_at: str


_COLUMNS = ("case_uuid, outcome, decision_number, decided_at, deciding_body, basis, details_enc, elicence_id,"
            " licence_kind, licence_number, issued_at, valid_until, received_at")


def store_result(conn: sqlite3.Connection, result: CaseResult) -> bool:
    """Insert or complete the case's row (a later report's non-empty values win); True when something changed."""
    old = load_result(conn, result.case_uuid)
    if old is not None:
        merged = CaseResult(**{name: (getattr(result, name) if getattr(result, name) not in (None, "")
                                      else getattr(old, name)) for name in CaseResult.__dataclass_fields__})
        merged = dataclasses.replace(merged, received_at=old.received_at)
        if merged == old:
            return False
        conn.execute("DELETE FROM case_results WHERE case_uuid = ?", (result.case_uuid,))
        result = merged
    conn.execute(f"INSERT INTO case_results ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 tuple(getattr(result, name) for name in CaseResult.__dataclass_fields__))
    return True


def load_result(conn: sqlite3.Connection, case_uuid: str) -> CaseResult | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM case_results WHERE case_uuid = ?", (case_uuid,)).fetchone()
    return CaseResult(*(row[i] for i in range(13))) if row is not None else None


def elicence_holder(conn: sqlite3.Connection, elicence_id: str) -> str | None:
    row = conn.execute("SELECT case_uuid FROM case_results WHERE elicence_id = ?", (elicence_id,)).fetchone()
    return str(row[0]) if row else None


def result_of(db: Database, case_uuid: str) -> CaseResult | None:
    """``load_result`` for the desks, which hold a ``Database`` (the sync holds its transaction's connection)."""
    with known_errors():
        return load_result(db.conn, case_uuid)
