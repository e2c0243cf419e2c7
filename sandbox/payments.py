"""The sandbox's stand-in for the 非税 payment platform: payment orders from the workstation's 缴费通知书, the
citizen's (simulated) payment, and the confirmations the workstation pulls.

An order is keyed by the notice's UUID (the workstation's outbox action): ``INSERT ... ON CONFLICT DO NOTHING``, then
the stored body hash decides between "the same again" and 409 ``conflict_different_content``; a payment code
belongs to one order (409 ``payment_code_taken``). A payment is recorded once (``UPDATE ... WHERE paid_at IS NULL``)
and appended to ``payment_changes``, which the workstation pulls with a cursor.
"""

import json
import secrets
import sqlite3
from typing import Annotated, Any

from fastapi import FastAPI, Query

from sandbox import API_PREFIX
from sandbox.api import ApiError, CaseId
from sandbox.api import errors as _errors
from sandbox.authz import wrong_centre
from sandbox.models import FeeNotice, PaymentChanges, WriteReceipt
from sandbox.store import Store, body_digest, now_iso


def pay(conn: sqlite3.Connection, payment_code: str) -> dict[str, Any] | None:
    """The citizen pays: once per order; returns the confirmation, or None when unknown or paid before."""
    stamp = now_iso()
    voucher = f"PZ{secrets.token_hex(8).upper()}"
    changed = conn.execute("UPDATE payments SET paid_at = ?, voucher = ? WHERE payment_code = ? AND paid_at IS NULL",
                           (stamp, voucher, payment_code)).rowcount
    if not changed:
        return None
    row = conn.execute("SELECT notice_uuid FROM payments WHERE payment_code = ?", (payment_code,)).fetchone()
    seq = conn.execute("INSERT INTO payment_changes (notice_uuid, payment_code, status, paid_at, voucher)"
                       " VALUES (?, ?, 'paid', ?, ?)", (row["notice_uuid"], payment_code, stamp, voucher)).lastrowid
    return {"seq": seq, "notice_uuid": row["notice_uuid"], "payment_code": payment_code, "status": "paid",
            "paid_at": stamp, "voucher": voucher}


def mount_payment_routes(app: FastAPI, store: Store, Caller: Any) -> None:  # noqa: N803 - a type alias
    """Orders and their payments are the token's centre's (sandbox/authz.py): an order for another centre's case
    is 403, the payments feed lists the token's centre's orders only."""

    @app.post(f"{API_PREFIX}/payments/{{notice_uuid}}", response_model=WriteReceipt,
              responses=_errors(403, 409, 422), tags=["payments"])
    def fee_notice(notice_uuid: CaseId, body: FeeNotice, caller: Caller) -> dict[str, Any]:
        """A payment order for a 缴费通知书, keyed by the notice's UUID (same body again = the first answer)."""
        key = notice_uuid.lower()
        if body.notice_uuid.lower() != key:
            raise ApiError(422, "uuid_mismatch", "the notice UUID in the body differs from the path")
        data = body.model_dump(mode="json")
        digest = body_digest(data)
        with store.transaction() as conn:
            case = conn.execute("SELECT centre_code FROM cases WHERE case_uuid = ?",
                                (body.case_uuid.lower(),)).fetchone()
            if case is not None and case["centre_code"] != caller.centre_code:
                raise wrong_centre()
            taken = conn.execute("SELECT notice_uuid FROM payments WHERE payment_code = ?",
                                 (body.payment_code,)).fetchone()
            if taken is not None and taken["notice_uuid"] != key:
                raise ApiError(409, "payment_code_taken", "another order holds this payment code")
            # 受理前收费: the order comes before its case (a draft's); the caller's centre owns it until then.
            conn.execute("INSERT INTO payments (notice_uuid, case_uuid, payment_code, amount_fen, body_sha256, body,"
                         " received_at, centre_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                         " ON CONFLICT (notice_uuid) DO NOTHING",
                         (key, body.case_uuid.lower(), body.payment_code, body.amount_fen, digest,
                          json.dumps(data, ensure_ascii=False), now_iso(), caller.centre_code))
            row = conn.execute("SELECT body_sha256, received_at FROM payments WHERE notice_uuid = ?",
                               (key,)).fetchone()
        if row["body_sha256"] != digest:
            raise ApiError(409, "conflict_different_content", "this order was received with different content",
                           stored_sha256=row["body_sha256"], sent_sha256=digest)
        return {"id": key, "received_at": row["received_at"], "body_sha256": digest}

    @app.get(f"{API_PREFIX}/payments/changes", response_model=PaymentChanges, responses=_errors(), tags=["pull"])
    def payment_changes(caller: Caller,
                        cursor: Annotated[str, Query(max_length=18, pattern=r"^[0-9]{0,18}$")] = "",
                        limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> dict[str, Any]:
        after = int(cursor or 0)
        rows = store.query(
            "SELECT pc.seq, pc.notice_uuid, pc.payment_code, pc.status, pc.paid_at, pc.voucher FROM payment_changes pc"
            " JOIN payments p ON p.notice_uuid = pc.notice_uuid LEFT JOIN cases c ON c.case_uuid = p.case_uuid"
            " WHERE pc.seq > ? AND coalesce(c.centre_code, p.centre_code) = ? ORDER BY pc.seq LIMIT ?",
            (after, caller.centre_code, limit + 1))
        page = [dict(r) for r in rows[:limit]]
        return {"changes": page, "cursor": str(page[-1]["seq"] if page else after), "has_more": len(rows) > limit}
