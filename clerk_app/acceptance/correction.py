"""补正 asked by the back office: the request a status pull brought (what the reviewer asks for, by when), and the
applicant's 补正 materials received at the window with the same keyboard flow as 补齐.

The pull stored the request (``offline_cache.corrections``) and moved the case to ``correction_requested``: the
clock stopped there (``clerk_app.domain.supervision.pauses_from_moves``, as for 特别程序). Receiving the materials
is one transaction: the pages (``case_blobs``, role ``page``, with the material code), a ``corrected`` event
``correction_requested → in_review`` (the clock runs again from that day), the request marked answered, and one
outbox row ``kind = "correction"`` whose action UUID is the draft's: a second click, a retry or a concurrent call
returns the stored submission, and the platform receives it exactly once.

A 补正 notice lists the request in full (一次性告知), so the answer must bring every item asked for.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from clerk_app.acceptance.errors import CaseNotFound
from clerk_app.acceptance.ports import CaseRules
from clerk_app.acceptance.service import ExtraWrites, local_now
from clerk_app.acceptance.supplement import NothingSupplied, SuppliedMaterial
from clerk_app.domain.case import CaseStatus
from clerk_app.errors import ValidationError
from clerk_app.i18n import QT_TRANSLATE_NOOP
from offline_cache.case_events import correction_event
from offline_cache.cases import CaseRepository, case_status, set_case_status
from offline_cache.corrections import (
    CorrectionRequest,
    cases_with_open_requests,
    mark_answered,
    open_request,
    request_answered_by,
    requests_of,
)
from offline_cache.db import Database
from offline_cache.outbox import action_payload, enqueue

log = logging.getLogger("onewindow.acceptance")

KIND = "correction"


class NoCorrectionRequested(ValidationError):
    message = QT_TRANSLATE_NOOP("errors", "The back office has asked for no correction (补正) of this case.")


class CorrectionIncomplete(ValidationError):
    message = QT_TRANSLATE_NOOP(
        "errors", "The correction notice asked for {missing}: receive every requested material before submitting.")


class NotRequested(ValidationError):
    message = QT_TRANSLATE_NOOP("errors", "A received material is not one the back office asked for.")


@dataclass(frozen=True)
class CorrectionResult:
    case_uuid: str
    case_number: str
    submission_uuid: str
    request_id: str
    submitted_at: str
    materials: tuple[dict[str, Any], ...]  # code, name, requirement, original, copies, pages, on_time
    status: str
    created: bool


@dataclass
class CorrectionDraft:
    """The 补正 materials at the window; its UUID is the idempotency key of the commit (and the outbox action)."""

    case_uuid: str
    request: CorrectionRequest
    submission_uuid: str = field(default_factory=lambda: str(uuid.uuid4()))
    supplied: dict[str, SuppliedMaterial] = field(default_factory=dict)
    result: CorrectionResult | None = None

    def set(self, material: SuppliedMaterial) -> None:
        if self.result is not None:
            raise RuntimeError("a committed 补正 is frozen")
        self.supplied[material.material_code] = material

    def received(self) -> list[SuppliedMaterial]:
        return [m for m in self.supplied.values() if m.received]


class CorrectionDesk:
    def __init__(self, db: Database, cases: CaseRepository, rules: CaseRules, *, window_code: str, clerk_id: str,
                 clock: Callable[[], datetime] = local_now) -> None:
        self._db = db
        self._cases = cases
        self._rules = rules
        self._window_code = window_code
        self.clerk_id = clerk_id
        self._clock = clock
        self._lock = threading.Lock()

    def open_request(self, case_uuid: str) -> CorrectionRequest | None:
        return open_request(self._db.conn, case_uuid)

    def open_due_dates(self, window_code: str | None = None) -> dict[str, date | None]:
        """Case uuid → the date its open 补正 request asks the materials by (the case list's flag)."""
        return cases_with_open_requests(self._db, window_code)

    def requests(self, case_uuid: str) -> list[CorrectionRequest]:
        return requests_of(self._db, case_uuid)

    def new_draft(self, case_uuid: str) -> CorrectionDraft:
        request = self.open_request(case_uuid)
        if request is None:
            raise NoCorrectionRequested()
        return CorrectionDraft(case_uuid, request)

    def commit(self, draft: CorrectionDraft, extra_writes: ExtraWrites | None = None) -> CorrectionResult:
        """Commit the 补正 submission. ``extra_writes(conn, case_uuid)`` runs inside the transaction (page details
        and material PDFs from the page strip)."""
        if draft.result is not None:
            return replace(draft.result, created=False)
        with self._lock:
            if draft.result is not None:
                return replace(draft.result, created=False)
            draft.result = self._commit(draft, extra_writes)
            return draft.result

    def _commit(self, draft: CorrectionDraft, extra_writes: ExtraWrites | None) -> CorrectionResult:
        now = self._clock()
        stamp = now.isoformat(timespec="milliseconds")
        with self._db.transaction() as conn:
            stored = self._stored(conn, draft.submission_uuid)
            if stored is not None:
                return stored
            case = case_status(conn, draft.case_uuid)
            if case is None:
                raise CaseNotFound()
            request = open_request(conn, draft.case_uuid)
            if (request is None or request.request_id != draft.request.request_id
                    or case["status"] != CaseStatus.CORRECTION_REQUESTED.value):
                raise NoCorrectionRequested()
            asked = {i.material_code: i for i in request.items}
            supplied = draft.received()
            if not supplied:
                raise NothingSupplied()
            if any(m.material_code not in asked for m in supplied):
                raise NotRequested()
            missing = [i.name or i.material_code for i in request.items
                       if i.material_code not in {m.material_code for m in supplied}]
            if missing:
                raise CorrectionIncomplete(missing="、".join(missing))
            lines = []
            for material in supplied:
                for position, ref in enumerate(material.pages):
                    CaseRepository.link_blob(conn, draft.case_uuid, ref, "page", material_code=material.material_code,
                                             position=position, stamp=stamp,
                                             details={"correction": request.request_id})
                item = asked[material.material_code]
                lines.append({"material_code": item.material_code, "name": item.name,
                              "requirement": item.requirement, "original_verified": material.original_verified,
                              "copies_received": material.copies_received, "pages": len(material.pages),
                              "on_time": request.due_by is None or now.date() <= request.due_by})
            if extra_writes is not None:
                extra_writes(conn, draft.case_uuid)
            target = CaseStatus.IN_REVIEW
            self._rules.record_event(
                conn, case_uuid=draft.case_uuid, kind="corrected", from_status=case["status"],
                to_status=target.value, clerk_id=self.clerk_id, window_code=self._window_code,
                details={"submission_uuid": draft.submission_uuid, "request_id": request.request_id,
                         "materials": lines}, device_time=now)  # the day the clock runs again: the desk's day
            set_case_status(conn, draft.case_uuid, target.value)
            mark_answered(conn, request.request_id, draft.submission_uuid, stamp)
            payload = {
                "submission_uuid": draft.submission_uuid, "case_uuid": draft.case_uuid,
                "request_id": request.request_id, "case_number": case["case_number"], "submitted_at": stamp,
                "clerk_id": self.clerk_id, "window_code": self._window_code,
                "materials": [
                    {"material_code": m.material_code, "name": asked[m.material_code].name, "state": "received",
                     "original_verified": m.original_verified, "copies_received": m.copies_received,
                     "files": [p.sha256 for p in m.pages]}
                    for m in supplied
                ],
            }
            enqueue(conn, KIND, payload, case_uuid=draft.case_uuid, action_uuid=draft.submission_uuid,
                    clerk_id=self.clerk_id)
        log.info("补正 committed: %d material(s)", len(supplied))
        return CorrectionResult(draft.case_uuid, case["case_number"], draft.submission_uuid, request.request_id,
                                stamp, tuple(lines), target.value, created=True)

    @staticmethod
    def _stored(conn: sqlite3.Connection, submission_uuid: str) -> CorrectionResult | None:
        payload = action_payload(conn, submission_uuid, KIND)
        if payload is None:
            return None
        event = correction_event(conn, payload["case_uuid"], submission_uuid)
        details = json.loads(event["details"]) if event else {}
        return CorrectionResult(payload["case_uuid"], payload["case_number"], submission_uuid, payload["request_id"],
                                payload["submitted_at"], tuple(details.get("materials", ())),
                                event["to_status"] if event else "", created=False)

    def submission_of(self, submission_uuid: str) -> CorrectionResult | None:
        """A stored 补正 submission (for the receipt's 补打)."""
        conn = self._db.conn
        if request_answered_by(conn, submission_uuid) is None:
            return None
        return self._stored(conn, submission_uuid)
