"""作废: voiding a case committed in error, with a reason and a supervisor's approval entered on the spot.

The supervisor (值班长) or an administrator types their own account and password at the window
(``ClerkSession.approve``: checked like a login, audited as ``approval`` or ``approval_refused``); a plain clerk's
credential is refused. Then one transaction: the status change to ``voided`` (checked by the state machine, so a
draft, a handed-over or a concluded case cannot be voided), its ``voided`` event with the reason and the approver,
a ``case_void`` outbox row (the platform is told and marks the case void) and a ``void`` audit entry.
Voiding twice is harmless: a case already voided returns the first record. Runs off the GUI thread (the approval
may ask the platform).
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from clerk_app.acceptance.errors import CaseNotFound
from clerk_app.acceptance.ports import CaseRules
from clerk_app.domain.case import CaseStatus
from clerk_app.domain.case_states import TransitionNotAllowed, can_transition
from clerk_app.errors import ValidationError
from clerk_app.i18n import QT_TRANSLATE_NOOP
from clerk_app.security.clerk_session import ClerkSession
from offline_cache import audit_log
from offline_cache.cases import StoredCase, case_status, set_case_status
from offline_cache.db import Database
from offline_cache.outbox import enqueue, first_action

log = logging.getLogger("onewindow.acceptance")

KIND = "case_void"
MIN_REASON = 4  # characters: "录错" alone says too little for an auditor


class VoidReasonRequired(ValidationError):
    message = QT_TRANSLATE_NOOP("errors", "Say why the case is voided (at least {n} characters).")


@dataclass(frozen=True)
class VoidRecord:
    case_uuid: str
    void_uuid: str
    voided_at: str
    reason: str
    approved_by: str
    created: bool


class VoidDesk:
    def __init__(self, db: Database, rules: CaseRules, session: ClerkSession, *, window_code: str,
                 clock: Callable[[], datetime]) -> None:
        self._db = db
        self._rules = rules
        self._session = session
        self._window_code = window_code
        self._clock = clock

    def can_void(self, status: CaseStatus) -> bool:
        return can_transition(status, CaseStatus.VOIDED)

    def void(self, case_uuid: str, reason: str, approver_account: str, approver_password: str) -> VoidRecord:
        reason = " ".join(reason.split())
        if len(reason) < MIN_REASON:
            raise VoidReasonRequired(n=MIN_REASON)
        clerk = self._session.require()
        with self._db.transaction() as conn:
            row = case_status(conn, case_uuid)
        if row is None:
            raise CaseNotFound()
        status = CaseStatus(row["status"])
        if status is not CaseStatus.VOIDED and not self.can_void(status):
            audit_log.write(self._db, "void_refused", clerk.account,
                            {"case_number": row["case_number"], "status": status.value})
            raise TransitionNotAllowed(status, CaseStatus.VOIDED)
        approver = self._session.approve(approver_account, approver_password, "void",
                                         case_number=row["case_number"])
        with self._db.transaction() as conn:
            row = case_status(conn, case_uuid)
            assert row is not None  # cases are never deleted
            status = CaseStatus(row["status"])
            if status is CaseStatus.VOIDED:
                done = first_action(conn, case_uuid, KIND)
                if done is not None:
                    payload = json.loads(done["payload"])
                    return VoidRecord(case_uuid, done["action_uuid"], payload["voided_at"], payload["reason"],
                                      payload["approved_by"], created=False)
            action = str(uuid.uuid4())
            voided_at = self._clock().isoformat(timespec="seconds")
            facts = {"void_uuid": action, "reason": reason, "approved_by": approver.account,
                     "approver_role": approver.role, "voided_at": voided_at}
            self._rules.record_event(conn, case_uuid=case_uuid, kind="voided", from_status=status.value,
                                     to_status=CaseStatus.VOIDED.value, clerk_id=clerk.account,
                                     window_code=self._window_code, details=facts)
            set_case_status(conn, case_uuid, CaseStatus.VOIDED.value)
            enqueue(conn, KIND, {**facts, "case_uuid": case_uuid, "case_number": row["case_number"],
                                 "clerk_id": clerk.account, "window_code": self._window_code,
                                 "from_status": status.value},
                    case_uuid=case_uuid, action_uuid=action, clerk_id=clerk.account)
            audit_log.record(conn, "void", clerk.account, {"case_number": row["case_number"],
                                                            "approved_by": approver.account,
                                                            "from_status": status.value, "void_uuid": action})
        log.info("case voided (from %s, approved by role %s)", status.value, approver.role)
        return VoidRecord(case_uuid, action, voided_at, reason, approver.account, created=True)


def void_of(stored: StoredCase) -> dict[str, Any] | None:
    """The details of a case's ``voided`` event (reason, approver, time), or None for a case not voided."""
    voided = [e for e in stored.events if e.kind == "voided"]
    return dict(voided[-1].details) if voided else None
