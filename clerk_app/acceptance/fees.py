"""Fees of a case: the 缴费通知书 (amount, basis, payment code and QR), the platform's payment confirmations, and
the holds: 受理前收费 holds 受理 / 容缺受理 until paid (``hold_decision``, inside the decision's commit), 办结前收费
holds 出件 until paid (``hold_handover``, inside the handover's transaction).

受理前收费 is charged on the draft: its notice is issued before the case exists (``issue_for_draft``), keyed by the
draft's ``case_uuid``, which the commit makes the case's (m0081). Only the platform confirms a payment (the status
pulls, or ``refresh`` on demand): the window never marks a notice paid by hand. FACTS §4.4: window POS flows have a
补登, but only after re-checking the paid status with the payment platform, so a window payment is also one the
platform reports; a clerk's "paid" click would let an unpaid case through, and duplicates are refunded anyway.

Issuing a notice is one transaction: the ``case_fees`` row (m0079), a ``fee_notice_issued`` event and one outbox
row ``kind = "fee_notice"`` whose action UUID is the notice's (the platform's payment order key). A case has at most
one unpaid notice: issuing again returns it (the paper's 补打). The payment comes back with the status pulls
(``clerk_app.sync.pulls.pull_payments``), which mark the notice paid with a ``fee_paid`` event.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from clerk_app.acceptance.errors import CaseNotFound
from clerk_app.acceptance.ports import CaseRules
from clerk_app.acceptance.service import local_now
from clerk_app.acceptance.session import AcceptanceSession
from clerk_app.domain.case import Decision
from clerk_app.domain.catalog import ServiceItem
from clerk_app.domain.fees import (
    FeeLine,
    FeeStage,
    effective_stage,
    fee_lines,
    payment_code,
    qr_payload,
    yuan,
)
from clerk_app.errors import ValidationError
from clerk_app.i18n import QT_TRANSLATE_NOOP
from offline_cache.cases import CaseRepository, case_status
from offline_cache.db import Database
from offline_cache.fees import FeeNotice, insert_notice, next_sequence, notices_of, unpaid_notices
from offline_cache.outbox import enqueue

log = logging.getLogger("onewindow.acceptance")

KIND = "fee_notice"


class NothingCharged(ValidationError):
    message = QT_TRANSLATE_NOOP("errors", "The items of this case charge no fees with a stated amount.")


class FeeUnpaidBeforeHandover(ValidationError):
    message = QT_TRANSLATE_NOOP(
        "errors", "Fees due before the result is collected (办结前收费) are not paid yet: {amount} yuan (payment "
        "code {code}). Hand the result over once the platform confirms the payment.")


class FeeNoticeMissing(ValidationError):
    message = QT_TRANSLATE_NOOP(
        "errors", "This item charges fees before the result is collected (办结前收费): print the payment notice "
        "(缴费通知书) first; the result can be handed over once the payment is confirmed.")


class FeeUnpaidBeforeAcceptance(ValidationError):
    message = QT_TRANSLATE_NOOP(
        "errors", "This item charges fees before acceptance (受理前收费): {amount} yuan. Print the payment notice "
        "(缴费通知书); the application can be accepted once the platform confirms the payment.")


@dataclass(frozen=True)
class DecisionHold:
    """受理前收费 of a draft: what is due, the draft's notice (None: not issued yet) and whether it is paid."""

    lines: tuple[FeeLine, ...]
    notice: FeeNotice | None

    @property
    def amount_fen(self) -> int:
        return self.notice.amount_fen if self.notice is not None else sum(line.amount_fen for line in self.lines)

    @property
    def paid(self) -> bool:
        return self.notice is not None and self.notice.paid


HOLDS_DECISIONS = (Decision.ACCEPT, Decision.ACCEPT_WITH_DEFICIENCY)  # 一次性告知 / 不予受理 charge nothing


class FeeDesk:
    def __init__(self, db: Database, cases: CaseRepository, rules: CaseRules,
                 item_of: Callable[[str], ServiceItem], *, province: str, window_code: str, clerk_id: str,
                 qr_format: str, expiry_days: int, clock: Callable[[], datetime] = local_now) -> None:
        self._db = db
        self._cases = cases
        self._rules = rules
        self._item_of = item_of
        self._province = province
        self._window_code = window_code
        self.clerk_id = clerk_id
        self.qr_format = qr_format
        self._expiry_days = expiry_days
        self._clock = clock
        self._lock = threading.Lock()

    def _items(self, case_uuid: str) -> tuple[ServiceItem, ...]:
        stored = self._cases.get(case_uuid)
        found = []
        for code in stored.case.item_codes:
            try:
                found.append(self._item_of(code))
            except Exception:  # a retired item: its fees can no longer be read from the catalog
                log.warning("item of a case not found in the catalog")
        return tuple(found)

    def due(self, case_uuid: str) -> tuple[FeeStage | None, tuple[FeeLine, ...]]:
        """What the case's items charge and the hold that applies (None: nothing with an amount is charged)."""
        items = self._items(case_uuid)
        return effective_stage(items), fee_lines(items)

    # -- 受理前收费: the draft's notice and the decision's hold -------------------------------------------------
    def decision_hold(self, session: AcceptanceSession) -> DecisionHold | None:
        """None unless the draft's items charge an amount before acceptance; else what is due and its notice."""
        if effective_stage(session.items) is not FeeStage.BEFORE_ACCEPTANCE:
            return None
        notices = notices_of(self._db.conn, session.case_uuid)
        paid = [n for n in notices if n.paid]
        chosen = paid or notices
        return DecisionHold(fee_lines(session.items), chosen[-1] if chosen else None)

    def issue_for_draft(self, session: AcceptanceSession) -> FeeNotice:
        """The draft's 受理前收费 notice (made once, with its outbox payment order; issuing again returns it). No
        event: the draft has no case yet; the case's commit records the paid notice it was accepted on."""
        if effective_stage(session.items) is not FeeStage.BEFORE_ACCEPTANCE:
            raise NothingCharged()
        lines = fee_lines(session.items)
        with self._lock, self._db.transaction() as conn:
            if case_status(conn, session.case_uuid) is not None:
                return self._issue_locked(conn, session.case_uuid, lines, FeeStage.BEFORE_ACCEPTANCE)
            existing = notices_of(conn, session.case_uuid)
            if existing:
                return existing[-1]
            notice = self._new_notice(conn, session.case_uuid, lines, FeeStage.BEFORE_ACCEPTANCE)
            self._enqueue(conn, notice, "")
        log.info("payment notice issued for a draft (before_acceptance)")
        return notice

    def hold_decision(self, conn: sqlite3.Connection, session: AcceptanceSession, decision: Decision) -> None:
        """受理前收费: refuse 受理 / 容缺受理 of the draft until its notice is paid; runs inside the commit, where the
        paid notice is also recorded as the case's ``fee_paid`` fact by the event below."""
        if decision not in HOLDS_DECISIONS or effective_stage(session.items) is not FeeStage.BEFORE_ACCEPTANCE:
            return
        if not any(n.paid for n in notices_of(conn, session.case_uuid)):
            raise FeeUnpaidBeforeAcceptance(amount=yuan(sum(line.amount_fen for line in fee_lines(session.items))))

    def record_paid_on_commit(self, conn: sqlite3.Connection, case_uuid: str) -> None:
        """After the commit wrote the case: its draft notices enter the case's history (issued, and paid if so),
        since the pull that confirmed the payment had no case to record it on."""
        for notice in notices_of(conn, case_uuid):
            self._rules.record_event(
                conn, case_uuid=case_uuid, kind="fee_notice_issued", from_status=None, to_status=None,
                clerk_id=self.clerk_id, window_code=self._window_code, details={
                    "notice_uuid": notice.notice_uuid, "stage": notice.stage, "amount_fen": notice.amount_fen,
                    "payment_code": notice.payment_code})
            if notice.paid:
                self._rules.record_event(
                    conn, case_uuid=case_uuid, kind="fee_paid", from_status=None, to_status=None,
                    clerk_id="platform", window_code=self._window_code, details={
                        "notice_uuid": notice.notice_uuid, "amount_fen": notice.amount_fen,
                        "voucher": notice.voucher, "paid_at": notice.paid_at})

    def notices(self, case_uuid: str) -> list[FeeNotice]:
        return notices_of(self._db.conn, case_uuid)

    def qr_text(self, notice: FeeNotice, case_number: str) -> str:
        return qr_payload(self.qr_format, {"code": notice.payment_code, "amount": yuan(notice.amount_fen),
                                           "case_number": case_number})

    def issue(self, case_uuid: str) -> FeeNotice:
        """The case's open payment notice, made (with its event and outbox row) if there is none yet."""
        stage, lines = self.due(case_uuid)
        if not lines:
            raise NothingCharged()
        with self._lock, self._db.transaction() as conn:
            notice = self._issue_locked(conn, case_uuid, lines, stage or FeeStage.BEFORE_CONCLUSION)
        return notice

    def _new_notice(self, conn: sqlite3.Connection, case_uuid: str, lines: tuple[FeeLine, ...],
                    stage: FeeStage) -> FeeNotice:
        now = self._clock()
        prefix = f"{self._province}{now:%y%m%d}{self._window_code}"
        notice = FeeNotice(
            str(uuid.uuid4()), case_uuid, stage.value,
            tuple({"item_name": line.item_name, "name": line.name, "standard": line.standard,
                   "basis": line.basis, "amount_fen": line.amount_fen} for line in lines),
            sum(line.amount_fen for line in lines),
            payment_code(self._province, now.date(), self._window_code, next_sequence(conn, prefix)),
            now.isoformat(timespec="milliseconds"), now.date() + timedelta(days=self._expiry_days))
        insert_notice(conn, notice)
        return notice

    def _enqueue(self, conn: sqlite3.Connection, notice: FeeNotice, case_number: str) -> None:
        """A draft's order ("" case number) goes in no case's lane: the outbox row may not name a case that does
        not exist yet, and the platform must see the order before the case, which waits for its payment."""
        enqueue(conn, KIND, {
            "notice_uuid": notice.notice_uuid, "case_uuid": notice.case_uuid, "case_number": case_number,
            "stage": notice.stage, "amount_fen": notice.amount_fen, "items": list(notice.items),
            "payment_code": notice.payment_code, "issued_at": notice.issued_at,
            "expires_on": notice.expires_on.isoformat() if notice.expires_on else None,
            "window_code": self._window_code, "clerk_id": self.clerk_id,
        }, case_uuid=notice.case_uuid if case_number else None, action_uuid=notice.notice_uuid)

    def _issue_locked(self, conn: sqlite3.Connection, case_uuid: str, lines: tuple[FeeLine, ...],
                      stage: FeeStage) -> FeeNotice:
        case = case_status(conn, case_uuid)
        if case is None:
            raise CaseNotFound()
        open_ones = unpaid_notices(conn, case_uuid)
        if open_ones:
            return open_ones[0]
        notice = self._new_notice(conn, case_uuid, lines, stage)
        self._rules.record_event(
            conn, case_uuid=case_uuid, kind="fee_notice_issued", from_status=None, to_status=None,
            clerk_id=self.clerk_id, window_code=self._window_code,
            details={"notice_uuid": notice.notice_uuid, "stage": notice.stage, "amount_fen": notice.amount_fen,
                     "payment_code": notice.payment_code})
        self._enqueue(conn, notice, case["case_number"])
        log.info("payment notice issued (%s)", notice.stage)
        return notice

    def hold_handover(self, conn: object, case_uuid: str) -> None:
        """办结前收费: refuse 出件 while a notice of the case is unpaid, or while the catalog says the item charges
        before conclusion and no paid notice exists. Runs inside the handover's transaction."""
        assert isinstance(conn, sqlite3.Connection)
        unpaid = unpaid_notices(conn, case_uuid)
        if unpaid:
            raise FeeUnpaidBeforeHandover(amount=yuan(sum(n.amount_fen for n in unpaid)), code=unpaid[0].payment_code)
        items = self._items(case_uuid)
        # A charged item without a stated 收费环节 is held here too (effective_stage: the safe default).
        if effective_stage(items) is FeeStage.BEFORE_CONCLUSION and not any(
                n.paid for n in notices_of(conn, case_uuid)):
            raise FeeNoticeMissing()
