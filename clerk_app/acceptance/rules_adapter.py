"""The real ``CaseRules``: the rules engine's numbering, state machine, event log and working-day deadlines."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from clerk_app.acceptance.ports import DeadlineInfo
from clerk_app.domain import case_states, deadlines
from clerk_app.domain.case import CaseStatus
from clerk_app.domain.catalog import ServiceItem
from clerk_app.domain.supervision import CaseSupervision, DatedLimit, pauses_from_moves
from clerk_app.domain.workdays import WorkdayCalendar
from clerk_app.rules import RulesService
from offline_cache.case_events import record_event
from offline_cache.case_numbers import allocate_case_number

# The acceptance flow's event names, mapped onto the rules engine's event kinds.
_KINDS = {
    "create": case_states.EventKind.CREATED,
    "accept": case_states.EventKind.DECIDED,
    "accept_with_deficiency": case_states.EventKind.DECIDED,
    "one_time_notice": case_states.EventKind.DECIDED,
    "reject": case_states.EventKind.DECIDED,
    "conclude": case_states.EventKind.STATUS_CHANGED,
    "printed": case_states.EventKind.PRINTED,
    "reprinted": case_states.EventKind.REPRINTED,
    "handed_over": case_states.EventKind.HANDED_OVER,
    "authorisation_attached": case_states.EventKind.AUTHORISATION_ATTACHED,
    "supplemented": case_states.EventKind.SUPPLEMENTED,
    "corrected": case_states.EventKind.CORRECTED,
    "fee_notice_issued": case_states.EventKind.FEE_NOTICE_ISSUED,
    "fee_paid": case_states.EventKind.FEE_PAID,
    "follows_notice": case_states.EventKind.FOLLOWS_NOTICE,
    "note": case_states.EventKind.NOTE,
    "voided": case_states.EventKind.VOIDED,
    "delivery_chosen": case_states.EventKind.DELIVERY_CHOSEN,
    "dispatched": case_states.EventKind.DISPATCHED,
}


class RulesEngineAdapter:
    """Delegates to the workstation's ``RulesService`` (calendar cache, verification key, yellow threshold)."""

    def __init__(self, rules: RulesService) -> None:
        self.service = rules

    def calendar(self) -> WorkdayCalendar:
        return self.service.calendar()

    def allocate_number(self, conn: sqlite3.Connection, centre_code: str, window_code: str, day: date) -> str:
        return str(allocate_case_number(conn, centre_code, window_code, day))

    def record_event(
        self,
        conn: sqlite3.Connection,
        *,
        case_uuid: str,
        kind: str,
        from_status: str | None,
        to_status: str | None,
        clerk_id: str,
        window_code: str,
        details: dict[str, Any],
        device_time: datetime | None = None,
    ) -> None:
        record_event(
            conn, case_uuid, _KINDS[kind],
            CaseStatus(from_status) if from_status else None, CaseStatus(to_status) if to_status else None,
            clerk_id, window_code, {"action": kind, **details}, device_time,
        )

    def promised_deadline(self, items: Sequence[ServiceItem], accepted_on: date) -> DeadlineInfo | None:
        found = deadlines.case_deadline(self.calendar(), items, accepted_on)
        return DeadlineInfo(found.deadline, found.certain, found.warning) if found else None

    def legal_deadline(self, items: Sequence[ServiceItem], accepted_on: date) -> DeadlineInfo | None:
        calendar = self.calendar()
        found = [d for d in (deadlines.legal_deadline(calendar, i, accepted_on) for i in items) if d]
        if not found:
            return None
        latest = max(found, key=lambda d: d.deadline)
        certain = all(d.certain for d in found)
        warning = next((d.warning for d in found if d.warning), None)
        return DeadlineInfo(latest.deadline, certain, warning)

    def verification_code(self, case_number: str) -> str:
        return self.service.verification_code(case_number)

    def supervision_level(self, deadline: date, today: date) -> str:
        return self.service.supervision(deadline, today).value

    def case_supervision(self, status: CaseStatus, accepted_on: date | None, promised: DatedLimit | None,
                         legal: DatedLimit | None, moves: Iterable[tuple[str | None, str | None, date]],
                         today: date) -> CaseSupervision:
        return self.service.case_supervision(status, accepted_on, promised, legal, pauses_from_moves(moves), today)
