"""The sandbox's back office receiving paper (按责转办): the window's 材料流转单 and the department's receipt.

A slip is keyed by its UUID (the workstation's outbox action) and written through ``idempotent_write``: the same body
again = the first answer, another body = 409 ``conflict_different_content``. Every case on it must be the caller's
centre's (403 ``wrong_centre``); a case the platform has not received yet is 409 ``case_not_received_yet`` (the
case travels in its own outbox lane and may arrive after the slip: the workstation retries); a case on another
slip is 409 ``case_already_routed``. The receipt (``/receipt``) needs its slip first (409 ``slip_not_received_yet``)
and is the slip's centre's; it is recorded once, idempotent like the slip.
"""

from typing import Any

from fastapi import FastAPI

from sandbox import API_PREFIX
from sandbox.api import ApiError, CaseId
from sandbox.api import errors as _errors
from sandbox.authz import wrong_centre
from sandbox.models import RoutingReceipt, RoutingSlip, WriteReceipt
from sandbox.routes_cases import idempotent_write
from sandbox.store import Store


def mount_routing_routes(app: FastAPI, store: Store, Caller: Any) -> None:  # noqa: N803 - a type alias
    @app.post(f"{API_PREFIX}/routing/slips/{{slip_uuid}}", response_model=WriteReceipt,
              responses=_errors(403, 409, 422), tags=["routing"])
    def routing_slip(slip_uuid: CaseId, body: RoutingSlip, caller: Caller) -> dict[str, Any]:
        """A 材料流转单: the cases whose paper goes to one department in one batch."""
        key = slip_uuid.lower()
        if body.slip_uuid.lower() != key:
            raise ApiError(422, "uuid_mismatch", "the slip UUID in the body differs from the path")
        cases = [c.case_uuid.lower() for c in body.cases]
        with store.transaction() as conn:
            for case_uuid in cases:
                row = conn.execute("SELECT centre_code FROM cases WHERE case_uuid = ?", (case_uuid,)).fetchone()
                if row is None:
                    raise ApiError(409, "case_not_received_yet", "a case on the slip has not been received yet")
                if row[0] != caller.centre_code:
                    raise wrong_centre()
                other = conn.execute("SELECT slip_uuid FROM routing_slip_cases WHERE case_uuid = ?",
                                     (case_uuid,)).fetchone()
                if other is not None and other[0] != key:
                    raise ApiError(409, "case_already_routed", "a case on the slip is on another slip")
        result = idempotent_write(store, "routing_slips", "slip_uuid", key, body.model_dump(mode="json"),
                                  {"centre_code": caller.centre_code, "department": body.department})
        with store.transaction() as conn:
            conn.executemany("INSERT INTO routing_slip_cases (case_uuid, slip_uuid) VALUES (?, ?)"
                             " ON CONFLICT (case_uuid) DO NOTHING", [(c, key) for c in cases])
        return result

    @app.post(f"{API_PREFIX}/routing/slips/{{slip_uuid}}/receipt", response_model=WriteReceipt,
              responses=_errors(403, 409, 422), tags=["routing"])
    def routing_receipt(slip_uuid: CaseId, body: RoutingReceipt, caller: Caller) -> dict[str, Any]:
        """The department's receipt of a slip (its barcode scanned at the window)."""
        key = slip_uuid.lower()
        if body.slip_uuid.lower() != key:
            raise ApiError(422, "uuid_mismatch", "the slip UUID in the body differs from the path")
        with store.transaction() as conn:
            row = conn.execute("SELECT centre_code FROM routing_slips WHERE slip_uuid = ?", (key,)).fetchone()
        if row is None:
            raise ApiError(409, "slip_not_received_yet", "send the slip first")
        if row[0] != caller.centre_code:
            raise wrong_centre()
        return idempotent_write(store, "routing_receipts", "slip_uuid", key, body.model_dump(mode="json"), {})
