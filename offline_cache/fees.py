"""Payment notices of cases (``case_fees``, m0079): written with the notice's event and outbox row, marked paid by
the payment pull. Every function runs inside the caller's transaction."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class FeeNotice:
    notice_uuid: str
    case_uuid: str
    stage: str
    items: tuple[dict[str, Any], ...]
    amount_fen: int
    payment_code: str
    issued_at: str
    expires_on: date | None
    paid_at: str | None = None
    voucher: str | None = None

    @property
    def paid(self) -> bool:
        return self.paid_at is not None


def _notice(row: sqlite3.Row) -> FeeNotice:
    return FeeNotice(row["notice_uuid"], row["case_uuid"], row["stage"], tuple(json.loads(row["items"])),
                     int(row["amount_fen"]), row["payment_code"], row["issued_at"],
                     date.fromisoformat(row["expires_on"]) if row["expires_on"] else None, row["paid_at"],
                     row["voucher"])


def insert_notice(conn: sqlite3.Connection, notice: FeeNotice) -> None:
    conn.execute(
        "INSERT INTO case_fees (notice_uuid, case_uuid, stage, items, amount_fen, payment_code, issued_at,"
        " expires_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (notice.notice_uuid, notice.case_uuid, notice.stage, json.dumps(list(notice.items), ensure_ascii=False),
         notice.amount_fen, notice.payment_code, notice.issued_at,
         notice.expires_on.isoformat() if notice.expires_on else None))


def next_sequence(conn: sqlite3.Connection, code_prefix: str) -> int:
    """Next daily sequence for payment codes starting with ``code_prefix`` (province + day + window)."""
    row = conn.execute("SELECT count(*) FROM case_fees WHERE substr(payment_code, 1, 10) = ?",
                       (code_prefix,)).fetchone()
    return int(row[0]) + 1


def notices_of(conn: sqlite3.Connection, case_uuid: str) -> list[FeeNotice]:
    rows = conn.execute("SELECT * FROM case_fees WHERE case_uuid = ? ORDER BY issued_at, rowid", (case_uuid,))
    return [_notice(r) for r in rows]


def unpaid_notices(conn: sqlite3.Connection, case_uuid: str, stage: str | None = None) -> list[FeeNotice]:
    sql = "SELECT * FROM case_fees INDEXED BY case_fees_unpaid WHERE case_uuid = ? AND paid_at IS NULL"
    params: tuple[Any, ...] = (case_uuid,)
    if stage is not None:
        sql, params = sql + " AND stage = ?", (*params, stage)
    return [_notice(r) for r in conn.execute(sql + " ORDER BY issued_at", params)]


def mark_paid(conn: sqlite3.Connection, notice_uuid: str, paid_at: str, voucher: str) -> FeeNotice | None:
    """The payment reported by the platform; None when the notice is unknown here or was marked paid before."""
    changed = conn.execute("UPDATE case_fees SET paid_at = ?, voucher = ? WHERE notice_uuid = ? AND paid_at IS NULL",
                           (paid_at, voucher, notice_uuid)).rowcount
    if not changed:
        return None
    row = conn.execute("SELECT * FROM case_fees WHERE notice_uuid = ?", (notice_uuid,)).fetchone()
    return _notice(row)
