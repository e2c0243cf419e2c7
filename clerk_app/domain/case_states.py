"""The case state machine and the append-only case event log.

States follow the life of a case from the window decision (受理 / 容缺受理 / 一次性告知 / 不予受理) through the
back office (submitted, in review, 补正, 特别程序, approved/denied) to the result (ready for pickup, handed over,
mailed, concluded). Back-office states arrive through sync, possibly skipping intermediate ones, so forward jumps
the platform can report are allowed; going back is not, except out of the clock-stopping states (补正, 特别程序).

The machine is pure: ``offline_cache.case_events.record_event`` writes one row of ``case_events`` (m0001) inside
the caller's transaction after ``check_event`` here has accepted the move, so a change and its event are committed
together or not at all. Event details must not carry personal data (no ID numbers, names): the event log is what an
auditor reads.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from clerk_app.domain.case import CaseStatus, Decision
from clerk_app.domain.workdays import Pause
from clerk_app.errors import ValidationError
from clerk_app.i18n import QT_TRANSLATE_NOOP, translate

S = CaseStatus

_BACK_OFFICE = {S.SUBMITTED, S.IN_REVIEW, S.CORRECTION_REQUESTED, S.SPECIAL_PROCEDURE, S.APPROVED, S.DENIED}

# 作废 (void) of a case committed in error: from any state after the window decision until the result is handed
# over, mailed or the case concluded; never from a draft (a draft is discarded, not voided). Terminal.
_VOIDABLE = frozenset({S.ACCEPTED, S.ACCEPTED_PENDING_SUPPLEMENT, S.NOTICE_ISSUED, S.REJECTED, S.SUBMITTED,
                       S.IN_REVIEW, S.CORRECTION_REQUESTED, S.SPECIAL_PROCEDURE, S.APPROVED, S.DENIED,
                       S.READY_FOR_PICKUP})

_MOVES: Mapping[CaseStatus, frozenset[CaseStatus]] = {
    S.DRAFT: frozenset({S.ACCEPTED, S.ACCEPTED_PENDING_SUPPLEMENT, S.NOTICE_ISSUED, S.REJECTED}),
    S.ACCEPTED: frozenset(_BACK_OFFICE | {S.CONCLUDED}),  # 即办件 conclude on the spot
    S.ACCEPTED_PENDING_SUPPLEMENT: frozenset({S.ACCEPTED} | _BACK_OFFICE - {S.APPROVED}),
    # The applicant returns with the missing materials: the same case is decided again.
    S.NOTICE_ISSUED: frozenset({S.ACCEPTED, S.ACCEPTED_PENDING_SUPPLEMENT, S.NOTICE_ISSUED, S.REJECTED,
                                S.CONCLUDED}),
    S.REJECTED: frozenset({S.CONCLUDED}),
    S.SUBMITTED: frozenset(_BACK_OFFICE - {S.SUBMITTED}),
    S.IN_REVIEW: frozenset({S.CORRECTION_REQUESTED, S.SPECIAL_PROCEDURE, S.APPROVED, S.DENIED}),
    S.CORRECTION_REQUESTED: frozenset({S.SUBMITTED, S.IN_REVIEW, S.DENIED}),
    S.SPECIAL_PROCEDURE: frozenset({S.IN_REVIEW, S.APPROVED, S.DENIED}),
    S.APPROVED: frozenset({S.READY_FOR_PICKUP, S.MAILED, S.CONCLUDED}),
    S.DENIED: frozenset({S.READY_FOR_PICKUP, S.MAILED, S.CONCLUDED}),
    S.READY_FOR_PICKUP: frozenset({S.HANDED_OVER, S.MAILED}),
    S.HANDED_OVER: frozenset({S.CONCLUDED}),
    # 邮寄送达: delivered (已签收) ends the case; a result the carrier returned (退回) goes back to window pickup.
    S.MAILED: frozenset({S.CONCLUDED, S.READY_FOR_PICKUP}),
    S.CONCLUDED: frozenset(),
    S.VOIDED: frozenset(),
}
ALLOWED: Mapping[CaseStatus, frozenset[CaseStatus]] = {
    status: moves | {S.VOIDED} if status in _VOIDABLE else moves for status, moves in _MOVES.items()}

# Time in these states is not counted against the limit (《行政许可法》第四十二条、第四十五条).
CLOCK_STOPPED = frozenset({S.CORRECTION_REQUESTED, S.SPECIAL_PROCEDURE})

DECISION_STATUS: Mapping[Decision, CaseStatus] = {
    Decision.ACCEPT: S.ACCEPTED,
    Decision.ACCEPT_WITH_DEFICIENCY: S.ACCEPTED_PENDING_SUPPLEMENT,
    Decision.ONE_TIME_NOTICE: S.NOTICE_ISSUED,
    Decision.REJECT: S.REJECTED,
}


STATUS_LABELS: Mapping[CaseStatus, str] = {
    S.DRAFT: QT_TRANSLATE_NOOP("rules", "Draft"),
    S.ACCEPTED: QT_TRANSLATE_NOOP("rules", "Accepted"),
    S.ACCEPTED_PENDING_SUPPLEMENT: QT_TRANSLATE_NOOP("rules", "Accepted, materials to be supplied"),
    S.NOTICE_ISSUED: QT_TRANSLATE_NOOP("rules", "One-time notice issued"),
    S.REJECTED: QT_TRANSLATE_NOOP("rules", "Not accepted"),
    S.SUBMITTED: QT_TRANSLATE_NOOP("rules", "Sent to the department"),
    S.IN_REVIEW: QT_TRANSLATE_NOOP("rules", "In review"),
    S.CORRECTION_REQUESTED: QT_TRANSLATE_NOOP("rules", "Correction requested"),
    S.SPECIAL_PROCEDURE: QT_TRANSLATE_NOOP("rules", "Special procedure"),
    S.APPROVED: QT_TRANSLATE_NOOP("rules", "Approved"),
    S.DENIED: QT_TRANSLATE_NOOP("rules", "Denied"),
    S.READY_FOR_PICKUP: QT_TRANSLATE_NOOP("rules", "Ready for pickup"),
    S.HANDED_OVER: QT_TRANSLATE_NOOP("rules", "Handed over"),
    S.MAILED: QT_TRANSLATE_NOOP("rules", "Mailed"),
    S.CONCLUDED: QT_TRANSLATE_NOOP("rules", "Concluded"),
    S.VOIDED: QT_TRANSLATE_NOOP("rules", "Voided"),
}


def status_label(status: CaseStatus) -> str:
    """The clerk-facing name of a status, translated."""
    return translate("rules", STATUS_LABELS[status])


class TransitionNotAllowed(ValidationError):
    message = QT_TRANSLATE_NOOP("errors", "A case in state \"{current}\" cannot change to \"{target}\".")

    def __init__(self, current: CaseStatus, target: CaseStatus) -> None:
        super().__init__(current=status_label(current), target=status_label(target))
        self.current = current
        self.target = target


def can_transition(current: CaseStatus, target: CaseStatus) -> bool:
    return target in ALLOWED[current]


def transition(current: CaseStatus, target: CaseStatus) -> CaseStatus:
    """Return ``target`` if the move is allowed, else raise ``TransitionNotAllowed``."""
    if not can_transition(current, target):
        raise TransitionNotAllowed(current, target)
    return target


def status_for_decision(decision: Decision) -> CaseStatus:
    return DECISION_STATUS[decision]


def is_terminal(status: CaseStatus) -> bool:
    return not ALLOWED[status]


class EventKind(enum.Enum):
    CREATED = "created"
    DECIDED = "decided"  # window decision (受理 / 容缺 / 告知 / 不予受理)
    STATUS_CHANGED = "status_changed"  # back-office or result step
    SUPPLEMENTED = "supplemented"  # 容缺 material supplied
    FOLLOWS_NOTICE = "follows_notice"  # a new acceptance after a one-time notice, naming the noticed case
    PRINTED = "printed"
    REPRINTED = "reprinted"  # 补打
    PLATFORM_NUMBER = "platform_number"  # the platform's own number arrived with sync
    HANDED_OVER = "handed_over"
    AUTHORISATION_ATTACHED = "authorisation_attached"  # a collector's 授权委托书 scanned into the case (出件)
    # 补正 asked by the back office: the request (what, by when) arrived with a status pull; the clock stops.
    CORRECTION_REQUESTED = "correction_requested"
    # 补正 materials received at the window (补正 → in review): the clock runs again; one outbox ``correction``.
    CORRECTED = "corrected"
    FEE_NOTICE_ISSUED = "fee_notice_issued"  # 缴费通知书: a payment order (amount, code) for the case
    FEE_PAID = "fee_paid"  # the platform confirmed the payment (status pull)
    # 快递送达 (clerk_app.acceptance.delivery): the choice at acceptance, the waybill at dispatch (→ mailed, one
    # outbox ``dispatch``), and the carrier's outcome reported by the platform: delivered (已签收) or returned (退回).
    DELIVERY_CHOSEN = "delivery_chosen"
    DISPATCHED = "dispatched"
    DELIVERED = "delivered"
    DELIVERY_RETURNED = "delivery_returned"
    VOIDED = "voided"  # 作废 with a reason and the approving supervisor (clerk_app.acceptance.void)
    # The back office's decision (文号, date) and, for a licence, the e-licence identifier arrived with a status pull.
    RESULT_RECEIVED = "result_received"
    # The platform sent an e-licence identifier that is not of the GB/T 36904 form: not recorded, the part named.
    ELICENCE_REFUSED = "elicence_refused"
    NOTE = "note"


@dataclass(frozen=True)
class CaseEvent:
    case_uuid: str
    kind: EventKind
    from_status: CaseStatus | None
    to_status: CaseStatus | None
    clerk_id: str
    window_code: str
    device_time: datetime
    details: dict[str, Any] = field(default_factory=dict)
    event_id: int | None = None


def check_event(from_status: CaseStatus | None, to_status: CaseStatus | None) -> None:
    """Raise ``TransitionNotAllowed`` if an event moving a case from one status to another breaks the machine
    (an event without a move, or staying put, is always allowed)."""
    if from_status is not None and to_status is not None and from_status is not to_status:
        transition(from_status, to_status)


def pauses_from_events(events: Iterable[CaseEvent]) -> tuple[Pause, ...]:
    """Clock pauses from the status history: entering 补正/特别程序 starts one, leaving it ends it.

    Dates are device-local. The day the pause starts and the day it ends are both not counted: the back office
    works on neither for the case's limit. A pause still open has ``end`` None.
    """
    pauses: list[Pause] = []
    open_since: date | None = None
    for event in events:
        if event.to_status is None or event.to_status is event.from_status:
            continue
        day = event.device_time.date()
        entering = event.to_status in CLOCK_STOPPED
        if entering and open_since is None:
            open_since = day
        elif not entering and open_since is not None:
            pauses.append(Pause(open_since, day))
            open_since = None
    if open_since is not None:
        pauses.append(Pause(open_since, None))
    return tuple(pauses)
