"""The acceptance rules as one service on the workstation: calendar, deadlines, 电子监察 level, case numbers.

Other areas take this (``services.rules``) rather than the pieces, so the configured centre/window
codes, the yellow threshold, the calendar extension table and the verification key are applied the same way
everywhere.

Verification key: the centre key the platform distributes (pulled with sync into ``offline_cache.receipt_keys``,
rotated with a key id) when one has arrived, so any workstation of the centre (and the platform) can check a
receipt; before the first pull, a key derived from this workstation's data key ("local": only this workstation
can check those codes). ``verify`` tries the current centre key, the older ones (receipts printed before a
rotation) and the local key, and says which matched.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from clerk_app.context import Workstation
from clerk_app.domain.case import CaseStatus
from clerk_app.domain.catalog import LimitUnit, ServiceItem, TimeLimit
from clerk_app.domain.deadlines import Deadline, SupervisionLevel, case_deadline, compute_deadline, supervision_level
from clerk_app.domain.numbering import CaseNumber, check_verification_code, verification_code
from clerk_app.domain.supervision import CaseSupervision, DatedLimit, case_supervision
from clerk_app.domain.workdays import Pause, WorkdayCalendar
from offline_cache.calendar_store import CalendarStore
from offline_cache.case_numbers import allocate_case_number
from offline_cache.receipt_keys import ReceiptKeyStore

log = logging.getLogger("onewindow.rules")

# Changing this label invalidates the codes on every receipt already printed.
VERIFICATION_KEY_LABEL = "onewindow receipt verification key"


LOCAL_KEY_ID = "local"  # the workstation's own key (codes only this workstation can check)


@dataclass(frozen=True)
class Verification:
    valid: bool
    key_id: str


class RulesService:
    def __init__(self, workstation: Workstation) -> None:
        self._ws = workstation
        self.calendar_store = CalendarStore(workstation.db)
        self._calendar: WorkdayCalendar | None = None
        self._lock = threading.Lock()
        self._key: bytes | None = None

    # -- calendar and deadlines ---------------------------------------------------------------------------------
    def calendar(self) -> WorkdayCalendar:
        with self._lock:
            if self._calendar is None:
                self._calendar = self.calendar_store.load_calendar()
            return self._calendar

    def calendar_changed(self) -> None:
        """Call after the calendar table changed (sync import, administrator edit)."""
        with self._lock:
            self._calendar = None

    def deadline(self, start: date, days: int, unit: LimitUnit = LimitUnit.WORKING_DAYS,
                 pauses: Iterable[Pause] = ()) -> Deadline:
        return compute_deadline(self.calendar(), start, TimeLimit(days, unit), pauses)

    def promised_deadline(self, items: Iterable[ServiceItem], accepted_on: date,
                          pauses: Iterable[Pause] = ()) -> Deadline | None:
        return case_deadline(self.calendar(), items, accepted_on, pauses)

    def case_supervision(self, status: CaseStatus, accepted_on: date | None, promised: DatedLimit | None,
                         legal: DatedLimit | None, pauses: Iterable[Pause], today: date) -> CaseSupervision:
        """电子监察 of one case (``clerk_app.domain.supervision``) with this workstation's calendar and yellow band."""
        yellow = int(self._ws.config.get("deadline.yellow_working_days"))
        return case_supervision(self.calendar(), status, accepted_on, promised, legal, pauses, today, yellow)

    def supervision(self, deadline: date, today: date, paused: bool = False) -> SupervisionLevel:
        yellow = int(self._ws.config.get("deadline.yellow_working_days"))
        return supervision_level(self.calendar(), deadline, today, yellow, paused)

    # -- numbering ------------------------------------------------------------------------------------------------
    def allocate_number(self, conn: sqlite3.Connection, day: date) -> CaseNumber:
        """Allocate the next case number of this window, inside the caller's transaction."""
        return allocate_case_number(conn, self._ws.config.get("centre.code"), self._ws.config.get("window.code"), day)

    def _verification_key(self) -> bytes:
        if self._key is None:
            self._key = bytes.fromhex(self._ws.cipher.blind_index(VERIFICATION_KEY_LABEL))
        return self._key

    def _centre_keys(self) -> ReceiptKeyStore:
        return ReceiptKeyStore(self._ws.db, self._ws.cipher)

    def signing_key(self) -> tuple[str, bytes]:
        """(key id, key) new codes are made with: the current centre key, else the local one."""
        current = self._centre_keys().current()
        return current if current is not None else (LOCAL_KEY_ID, self._verification_key())

    def verification_code(self, case_number: str) -> str:
        return verification_code(self.signing_key()[1], case_number)

    def check_verification(self, case_number: str, code: str) -> bool:
        return self.verify(case_number, code).valid

    def verify(self, case_number: str, code: str) -> Verification:
        """Whether ``code`` is the verification code of ``case_number`` under one of the keys this workstation
        knows (centre keys, current first, then the local key), and which."""
        for key_id, key in [*self._centre_keys().keys(), (LOCAL_KEY_ID, self._verification_key())]:
            if check_verification_code(key, case_number, code):
                return Verification(True, key_id)
        return Verification(False, "")

