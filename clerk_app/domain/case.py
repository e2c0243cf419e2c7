"""Cases (办件) and the record of each material received at the window."""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from clerk_app.domain.applicant import Applicant


class Decision(enum.Enum):
    ACCEPT = "accept"  # 受理
    ACCEPT_WITH_DEFICIENCY = "accept_with_deficiency"  # 容缺受理
    ONE_TIME_NOTICE = "one_time_notice"  # 一次性告知
    REJECT = "reject"  # 不予受理


class CaseStatus(enum.Enum):
    DRAFT = "draft"
    ACCEPTED = "accepted"
    ACCEPTED_PENDING_SUPPLEMENT = "accepted_pending_supplement"
    NOTICE_ISSUED = "notice_issued"
    REJECTED = "rejected"
    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    CORRECTION_REQUESTED = "correction_requested"
    SPECIAL_PROCEDURE = "special_procedure"
    APPROVED = "approved"
    DENIED = "denied"
    READY_FOR_PICKUP = "ready_for_pickup"
    HANDED_OVER = "handed_over"
    MAILED = "mailed"
    CONCLUDED = "concluded"
    VOIDED = "voided"  # 作废: committed in error, voided with a supervisor's approval (terminal)


class MaterialState(enum.Enum):
    RECEIVED = "received"
    ELICENCE_REUSED = "elicence_reused"
    MISSING = "missing"
    DEFERRED = "deferred"  # 容缺: to be supplied by a date
    DEFECTIVE = "defective"
    NOT_APPLICABLE = "not_applicable"


class MaterialSource(enum.Enum):
    """Where a material's record comes from (信息跑路: data shared instead of typed or scanned again)."""

    WINDOW = "window"  # handed over and checked by the clerk at the window
    CARD_READER = "card_reader"  # the ID card read by the reader: an original checked by the chip read
    EARLIER_CASE = "earlier_case"  # verified in an earlier case of the same applicant, its pages referenced
    ELICENCE = "elicence"  # replaced by an e-licence reference
    ONLINE = "online"  # uploaded with the online pre-application (网上申报): held by the platform, not re-sent


class TakenAt(enum.Enum):
    """Where the case was taken: at the centre's window, on a home visit (上门办理, the workstation on a laptop away
    from the centre), or at a village agent point (代办点)."""

    WINDOW = "window"
    HOME_VISIT = "home_visit"
    AGENT_POINT = "agent_point"


@dataclass(frozen=True)
class MaterialRecord:
    material_code: str
    name: str
    state: MaterialState
    original_verified: bool = False  # B-level: clerk checked the original
    copies_received: int = 0
    page_blob_ids: tuple[str, ...] = ()
    supply_by: date | None = None
    defect_note: str = ""
    source: MaterialSource = MaterialSource.WINDOW
    reused_from: str | None = None  # case number the record was reused from (EARLIER_CASE)


@dataclass(frozen=True)
class Case:
    case_uuid: uuid.UUID
    case_number: str
    item_codes: tuple[str, ...]
    applicant: Applicant
    status: CaseStatus
    decision: Decision | None
    materials: tuple[MaterialRecord, ...]
    centre_code: str
    window_code: str
    clerk_id: str
    created_at: datetime
    promised_date: date | None = None
    platform_number: str | None = None
    extra: dict[str, object] = field(default_factory=dict)

    @staticmethod
    def new_uuid() -> uuid.UUID:
        return uuid.uuid4()
