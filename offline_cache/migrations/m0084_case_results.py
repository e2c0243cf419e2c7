"""After the decision: the back office's result of a case and the e-licence issued for it (issue #16).

One row per case, written by the status pull when an ``approved`` / ``denied`` change carries the decision
(文号, date, deciding organ, the provision it rests on) and, for items whose result is a licence, the e-licence
(GB/T 36904 identifier, kind, 证照编号, issue and expiry dates). What may name people or places (a denial's
reasons, the licence's data items such as 住址 or 经营场所) is kept in ``details_enc``, encrypted and bound to the
case. ``elicence_id`` is unique: one identifier belongs to one case.
"""

from __future__ import annotations

import sqlite3

from offline_cache.sql_script import execute_script

VERSION = 84


def apply(conn: sqlite3.Connection) -> None:
    execute_script(
        conn,
        """
        CREATE TABLE case_results (
            case_uuid TEXT PRIMARY KEY REFERENCES cases(case_uuid),
            outcome TEXT NOT NULL CHECK (outcome IN ('approved', 'denied')),
            decision_number TEXT NOT NULL DEFAULT '',
            decided_at TEXT,
            deciding_body TEXT NOT NULL DEFAULT '',
            basis TEXT NOT NULL DEFAULT '',
            details_enc BLOB,
            elicence_id TEXT UNIQUE,
            licence_kind TEXT NOT NULL DEFAULT '',
            licence_number TEXT NOT NULL DEFAULT '',
            issued_at TEXT,
            valid_until TEXT,
            received_at TEXT NOT NULL
        );
        """,
    )
