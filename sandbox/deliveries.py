"""The sandbox's stand-in for the carrier (寄递): the window's dispatch of a mailed result (waybill), and the
outcome the carrier reports, fed back to the workstation in the case changes.

A dispatch is keyed by the case (one mailing per case): ``INSERT ... ON CONFLICT DO NOTHING`` through
``idempotent_write``, the same body again = the first answer, another body = 409 ``conflict_different_content``;
a waybill belongs to one case (409 ``waybill_taken``; table ``dispatches`` in ``sandbox.store``). The case moves
to ``mailed``. The outcome (``deliver``: the admin route in tests, the back-office simulator in training) moves it
once to ``delivered`` or back to ``ready_for_pickup`` with the carrier's reason, reported as a ``delivered`` /
``returned`` change.
"""

import sqlite3
from typing import Any

from fastapi import FastAPI

from sandbox import API_PREFIX
from sandbox.api import ApiError, CaseId
from sandbox.api import errors as _errors
from sandbox.authz import require_own_case
from sandbox.models import Dispatch, WriteReceipt
from sandbox.routes_cases import idempotent_write
from sandbox.store import Store, now_iso

# The case status each outcome leaves on the platform, and the change it reports.
OUTCOME_STATUS = {"delivered": "delivered", "returned": "ready_for_pickup"}
RETURN_REASON = "收件人拒收（模拟）"


def deliver(conn: sqlite3.Connection, case_uuid: str, outcome: str, reason: str = "") -> bool:
    """The carrier's outcome of a mailed case, once; False when the case was not mailed or has its outcome."""
    if outcome not in OUTCOME_STATUS:
        raise ApiError(422, "unknown_outcome", "outcome is delivered or returned")
    stamp = now_iso()
    changed = conn.execute("UPDATE dispatches SET outcome = ?, outcome_at = ? WHERE case_uuid = ? AND outcome IS NULL",
                           (outcome, stamp, case_uuid)).rowcount
    if not changed:
        return False
    row = conn.execute("SELECT centre_code FROM cases WHERE case_uuid = ?", (case_uuid,)).fetchone()
    conn.execute("UPDATE cases SET status = ? WHERE case_uuid = ?", (OUTCOME_STATUS[outcome], case_uuid))
    note = (reason or RETURN_REASON) if outcome == "returned" else "已签收"
    conn.execute("INSERT INTO case_changes (case_uuid, centre_code, status, note, at) VALUES (?, ?, ?, ?, ?)",
                 (case_uuid, row["centre_code"], outcome, note[:200], stamp))
    return True


def mount_delivery_routes(app: FastAPI, store: Store, Caller: Any) -> None:  # noqa: N803 - a type alias
    @app.post(f"{API_PREFIX}/cases/{{case_uuid}}/dispatch", response_model=WriteReceipt,
              responses=_errors(403, 404, 409, 422), tags=["cases"])
    def dispatch(case_uuid: CaseId, body: Dispatch, caller: Caller) -> dict[str, Any]:
        """快递送达: the waybill of the case's mailed result (same body again = the first answer)."""
        key = case_uuid.lower()
        if body.case_uuid.lower() != key:
            raise ApiError(422, "uuid_mismatch", "case_uuid in the body differs from the path")
        with store.transaction() as conn:
            centre = require_own_case(conn, case_uuid, caller)
            taken = conn.execute("SELECT case_uuid FROM dispatches WHERE waybill = ?", (body.waybill,)).fetchone()
            if taken is not None and taken["case_uuid"] != key:
                raise ApiError(409, "waybill_taken", "another case was mailed with this waybill")
        result = idempotent_write(store, "dispatches", "case_uuid", key, body.model_dump(mode="json"),
                                  {"waybill": body.waybill})
        with store.transaction() as conn:
            changed = conn.execute("UPDATE cases SET status = 'mailed' WHERE case_uuid = ?"
                                   " AND status NOT IN ('mailed', 'delivered')", (key,)).rowcount
            if changed:
                conn.execute("INSERT INTO case_changes (case_uuid, centre_code, status, note, at)"
                             " VALUES (?, ?, 'mailed', ?, ?)", (key, centre, body.carrier, now_iso()))
        return result


def mount_delivery_admin(app: FastAPI, store: Store) -> None:
    @app.post("/__admin/cases/{case_uuid}/delivery", include_in_schema=False)
    def report_delivery(case_uuid: str, body: dict[str, Any]) -> dict[str, Any]:
        """The carrier reports: ``{"outcome": "delivered"}`` or ``{"outcome": "returned", "reason": "..."}``."""
        with store.transaction() as conn:
            if not deliver(conn, case_uuid.lower(), str(body.get("outcome")), str(body.get("reason") or "")):
                raise ApiError(409, "not_deliverable", "the case was not mailed, or its outcome was reported")
        return {"case_uuid": case_uuid.lower(), "outcome": body["outcome"]}
