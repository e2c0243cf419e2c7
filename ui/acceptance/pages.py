"""The scanning area's page strips inside the checklist: one ``PagesWidget`` per material of the draft.

The strips edit a Qt-free ``CasePages``; every change is copied into the draft session (page sha256 ids and sizes),
the clerk's "original checked" flag is copied back (it decides the B-level watermark of the material PDF). At the
commit a snapshot of the pages is turned into material PDFs before the transaction (slow) and linked inside it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from clerk_app.acceptance.service import ExtraWrites
from clerk_app.acceptance.session import AcceptanceSession
from clerk_app.pages.commit import archive_material_pdfs, link_material_pdfs, link_pages
from clerk_app.pages.model import CasePages, MaterialPages
from offline_cache.cases import PageRef


class PageStrips:
    def __init__(self, controller: Any, scanner: Any, tasks: Any, registry: Any) -> None:
        self._controller = controller
        self._scanner = scanner
        self._tasks = tasks
        self._registry = registry
        self.case_pages: CasePages | None = None
        self._strips: dict[str, Any] = {}
        self._listeners: list[Callable[[MaterialPages], None]] = []
        self.reset()

    @property
    def available(self) -> bool:
        return self._scanner is not None

    def reset(self) -> None:
        self.case_pages = CasePages(self._scanner.cap_for) if self._scanner is not None else None
        self._strips = {}
        self._listeners = []

    def strip_for(self, code: str, name: str) -> Any:
        if self._scanner is None or self.case_pages is None:
            return None
        strip = self._strips.get(code)
        if strip is None:
            from ui.pages_widget import PagesWidget

            slot = self.case_pages.slot(code)

            def changed(model: MaterialPages, code: str = code) -> None:
                refs = [PageRef(p.sha256, p.size, p.mime) for p in model.pages]
                self._controller.pages_changed(code, refs, model.original_verified)

            slot.subscribe(changed)
            self._listeners.append(changed)
            strip = PagesWidget(code, slot, self._scanner, self._tasks, self._registry, material_name=name)
            self._strips[code] = strip
        return strip

    def sync_verified(self, session: AcceptanceSession) -> None:
        if self.case_pages is None:
            return
        for slot in self.case_pages.slots():
            record = session.records.get(slot.material_code)
            slot.original_verified = bool(record and record.original_verified)

    def prepare_commit(self, session: AcceptanceSession) -> Callable[[], ExtraWrites | None]:
        """Snapshot the pages on the GUI thread; the returned callable (run off it) builds the material PDFs
        and gives the writes for the commit transaction."""
        if self._scanner is None or self.case_pages is None:
            return lambda: None
        snapshot = CasePages()
        purpose = "、".join(item.name for item in session.items) or None
        for slot in self.case_pages.slots():
            record = session.records.get(slot.material_code)
            if record is None or not len(slot):
                continue  # a material no longer on the checklist keeps no pages in the case
            copy = snapshot.slot(slot.material_code)
            copy.add(slot.pages)
            copy.original_verified = record.original_verified
        scanner = self._scanner

        def build() -> ExtraWrites | None:
            page_rows = snapshot.pages_for_commit()
            if not page_rows:
                return None
            pdf_rows = archive_material_pdfs(scanner, snapshot, purpose)

            def writes(conn: Any, case_uuid: str) -> None:
                link_pages(conn, case_uuid, page_rows)
                link_material_pdfs(conn, case_uuid, pdf_rows)

            return writes

        return build
