"""The print archive: every printed PDF kept encrypted with its case.

The PDF goes into the encrypted, content-addressed blob store; a ``case_blobs`` row (role ``printed_document``)
and a ``printed``/``reprinted`` case event are written in one transaction, so the archive and the audit trail
agree. Document kinds are the ``printing.model.DocumentKind`` values, kept as text here (this layer does not
know the printing package). Reprints (补打) differ from the first print (the mark, the print time), so each copy
is its own blob.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

from clerk_app.domain.case_states import EventKind
from offline_cache.blobs import BlobStore
from offline_cache.case_events import record_event
from offline_cache.db import Database

ROLE = "printed_document"
MEDIA_TYPE = "application/pdf"


@dataclass(frozen=True)
class ArchivedDocument:
    case_uuid: str
    sha256: str
    kind: str
    reprint: bool
    printer: str
    archived_at: str
    position: int


def archive_in(
    conn: sqlite3.Connection, case_uuid: str, sha256: str, size: int, kind: str, reprint: bool,
    printer: str, clerk_id: str, window_code: str, tag: str | None = None,
) -> ArchivedDocument:
    """Rows for a PDF already put into the blob store, inside the caller's transaction. ``tag`` tells apart
    documents of one kind that are not copies of each other (the receipt of each 补齐 supplement)."""
    stamp = datetime.now(UTC).isoformat(timespec="milliseconds")
    conn.execute(
        "INSERT OR IGNORE INTO blobs (sha256, size, media_type, created_at) VALUES (?, ?, ?, ?)",
        (sha256, size, MEDIA_TYPE, stamp),
    )
    position = int(conn.execute(
        "SELECT count(*) FROM case_blobs WHERE case_uuid = ? AND role = ?", (case_uuid, ROLE)).fetchone()[0])
    details = {"kind": kind, "reprint": reprint, "printer": printer, "archived_at": stamp}
    if tag:
        details["tag"] = tag
    conn.execute(
        "INSERT OR IGNORE INTO case_blobs (case_uuid, sha256, role, material_code, position, details)"
        " VALUES (?, ?, ?, NULL, ?, ?)",
        (case_uuid, sha256, ROLE, position, json.dumps(details, sort_keys=True)),
    )
    record_event(conn, case_uuid, EventKind.REPRINTED if reprint else EventKind.PRINTED, None, None,
                 clerk_id, window_code, {"document": kind, "sha256": sha256, "printer": printer})
    return ArchivedDocument(case_uuid, sha256, kind, reprint, printer, stamp, position)


def archive_printed(
    db: Database, blobs: BlobStore, case_uuid: str, pdf: bytes, kind: str, reprint: bool,
    printer: str, clerk_id: str, window_code: str, tag: str | None = None,
) -> ArchivedDocument:
    sha256 = blobs.put(pdf)
    with db.transaction() as conn:
        return archive_in(conn, case_uuid, sha256, len(pdf), kind, reprint, printer, clerk_id, window_code, tag)


def printed_documents(db: Database, case_uuid: str) -> list[ArchivedDocument]:
    rows = db.query(
        "SELECT sha256, position, details FROM case_blobs WHERE case_uuid = ? AND role = ? ORDER BY position",
        (case_uuid, ROLE),
    )
    found = []
    for row in rows:
        details = json.loads(row["details"])
        found.append(ArchivedDocument(case_uuid, row["sha256"], str(details["kind"]),
                                      bool(details["reprint"]), details.get("printer", ""),
                                      details.get("archived_at", ""), int(row["position"])))
    return found


def reprint_count(db: Database, case_uuid: str, kind: str, tag: str | None = None) -> int:
    """How many 补打 of this paper (kind, tag) the case has had: the second and later need a supervisor."""
    rows = db.query("SELECT details FROM case_blobs WHERE case_uuid = ? AND role = ?", (case_uuid, ROLE))
    found = (json.loads(row["details"]) for row in rows)
    return sum(1 for d in found if d["kind"] == kind and d.get("tag") == (tag or None) and d["reprint"])


def was_printed(db: Database, case_uuid: str, kind: str, tag: str | None = None) -> bool:
    """True when this kind (with this tag) was printed for the case before: the next copy is a 补打."""
    rows = db.query("SELECT details FROM case_blobs WHERE case_uuid = ? AND role = ?", (case_uuid, ROLE))
    for row in rows:
        details = json.loads(row["details"])
        if details["kind"] == kind and details.get("tag") == (tag or None):
            return True
    return False
