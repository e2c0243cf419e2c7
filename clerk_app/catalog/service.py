"""``CatalogService``: what the acceptance flow and the UI ask of the catalog.

Reads are safe from any thread (each thread gets its own SQLite connection); the search index is rebuilt lazily
when ``catalog_state.generation`` shows that an import (in this or another process) changed the catalog.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date

from clerk_app.catalog import codec
from clerk_app.catalog.checklist import bundle_checklist, bundle_situations, item_checklist
from clerk_app.catalog.errors import UnknownBundle, UnknownCatalogItem
from clerk_app.catalog.importer import ImportReport, apply_changes, promote_due
from clerk_app.catalog.pinyin import pinyin_keys
from clerk_app.catalog.search import SearchHit, SearchIndex
from clerk_app.domain.catalog import Bundle, MaterialSpec, ServiceItem, Situation
from clerk_app.domain.tongban import ReachResult, reach, reach_of
from offline_cache.catalog_store import CatalogStore, IndexRow
from offline_cache.db import Database

log = logging.getLogger("onewindow.catalog")

__all__ = ["CatalogService", "SearchHit"]


class CatalogService:
    def __init__(self, db: Database, today: Callable[[], date] = date.today, centre_region: str = "") -> None:
        self.db = db
        self.centre_region = centre_region  # 通办: items of another area are marked or refused (domain/tongban.py)
        self.store = CatalogStore(db)
        self.today = today  # a test clock can be given: effective_from dates are compared with it
        self._lock = threading.Lock()
        self._index: SearchIndex | None = None
        self._generation = -1

    # -- search -----------------------------------------------------------------------------------------------
    def promote_due(self) -> list[str]:
        """Versions whose ``effective_from`` has come take over now (no restart needed)."""
        waiting = self.store.next_pending_date()
        if waiting is None or waiting > self.today().isoformat():
            return []
        return promote_due(self.db, self.today())

    def index(self) -> SearchIndex:
        """The index for the catalog as stored now, built if an import changed it. A new index is built aside and
        swapped in with one assignment: readers on the GUI thread (``stale_ok``) keep answering from the old one
        meanwhile and never wait for the build. Item versions whose ``effective_from`` has come are put in place
        first (that bumps the generation, so the index is rebuilt with them)."""
        self.promote_due()
        current = self._index
        if current is not None and self.store.generation() == self._generation:
            return current
        with self._lock:  # one build at a time; a second caller gets the index the first one built
            generation = self.store.generation()
            if self._index is not None and generation == self._generation:
                return self._index
            rows = self.store.index_rows()
            built = SearchIndex(rows, self.store.synonyms(), self._department_keys(rows))
            self._index, self._generation = built, generation
            log.info("catalog search index built: %d entries", len(built.rows))
            return built

    def _department_keys(self, rows: list[IndexRow]) -> dict[str, tuple[str, str]]:
        """The stored pinyin of every department of ``rows``; a department not read yet (a new one from an import,
        or every one after the upgrade to m0090) is read now and stored, so the next start needs no phrase
        dictionary for it."""
        keys = self.store.department_keys()
        missing = {row.department for row in rows} - keys.keys()
        if missing:
            read = {name: pinyin_keys(name) for name in sorted(missing)}
            with self.db.transaction() as conn:
                self.store.put_department_keys(conn, read)
            keys.update(read)
        return keys

    def search(
        self,
        query: str,
        limit: int = 20,
        department: str | None = None,
        include_bundles: bool = False,
        stale_ok: bool = False,
    ) -> list[SearchHit]:
        """Ranked hits. ``stale_ok`` (for the GUI thread): answer from the index in memory even if an import has
        changed the catalog since; the caller rebuilds it in the background (``is_stale``, ``index``)."""
        index = self._index if stale_ok and self._index is not None else self.index()
        return self._marked(index, index.search(query, limit, department, include_bundles))

    def _marked(self, index: SearchIndex, hits: list[SearchHit]) -> list[SearchHit]:
        """Each item hit with its 通办 reach from this centre (跨域通办 and its body, or why it cannot be taken)."""
        if not self.centre_region:
            return hits
        marked = []
        for hit in hits:
            row = index.by_code.get(hit.item_code)
            found = reach(row.region_code, row.scope, self.centre_region, body=row.body) if row else None
            marked.append(replace(hit, reach=found.reach.value, body=row.body, reach_note=found.reason)
                          if row and found else hit)
        return marked

    def reach_of(self, item: ServiceItem) -> ReachResult:
        """May this centre accept ``item`` (通办范围), and is it another area's (跨域通办)?"""
        return reach_of(item, self.centre_region)

    def suggest(self, query: str, limit: int = 3) -> list[SearchHit]:
        """"您是不是要找": a few items near a query that found nothing."""
        index = self._index if self._index is not None else self.index()
        return self._marked(index, index.suggest(query, limit))

    def is_stale(self) -> bool:
        if self._index is None or self.store.generation() != self._generation:
            return True
        waiting = self.store.next_pending_date()  # a version due today makes the index stale too
        return waiting is not None and waiting <= self.today().isoformat()

    def departments(self) -> list[str]:
        """Departments of the index in memory (built if there is none yet)."""
        return (self._index or self.index()).departments

    # -- records ----------------------------------------------------------------------------------------------
    def get_item(self, implementation_code: str) -> ServiceItem:
        self.promote_due()
        found = self.store.item_payload(implementation_code)
        if found is None:
            raise UnknownCatalogItem(code=implementation_code)
        return codec.item(*found)

    def get_bundle(self, code: str) -> Bundle:
        found = self.store.bundle_payload(code)
        if found is None:
            raise UnknownBundle(code=code)
        return codec.bundle(*found)

    def list_bundles(self) -> list[Bundle]:
        return [codec.bundle(data) for data in self.store.active_bundle_payloads()]

    def is_bundle(self, code: str) -> bool:
        return self.store.bundle_payload(code) is not None

    def bundle_members(self, code: str, answers: Mapping[str, str] | None = None) -> list[ServiceItem]:
        """The member items a bundle needs for these 情形 answers (a bundle question may skip members)."""
        bundle = self.get_bundle(code)
        answers = answers or {}
        skipped: set[str] = set()
        for situation in bundle.situations:
            option = situation.option(answers.get(situation.code, situation.default))
            if option is not None:
                skipped.update(option.skip_items)
        return [self.get_item(c) for c in bundle.item_codes if c not in skipped]

    def _members(self, bundle: Bundle) -> dict[str, ServiceItem]:
        return {code: self.get_item(code) for code in bundle.item_codes}

    # -- 情形 and checklists -----------------------------------------------------------------------------------
    def situations(self, item_or_bundle_code: str) -> list[Situation]:
        if self.store.item_payload(item_or_bundle_code) is not None:
            return list(self.get_item(item_or_bundle_code).situations)
        bundle = self.get_bundle(item_or_bundle_code)
        return bundle_situations(bundle, self._members(bundle))

    def checklist(self, item_or_bundle_code: str, answers: Mapping[str, str] | None = None) -> list[MaterialSpec]:
        answers = answers or {}
        if self.store.item_payload(item_or_bundle_code) is not None:
            return item_checklist(self.get_item(item_or_bundle_code), answers)
        bundle = self.get_bundle(item_or_bundle_code)
        return bundle_checklist(bundle, self._members(bundle), answers)

    # -- maintenance ------------------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        return self.store.counts()

    def is_empty(self) -> bool:
        return self.store.counts()["items"] == 0 and self.store.counts()["retired_items"] == 0

    def import_changes(self, changes: object, source: str = "platform") -> ImportReport:
        return apply_changes(self.db, changes, source=source, today=self.today())

    def ensure_training_catalog(self) -> ImportReport | None:
        """Load the bundled training catalog when the catalog is empty (first start); None if not needed."""
        if not self.is_empty():
            return None
        from clerk_app.catalog.training import load_training_changes

        return apply_changes(self.db, load_training_changes(), source="training", store_cursor=False)

