"""Routing of paper to the back office (按责转办, issue #16): 材料流转单 and the custody of each case's paper.

``routing_slips``: one per department and batch; ``state`` is the custody of all its cases (in_transit until the
department's receipt is scanned, then received, with when and by which clerk); ``lines`` is the slip as printed
(per case: number, item names, the paper with kind/copies/pages; no personal data: the masked applicant is
printed from the case). ``case_routing``: a case enters one slip only (its primary key). ``routing_events``: the
custody state machine's own history (clerk_app/domain/routing.py), apart from the case's decision events.
"""

from __future__ import annotations

import sqlite3

from offline_cache.sql_script import execute_script

VERSION = 82


def apply(conn: sqlite3.Connection) -> None:
    execute_script(
        conn,
        """
        CREATE TABLE routing_slips (
            slip_uuid TEXT PRIMARY KEY,
            slip_number TEXT NOT NULL UNIQUE CHECK (length(slip_number) = 14),
            department TEXT NOT NULL CHECK (length(department) > 0),
            window_code TEXT NOT NULL,
            clerk_id TEXT NOT NULL,
            created_at TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('in_transit', 'received')),
            received_at TEXT,
            received_by TEXT,
            lines TEXT NOT NULL CHECK (json_valid(lines) AND json_type(lines) = 'array'),
            CHECK ((state = 'received') = (received_at IS NOT NULL))
        );
        CREATE INDEX routing_slips_state ON routing_slips (state, created_at);
        CREATE TABLE case_routing (
            case_uuid TEXT PRIMARY KEY REFERENCES cases(case_uuid),
            slip_uuid TEXT NOT NULL REFERENCES routing_slips(slip_uuid)
        );
        CREATE INDEX case_routing_slip ON case_routing (slip_uuid);
        CREATE TABLE routing_events (
            event_id INTEGER PRIMARY KEY AUTOINCREMENT,
            slip_uuid TEXT NOT NULL REFERENCES routing_slips(slip_uuid),
            kind TEXT NOT NULL CHECK (kind IN ('slip_made', 'received')),
            from_state TEXT NOT NULL,
            to_state TEXT NOT NULL,
            clerk_id TEXT NOT NULL,
            at TEXT NOT NULL
        );
        """,
    )
