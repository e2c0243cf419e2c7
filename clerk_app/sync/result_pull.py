"""The back office's result arriving with a status pull: the decision of an ``approved`` / ``denied`` change and
the e-licence issued for a licence (GB/T 36904 identifier, checked by ``clerk_app.domain.elicence``).

Recorded inside the page's transaction (``case_results``, m0084) with a ``result_received`` event, whether or not
the status move itself applies (a late ``approved`` after ``ready_for_pickup`` still brings the e-licence). An
identifier of the wrong form, or one another case already holds, is not recorded: a ``elicence_refused`` event
names the problem (the identifier itself is not personal data), and the page's other changes go on. A denial's
reasons and the licence's data items can name people or places: they are stored encrypted, bound to the case.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from typing import Any

from clerk_app.domain.case_states import EventKind
from clerk_app.domain.elicence import elicence_id_problem
from offline_cache.case_events import record_event
from offline_cache.case_results import CaseResult, elicence_holder, load_result, store_result
from offline_cache.crypto import FieldCipher

log = logging.getLogger("onewindow.sync.pull")

OUTCOMES = {"approved": "approved", "denied": "denied"}


def details_aad(case_uuid: str) -> bytes:
    return f"result:{case_uuid}".encode()


def record_result(conn: sqlite3.Connection, change: dict[str, Any], window_code: str, stamp: str,
                  cipher: FieldCipher | None) -> int:
    """Store what ``change`` says of the result; returns 1 when the case's result changed."""
    decision = change.get("decision") or {}
    licence = change.get("elicence") or {}
    outcome = OUTCOMES.get(str(change.get("status")))
    if outcome is None and licence:
        outcome = "approved"  # an e-licence reported with a later step (ready_for_pickup) belongs to an approval
    if outcome is None or not (decision or licence):
        return 0
    case_uuid = str(change["case_uuid"])
    identifier = str(licence.get("identifier") or "") or None
    if identifier is not None:
        problem = elicence_id_problem(identifier)
        holder = elicence_holder(conn, identifier) if problem is None else None
        if problem is not None or (holder is not None and holder != case_uuid):
            reason = problem.value if problem is not None else "held_by_another_case"
            log.warning("e-licence identifier refused (%s)", reason)
            record_event(conn, case_uuid, EventKind.ELICENCE_REFUSED, None, None, "platform", window_code,
                         {"problem": reason, "seq": change.get("seq")})
            identifier, licence = None, {}
    secret = {k: v for k, v in (("reasons", decision.get("reasons")), ("data", licence.get("data"))) if v}
    if secret and cipher is None:
        log.warning("no data key for the result's details: reasons and licence data not kept")
    known = load_result(conn, case_uuid)
    if known is not None and cipher is not None and secret and result_details(cipher, known) == secret:
        secret = {}  # the same details again: keep the stored ciphertext (a new nonce is not a change)
    details_enc = (cipher.encrypt(json.dumps(secret, ensure_ascii=False).encode("utf-8"), details_aad(case_uuid))
                   if secret and cipher is not None else None)
    result = CaseResult(
        case_uuid, outcome, str(decision.get("decision_number") or ""), decision.get("decided_at") or None,
        str(decision.get("deciding_body") or ""), str(decision.get("basis") or ""), details_enc, identifier,
        str(licence.get("licence_kind") or ""), str(licence.get("licence_number") or ""),
        licence.get("issued_at") or None, licence.get("valid_until") or None, stamp)
    if not store_result(conn, result):
        return 0
    record_event(conn, case_uuid, EventKind.RESULT_RECEIVED, None, None, "platform", window_code,
                 {"outcome": outcome, "decision_number": result.decision_number, "elicence_id": identifier,
                  "licence_kind": result.licence_kind, "seq": change.get("seq")})
    return 1


def result_details(cipher: FieldCipher, result: CaseResult) -> dict[str, Any]:
    """The decrypted reasons and licence data items (empty when none were sent)."""
    if result.details_enc is None:
        return {}
    return dict(json.loads(cipher.decrypt(result.details_enc, details_aad(result.case_uuid))))
