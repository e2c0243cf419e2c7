"""The draft of one acceptance at the window, from the applicant to the decision.

A session is created when the clerk starts a case (Ctrl+N or a new card on the reader) and keeps its
case UUID for its whole life: that UUID is the idempotency key of the commit, so a second click, a
retry after an error or a crash between commit and print can never make a second case. The session
holds no Qt and does no I/O.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from clerk_app.acceptance.errors import ContradictoryMaterialState, NotTheOnlineApplicant
from clerk_app.domain.applicant import Applicant, CaptureSource, NaturalPerson
from clerk_app.domain.case import Decision, MaterialRecord, MaterialSource, MaterialState, TakenAt
from clerk_app.domain.catalog import MaterialSpec, ServiceItem
from clerk_app.domain.decision_rules import Evaluation, default_record, evaluate, received_record
from clerk_app.domain.delivery import Recipient, require_express
from clerk_app.domain.pre_application import PreApplication
from clerk_app.i18n import QT_TRANSLATE_NOOP, translate
from clerk_app.queue.case_link import CaseTicket
from offline_cache.cases import PageRef, ReusableMaterial

# States in which the applicant handed nothing over: no original can have been checked, no copy received.
NOTHING_HANDED_OVER = frozenset({MaterialState.DEFERRED, MaterialState.MISSING, MaterialState.NOT_APPLICABLE})
STATE_WORDS = {
    MaterialState.DEFERRED: QT_TRANSLATE_NOOP("errors", "deferred (容缺)"),
    MaterialState.MISSING: QT_TRANSLATE_NOOP("errors", "missing"),
    MaterialState.NOT_APPLICABLE: QT_TRANSLATE_NOOP("errors", "not applicable"),
}


# Captures that are a read of the card's chip (the simulated reader of training mode included); typed data is not.
READ_BY_READER = frozenset({CaptureSource.CARD_READER, CaptureSource.SIMULATED})
# The applicant's own ID card as checklists name it (an agent's or a parent's card is another person's material).
_ID_PREFIXES = ("申请人", "经营者", "本人")
_ID_NAMES = frozenset({"身份证", "居民身份证", "身份证原件", "居民身份证原件"})


def is_applicant_id_material(spec: MaterialSpec) -> bool:
    name = spec.name.strip()
    for prefix in _ID_PREFIXES:
        name = name.removeprefix(prefix)
    return name in _ID_NAMES


def read_by_reader(applicant: Applicant | None) -> bool:
    principal = applicant.principal if applicant is not None else None
    return isinstance(principal, NaturalPerson) and principal.source in READ_BY_READER


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
    # 网上申报 → 窗口接件: the online pre-application this draft takes (its id travels with the case to the
    # platform); its uploaded materials fill the checklist as ``MaterialSource.ONLINE`` records.
    online: PreApplication | None = None
    # 代办批次: the village agent's visit this villager's case belongs to (joined in the commit's transaction)
    agent_batch: str | None = None
    # 代办批次: the villager's 授权委托书 covers 领取, so the batch's agent may collect the result (m0092)
    agent_collects: bool = False
    # 上门办理 / 代办点: where this case is taken; None = where the workstation is (AcceptanceService.taken_at)
    taken_at: TakenAt | None = None
    # When the reader first read this draft's applicant: the service time a report counts runs from here to the
    # decision (supervision: card read → decision), not from the call, which includes greeting and waiting.
    card_read_at: datetime | None = None
    # 邮寄送达: the recipient when the applicant chose to have the result mailed; None = 窗口自取. Allowed only when
    # every item allows 物流快递 (checked again at the commit: the items may change after the choice).
    delivery: Recipient | None = None
    clock: Callable[[], datetime] = field(default=lambda: datetime.now().astimezone(), repr=False, compare=False)

    # -- building the draft -------------------------------------------------------------------------
    @property
    def committed(self) -> bool:
        return self.result is not None

    def _check_open(self) -> None:
        if self.committed:
            raise RuntimeError("a committed acceptance is frozen; start a new one")

    def choose_mail_delivery(self, recipient: Recipient | None) -> None:
        """邮寄送达 with this recipient (``Recipient.checked``), or back to 窗口自取 with None."""
        self._check_open()
        if recipient is not None:
            require_express(self.items)
        self.delivery = recipient

    def set_applicant(self, applicant: Applicant | None) -> None:
        """A draft taken from an online pre-application keeps its applicant: a card read confirms the same person
        (by ID number), anybody else is refused with ``NotTheOnlineApplicant``."""
        self._check_open()
        if self.online is not None and self.applicant is not None:
            principal = applicant.principal if applicant is not None else None
            number = getattr(principal, "id_number", "")
            if not number or number.upper() != self.online.id_number.upper():
                raise NotTheOnlineApplicant(number=self.online.number)
        self.applicant = applicant
        if self.card_read_at is None and read_by_reader(applicant):
            self.card_read_at = self.clock()
        self._apply_card_read()

    def _apply_card_read(self) -> None:
        """A card read by the reader is the applicant's ID material, its original checked by the chip read; a
        manually entered applicant is not, so a record the card made goes back to missing when the card does."""
        by_reader = read_by_reader(self.applicant)
        for spec in self.checklist:
            if not is_applicant_id_material(spec):
                continue
            record = self.records[spec.code]
            if by_reader and record.state is MaterialState.MISSING and not record.original_verified:
                self.records[spec.code] = replace(received_record(spec, record.page_blob_ids),
                                                  original_verified=True, source=MaterialSource.CARD_READER)
            elif not by_reader and record.source is MaterialSource.CARD_READER:
                self.records[spec.code] = replace(default_record(spec), page_blob_ids=record.page_blob_ids)

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
        self.records = {s.code: kept.get(s.code) or self.carried.get(s.code) or self._online_record(s)
                        or default_record(s) for s in self.checklist}
        self._apply_card_read()

    def take_online(self, pre: PreApplication) -> None:
        """Take an online pre-application: call before ``set_items`` with its 情形 answers, so that every material
        uploaded online (files held by the platform, or an e-licence reference) arrives received; an original
        the guide asks for still waits for the clerk's check (Enter on the row)."""
        self._check_open()
        self.online = pre

    def _online_record(self, spec: MaterialSpec) -> MaterialRecord | None:
        material = self.online.material(spec.code) if self.online is not None else None
        if material is None or self.online is None:
            return None
        if material.files:
            record = replace(received_record(spec), original_verified=False)
        else:  # an e-licence reference (免提交)
            record = MaterialRecord(spec.code, spec.name, MaterialState.ELICENCE_REUSED)
        return replace(record, source=MaterialSource.ONLINE, reused_from=self.online.number)

    def online_files(self, code: str) -> tuple[str, ...]:
        """SHA-256 of the files uploaded online for this material, if its record is still the online one."""
        record = self.records.get(code)
        material = self.online.material(code) if self.online is not None else None
        if record is None or material is None or record.source is not MaterialSource.ONLINE:
            return ()
        return tuple(f.sha256 for f in material.files)

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
        if "state" in changes and "source" not in changes and updated.state is not current.state:
            # The clerk decided this material anew: it is no longer the card's or an earlier case's record.
            updated = replace(updated, source=(MaterialSource.ELICENCE if updated.state is
                                               MaterialState.ELICENCE_REUSED else MaterialSource.WINDOW),
                              reused_from=None)
        self.records[code] = updated
        return updated

    def mark_received(self, code: str) -> MaterialRecord:
        """Received as the guide asks (original checked, copies counted), keeping attached pages and a record the
        card reader or an earlier case made (it is received already)."""
        self._check_open()
        current = self.records[code]
        if current.state is MaterialState.RECEIVED and current.source is MaterialSource.ONLINE:
            # uploaded online: the clerk has now seen the original; the files stay the platform's
            self.records[code] = replace(current, original_verified=received_record(self.spec(code)).original_verified)
            return self.records[code]
        if current.state is MaterialState.RECEIVED and current.source is not MaterialSource.WINDOW:
            return current
        self.records[code] = received_record(self.spec(code), current.page_blob_ids)
        return self.records[code]

    def reuse(self, code: str, earlier: ReusableMaterial) -> MaterialRecord:
        """The material as verified in an earlier case of the same applicant (found by the caller through the blind
        index): received, its original checked as it was then, its pages referenced rather than scanned again,
        and ``reused_from`` naming that case."""
        self._check_open()
        spec = self.spec(code)
        for page in earlier.pages:
            self.pages[page.sha256] = page
        self.records[code] = replace(
            received_record(spec, tuple(p.sha256 for p in earlier.pages)),
            original_verified=earlier.original_verified,
            source=MaterialSource.EARLIER_CASE, reused_from=earlier.case_number)
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
