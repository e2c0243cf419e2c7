"""补齐: supplying the materials of a 容缺 case (accepted with deficiencies) after the decision.

The queued ``case_upsert`` is frozen: a supplement is a new action referencing the case, never an edit of it. One
transaction writes the updated ``case_materials`` rows, the pages (``case_blobs``), a ``supplemented`` event (with
the status change ``accepted_pending_supplement → accepted`` once nothing deferred remains, checked by the state
machine) and an outbox row ``kind = "supplement"`` carrying only the newly supplied materials and their files.

Idempotent per draft: a draft's ``supplement_uuid`` is made when the clerk opens the supplement and is the outbox
row's action UUID, so a second click, a retry or a concurrent call returns the stored supplement.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from clerk_app.acceptance.errors import CaseNotFound
from clerk_app.acceptance.ports import CaseRules
from clerk_app.acceptance.service import ExtraWrites, local_now
from clerk_app.domain.case import CaseStatus, MaterialState
from clerk_app.errors import ValidationError
from clerk_app.i18n import QT_TRANSLATE_NOOP
from offline_cache.case_events import supplement_event, supplement_events
from offline_cache.cases import (
    CaseRepository,
    PageRef,
    case_number_of,
    case_status,
    deferred_materials,
    mark_material_received,
    set_case_status,
)
from offline_cache.db import Database
from offline_cache.outbox import action_payload, enqueue

log = logging.getLogger("onewindow.acceptance")

KIND = "supplement"


class NothingDeferred(ValidationError):
    message = QT_TRANSLATE_NOOP("errors", "This case has no deferred materials left to supply.")


class NothingSupplied(ValidationError):
    message = QT_TRANSLATE_NOOP(
        "errors", "Mark at least one deferred material as received (original checked, copies or pages).")


class NotDeferred(ValidationError):
    message = QT_TRANSLATE_NOOP("errors", "A supplied material is not one of the case's deferred materials.")


@dataclass(frozen=True)
class SuppliedMaterial:
    material_code: str
    original_verified: bool = False
    copies_received: int = 0
    pages: tuple[PageRef, ...] = ()

    @property
    def received(self) -> bool:
        return self.original_verified or self.copies_received > 0 or bool(self.pages)


@dataclass(frozen=True)
class SupplementResult:
    case_uuid: str
    case_number: str
    supplement_uuid: str
    supplied_at: str
    materials: tuple[dict[str, Any], ...]  # what was supplied (code, name, original, copies, pages, supply_by)
    remaining: tuple[str, ...]  # material codes still deferred
    status: str
    created: bool


@dataclass
class SupplementDraft:
    """The clerk's supplement at the window; its UUID is the idempotency key of the commit."""

    case_uuid: str
    supplement_uuid: str = field(default_factory=lambda: str(uuid.uuid4()))
    supplied: dict[str, SuppliedMaterial] = field(default_factory=dict)
    result: SupplementResult | None = None

    def set(self, material: SuppliedMaterial) -> None:
        if self.result is not None:
            raise RuntimeError("a committed supplement is frozen")
        self.supplied[material.material_code] = material

    def received(self) -> list[SuppliedMaterial]:
        return [m for m in self.supplied.values() if m.received]


def overdue(supply_by: date | None, today: date) -> bool:
    """电子监察 of a 容缺 commitment: red once the supply-by day has passed without the material."""
    return supply_by is not None and supply_by < today


class SupplementDesk:
    def __init__(self, db: Database, cases: CaseRepository, rules: CaseRules, *, window_code: str, clerk_id: str,
                 clock: Callable[[], datetime] = local_now) -> None:
        self._db = db
        self._cases = cases
        self._rules = rules
        self._window_code = window_code
        self.clerk_id = clerk_id
        self._clock = clock
        self._lock = threading.Lock()

    def new_draft(self, case_uuid: str) -> SupplementDraft:
        return SupplementDraft(case_uuid)

    def commit(self, draft: SupplementDraft, extra_writes: ExtraWrites | None = None) -> SupplementResult:
        """Commit the supplement. ``extra_writes(conn, case_uuid)`` runs inside the transaction (page details and
        material PDFs from the page strip)."""
        if draft.result is not None:
            return _again(draft.result)
        with self._lock:
            if draft.result is not None:
                return _again(draft.result)
            draft.result = self._commit(draft, extra_writes)
            return draft.result

    def _commit(self, draft: SupplementDraft, extra_writes: ExtraWrites | None) -> SupplementResult:
        now = self._clock()
        stamp = now.isoformat(timespec="milliseconds")
        with self._db.transaction() as conn:
            stored = self._stored(conn, draft.supplement_uuid)
            if stored is not None:
                return stored
            case = case_status(conn, draft.case_uuid)
            if case is None:
                raise CaseNotFound()
            deferred = deferred_materials(conn, draft.case_uuid)
            if not deferred:
                raise NothingDeferred()
            supplied = draft.received()
            if not supplied:
                raise NothingSupplied()
            if any(m.material_code not in deferred for m in supplied):
                raise NotDeferred()
            lines = self._write_materials(conn, draft.case_uuid, supplied, deferred, stamp, now.date())
            if extra_writes is not None:
                extra_writes(conn, draft.case_uuid)
            remaining = tuple(code for code in deferred if code not in {m.material_code for m in supplied})
            status = CaseStatus(case["status"])
            target = status
            if not remaining and status is CaseStatus.ACCEPTED_PENDING_SUPPLEMENT:
                target = CaseStatus.ACCEPTED
            self._rules.record_event(
                conn, case_uuid=draft.case_uuid, kind="supplemented", from_status=status.value,
                to_status=target.value, clerk_id=self.clerk_id, window_code=self._window_code,
                details={"supplement_uuid": draft.supplement_uuid, "materials": lines, "remaining": list(remaining)})
            if target is not status:
                set_case_status(conn, draft.case_uuid, target.value)
            payload = {
                "supplement_uuid": draft.supplement_uuid, "case_uuid": draft.case_uuid,
                "case_number": case["case_number"], "supplied_at": stamp, "clerk_id": self.clerk_id,
                "window_code": self._window_code, "complete": not remaining, "remaining_deferred": list(remaining),
                "materials": [
                    {"material_code": m.material_code, "name": deferred[m.material_code]["name"],
                     "state": MaterialState.RECEIVED.value, "original_verified": m.original_verified,
                     "copies_received": m.copies_received, "files": [p.sha256 for p in m.pages]}
                    for m in supplied
                ],
            }
            enqueue(conn, KIND, payload, case_uuid=draft.case_uuid, action_uuid=draft.supplement_uuid,
                    clerk_id=self.clerk_id)
        log.info("supplement committed: %d material(s), %d still deferred", len(supplied), len(remaining))
        return SupplementResult(draft.case_uuid, case["case_number"], draft.supplement_uuid, stamp, tuple(lines),
                                remaining, target.value, created=True)

    @staticmethod
    def _write_materials(conn: sqlite3.Connection, case_uuid: str, supplied: list[SuppliedMaterial],
                         deferred: dict[str, sqlite3.Row], stamp: str, today: date) -> list[dict[str, Any]]:
        lines = []
        for material in supplied:
            # supply_by stays on the row: the audit of "supplied on time" needs the committed date.
            mark_material_received(conn, case_uuid, material.material_code, material.original_verified,
                                   material.copies_received)
            for position, ref in enumerate(material.pages):
                CaseRepository.link_blob(conn, case_uuid, ref, "page", material_code=material.material_code,
                                         position=position, stamp=stamp)
            supply_by = deferred[material.material_code]["supply_by"]
            lines.append({
                "material_code": material.material_code, "name": deferred[material.material_code]["name"],
                "original_verified": material.original_verified, "copies_received": material.copies_received,
                "pages": len(material.pages), "supply_by": supply_by,
                "on_time": supply_by is None or date.fromisoformat(supply_by) >= today,
            })
        return lines

    @staticmethod
    def _stored(conn: sqlite3.Connection, supplement_uuid: str) -> SupplementResult | None:
        payload = action_payload(conn, supplement_uuid, KIND)
        if payload is None:
            return None
        event = supplement_event(conn, payload["case_uuid"], supplement_uuid)
        details = json.loads(event["details"]) if event else {}
        return SupplementResult(payload["case_uuid"], payload["case_number"], supplement_uuid, payload["supplied_at"],
                                tuple(details.get("materials", ())), tuple(payload["remaining_deferred"]),
                                event["to_status"] if event else "", created=False)

    def supplements(self, case_uuid: str) -> list[SupplementResult]:
        """Every supplement of a case, oldest first (for the receipt and its 补打)."""
        rows = supplement_events(self._db, case_uuid)
        number = case_number_of(self._db, case_uuid)
        out = []
        for row in rows:
            details = json.loads(row["details"])
            out.append(SupplementResult(case_uuid, number,
                                        details["supplement_uuid"], row["device_time"],
                                        tuple(details.get("materials", ())), tuple(details.get("remaining", ())),
                                        row["to_status"] or "", created=False))
        return out


def _again(result: SupplementResult) -> SupplementResult:
    from dataclasses import replace

    return replace(result, created=False)
