"""Committing a decision: one transaction for applicant, case, materials, pages, events and the outbox
row.

Nothing is printed or sent before the commit returns. The commit is idempotent per draft: the
session's case UUID is the primary key of the case, so a repeated call (double click, retry after a
printer error, a second thread) returns the case already stored and never creates another.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from typing import Any, TypedDict

from clerk_app.acceptance.errors import DecisionNotAllowed, DraftIncomplete, NotNoticed, RejectionIncomplete
from clerk_app.acceptance.paper_facts import item_facts
from clerk_app.acceptance.payload import KIND, build_payload, encrypt_applicant
from clerk_app.acceptance.ports import CaseRules
from clerk_app.acceptance.session import AcceptanceSession, CommitResult
from clerk_app.acceptance.tongban import check_reach, mark_cross, routing
from clerk_app.domain.case import Case, CaseStatus, Decision, MaterialState, TakenAt
from clerk_app.domain.case_states import status_for_decision
from clerk_app.domain.catalog import ServiceItem
from clerk_app.domain.decision_rules import Evaluation, RejectionDetails, concluded_on_spot
from clerk_app.domain.delivery import MAIL, require_express
from clerk_app.i18n import translate
from clerk_app.queue.case_link import CaseTicket, queue_record, store_queue_record
from offline_cache.agent_batches import add_batch_case
from offline_cache.applicants import ApplicantRepository
from offline_cache.cases import CaseRepository, ReusableMaterial, case_exists, page_refs, set_service_seconds
from offline_cache.crypto import FieldCipher
from offline_cache.db import Database
from offline_cache.deliveries import insert_choice
from offline_cache.outbox import enqueue

log = logging.getLogger("onewindow.acceptance")

ExtraWrites = Callable[[sqlite3.Connection, str], None]
TicketSource = Callable[[], CaseTicket | None]

EVENT_KIND = {
    Decision.ACCEPT: "accept",
    Decision.ACCEPT_WITH_DEFICIENCY: "accept_with_deficiency",
    Decision.ONE_TIME_NOTICE: "one_time_notice",
    Decision.REJECT: "reject",
}


def local_now() -> datetime:
    """Device-local time with its offset: the case list groups by the clerk's day, not by UTC."""
    return datetime.now().astimezone()


def _channel_details(session: AcceptanceSession) -> dict[str, Any]:
    """How the case reached the window, kept in its encrypted details: the online pre-application it took (网上申报),
    the village agent's batch it came in (代办批次)."""
    details: dict[str, Any] = {}
    if session.online is not None:
        details["online"] = session.online.link()
    if session.agent_batch is not None:
        details["agent_batch"] = session.agent_batch
    return details


def _delivery_details(session: AcceptanceSession) -> dict[str, Any]:
    """What the case's papers print of the 邮寄送达 choice (masked name and phone, the address to check)."""
    recipient = session.delivery
    if recipient is None:
        return {}
    return {"delivery": {"method": MAIL, "recipient_masked": recipient.masked, "address": recipient.address,
                         "postcode": recipient.postcode}}


def _join_batch(conn: sqlite3.Connection, session: AcceptanceSession) -> None:
    if session.agent_batch is not None:  # 代办批次: joined in the case's own transaction, never after it
        add_batch_case(conn, session.agent_batch, session.case_uuid, session.agent_collects)


def _online_payload(session: AcceptanceSession) -> dict[str, Any]:
    """网上申报: the pre-application's identity and, per material, the files the platform already holds."""
    online = session.online
    if online is None:
        return {}
    return {"online_files": {c: session.online_files(c) for c in session.records},
            "pre_application": {"id": online.pre_application_id, "number": online.number}}


class _EventAuthor(TypedDict):
    case_uuid: str
    clerk_id: str
    window_code: str


class AcceptanceService:
    def __init__(
        self,
        db: Database,
        cipher: FieldCipher,
        applicants: ApplicantRepository,
        cases: CaseRepository,
        rules: CaseRules,
        *,
        centre_code: str,
        window_code: str,
        clerk_id: str,
        clock: Callable[[], datetime] = local_now,
        ticket_source: TicketSource | None = None,
        taken_at: TakenAt = TakenAt.WINDOW,
        centre_region: str = "",
    ) -> None:
        self._db = db
        self.centre_region = centre_region  # 通办: refuse items outside their scope, route others' (tongban.py)
        self._cipher = cipher
        self._applicants = applicants
        self.cases = cases
        self.rules = rules
        self.centre_code = centre_code
        self.window_code = window_code
        self.clerk_id = clerk_id
        self._clock = clock
        self._lock = threading.Lock()
        # The queue ticket being served at this window (the queue service's, from the composition root;
        # thread-safe): recorded with every case committed while it is served, with its wait and service times.
        self.ticket_source = ticket_source
        # Where this workstation takes cases now (acceptance.taken_at; the clerk switches it on a home visit).
        self.taken_at = taken_at
        # What must be settled before a decision (受理前收费: FeeDesk.hold_decision): each runs inside the commit's
        # transaction before anything is written and may refuse; ``case_writes`` run after the case row exists.
        self.decision_holds: tuple[Callable[[sqlite3.Connection, AcceptanceSession, Decision], None], ...] = ()
        self.case_writes: tuple[Callable[[sqlite3.Connection, str], None], ...] = ()

    def new_session(self) -> AcceptanceSession:
        return AcceptanceSession(clock=self._clock)

    def follow_up_session(self, case_uuid: str) -> AcceptanceSession:
        """A new draft after a one-time notice: the same applicant, 情形 answers and item, the materials the
        noticed case already received, and a reference to it (``follows``). The caller chooses the item again
        (``follow_up_item``) so the checklist is the catalog's current one."""
        stored = self.cases.get(case_uuid)
        if stored.case.status is not CaseStatus.NOTICE_ISSUED:
            raise NotNoticed()
        case = stored.case
        session = AcceptanceSession(applicant=case.applicant, clock=self._clock)
        session.answers = dict(stored.details.get("answers") or {})
        session.follows = {"case_uuid": case_uuid, "case_number": case.case_number}
        kept = (MaterialState.RECEIVED, MaterialState.ELICENCE_REUSED)
        session.carried = {m.material_code: m for m in case.materials if m.state in kept}
        shas = [sha for m in session.carried.values() for sha in m.page_blob_ids]
        if shas:
            session.pages = page_refs(self._db, shas)
        return session

    def reusable(self, session: AcceptanceSession, code: str) -> ReusableMaterial | None:
        """The same material verified in an earlier case of this draft's applicant (blind index), or None."""
        if session.applicant is None:
            return None
        identifier = ApplicantRepository.identifier_of(session.applicant)
        return self.cases.verified_material_of(identifier, session.spec(code).name, session.case_uuid)

    def follow_up_item(self, case_uuid: str) -> str:
        """The code to choose again for a follow-up: the bundle if the noticed case was one, else its item."""
        stored = self.cases.get(case_uuid)
        bundle = stored.details.get("bundle_code")
        return str(bundle) if bundle else stored.case.item_codes[0]

    def today(self) -> date:
        return self._clock().date()

    def evaluate(self, session: AcceptanceSession) -> Evaluation:
        return session.evaluate(self.today())

    # -- the commit ---------------------------------------------------------------------------------
    def commit(
        self,
        session: AcceptanceSession,
        decision: Decision,
        rejection: RejectionDetails | None = None,
        clerk_id: str | None = None,
        extra_writes: ExtraWrites | None = None,
    ) -> CommitResult:
        """Commit the draft. ``extra_writes(conn, case_uuid)`` runs inside the same transaction (e.g. the page
        pipeline linking page details and material PDFs); prepare anything slow before calling."""
        if session.result is not None:
            return replace(session.result, created=False)
        with self._lock:
            if session.result is not None:
                return replace(session.result, created=False)
            result = self._commit_locked(session, decision, rejection, clerk_id or self.clerk_id, extra_writes)
            session.result = result
            return result

    def _commit_locked(
        self,
        session: AcceptanceSession,
        decision: Decision,
        rejection: RejectionDetails | None,
        clerk_id: str,
        extra_writes: ExtraWrites | None = None,
    ) -> CommitResult:
        if self.cases.exists(session.case_uuid):
            return self._result_of_stored(session.case_uuid)
        if session.applicant is None or not session.items:
            raise DraftIncomplete()
        session.check_consistent()
        now = self._clock()
        today = now.date()
        evaluation = session.evaluate(today)
        if decision not in evaluation.allowed:
            raise DecisionNotAllowed(reason=translate("acceptance", evaluation.reasons.get(decision, "")))
        if decision is Decision.REJECT and (rejection is None or not rejection.complete):
            raise RejectionIncomplete()

        accepting = decision in (Decision.ACCEPT, Decision.ACCEPT_WITH_DEFICIENCY)
        promised = self.rules.promised_deadline(session.items, today) if accepting else None
        legal = self.rules.legal_deadline(session.items, today) if accepting else None
        concluded = concluded_on_spot(session.items, decision)
        decided_status = status_for_decision(decision).value
        final_status = CaseStatus.CONCLUDED if concluded else status_for_decision(decision)
        stamp = now.isoformat(timespec="milliseconds")
        decision_details, cross = self._details_and_reach(evaluation, decision, rejection, session)
        ticket = session.ticket or (self.ticket_source() if self.ticket_source is not None else None)
        queue = queue_record(ticket, now, served_from=session.card_read_at) if ticket is not None else None

        with self._db.transaction() as conn:
            # A concurrent commit of the same draft that won the race: return its case.
            if case_exists(conn, session.case_uuid):
                return self._result_of_stored(session.case_uuid)
            for hold in self.decision_holds:
                hold(conn, session, decision)
            applicant_uuid = self._applicants.add(session.applicant)
            number = self.rules.allocate_number(conn, self.centre_code, self.window_code, today)
            case = Case(
                case_uuid=uuid.UUID(session.case_uuid),
                case_number=number,
                item_codes=session.item_codes,
                applicant=session.applicant,
                status=final_status,
                decision=decision,
                materials=session.ordered_records(),
                centre_code=self.centre_code,
                window_code=self.window_code,
                clerk_id=clerk_id,
                created_at=now,
                promised_date=promised.deadline if promised else None,
            )
            details: dict[str, Any] = {
                "applicant_name": session.applicant.display_name,
                "answers": session.answers,
                "bundle_code": session.bundle_code,
                "decision_details": decision_details,
                "verification_code": self.rules.verification_code(number),
                "deadline_warning": promised.warning if promised else None,
                # 电子监察 shows both dates' certainty; the promised one has its own column (deadline_certain).
                "legal_certain": legal.certain if legal else True,
                **_channel_details(session),
                **_delivery_details(session),
                "taken_at": (session.taken_at or self.taken_at).value,
            }
            self.cases.insert(
                conn, case, applicant_uuid,
                accepted_at=stamp if accepting else None,
                legal_deadline=legal.deadline if legal else None,
                deadline_certain=promised.certain if promised else True,
                item_names=tuple(item.name for item in session.items),
                handling_type=session.items[0].handling_type.name if session.items else None,
                details=details,
                pages=session.pages,
            )
            self._side_writes(conn, session, stamp, clerk_id)
            if extra_writes is not None:
                extra_writes(conn, session.case_uuid)
            _store_timings(conn, session, queue, now)
            common = _EventAuthor(case_uuid=session.case_uuid, clerk_id=clerk_id, window_code=self.window_code)
            self.rules.record_event(conn, kind="create", from_status=None, to_status=CaseStatus.DRAFT.value,
                                    details={"case_number": number}, **common)
            if session.follows is not None:
                follows = session.follows
                self.rules.record_event(conn, kind="follows_notice", from_status=None, to_status=None,
                                        details={"follows_case_uuid": follows["case_uuid"],
                                                 "follows_case_number": follows["case_number"]}, **common)
                self.rules.record_event(conn, kind="note", from_status=None, to_status=None,
                                        details={"followed_by_case_uuid": session.case_uuid,
                                                 "followed_by_case_number": number},
                                        **_EventAuthor(case_uuid=follows["case_uuid"], clerk_id=clerk_id,
                                                       window_code=self.window_code))
            for write in self.case_writes:
                write(conn, session.case_uuid)
            self.rules.record_event(conn, kind=EVENT_KIND[decision], from_status=CaseStatus.DRAFT.value,
                                    to_status=decided_status, details={"decision": decision.value}, **common)
            if concluded:
                self.rules.record_event(conn, kind="conclude", from_status=decided_status,
                                        to_status=CaseStatus.CONCLUDED.value, details={"on_spot": True},
                                        **common)
            action_uuid = str(uuid.uuid4())
            payload = build_payload(case, accepted_at=stamp if accepting else None,
                                    legal_deadline=legal.deadline if legal else None,
                                    decision_details=decision_details, **_online_payload(session),
                                    taken_at=(session.taken_at or self.taken_at).value,
                                    delivery=MAIL if session.delivery is not None else None,
                                    # 跨域通办: routed to the body that decides; a 一件事: split into 并联 sub-cases
                                    routing=routing(cross, session.bundle_code))
            if queue is not None:
                payload["queue"] = queue
            enqueue(conn, KIND, payload, case_uuid=session.case_uuid, action_uuid=action_uuid,
                    payload_enc=encrypt_applicant(self._cipher, session.applicant, action_uuid,
                                                  recipient=session.delivery),
                    clerk_id=case.clerk_id)
            self.cases.freeze(conn, session.case_uuid)
        log.info("case committed: decision=%s status=%s", decision.value, final_status.value)
        return CommitResult(
            case_uuid=session.case_uuid, case_number=number, decision=decision, status=final_status.value,
            promised_date=promised.deadline if promised else None,
            promised_certain=promised.certain if promised else True,
            legal_deadline=legal.deadline if legal else None,
            deadline_warning=promised.warning if promised else None,
            concluded=concluded, created=True,
        )

    def _side_writes(self, conn: sqlite3.Connection, session: AcceptanceSession, stamp: str, clerk_id: str) -> None:
        """In the case's transaction: the 代办批次 it joins, and the 邮寄送达 choice (the recipient encrypted with the
        case, a ``delivery_chosen`` event without personal data)."""
        _join_batch(conn, session)
        if session.delivery is None:
            return
        require_express(session.items)
        insert_choice(conn, self._cipher, session.case_uuid, session.delivery, stamp)
        self.rules.record_event(conn, case_uuid=session.case_uuid, kind="delivery_chosen", from_status=None,
                                to_status=None, clerk_id=clerk_id, window_code=self.window_code,
                                details={"method": MAIL, "postcode_given": bool(session.delivery.postcode)})

    def _details_and_reach(
        self, evaluation: Evaluation, decision: Decision, rejection: RejectionDetails | None,
        session: AcceptanceSession,
    ) -> tuple[dict[str, Any], list[ServiceItem]]:
        """The decision details and the draft's 跨域通办 items. 通办范围: an item outside it is refused here
        (``OutsideTongbanScope``); a 跨域通办 item's snapshot says so (the papers name its body and 出件地)."""
        details = self._decision_details(evaluation, decision, rejection, session)
        return details, mark_cross(details, session.items, check_reach(session.items, self.centre_region))

    @staticmethod
    def _decision_details(
        evaluation: Evaluation, decision: Decision, rejection: RejectionDetails | None,
        session: AcceptanceSession,
    ) -> dict[str, Any]:
        """Non-personal facts of the decision (the platform's 不受理原因 / 补正材料清单 / 容缺 list)."""
        details: dict[str, Any] = {"item_names": [i.name for i in session.items],
                                   "items": [item_facts(i) for i in session.items]}
        if session.follows is not None:
            details["follows"] = dict(session.follows)
        if session.online is not None:  # 网上申报: its pre-review as the window found it
            details["pre_application"] = {"number": session.online.number,
                                          "prereview": "passed" if session.online.prereview.passed
                                          else "needs_correction"}
        if decision is Decision.ONE_TIME_NOTICE:
            details["notice_lines"] = [
                {"material_code": i.code, "name": i.name, "shortfall": i.shortfall.value,
                 "requirement": i.requirement, "note": i.note}
                for i in evaluation.notice_lines
            ]
        if decision is Decision.ACCEPT_WITH_DEFICIENCY:
            details["deferred"] = [
                {"material_code": i.code, "name": i.name, "supply_by": i.supply_by.isoformat() if i.supply_by
                 else None, "requirement": i.requirement}
                for i in evaluation.deferred
            ]
        if decision is Decision.REJECT and rejection is not None:
            details["rejection"] = {"reason": rejection.reason, "legal_basis": rejection.legal_basis,
                                    "where_to_apply": rejection.where_to_apply,
                                    "reason_type": rejection.reason_type.value}
        return details

    def _result_of_stored(self, case_uuid: str) -> CommitResult:
        stored = self.cases.get(case_uuid)
        case = stored.case
        decision = case.decision or Decision.ACCEPT
        return CommitResult(
            case_uuid=case_uuid, case_number=case.case_number, decision=decision, status=case.status.value,
            promised_date=case.promised_date, promised_certain=stored.deadline_certain,
            legal_deadline=stored.legal_deadline, deadline_warning=stored.details.get("deadline_warning"),
            concluded=case.status is CaseStatus.CONCLUDED, created=False,
        )


def _store_timings(conn: sqlite3.Connection, session: AcceptanceSession, queue: dict[str, Any] | None,
                   decided_at: datetime) -> None:
    """The ticket's record (wait; service from the card read, else from the call); without a ticket (called by
    hand) the service time from the card read alone, what supervision reports count."""
    if queue is not None:
        store_queue_record(conn, session.case_uuid, queue)
    elif session.card_read_at is not None:
        set_service_seconds(conn, session.case_uuid, max(0.0, (decided_at - session.card_read_at).total_seconds()))
