"""快递送达 at dispatch: the waybill of a mailed result, and the 当日寄件清单 (the day's mailing list).

The choice itself (邮寄送达 with a recipient) is made at acceptance and stored with the case's commit
(``AcceptanceService``, ``offline_cache.deliveries.insert_choice``). Here, once the result is ready (approved or
denied, or waiting for pickup), the clerk scans the waybill number: one transaction writes the waybill, the move to
mailed (已寄出) with a ``dispatched`` event and one ``dispatch`` outbox row keyed by the case. Scanning the same
waybill again returns the first record; another waybill for a mailed case, or a waybill another case holds, is
refused. The carrier's outcome (delivered / returned) comes back with the status pulls (``clerk_app.sync.pulls``).
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from clerk_app.acceptance.documents import DocumentDesk
from clerk_app.acceptance.errors import CaseNotFound
from clerk_app.acceptance.ports import CaseRules
from clerk_app.acceptance.service import local_now
from clerk_app.domain.case import CaseStatus
from clerk_app.domain.case_states import status_label
from clerk_app.domain.delivery import Recipient, Waybill, parse_rules, read_waybill
from clerk_app.errors import ValidationError
from clerk_app.i18n import QT_TRANSLATE_NOOP
from clerk_app.print_service import PrintOutcome
from offline_cache import audit_log
from offline_cache.cases import CaseRepository, case_status, set_case_status
from offline_cache.crypto import FieldCipher
from offline_cache.db import Database
from offline_cache.deliveries import (
    DeliveryRecord,
    delivery_of,
    mailed_on,
    outcomes_of,
    record_dispatch,
    waybill_owner,
)
from offline_cache.outbox import enqueue
from printing.model import DocumentContext, DocumentKind, MailingRow

log = logging.getLogger("onewindow.acceptance")

KIND = "dispatch"
# From where a result may be mailed: decided by the back office, or already waiting at the window.
DISPATCHABLE = frozenset({CaseStatus.APPROVED, CaseStatus.DENIED, CaseStatus.READY_FOR_PICKUP})


class NotMailDelivery(ValidationError):
    message = QT_TRANSLATE_NOOP("errors", "The applicant of this case chose to collect the result at the window, "
                                "not to have it mailed.")


class AlreadyMailed(ValidationError):
    message = QT_TRANSLATE_NOOP("errors", "This result was already mailed with waybill {waybill}.")


class DeliveryReturned(ValidationError):
    message = QT_TRANSLATE_NOOP("errors", "The carrier returned this result ({reason}): it is collected at the "
                                "window now.")


class WaybillTaken(ValidationError):
    message = QT_TRANSLATE_NOOP("errors", "Waybill {waybill} is already recorded for case {case_number}.")


class NothingMailed(ValidationError):
    message = QT_TRANSLATE_NOOP("errors", "No result was mailed from this workstation on {day}: there is no mailing "
                                "list to print.")


class NotReadyToMail(ValidationError):
    message = QT_TRANSLATE_NOOP("errors", "The result of this case is not ready to be mailed yet ({status}).")


@dataclass(frozen=True)
class Dispatch:
    case_uuid: str
    waybill: Waybill
    dispatch_uuid: str
    mailed_at: str
    created: bool


@dataclass(frozen=True)
class MailingEntry:
    """One line of the 当日寄件清单: the case and where its result goes (the recipient masked)."""

    case_uuid: str
    case_number: str
    item_names: tuple[str, ...]
    recipient_masked: str
    address: str
    postcode: str
    carrier: str
    waybill: str
    mailed_at: str


class DeliveryDesk:
    def __init__(self, db: Database, cipher: FieldCipher, cases: CaseRepository, rules: CaseRules,
                 documents: DocumentDesk, waybill_rules: Sequence[str], *, window_code: str, clerk_id: str,
                 clock: Callable[[], datetime] = local_now) -> None:
        self._db = db
        self._documents = documents
        self._cipher = cipher
        self._cases = cases
        self._rules = rules
        self.waybill_rules = tuple(waybill_rules)  # CARRIER=REGEX texts (delivery.waybill_rules)
        self._window_code = window_code
        self.clerk_id = clerk_id
        self._clock = clock
        self._lock = threading.Lock()

    def delivery(self, case_uuid: str) -> DeliveryRecord | None:
        """The case's 邮寄送达 record (recipient decrypted for the dispatch dialog), or None for 窗口自取."""
        with self._db.transaction() as conn:
            return delivery_of(conn, self._cipher, case_uuid)

    def reveal(self, case_uuid: str) -> Recipient:
        """The recipient in full for the waybill label (the dialog shows it masked until asked): audited as
        ``recipient_revealed`` with the case number, never the data."""
        with self._db.transaction() as conn:
            record = delivery_of(conn, self._cipher, case_uuid)
            row = case_status(conn, case_uuid)
            if record is None or row is None:
                raise NotMailDelivery()
            audit_log.record(conn, "recipient_revealed", self.clerk_id, {"case_number": row["case_number"]})
        return record.recipient

    def returned_of(self, case_uuids: list[str]) -> dict[str, str]:
        """Of these cases, the ones whose mailed result the carrier returned, with its reason (the case list's
        flag)."""
        with self._db.transaction() as conn:
            found = outcomes_of(conn, case_uuids)
        return {key: reason or "" for key, (_waybill, outcome, reason) in found.items() if outcome == "returned"}

    def read(self, text: str) -> Waybill:
        """A scanned or typed waybill checked against the centre's carrier rules (``WaybillInvalid``)."""
        # Parsed at each read: a broken rule in the configuration is named when the clerk scans, not at start-up.
        return read_waybill(text, parse_rules(self.waybill_rules))

    def dispatch(self, case_uuid: str, text: str) -> Dispatch:
        """Record the waybill of a mailed result: mailed (已寄出), its event, one ``dispatch`` outbox row."""
        waybill = self.read(text)
        with self._lock, self._db.transaction() as conn:
            row = case_status(conn, case_uuid)
            if row is None:
                raise CaseNotFound()
            record = delivery_of(conn, self._cipher, case_uuid)
            if record is None:
                raise NotMailDelivery()
            if record.outcome == "returned":
                raise DeliveryReturned(reason=record.return_reason or "—")
            if record.mailed:
                if record.waybill == waybill.number:  # the same scan again: the first record
                    return Dispatch(case_uuid, Waybill(record.carrier or waybill.carrier, waybill.number),
                                    str(record.dispatch_uuid), str(record.mailed_at), created=False)
                raise AlreadyMailed(waybill=record.waybill)
            owner = waybill_owner(conn, waybill.number)
            if owner is not None:
                held = case_status(conn, owner)  # the number only: nothing of that case's applicant is decrypted
                raise WaybillTaken(waybill=waybill.number, case_number=held["case_number"] if held else "")
            status = CaseStatus(row["status"])
            if status not in DISPATCHABLE:
                raise NotReadyToMail(status=status_label(status))
            now = self._clock()
            action = str(uuid.uuid4())
            mailed_at = now.isoformat(timespec="seconds")
            record_dispatch(conn, case_uuid, waybill.carrier, waybill.number, action, mailed_at,
                            now.date().isoformat())
            self._rules.record_event(
                conn, case_uuid=case_uuid, kind="dispatched", from_status=status.value,
                to_status=CaseStatus.MAILED.value, clerk_id=self.clerk_id, window_code=self._window_code,
                details={"dispatch_uuid": action, "carrier": waybill.carrier, "waybill": waybill.number,
                         "mailed_at": mailed_at})
            set_case_status(conn, case_uuid, CaseStatus.MAILED.value)
            enqueue(conn, KIND, {"dispatch_uuid": action, "case_uuid": case_uuid, "case_number": row["case_number"],
                                 "carrier": waybill.carrier, "waybill": waybill.number, "mailed_at": mailed_at,
                                 "clerk_id": self.clerk_id, "window_code": self._window_code},
                    case_uuid=case_uuid, action_uuid=action, clerk_id=self.clerk_id)
        log.info("result mailed (%s)", waybill.carrier)
        return Dispatch(case_uuid, waybill, action, mailed_at, created=True)

    def mailing_list(self, day: date | None = None) -> list[MailingEntry]:
        """The results mailed on ``day`` (today by default), in dispatch order."""
        day = day or self._clock().date()
        with self._db.transaction() as conn:
            records = mailed_on(conn, self._cipher, day.isoformat())
        entries = []
        for record in records:
            stored = self._cases.get(record.case_uuid)
            entries.append(MailingEntry(
                record.case_uuid, stored.case.case_number, stored.item_names, record.recipient.masked,
                record.recipient.address, record.recipient.postcode, record.carrier or "", record.waybill or "",
                record.mailed_at or ""))
        return entries

    # -- 当日寄件清单 ------------------------------------------------------------------------------------------
    def list_number(self, day: date) -> str:
        """The list's own number (its Code128 on the page): 寄件清单 of this window and day."""
        return f"YJ{self._window_code}{day:%Y%m%d}"

    def mailing_list_context(self, day: date | None = None, entries: list[MailingEntry] | None = None
                             ) -> DocumentContext:
        day = day or self._clock().date()
        entries = self.mailing_list(day) if entries is None else entries
        if not entries:
            raise NothingMailed(day=day.isoformat())
        head = self._documents.letterhead
        number = self.list_number(day)
        rows = tuple(MailingRow(e.case_number, e.item_names, e.recipient_masked, e.address, e.postcode, e.carrier,
                                e.waybill) for e in entries)
        now = self._clock()
        return DocumentContext(
            kind=DocumentKind.MAILING_LIST, case_number=number, verification_code=self._rules.verification_code(number),
            centre_name=head.centre_name, window_name=head.window_name, clerk_name=head.clerk_name,
            applicant_name="", applicant_id_label="", applicant_id_display="",
            item_names=tuple(dict.fromkeys(n for e in entries for n in e.item_names)),
            accepted_at=datetime.combine(day, now.timetz()) if day != now.date() else now,
            query_hint=head.query_hint, training=head.centre.training, mailing_rows=rows,
            # The same list printed again is a 补打; a list that grew since (more results mailed) is a new paper.
            extra={"document_tag": f"{number}:{len(rows)}"})

    def preview_mailing_list(self, day: date | None = None) -> bytes:
        return self._documents.printer.preview(self.mailing_list_context(day))

    def print_mailing_list(self, day: date | None = None) -> PrintOutcome:
        """Print the day's list through the print service; archived with every case on it (each file shows the
        courier's list it left with)."""
        entries = self.mailing_list(day)  # each recipient decrypted once for the list and its cases
        ctx = self.mailing_list_context(day, entries)
        cases = [e.case_uuid for e in entries]
        return self._documents.printer.print_for_cases(cases, ctx, self._documents.clerk_id)[0]
