"""Linking a case's pages to the case when the acceptance commits (called inside the acceptance transaction).

    rows = case_pages.pages_for_commit()
    with db.transaction() as conn:
        ... insert the case ...
        link_pages(conn, case_uuid, rows)
        link_material_pdfs(conn, case_uuid, archive_material_pdfs(service, case_pages, item_name))
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from clerk_app.pages.model import CasePages, PageCommitRow
from offline_cache.cases import replace_case_blob


@dataclass(frozen=True)
class MaterialPdfRow:
    material_code: str
    sha256: str
    size: int
    details: dict[str, object]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def link_pages(conn: sqlite3.Connection, case_uuid: str, rows: Iterable[PageCommitRow]) -> int:
    count = 0
    for row in rows:
        replace_case_blob(conn, str(case_uuid), row.sha256, row.size, row.mime, "page", row.material_code,
                          row.position, row.details, _now())
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
        replace_case_blob(conn, str(case_uuid), row.sha256, row.size, "application/pdf", "material_pdf",
                          row.material_code, 0, row.details, _now())
        count += 1
    return count
