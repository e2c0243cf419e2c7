"""按责转办: the window's 材料流转单 per department and batch, and the department's receipt scanned back.

``RoutingDesk.at_window()`` lists the window's accepted cases whose kept paper has not left yet, with their
department (``clerk_app.domain.routing.department_of``) and paper lines. ``make_slip(department)`` puts every one of
that department's cases at the window into one new slip, in **one** transaction: the slip (m0082) with its lines as
printed, the cases' ``case_routing`` rows (a case enters one slip only: a second slip for the same case fails on the
primary key, and cases taken meanwhile by another slip are left out), the custody event ``slip_made`` and one outbox
row ``kind = "routing_slip"`` whose action UUID is the slip's. ``receive(number)`` records the department's receipt
(``received``: when, and which clerk scanned it) with one outbox row ``kind = "routing_receipt"``; scanning it again
returns the recorded receipt and writes nothing.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from clerk_app.acceptance.service import local_now
from clerk_app.domain.catalog import ServiceItem
from clerk_app.domain.masking import mask_name
from clerk_app.domain.routing import (
    Custody,
    CustodyEvent,
    PaperLine,
    department_of,
    is_slip_number,
    paper_lines,
    slip_number,
    transition,
)
from clerk_app.errors import ValidationError
from clerk_app.i18n import QT_TRANSLATE_NOOP
from offline_cache.cases import CaseRepository
from offline_cache.db import Database
from offline_cache.outbox import enqueue
from offline_cache.routing import (
    StoredSlip,
    insert_slip,
    mark_received,
    next_slip_sequence,
    record_custody_event,
    routed,
    slip_by_number,
    slip_by_uuid,
    slips_in,
    unrouted_accepted_cases,
)

log = logging.getLogger("onewindow.acceptance")

SLIP_KIND = "routing_slip"
RECEIPT_KIND = "routing_receipt"
LOOK_BACK_DAYS = 60  # cases accepted longer ago than this are not offered (their paper went by other means)


class NothingToRoute(ValidationError):
    message = QT_TRANSLATE_NOOP("errors", "No case of {department} has paper waiting at this window.")


class UnknownSlip(ValidationError):
    message = QT_TRANSLATE_NOOP("errors", "No routing slip (材料流转单) has the number {number}.")


@dataclass(frozen=True)
class WaitingCase:
    """A case whose kept paper is still at the window."""

    case_uuid: str
    case_number: str
    applicant_masked: str
    item_names: tuple[str, ...]
    department: str
    accepted_at: str
    paper: tuple[PaperLine, ...]


@dataclass(frozen=True)
class Receipt:
    slip: StoredSlip
    created: bool  # False: it had been received before (a second scan)


class RoutingDesk:
    def __init__(self, db: Database, cases: CaseRepository, item_of: Callable[[str], ServiceItem], *,
                 window_code: str, clerk_id: str, clock: Callable[[], datetime] = local_now) -> None:
        self._db = db
        self._cases = cases
        self._item_of = item_of
        self._window_code = window_code
        self.clerk_id = clerk_id
        self._clock = clock
        self._lock = threading.Lock()

    def _since(self) -> str:
        return (self._clock() - timedelta(days=LOOK_BACK_DAYS)).isoformat(timespec="milliseconds")

    def _items(self, codes: tuple[str, ...]) -> tuple[ServiceItem, ...]:
        found = []
        for code in codes:
            try:
                found.append(self._item_of(code))
            except Exception:  # a retired item: the case's department can no longer be named
                log.warning("item of a case not found in the catalog")
        return tuple(found)

    # -- what is where ------------------------------------------------------------------------------------------
    def at_window(self) -> list[WaitingCase]:
        waiting = []
        for case_uuid in unrouted_accepted_cases(self._db.conn, self._window_code, self._since()):
            stored = self._cases.get(case_uuid)
            items = self._items(stored.case.item_codes)
            paper = paper_lines(stored.case.materials, items)
            if not items or not paper:
                continue
            waiting.append(WaitingCase(case_uuid, stored.case.case_number,
                                       mask_name(stored.case.applicant.display_name), stored.item_names,
                                       department_of(items[0]), str(stored.accepted_at or ""), paper))
        return waiting

    def departments(self) -> list[str]:
        return sorted({c.department for c in self.at_window()})

    def slips(self, custody: Custody) -> list[StoredSlip]:
        return slips_in(self._db.conn, custody.value, self._since(), self._window_code)

    def slip(self, slip_uuid: str) -> StoredSlip:
        found = slip_by_uuid(self._db.conn, slip_uuid)
        if found is None:
            raise UnknownSlip(number=slip_uuid)
        return found

    def find(self, number: str) -> StoredSlip | None:
        """The slip with this number (what a barcode scan gives), or None."""
        return slip_by_number(self._db.conn, number) if is_slip_number(number) else None

    # -- actions ------------------------------------------------------------------------------------------------
    def make_slip(self, department: str) -> StoredSlip:
        """One slip for every case of ``department`` whose paper is at the window (the batch)."""
        waiting = [c for c in self.at_window() if c.department == department]
        with self._lock, self._db.transaction() as conn:
            taken = routed(conn, [c.case_uuid for c in waiting])  # another slip took them meanwhile
            batch = [c for c in waiting if c.case_uuid not in taken]
            if not batch:
                raise NothingToRoute(department=department)
            now = self._clock()
            prefix = slip_number(now.date(), self._window_code, 1)[:9]
            to_state = transition(Custody.AT_WINDOW, CustodyEvent.SLIP_MADE)
            slip = StoredSlip(
                str(uuid.uuid4()), slip_number(now.date(), self._window_code, next_slip_sequence(conn, prefix)),
                department, self._window_code, self.clerk_id, now.isoformat(timespec="milliseconds"),
                to_state.value, None, None,
                tuple({"case_uuid": c.case_uuid, "case_number": c.case_number, "item_names": list(c.item_names),
                       "paper": [{"material_code": p.material_code, "name": p.name, "kind": p.kind,
                                  "copies": p.copies, "pages": p.pages} for p in c.paper]} for c in batch))
            insert_slip(conn, slip)
            record_custody_event(conn, slip.slip_uuid, CustodyEvent.SLIP_MADE.value, Custody.AT_WINDOW.value,
                                 to_state.value, self.clerk_id, slip.created_at)
            enqueue(conn, SLIP_KIND, {
                "slip_uuid": slip.slip_uuid, "slip_number": slip.slip_number, "department": department,
                "window_code": self._window_code, "clerk_id": self.clerk_id, "created_at": slip.created_at,
                "cases": list(slip.lines),
            }, action_uuid=slip.slip_uuid, clerk_id=self.clerk_id)
        log.info("routing slip made: %d case(s)", len(batch))
        return slip

    def receive(self, number: str) -> Receipt:
        """The department's receipt of the slip (its barcode scanned at the window)."""
        with self._lock, self._db.transaction() as conn:
            slip = slip_by_number(conn, number)
            if slip is None:
                raise UnknownSlip(number=number)
            if slip.state == Custody.RECEIVED.value:
                return Receipt(slip, False)
            to_state = transition(Custody(slip.state), CustodyEvent.RECEIVED)
            at = self._clock().isoformat(timespec="milliseconds")
            mark_received(conn, slip.slip_uuid, at, self.clerk_id)
            record_custody_event(conn, slip.slip_uuid, CustodyEvent.RECEIVED.value, slip.state, to_state.value,
                                 self.clerk_id, at)
            enqueue(conn, RECEIPT_KIND, {"slip_uuid": slip.slip_uuid, "slip_number": slip.slip_number,
                                         "received_at": at, "recorded_by": self.clerk_id,
                                         "window_code": self._window_code},
                    action_uuid=str(uuid.uuid5(uuid.UUID(slip.slip_uuid), "received")), clerk_id=self.clerk_id)
            stored = slip_by_uuid(conn, slip.slip_uuid)
        assert stored is not None
        log.info("routing slip received by its department")
        return Receipt(stored, True)
