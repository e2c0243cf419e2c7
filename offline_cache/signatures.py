"""Rows of ``case_signatures`` (m0074): who signed which paper of a case, on the screen or on paper.

The stroke image itself is a blob (encrypted, content-addressed) linked to the case with role ``signature``; this
module only writes and reads the rows, inside the caller's transaction.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from offline_cache.db import Database

ROLE = "signature"
MEDIA_TYPE = "image/png"


@dataclass(frozen=True)
class SignatureRow:
    signature_uuid: str
    case_uuid: str
    document_kind: str
    method: str  # "screen" | "paper"
    sha256: str | None
    signed_at: str
    clerk_id: str
    window_code: str


def insert_signature(conn: sqlite3.Connection, row: SignatureRow, size: int = 0) -> bool:
    """Store the row (and link the image to the case); False when this paper of the case is already signed."""
    if row.sha256 is not None:
        conn.execute("INSERT OR IGNORE INTO blobs (sha256, size, media_type, created_at) VALUES (?, ?, ?, ?)",
                     (row.sha256, size, MEDIA_TYPE, row.signed_at))
    inserted = conn.execute(
        "INSERT INTO case_signatures (signature_uuid, case_uuid, document_kind, method, sha256, signed_at,"
        " clerk_id, window_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (case_uuid, document_kind) DO NOTHING",
        (row.signature_uuid, row.case_uuid, row.document_kind, row.method, row.sha256, row.signed_at,
         row.clerk_id, row.window_code)).rowcount
    if inserted and row.sha256 is not None:
        conn.execute(
            "INSERT OR IGNORE INTO case_blobs (case_uuid, sha256, role, material_code, position, details)"
            " VALUES (?, ?, ?, NULL, 0, ?)",
            (row.case_uuid, row.sha256, ROLE, json.dumps({"document_kind": row.document_kind})))
    return bool(inserted)


def signatures_of(db: Database, case_uuid: str) -> list[SignatureRow]:
    rows = db.query("SELECT signature_uuid, case_uuid, document_kind, method, sha256, signed_at, clerk_id,"
                    " window_code FROM case_signatures WHERE case_uuid = ? ORDER BY signed_at", (case_uuid,))
    return [SignatureRow(**dict(r)) for r in rows]
