"""邮寄送达 records of cases (``case_deliveries``, m0086): the recipient encrypted, the waybill, the outcome.

Every writer runs inside the caller's transaction (the choice with the case's commit, the dispatch with its event
and outbox row, the outcome with the status pull). The recipient is decrypted here only for the caller that needs
it (the mailing list, the dispatch dialog, the platform's copy); it is never logged.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from clerk_app.domain.delivery import MAIL, Recipient
from offline_cache.crypto import FieldCipher


@dataclass(frozen=True)
class DeliveryRecord:
    case_uuid: str
    method: str
    recipient: Recipient
    chosen_at: str
    carrier: str | None = None
    waybill: str | None = None
    dispatch_uuid: str | None = None
    mailed_at: str | None = None
    outcome: str | None = None  # delivered / returned
    outcome_at: str | None = None
    return_reason: str | None = None

    @property
    def mailed(self) -> bool:
        return self.waybill is not None


def _bound(case_uuid: str) -> bytes:
    return f"delivery:{case_uuid}".encode()


PURGED = Recipient("", "", "", "")  # the recipient of a case whose personal data the retention purge removed


def _record(row: sqlite3.Row, cipher: FieldCipher) -> DeliveryRecord:
    blob = row["recipient_enc"]
    recipient = Recipient.from_dict(json.loads(cipher.decrypt(blob, _bound(row["case_uuid"])))) if blob else PURGED
    return DeliveryRecord(row["case_uuid"], row["method"], recipient, row["chosen_at"],
                          row["carrier"], row["waybill"], row["dispatch_uuid"], row["mailed_at"], row["outcome"],
                          row["outcome_at"], row["return_reason"])


def insert_choice(conn: sqlite3.Connection, cipher: FieldCipher, case_uuid: str, recipient: Recipient,
                  chosen_at: str) -> None:
    blob = cipher.encrypt(json.dumps(recipient.as_dict(), ensure_ascii=False, sort_keys=True).encode("utf-8"),
                          _bound(case_uuid))
    conn.execute("INSERT INTO case_deliveries (case_uuid, method, recipient_enc, chosen_at) VALUES (?, ?, ?, ?)",
                 (case_uuid, MAIL, blob, chosen_at))


def delivery_of(conn: sqlite3.Connection, cipher: FieldCipher, case_uuid: str) -> DeliveryRecord | None:
    row = conn.execute("SELECT * FROM case_deliveries WHERE case_uuid = ?", (case_uuid,)).fetchone()
    return _record(row, cipher) if row is not None else None


def waybill_owner(conn: sqlite3.Connection, waybill: str) -> str | None:
    row = conn.execute("SELECT case_uuid FROM case_deliveries WHERE waybill = ?", (waybill,)).fetchone()
    return str(row[0]) if row is not None else None


def record_dispatch(conn: sqlite3.Connection, case_uuid: str, carrier: str, waybill: str, dispatch_uuid: str,
                    mailed_at: str, mailed_day: str) -> bool:
    """The waybill of a case not mailed before; False when it was (the caller re-reads the record)."""
    return bool(conn.execute(
        "UPDATE case_deliveries SET carrier = ?, waybill = ?, dispatch_uuid = ?, mailed_at = ?, mailed_day = ?"
        " WHERE case_uuid = ? AND waybill IS NULL", (carrier, waybill, dispatch_uuid, mailed_at, mailed_day,
                                                     case_uuid)).rowcount)


def mailed_on(conn: sqlite3.Connection, cipher: FieldCipher, day: str) -> list[DeliveryRecord]:
    """The cases mailed on a device-local day, in the order they were dispatched (the 当日寄件清单)."""
    rows = conn.execute("SELECT * FROM case_deliveries INDEXED BY case_deliveries_day WHERE mailed_day = ?"
                        " ORDER BY mailed_at, rowid", (day,))
    return [_record(r, cipher) for r in rows]


def record_outcome(conn: sqlite3.Connection, case_uuid: str, outcome: str, at: str, reason: str) -> bool:
    """The carrier's outcome of a mailed case, once; False when unknown, not mailed, or reported before."""
    return bool(conn.execute(
        "UPDATE case_deliveries SET outcome = ?, outcome_at = ?, return_reason = ?"
        " WHERE case_uuid = ? AND waybill IS NOT NULL AND outcome IS NULL",
        (outcome, at, reason if outcome == "returned" else None, case_uuid)).rowcount)


def outcomes_of(conn: sqlite3.Connection, case_uuids: list[str]) -> dict[str, tuple[str, str | None, str | None]]:
    """Per case with a delivery record: (waybill or "", outcome, return reason), for the case list's column."""
    if not case_uuids:
        return {}
    marks = ",".join("?" * len(case_uuids))
    rows = conn.execute(f"SELECT case_uuid, waybill, outcome, return_reason FROM case_deliveries"
                        f" WHERE case_uuid IN ({marks})", case_uuids)
    return {r["case_uuid"]: (r["waybill"] or "", r["outcome"], r["return_reason"]) for r in rows}
