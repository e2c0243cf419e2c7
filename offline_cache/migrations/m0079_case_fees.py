"""After the decision: fees of a case (缴费通知书, issue #16).

One row per payment notice: the stage (受理前收费 holds the decision, 办结前收费 holds 出件), what is charged
(``items``: JSON list of ``{item_name, name, standard, basis, amount_fen}``), the total in fen, the 20-digit
payment code, and, once the platform reports the payment with a status pull, when it was paid and the voucher.
``notice_uuid`` is the notice's outbox action UUID (the platform's key for it). The partial index finds the unpaid
notices of a case.
"""

from __future__ import annotations

import sqlite3

from offline_cache.sql_script import execute_script

VERSION = 79


def apply(conn: sqlite3.Connection) -> None:
    execute_script(
        conn,
        """
        CREATE TABLE case_fees (
            notice_uuid TEXT PRIMARY KEY,
            case_uuid TEXT NOT NULL REFERENCES cases(case_uuid),
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
        CREATE INDEX case_fees_unpaid ON case_fees (case_uuid) WHERE paid_at IS NULL;
        CREATE INDEX case_fees_day ON case_fees (substr(payment_code, 1, 10));
        """,
    )
