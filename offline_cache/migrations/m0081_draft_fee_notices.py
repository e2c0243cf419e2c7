"""受理前收费 holds the decision (issue #16): a payment notice can belong to a draft.

The 缴费通知书 of an item charged before acceptance is issued while the case is still a draft (it has no ``cases``
row: the case is written only by the decision's commit). The draft's ``case_uuid`` becomes the case's primary key at
that commit, so the notice simply belongs to the case afterwards; only the foreign key to ``cases`` has to go.
SQLite cannot drop a constraint: the table is rebuilt with the same columns, checks and indexes.
"""

from __future__ import annotations

import sqlite3

from offline_cache.sql_script import execute_script

VERSION = 81


def apply(conn: sqlite3.Connection) -> None:
    execute_script(
        conn,
        """
        CREATE TABLE case_fees_new (
            notice_uuid TEXT PRIMARY KEY,
            case_uuid TEXT NOT NULL,
            stage TEXT NOT NULL CHECK (stage IN ('before_acceptance', 'before_conclusion')),
            items TEXT NOT NULL CHECK (json_valid(items) AND json_type(items) = 'array'),
            amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
            payment_code TEXT NOT NULL UNIQUE CHECK (length(payment_code) = 20),
            issued_at TEXT NOT NULL,
            expires_on TEXT,
            paid_at TEXT,
            voucher TEXT,
            CHECK ((paid_at IS NULL) = (voucher IS NULL))
        );
        INSERT INTO case_fees_new SELECT notice_uuid, case_uuid, stage, items, amount_fen, payment_code, issued_at,
            expires_on, paid_at, voucher FROM case_fees;
        DROP TABLE case_fees;
        ALTER TABLE case_fees_new RENAME TO case_fees;
        CREATE INDEX case_fees_unpaid ON case_fees (case_uuid) WHERE paid_at IS NULL;
        CREATE INDEX case_fees_day ON case_fees (substr(payment_code, 1, 10));
        CREATE INDEX case_fees_case ON case_fees (case_uuid);
        """,
    )
