"""Signatures of a case's papers (issue 14): one row per paper that needs the applicant's signature.

``method`` is ``screen`` (signed on the customer screen; ``sha256`` names the stroke image, a PNG in the encrypted
blob store, also linked in ``case_blobs`` with role ``signature``) or ``paper`` (the clerk recorded that the citizen
signed the printed paper; no image). One signature per paper and case: the unique constraint, not a check in code.
"""

from __future__ import annotations

import sqlite3

from offline_cache.sql_script import execute_script

VERSION = 74


def apply(conn: sqlite3.Connection) -> None:
    execute_script(
        conn,
        """
        CREATE TABLE case_signatures (
            signature_uuid TEXT PRIMARY KEY,
            case_uuid TEXT NOT NULL REFERENCES cases(case_uuid),
            document_kind TEXT NOT NULL,
            method TEXT NOT NULL CHECK (method IN ('screen', 'paper')),
            sha256 TEXT REFERENCES blobs(sha256),
            signed_at TEXT NOT NULL,
            clerk_id TEXT NOT NULL,
            window_code TEXT NOT NULL,
            UNIQUE (case_uuid, document_kind),
            CHECK ((method = 'screen') = (sha256 IS NOT NULL))
        );
        """,
    )
