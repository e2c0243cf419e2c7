"""The draft of one acceptance at the window, from the applicant to the decision.

A session is created when the clerk starts a case (Ctrl+N or a new card on the reader) and keeps its
case UUID for its whole life: that UUID is the idempotency key of the commit, so a second click, a
retry after an error or a crash between commit and print can never make a second case. The session
holds no Qt and does no I/O.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from clerk_app.acceptance.errors import ContradictoryMaterialState
from clerk_app.domain.applicant import Applicant
from clerk_app.domain.case import Decision, MaterialRecord, MaterialState
from clerk_app.domain.catalog import MaterialSpec, ServiceItem
from clerk_app.domain.decision_rules import Evaluation, default_record, evaluate, received_record
from clerk_app.i18n import QT_TRANSLATE_NOOP, translate
from clerk_app.queue.case_link import CaseTicket
from offline_cache.cases import PageRef

# States in which the applicant handed nothing over: no original can have been checked, no copy received.
NOTHING_HANDED_OVER = frozenset({MaterialState.DEFERRED, MaterialState.MISSING, MaterialState.NOT_APPLICABLE})
STATE_WORDS = {
    MaterialState.DEFERRED: QT_TRANSLATE_NOOP("errors", "deferred (容缺)"),
    MaterialState.MISSING: QT_TRANSLATE_NOOP("errors", "missing"),
    MaterialState.NOT_APPLICABLE: QT_TRANSLATE_NOOP("errors", "not applicable"),
}


REFUSED_AT_ONCE = frozenset({MaterialState.DEFERRED, MaterialState.NOT_APPLICABLE})


def _contradictory(record: MaterialRecord) -> bool:
    return record.state in NOTHING_HANDED_OVER and bool(record.original_verified or record.copies_received)


def _contradiction(record: MaterialRecord) -> ContradictoryMaterialState:
    return ContradictoryMaterialState(material=record.name, state=translate("errors", STATE_WORDS[record.state]))


@dataclass(frozen=True)
class CommitResult:
    """What the clerk and the printer need after the decision: the case is stored and queued."""

    case_uuid: str
    case_number: str
    decision: Decision
    status: str
    promised_date: date | None
    promised_certain: bool
    legal_deadline: date | None
    deadline_warning: str | None
    concluded: bool  # 即办件 concluded on the spot
    created: bool  # False when this call found the case an earlier call had already committed


@dataclass
class AcceptanceSession:
    case_uuid: str = field(default_factory=lambda: str(uuid.uuid4()))
    applicant: Applicant | None = None
    items: tuple[ServiceItem, ...] = ()
    answers: dict[str, Any] = field(default_factory=dict)
    checklist: tuple[MaterialSpec, ...] = ()
    records: dict[str, MaterialRecord] = field(default_factory=dict)
    pages: dict[str, PageRef] = field(default_factory=dict)
    bundle_code: str | None = None
    result: CommitResult | None = None
    # A new acceptance after a one-time notice: the noticed case ({case_uuid, case_number}) and the materials it
    # already received, which fill the checklist when the item is chosen again.
    follows: dict[str, str] | None = None
    carried: dict[str, MaterialRecord] = field(default_factory=dict)
    # The queue ticket this draft serves, when set explicitly; otherwise the service's ticket source decides.
    ticket: CaseTicket | None = None

    # -- building the draft -------------------------------------------------------------------------
    @property
    def committed(self) -> bool:
        return self.result is not None

    def _check_open(self) -> None:
        if self.committed:
            raise RuntimeError("a committed acceptance is frozen; start a new one")

    def set_applicant(self, applicant: Applicant | None) -> None:
        self._check_open()
        self.applicant = applicant

    def set_items(
        self,
        items: tuple[ServiceItem, ...],
        checklist: tuple[MaterialSpec, ...],
        answers: dict[str, Any] | None = None,
        bundle_code: str | None = None,
    ) -> None:
        """Choose the item(s) and the checklist their 情形 answers give; records of materials still listed
        survive, so re-answering a question loses nothing the clerk already marked."""
        self._check_open()
        self.items = tuple(items)
        self.answers = dict(answers or {})
        self.bundle_code = bundle_code
        self.checklist = tuple(checklist)
        kept = {s.code: self.records[s.code] for s in self.checklist if s.code in self.records}
        self.records = {s.code: kept.get(s.code) or self.carried.get(s.code) or default_record(s)
                        for s in self.checklist}

    def spec(self, code: str) -> MaterialSpec:
        for spec in self.checklist:
            if spec.code == code:
                return spec
        raise KeyError(code)

    def record(self, code: str) -> MaterialRecord:
        return self.records[code]

    def update(self, code: str, **changes: Any) -> MaterialRecord:
        """Change one material's record: state, original_verified, copies_received, supply_by, defect_note.

        Moving a material to a state where nothing was handed over (deferred, missing, not applicable) clears its
        original check and copy count unless the call sets them; setting a contradictory combination (e.g.
        deferred with a verified original) is refused with ``ContradictoryMaterialState`` and changes nothing. A
        missing material may collect its original check and copies while the clerk works (the next key usually
        marks it received); the commit refuses it if it is still contradictory then (``check_consistent``)."""
        self._check_open()
        current = self.records[code]
        updated = replace(current, **changes)
        if "state" in changes and updated.state in NOTHING_HANDED_OVER and updated.state is not current.state:
            updated = replace(updated, original_verified=bool(changes.get("original_verified", False)),
                              copies_received=int(changes.get("copies_received", 0)))
        if updated.state in REFUSED_AT_ONCE and _contradictory(updated):
            raise _contradiction(updated)
        if updated.state is not MaterialState.DEFERRED and updated.supply_by is not None:
            updated = replace(updated, supply_by=None)
        self.records[code] = updated
        return updated

    def mark_received(self, code: str) -> MaterialRecord:
        """Received as the guide asks (original checked, copies counted), keeping attached pages."""
        self._check_open()
        pages = self.records[code].page_blob_ids
        self.records[code] = received_record(self.spec(code), pages)
        return self.records[code]

    def attach_page(self, code: str, page: PageRef) -> MaterialRecord:
        self._check_open()
        current = self.records[code]
        if page.sha256 in current.page_blob_ids:
            return current
        self.pages[page.sha256] = page
        return self.update(code, page_blob_ids=(*current.page_blob_ids, page.sha256))

    def set_pages(self, code: str, pages: list[PageRef]) -> MaterialRecord:
        """The material's pages as the page strip holds them now (order, deletions, moves between slots)."""
        self._check_open()
        for page in pages:
            self.pages[page.sha256] = page
        return self.update(code, page_blob_ids=tuple(p.sha256 for p in pages))

    def remove_page(self, code: str, sha256: str) -> MaterialRecord:
        current = self.records[code]
        return self.update(code, page_blob_ids=tuple(p for p in current.page_blob_ids if p != sha256))

    def page_bytes(self, code: str) -> int:
        return sum(self.pages[p].size for p in self.records[code].page_blob_ids if p in self.pages)

    def check_consistent(self) -> None:
        """Raise ``ContradictoryMaterialState`` for the first material whose record contradicts itself."""
        for record in self.ordered_records():
            if _contradictory(record):
                raise _contradiction(record)

    # -- deciding -----------------------------------------------------------------------------------
    def evaluate(self, today: date) -> Evaluation:
        return evaluate(self.checklist, self.records.values(), today)

    def ordered_records(self) -> tuple[MaterialRecord, ...]:
        return tuple(self.records[s.code] for s in self.checklist)

    @property
    def item_codes(self) -> tuple[str, ...]:
        return tuple(item.implementation_code for item in self.items)

    @property
    def ready(self) -> bool:
        return self.applicant is not None and bool(self.items)
