"""Pulls from the platform: case status changes, catalog changes, the working-day calendar.

Each stream's cursor is stored in the same transaction as the data that came with it, so a crash between the two
cannot skip data; a repeated page is harmless (status changes compare, the catalog importer compares versions).
The pulls are independent: one failing never blocks the others or the uploads (MOSIP ARC PR #1104).
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime
from typing import Any

from clerk_app.domain.bundle_state import derive
from clerk_app.domain.case import CaseStatus
from clerk_app.domain.case_states import EventKind, can_transition
from clerk_app.sync.adapter import PlatformAdapter
from clerk_app.sync.answers import check_calendar, check_case_changes, check_payment_changes
from clerk_app.sync.result_pull import record_result
from offline_cache.case_events import last_platform_seq, record_event, record_platform_status
from offline_cache.cases import case_status, set_case_status
from offline_cache.corrections import store_request
from offline_cache.crypto import FieldCipher
from offline_cache.db import Database
from offline_cache.deliveries import record_outcome
from offline_cache.fees import mark_paid
from offline_cache.outbox import now_iso
from offline_cache.sub_cases import record_sub_change, sub_case_statuses
from offline_cache.sync_store import SyncStore, store_cursor

log = logging.getLogger("onewindow.sync.pull")

# Platform status -> local CaseStatus value (clerk_app.domain.case.CaseStatus).
STATUS_MAP = {
    "received": "submitted", "in_review": "in_review", "approved": "approved", "denied": "denied",
    "supplement_required": "correction_requested", "ready_for_pickup": "ready_for_pickup",
    "handed_over": "handed_over", "mailed": "mailed", "concluded": "concluded", "voided": "voided",
    # 快递送达: the carrier's outcome of a mailed result; delivered (已签收) ends the case, returned (退回) puts the
    # result back to window pickup with the carrier's reason (the change's note).
    "delivered": "concluded", "returned": "ready_for_pickup",
}
DELIVERY_OUTCOMES = {"delivered": EventKind.DELIVERED, "returned": EventKind.DELIVERY_RETURNED}
MAX_PAGES = 50
# 并联: a bundle case's own review states come from its sub-cases only (clerk_app/domain/bundle_state.py).
_DERIVED = frozenset({"submitted", "in_review", "correction_requested", "approved", "denied"})


def pull_case_changes(db: Database, adapter: PlatformAdapter, store: SyncStore,
                      cipher: FieldCipher | None = None) -> int:
    """Status changes, with the 补正 requests and the results (decision, e-licence) they carry; ``cipher`` keeps a
    result's personal details (a denial's reasons, the licence's data items) encrypted."""
    applied = 0
    cursor = store.cursor("case_changes") or ""
    for _page in range(MAX_PAGES):
        data = check_case_changes(adapter.case_changes(cursor))
        changes = data["changes"]
        with db.transaction() as conn:
            for change in changes:
                applied += _apply_change(conn, change, cipher)
            cursor = data["cursor"]
            store_cursor(conn, "case_changes", cursor)
        if not data.get("has_more"):
            break
    return applied


def _apply_change(conn: Any, change: dict[str, Any], cipher: FieldCipher | None = None) -> int:
    local = STATUS_MAP.get(str(change.get("status")))
    if local is None:
        log.warning("unknown platform status %r ignored", change.get("status"))
        return 0
    row = case_status(conn, str(change.get("case_uuid")))
    if row is None:
        return 0
    # The result (decision, e-licence) is kept even when the move itself is late or repeated.
    recorded = record_result(conn, change, row["window_code"], now_iso(), cipher)
    stamp = now_iso()
    details: dict[str, Any] = {"seq": change.get("seq"), "note": change.get("note", ""), "at": change.get("at")}
    if change.get("decided_by"):  # 跨域通办: the other area's body that decides
        details["decided_by"] = change["decided_by"]
    sub = change.get("sub_case")
    if isinstance(sub, dict):  # 并联: one department's sub-case; the case's status is derived from them all
        asked = change.get("correction") if isinstance(change.get("correction"), dict) else None
        if not record_sub_change(conn, change["case_uuid"], sub, local, int(change["seq"]),
                                 str(change.get("note", "")), stamp, asked["request_id"] if asked else None):
            return recorded  # a replayed report: applied once already
        known = [CaseStatus(s) for s in sub_case_statuses(conn, change["case_uuid"])]
        # Sub-cases not reported yet count as just submitted: one department's decision is never the bundle's.
        unseen = max(int(sub.get("count", 0) or 0) - len(known), 0)
        derived = derive(known + [CaseStatus.SUBMITTED] * unseen)
        assert derived is not None  # the row just written
        if local == CaseStatus.CORRECTION_REQUESTED.value and asked:
            store_request(conn, change["case_uuid"], asked, stamp)  # each department's request
        details.update(sub_case=sub["number"], bundle_state=derived.state.value)
        local = derived.status.value
        if row["status"] == local or not can_transition(CaseStatus(row["status"]), CaseStatus(local)):
            return 1
    elif _replayed(conn, change):
        log.info("a platform report older than one already applied to its case ignored")
        return recorded
    elif row["status"] == local or (local in _DERIVED and sub_case_statuses(conn, change["case_uuid"])):
        return recorded  # a bundle's review states are its sub-cases' (a replayed case-level "received" included)
    elif not can_transition(CaseStatus(row["status"]), CaseStatus(local)):
        # Reports can arrive late or out of order; the window's own record of where the case is wins
        # over a move the state machine does not allow (e.g. in review -> received).
        log.info("platform status %s ignored for a case in %s", local, row["status"])
        return recorded
    request = change.get("correction")
    # 补正: what the reviewer asks for and by when, kept with the status change that stops the clock. A request
    # seen before (a replayed page, after its 补正 was received) must not stop the clock again.
    if (local == CaseStatus.CORRECTION_REQUESTED.value and isinstance(request, dict) and not sub
            and not store_request(conn, change["case_uuid"], request, stamp)):
        log.info("a 补正 request already received was reported again; ignored")
        return recorded
    if local == CaseStatus.CORRECTION_REQUESTED.value and isinstance(request, dict):
        details["correction"] = {"request_id": request["request_id"], "due_by": request.get("due_by"),
                                 "materials": [str(i["material_code"]) for i in request["items"]]}
    outcome = str(change.get("status"))
    if outcome in DELIVERY_OUTCOMES:
        if row["status"] != CaseStatus.MAILED.value:
            log.info("a delivery outcome for a case not mailed here ignored")
            return 0
        reason = str(change.get("note", ""))[:200]
        record_outcome(conn, change["case_uuid"], outcome, stamp, reason)
        record_event(conn, change["case_uuid"], DELIVERY_OUTCOMES[outcome], None, None, "platform",
                     row["window_code"], {"seq": change.get("seq"), "at": change.get("at"),
                                          **({"reason": reason} if outcome == "returned" else {})})
        details["delivery"] = outcome
    set_case_status(conn, change["case_uuid"], local)
    record_platform_status(conn, change["case_uuid"], row["status"], local, row["window_code"], stamp, details)
    return 1


def _replayed(conn: Any, change: dict[str, Any]) -> bool:
    """A report whose seq is not past the last one applied to its case: the stream replayed (a lost cursor on the
    platform's side, a restored backup). The state machine alone cannot tell: 补正 → 审查中 is a real move once
    the 补正 is received, and a replayed old 审查中 would take the case out of 补正."""
    last = last_platform_seq(conn, change["case_uuid"])
    return last is not None and int(change["seq"]) <= last


def pull_payments(db: Database, adapter: PlatformAdapter, store: SyncStore) -> int:
    """Payment confirmations of 缴费通知书 (``{changes: [{seq, notice_uuid, payment_code, status, paid_at,
    voucher}], cursor, has_more}``): each marks its notice paid with a ``fee_paid`` event, the cursor in the same
    transaction; a notice unknown here or paid before is skipped."""
    applied = 0
    cursor = store.cursor("payments") or ""
    for _page in range(MAX_PAGES):
        data = check_payment_changes(adapter.payment_changes(cursor))
        with db.transaction() as conn:
            for change in data["changes"]:
                if change["status"] != "paid":
                    continue
                notice = mark_paid(conn, change["notice_uuid"], change["paid_at"], change["voucher"])
                if notice is None:
                    continue
                row = case_status(conn, notice.case_uuid)
                if row is None:  # 受理前收费 of a draft: its commit records the paid notice (FeeDesk)
                    applied += 1
                    continue
                record_event(conn, notice.case_uuid, EventKind.FEE_PAID, None, None, "platform",
                             row["window_code"],
                             {"notice_uuid": notice.notice_uuid, "amount_fen": notice.amount_fen,
                              "voucher": change["voucher"], "paid_at": change["paid_at"]})
                applied += 1
            cursor = data["cursor"]
            store_cursor(conn, "payments", cursor)
        if not data.get("has_more"):
            break
    return applied


def pull_catalog(db: Database, adapter: PlatformAdapter, store: SyncStore) -> int:
    from clerk_app.catalog.importer import apply_changes

    changed = 0
    for _page in range(MAX_PAGES):
        cursor = store.cursor("catalog") or ""
        report = apply_changes(db, adapter.catalog_changes(cursor), source="platform")
        changed += len(report.added) + len(report.changed) + len(report.retired)
        if not report.has_more:
            break
    return changed


def pull_calendar(db: Database, adapter: PlatformAdapter, store: SyncStore, today: date | None = None) -> int:
    from offline_cache.calendar_store import CalendarDay, CalendarStore

    today = today or datetime.now(UTC).date()
    imported = 0
    for year in (today.year, today.year + 1):
        data = check_calendar(adapter.calendar(year), year)
        stream = f"calendar:{year}"
        version = str(data.get("version", ""))
        days = data.get("days", [])
        if not days or version == store.cursor(stream):
            continue  # an unpublished year must not be marked complete with no holidays in it
        entries = [CalendarDay(date.fromisoformat(d["date"]), d["kind"] == "workday", d.get("name", ""),
                               "platform") for d in days]
        with db.transaction() as conn:
            imported += CalendarStore(db).import_year(year, entries, source="platform")
            store_cursor(conn, stream, version)
    return imported


def pull_receipt_keys(db: Database, adapter: PlatformAdapter, store: SyncStore, cipher: FieldCipher) -> int:
    """The centre's receipt keys (``{"keys": [{"key_id", "secret" (base64)}], "current": key_id}``); returns how
    many were new. Secrets are kept encrypted; a key id once received never changes its secret."""
    import base64

    from offline_cache.receipt_keys import ReceiptKeyStore

    del store
    data = adapter.receipt_keys()
    keys = [(str(k["key_id"]), base64.b64decode(str(k["secret"]))) for k in data.get("keys", [])]
    if any(len(secret) < 16 for _, secret in keys):
        log.warning("receipt keys shorter than 16 bytes ignored")
        keys = [(key_id, secret) for key_id, secret in keys if len(secret) >= 16]
    return ReceiptKeyStore(db, cipher).replace(keys, str(data.get("current", "")))
