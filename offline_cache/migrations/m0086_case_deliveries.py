"""快递送达 (issue #16): the applicant's 邮寄送达 choice at acceptance, the waybill at dispatch, the carrier's outcome.

One row per case that chose 邮寄送达 (a case without a row is collected at the window). The recipient (name, phone,
address, postcode) is personal data: ``recipient_enc`` is AES-GCM under the data key, bound to the case
(``delivery:<case_uuid>``). ``dispatch_uuid`` is the outbox action of the dispatch (the platform's key for it);
``mailed_day`` (device-local date) makes the 当日寄件清单 one index read. A waybill number belongs to one case.
``outcome``: what the platform reported (delivered 已签收 / returned 退回, with the carrier's reason).
"""

from __future__ import annotations

import sqlite3

from offline_cache.sql_script import execute_script

VERSION = 86


def apply(conn: sqlite3.Connection) -> None:
    execute_script(
        conn,
        """
        CREATE TABLE case_deliveries (
            case_uuid TEXT PRIMARY KEY REFERENCES cases(case_uuid),
            method TEXT NOT NULL CHECK (method IN ('mail')),
            recipient_enc BLOB NOT NULL,
            chosen_at TEXT NOT NULL,
            carrier TEXT,
            waybill TEXT UNIQUE,
            dispatch_uuid TEXT UNIQUE,
            mailed_at TEXT,
            mailed_day TEXT,
            outcome TEXT CHECK (outcome IN ('delivered', 'returned')),
            outcome_at TEXT,
            return_reason TEXT,
            CHECK ((waybill IS NULL) = (mailed_at IS NULL) AND (waybill IS NULL) = (dispatch_uuid IS NULL)
                   AND (waybill IS NULL) = (mailed_day IS NULL) AND (waybill IS NULL) = (carrier IS NULL)),
            CHECK (outcome IS NULL OR waybill IS NOT NULL),
            CHECK ((outcome IS NULL) = (outcome_at IS NULL))
        );
        CREATE INDEX case_deliveries_day ON case_deliveries (mailed_day) WHERE mailed_day IS NOT NULL;
        """,
    )
