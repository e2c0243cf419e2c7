"""Linking a case's pages to the case when the acceptance commits (called inside the acceptance transaction).

    rows = case_pages.pages_for_commit()
    with db.transaction() as conn:
        ... insert the case ...
        link_pages(conn, case_uuid, rows)
        link_material_pdfs(conn, case_uuid, archive_material_pdfs(service, case_pages, item_name))
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from clerk_app.pages.model import CasePages, PageCommitRow


@dataclass(frozen=True)
class MaterialPdfRow:
    material_code: str
    sha256: str
    size: int
    details: dict[str, object]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _blob_row(conn: sqlite3.Connection, sha256: str, size: int, media_type: str) -> None:
    conn.execute("INSERT OR IGNORE INTO blobs (sha256, size, media_type, created_at) VALUES (?, ?, ?, ?)",
                 (sha256, size, media_type, _now()))


def link_pages(conn: sqlite3.Connection, case_uuid: str, rows: Iterable[PageCommitRow]) -> int:
    count = 0
    for row in rows:
        _blob_row(conn, row.sha256, row.size, row.mime)
        conn.execute(
            "INSERT OR REPLACE INTO case_blobs (case_uuid, sha256, role, material_code, position, details)"
            " VALUES (?, ?, 'page', ?, ?, ?)",
            (str(case_uuid), row.sha256, row.material_code, row.position,
             json.dumps(row.details, ensure_ascii=False, sort_keys=True)),
        )
        count += 1
    return count


def archive_material_pdfs(service: object, case_pages: CasePages, purpose: str | None = None) -> list[MaterialPdfRow]:
    """Assemble and store one PDF per material that has pages (do this before the transaction: it is slow)."""
    from clerk_app.pages.service import ScanningService

    assert isinstance(service, ScanningService)
    rows = []
    for slot in case_pages.slots():
        if not len(slot):
            continue
        data = service.material_pdf(slot, purpose)
        sha = service.blobs.put(data)
        devices = {p.device.key: p.device.as_dict() for p in slot.pages}
        rows.append(MaterialPdfRow(slot.material_code, sha, len(data), {
            "pages": len(slot), "original_verified": slot.original_verified,
            "watermarked": slot.original_verified, "devices": list(devices.values())}))
    return rows


def link_material_pdfs(conn: sqlite3.Connection, case_uuid: str, rows: Iterable[MaterialPdfRow]) -> int:
    count = 0
    for row in rows:
        _blob_row(conn, row.sha256, row.size, "application/pdf")
        conn.execute(
            "INSERT OR REPLACE INTO case_blobs (case_uuid, sha256, role, material_code, position, details)"
            " VALUES (?, ?, 'material_pdf', ?, 0, ?)",
            (str(case_uuid), row.sha256, row.material_code,
             json.dumps(row.details, ensure_ascii=False, sort_keys=True)),
        )
        count += 1
    return count
