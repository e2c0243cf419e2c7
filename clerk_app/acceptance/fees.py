"""Fees of a case: the 缴费通知书 (amount, basis, payment code and QR), the platform's payment confirmations, and
the holds: 办结前收费 holds 出件 until paid (``hold_handover``, inside the handover's transaction).

Issuing a notice is one transaction: the ``case_fees`` row (m0079), a ``fee_notice_issued`` event and one outbox
row ``kind = "fee_notice"`` whose action UUID is the notice's (the platform's payment order key). A case has at most
one unpaid notice: issuing again returns it (the paper's 补打). The payment comes back with the status pulls
(``clerk_app.sync.pulls.pull_payments``), which mark the notice paid with a ``fee_paid`` event.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from clerk_app.acceptance.errors import CaseNotFound
from clerk_app.acceptance.ports import CaseRules
from clerk_app.acceptance.service import local_now
from clerk_app.domain.catalog import ServiceItem
from clerk_app.domain.fees import FeeLine, FeeStage, fee_lines, payment_code, qr_payload, stage_of, yuan
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
        """What the case's items charge and at which stage (None: the catalog does not say)."""
        items = self._items(case_uuid)
        return stage_of(items), fee_lines(items)

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
            case = case_status(conn, case_uuid)
            if case is None:
                raise CaseNotFound()
            open_ones = unpaid_notices(conn, case_uuid)
            if open_ones:
                return open_ones[0]
            now = self._clock()
            prefix = f"{self._province}{now:%y%m%d}{self._window_code}"
            notice = FeeNotice(
                str(uuid.uuid4()), case_uuid, (stage or FeeStage.BEFORE_CONCLUSION).value,
                tuple({"item_name": line.item_name, "name": line.name, "standard": line.standard,
                       "basis": line.basis, "amount_fen": line.amount_fen} for line in lines),
                sum(line.amount_fen for line in lines),
                payment_code(self._province, now.date(), self._window_code, next_sequence(conn, prefix)),
                now.isoformat(timespec="milliseconds"), now.date() + timedelta(days=self._expiry_days))
            insert_notice(conn, notice)
            self._rules.record_event(
                conn, case_uuid=case_uuid, kind="fee_notice_issued", from_status=None, to_status=None,
                clerk_id=self.clerk_id, window_code=self._window_code,
                details={"notice_uuid": notice.notice_uuid, "stage": notice.stage, "amount_fen": notice.amount_fen,
                         "payment_code": notice.payment_code})
            enqueue(conn, KIND, {
                "notice_uuid": notice.notice_uuid, "case_uuid": case_uuid, "case_number": case["case_number"],
                "stage": notice.stage, "amount_fen": notice.amount_fen, "items": list(notice.items),
                "payment_code": notice.payment_code, "issued_at": notice.issued_at,
                "expires_on": notice.expires_on.isoformat() if notice.expires_on else None,
                "window_code": self._window_code, "clerk_id": self.clerk_id,
            }, case_uuid=case_uuid, action_uuid=notice.notice_uuid)
        log.info("payment notice issued (%s)", notice.stage)
        return notice

    def hold_handover(self, conn: object, case_uuid: str) -> None:
        """办结前收费: refuse 出件 while a notice of the case is unpaid, or while the catalog says the item charges
        before conclusion and no paid notice exists. Runs inside the handover's transaction."""
        import sqlite3

        assert isinstance(conn, sqlite3.Connection)
        unpaid = unpaid_notices(conn, case_uuid)
        if unpaid:
            raise FeeUnpaidBeforeHandover(amount=yuan(sum(n.amount_fen for n in unpaid)), code=unpaid[0].payment_code)
        items = self._items(case_uuid)
        if stage_of(items) is FeeStage.BEFORE_CONCLUSION and fee_lines(items) and not any(
                n.paid for n in notices_of(conn, case_uuid)):
            raise FeeNoticeMissing()
