"""After the decision: 补正 requested by the back office (issue #16).

One row per request the platform sent with a ``supplement_required`` status change: what the reviewer asks for
(``items``: JSON list of ``{material_code, name, requirement}``, no personal data) and by when (``due_by``). The
request is answered by one 补正 submission (``answered_by`` = its outbox action UUID), written in the same
transaction as the submission's event and outbox row; the partial index finds the open requests of a case.
"""

from __future__ import annotations

import sqlite3

from offline_cache.sql_script import execute_script

VERSION = 73


def apply(conn: sqlite3.Connection) -> None:
    execute_script(
        conn,
        """
        CREATE TABLE case_corrections (
            request_id TEXT PRIMARY KEY,
            case_uuid TEXT NOT NULL REFERENCES cases(case_uuid),
            items TEXT NOT NULL CHECK (json_valid(items) AND json_type(items) = 'array'),
            due_by TEXT,
            note TEXT NOT NULL DEFAULT '',
            requested_at TEXT NOT NULL,
            received_at TEXT NOT NULL,
            answered_by TEXT UNIQUE,
            answered_at TEXT,
            CHECK ((answered_by IS NULL) = (answered_at IS NULL))
        );
        CREATE INDEX case_corrections_open ON case_corrections (case_uuid) WHERE answered_by IS NULL;
        """,
    )
