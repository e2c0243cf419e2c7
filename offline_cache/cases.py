"""Case repository: cases, their materials, attached pages and the event log.

Writers pass the connection of the caller's transaction (``insert``), so a case, its materials, its
pages, its events and its outbox row land together or not at all. Personal details of a case
(decision text, 情形 answers, the applicant's display name for the case list) live in
``cases.details_enc``, encrypted and bound to the case.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from clerk_app.domain.case import Case, CaseStatus, Decision, MaterialRecord, MaterialSource, MaterialState
from offline_cache.applicants import ApplicantRepository
from offline_cache.crypto import FieldCipher
from offline_cache.db import Database
from offline_cache.outbox import now_iso
from offline_cache.sub_cases import SubCase, sub_cases


@dataclass(frozen=True)
class PageRef:
    """A page (or file) attached to a material slot: the BlobStore name plus what the blobs table records."""

    sha256: str
    size: int
    media_type: str = "image/jpeg"


@dataclass(frozen=True)
class ReusableMaterial:
    """A material verified in an earlier case of the same applicant: where it was, and its pages to reference."""

    case_number: str
    original_verified: bool
    pages: tuple[PageRef, ...] = ()


@dataclass(frozen=True)
class CaseEvent:
    event_id: int
    kind: str
    from_status: str | None
    to_status: str | None
    clerk_id: str
    window_code: str
    device_time: str
    details: dict[str, Any]


@dataclass(frozen=True)
class CaseSummary:
    """One row of the case list; ``applicant_name`` is decrypted for the screen, never logged."""

    case_uuid: str
    case_number: str
    item_names: tuple[str, ...]
    status: CaseStatus
    decision: Decision | None
    created_at: str
    promised_date: date | None
    legal_deadline: date | None
    deadline_certain: bool
    applicant_name: str
    legal_certain: bool = True  # stored in the encrypted details since issue 17; older cases: True


@dataclass(frozen=True)
class StoredCase:
    case: Case
    accepted_at: str | None
    legal_deadline: date | None
    deadline_certain: bool
    item_names: tuple[str, ...]
    handling_type: str | None
    frozen: bool
    details: dict[str, Any]
    events: tuple[CaseEvent, ...] = ()
    printed: tuple[str, ...] = field(default=())  # sha256 of archived printed documents
    sub_cases: tuple[SubCase, ...] = ()  # 并联: a bundle case's sub-cases as the platform reported them (m0088)


# States in which no deadline runs any more (the window's part is done or nothing was accepted).
CLOSED_STATUSES = ("concluded", "handed_over", "mailed", "rejected", "notice_issued", "denied", "approved",
                   "ready_for_pickup", "voided")


# The same text as the partial index ``cases_open_due`` (migration 0080; 0053 before): SQLite uses that index only
# when the query repeats its condition literally, so it is spelled once here and never built from parameters.
OPEN_CASE_SQL = "status NOT IN (" + ", ".join(f"'{s}'" for s in CLOSED_STATUSES) + ")"


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


class CaseRepository:
    def __init__(self, db: Database, cipher: FieldCipher, applicants: ApplicantRepository) -> None:
        self._db = db
        self._cipher = cipher
        self._applicants = applicants

    # -- writing (inside the caller's transaction) ---------------------------------------------------
    def insert(
        self,
        conn: sqlite3.Connection,
        case: Case,
        applicant_uuid: str,
        *,
        accepted_at: str | None,
        legal_deadline: date | None,
        deadline_certain: bool,
        item_names: tuple[str, ...],
        handling_type: str | None,
        details: dict[str, Any],
        pages: dict[str, PageRef],
    ) -> None:
        if not conn.in_transaction:
            raise RuntimeError("cases are written inside the transaction of the acceptance")
        key = str(case.case_uuid)
        details_enc = self._cipher.encrypt(
            json.dumps(details, ensure_ascii=False, sort_keys=True).encode("utf-8"), f"case:{key}".encode()
        )
        conn.execute(
            "INSERT INTO cases (case_uuid, case_number, applicant_uuid, item_codes, status, decision,"
            " centre_code, window_code, clerk_id, created_at, promised_date, platform_number, frozen,"
            " details_enc,"
            " accepted_at, legal_deadline, deadline_certain, item_names, handling_type)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)",
            (
                key, case.case_number, applicant_uuid, json.dumps(list(case.item_codes)), case.status.value,
                case.decision.value if case.decision else None, case.centre_code, case.window_code,
                case.clerk_id, case.created_at.isoformat(timespec="milliseconds"),
                case.promised_date.isoformat() if case.promised_date else None, case.platform_number,
                details_enc, accepted_at, legal_deadline.isoformat() if legal_deadline else None,
                int(deadline_certain), json.dumps(list(item_names), ensure_ascii=False), handling_type,
            ),
        )
        stamp = now_iso()
        for material in case.materials:
            conn.execute(
                "INSERT INTO case_materials (case_uuid, material_code, name, state, original_verified,"
                " copies_received, supply_by, defect_note, source, reused_from)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (key, material.material_code, material.name, material.state.value,
                 int(material.original_verified), material.copies_received,
                 material.supply_by.isoformat() if material.supply_by else None, material.defect_note,
                 material.source.value, material.reused_from),
            )
            for position, sha in enumerate(material.page_blob_ids):
                ref = pages.get(sha)
                if ref is None:
                    raise ValueError("a material lists a page without its blob reference")
                self.link_blob(conn, key, ref, "page", material_code=material.material_code,
                               position=position, stamp=stamp)

    @staticmethod
    def link_blob(
        conn: sqlite3.Connection, case_uuid: str, ref: PageRef, role: str, *, material_code: str | None,
        position: int, stamp: str | None = None, details: dict[str, Any] | None = None,
    ) -> None:
        stamp = stamp or now_iso()
        conn.execute(
            "INSERT OR IGNORE INTO blobs (sha256, size, media_type, created_at) VALUES (?, ?, ?, ?)",
            (ref.sha256, ref.size, ref.media_type, stamp),
        )
        conn.execute(
            "INSERT OR IGNORE INTO case_blobs (case_uuid, sha256, role, material_code, position, details)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (case_uuid, ref.sha256, role, material_code, position,
             json.dumps(details or {}, ensure_ascii=False, sort_keys=True)),
        )

    @staticmethod
    def freeze(conn: sqlite3.Connection, case_uuid: str) -> None:
        conn.execute("UPDATE cases SET frozen = 1 WHERE case_uuid = ?", (case_uuid,))

    # -- reading ------------------------------------------------------------------------------------
    def exists(self, case_uuid: str) -> bool:
        return bool(self._db.query("SELECT 1 FROM cases WHERE case_uuid = ?", (case_uuid,)))

    def uuid_for_number(self, case_number: str) -> str | None:
        rows = self._db.query("SELECT case_uuid FROM cases WHERE case_number = ?", (case_number.strip(),))
        return rows[0]["case_uuid"] if rows else None

    def numbers_for_identifier(self, identifier: str, limit: int = 50) -> list[str]:
        """Case numbers of an applicant, found by ID number or credit code through the blind index (the number
        itself is never stored readable); newest first."""
        rows = self._db.query(
            "SELECT c.case_number FROM cases c JOIN applicants a ON a.applicant_uuid = c.applicant_uuid"
            " WHERE a.id_index = ? ORDER BY c.created_at DESC, c.case_number DESC LIMIT ?",
            (self._cipher.blind_index(identifier), limit),
        )
        return [r["case_number"] for r in rows]

    def verified_material_of(self, identifier: str, name: str, before_case_uuid: str) -> ReusableMaterial | None:
        """The newest material named ``name`` received (as the clerk checked it) in an earlier case of the applicant
        with this ID number / credit code (blind index), with the sha256 of its pages; None if there is none."""
        rows = self._db.query(
            "SELECT c.case_uuid, c.case_number, m.material_code, m.original_verified FROM case_materials m"
            " JOIN cases c ON c.case_uuid = m.case_uuid JOIN applicants a ON a.applicant_uuid = c.applicant_uuid"
            " WHERE a.id_index = ? AND m.name = ? AND m.state = ?"
            " AND c.case_uuid != ? ORDER BY c.created_at DESC, c.case_number DESC LIMIT 1",
            (self._cipher.blind_index(identifier), name, MaterialState.RECEIVED.value, before_case_uuid),
        )
        if not rows:
            return None
        row = rows[0]
        pages = self._db.query(
            "SELECT b.sha256, b.size, b.media_type FROM case_blobs cb JOIN blobs b ON b.sha256 = cb.sha256"
            " WHERE cb.case_uuid = ? AND cb.material_code = ? AND cb.role = 'page' ORDER BY cb.position",
            (row["case_uuid"], row["material_code"]))
        return ReusableMaterial(
            case_number=row["case_number"], original_verified=bool(row["original_verified"]),
            pages=tuple(PageRef(p["sha256"], p["size"], p["media_type"]) for p in pages))

    def get_by_number(self, case_number: str) -> StoredCase:
        key = self.uuid_for_number(case_number)
        if key is None:
            raise KeyError("no case with this number")
        return self.get(key)

    def get(self, case_uuid: str) -> StoredCase:
        rows = self._db.query("SELECT * FROM cases WHERE case_uuid = ?", (case_uuid,))
        if not rows:
            raise KeyError("no case with this id")
        row = rows[0]
        materials = self._materials(case_uuid)
        details = self._details(row)
        case = Case(
            case_uuid=uuid.UUID(row["case_uuid"]),
            case_number=row["case_number"],
            item_codes=tuple(json.loads(row["item_codes"])),
            applicant=self._applicants.get(row["applicant_uuid"]),
            status=CaseStatus(row["status"]),
            decision=Decision(row["decision"]) if row["decision"] else None,
            materials=materials,
            centre_code=row["centre_code"],
            window_code=row["window_code"],
            clerk_id=row["clerk_id"],
            created_at=datetime.fromisoformat(row["created_at"]),
            promised_date=_d(row["promised_date"]),
            platform_number=row["platform_number"],
        )
        printed = tuple(r["sha256"] for r in self._db.query(
            "SELECT sha256 FROM case_blobs WHERE case_uuid = ? AND role = 'printed_document'"
            " ORDER BY position",
            (case_uuid,)))
        return StoredCase(
            case=case, accepted_at=row["accepted_at"], legal_deadline=_d(row["legal_deadline"]),
            deadline_certain=bool(row["deadline_certain"]), item_names=tuple(json.loads(row["item_names"])),
            handling_type=row["handling_type"], frozen=bool(row["frozen"]), details=details,
            events=self.events(case_uuid), printed=printed, sub_cases=sub_cases(self._db.conn, case_uuid),
        )

    def _details(self, row: sqlite3.Row) -> dict[str, Any]:
        if row["details_enc"] is None:
            return {}
        plain = self._cipher.decrypt(row["details_enc"], f"case:{row['case_uuid']}".encode())
        loaded: dict[str, Any] = json.loads(plain)
        return loaded

    def _materials(self, case_uuid: str) -> tuple[MaterialRecord, ...]:
        pages: dict[str, list[str]] = {}
        for r in self._db.query(
            "SELECT material_code, sha256 FROM case_blobs WHERE case_uuid = ? AND role = 'page'"
            " ORDER BY material_code, position", (case_uuid,),
        ):
            pages.setdefault(r["material_code"], []).append(r["sha256"])
        return tuple(
            MaterialRecord(
                material_code=r["material_code"], name=r["name"], state=MaterialState(r["state"]),
                original_verified=bool(r["original_verified"]), copies_received=r["copies_received"],
                page_blob_ids=tuple(pages.get(r["material_code"], ())), supply_by=_d(r["supply_by"]),
                defect_note=r["defect_note"], source=MaterialSource(r["source"]), reused_from=r["reused_from"],
            )
            for r in self._db.query(
                "SELECT * FROM case_materials WHERE case_uuid = ? ORDER BY rowid", (case_uuid,))
        )

    def events(self, case_uuid: str) -> tuple[CaseEvent, ...]:
        return tuple(
            CaseEvent(r["event_id"], r["kind"], r["from_status"], r["to_status"], r["clerk_id"],
                      r["window_code"], r["device_time"], json.loads(r["details"] or "{}"))
            for r in self._db.query(
                "SELECT * FROM case_events WHERE case_uuid = ? ORDER BY event_id", (case_uuid,))
        )

    def list_created_on(self, day: date, window_code: str | None = None) -> list[CaseSummary]:
        """Cases created on ``day`` (device-local date as stored in ``created_at``), newest first. A range on the
        ISO text (not ``substr``) so the index on ``created_at`` finds the day without reading the history."""
        sql = "SELECT * FROM cases WHERE created_at >= ? AND created_at < ?"
        params: list[Any] = [day.isoformat(), (day + timedelta(days=1)).isoformat()]
        if window_code is not None:
            sql += " AND window_code = ?"
            params.append(window_code)
        return self._summaries(sql + " ORDER BY created_at DESC, case_number DESC", params)

    def list_open_due(self, until: date, window_code: str | None = None) -> list[CaseSummary]:
        """Running cases (not yet concluded, handed over, mailed, rejected or merely notified) whose promised date
        is on or before ``until``: what 电子监察 warns about, whatever day they were accepted; soonest first.
        Walks the partial index of open cases, so closed history is never read."""
        # INDEXED BY: without statistics the planner would rather walk every promised date of history.
        sql = (f"SELECT * FROM cases INDEXED BY cases_open_due WHERE promised_date IS NOT NULL AND {OPEN_CASE_SQL}"
               " AND promised_date <= ?")
        params: list[Any] = [until.isoformat()]
        if window_code is not None:
            sql += " AND window_code = ?"
            params.append(window_code)
        return self._summaries(sql + " ORDER BY promised_date, case_number", params)

    def list_supply_overdue(self, today: date, window_code: str | None = None) -> list[CaseSummary]:
        """容缺 cases with a deferred material whose supply-by date has passed (电子监察 red), oldest date first.
        Only materials still deferred and already late are read (partial index), not every material of history."""
        sql = ("SELECT c.* FROM cases c JOIN (SELECT case_uuid, min(supply_by) AS due"
               " FROM case_materials INDEXED BY case_materials_deferred"
               " WHERE state = 'deferred' AND supply_by < ? GROUP BY case_uuid) m"
               " ON m.case_uuid = c.case_uuid WHERE c.status NOT IN (?, ?, ?, ?, ?)")
        # A case that ended (denied, concluded, handed over…) no longer waits for its materials.
        params: list[Any] = [today.isoformat(), "concluded", "handed_over", "mailed", "denied", "rejected"]
        if window_code is not None:
            sql += " AND c.window_code = ?"
            params.append(window_code)
        return self._summaries(sql + " ORDER BY m.due, c.case_number", params)

    def list_correction_requested(self, window_code: str | None = None) -> list[CaseSummary]:
        """Cases waiting for 补正 materials the back office asked for (an open request, m0073), soonest due first.
        Walks the partial index of open requests, not the cases."""
        sql = ("SELECT c.* FROM cases c JOIN (SELECT case_uuid, min(coalesce(due_by, '9999')) AS due"
               " FROM case_corrections INDEXED BY case_corrections_open WHERE answered_by IS NULL"
               " GROUP BY case_uuid) k ON k.case_uuid = c.case_uuid WHERE c.status = 'correction_requested'")
        params: list[Any] = []
        if window_code is not None:
            sql += " AND c.window_code = ?"
            params.append(window_code)
        return self._summaries(sql + " ORDER BY k.due, c.case_number", params)

    def _summaries(self, sql: str, params: list[Any]) -> list[CaseSummary]:
        out = []
        for row in self._db.query(sql, tuple(params)):
            details = self._details(row)
            out.append(CaseSummary(
                case_uuid=row["case_uuid"], case_number=row["case_number"],
                item_names=tuple(json.loads(row["item_names"])), status=CaseStatus(row["status"]),
                decision=Decision(row["decision"]) if row["decision"] else None,
                created_at=row["created_at"],
                promised_date=_d(row["promised_date"]), legal_deadline=_d(row["legal_deadline"]),
                deadline_certain=bool(row["deadline_certain"]),
                applicant_name=str(details.get("applicant_name", "")),
                legal_certain=bool(details.get("legal_certain", True)),
            ))
        return out



# -- statements the services run inside their own unit of work ----------------------------------------------------
# The acceptance, 补齐, handover, scanning, queue and sync services open the transaction (the unit of work) and pass
# its connection here: the SQL lives in this repository, the decisions in the services.

def case_exists(conn: sqlite3.Connection, case_uuid: str) -> bool:
    return conn.execute("SELECT 1 FROM cases WHERE case_uuid = ?", (case_uuid,)).fetchone() is not None


def case_status(conn: sqlite3.Connection, case_uuid: str) -> sqlite3.Row | None:
    """``status``, ``window_code`` and ``case_number`` of a case, or None."""
    row: sqlite3.Row | None = conn.execute(
        "SELECT status, window_code, case_number FROM cases WHERE case_uuid = ?", (case_uuid,)).fetchone()
    return row


def case_applicant_row(conn: sqlite3.Connection, case_uuid: str) -> sqlite3.Row | None:
    """The case's applicant row (``applicant_uuid``, ``kind``, ``id_index``, ``payload_enc``), or None."""
    row: sqlite3.Row | None = conn.execute(
        "SELECT a.applicant_uuid, a.kind, a.id_index, a.payload_enc FROM cases c"
        " JOIN applicants a ON a.applicant_uuid = c.applicant_uuid WHERE c.case_uuid = ?", (case_uuid,),
    ).fetchone()
    return row


def case_blob_count(conn: sqlite3.Connection, case_uuid: str, role: str) -> int:
    """How many blobs of ``role`` (e.g. the pages of a 授权委托书) the case holds."""
    sql = "SELECT count(*) FROM case_blobs WHERE case_uuid = ? AND role = ?"
    return int(conn.execute(sql, (case_uuid, role)).fetchone()[0])


def set_case_status(conn: sqlite3.Connection, case_uuid: str, status: str) -> None:
    """The row only: the caller records the event (and has asked the state machine) in the same transaction."""
    conn.execute("UPDATE cases SET status = ? WHERE case_uuid = ?", (status, case_uuid))


def set_platform_number(conn: sqlite3.Connection, case_uuid: str, platform_number: str) -> None:
    conn.execute("UPDATE cases SET platform_number = ? WHERE case_uuid = ?", (platform_number, case_uuid))


def record_platform_receipt(conn: sqlite3.Connection, case_uuid: str, platform_number: str, platform_received_at: str,
                            local_received_at: str, clock_skew_seconds: float | None) -> None:
    """The platform's number for a case, and (first receipt only) when each side says the case arrived."""
    conn.execute(
        "UPDATE cases SET platform_number = ?, platform_received_at = coalesce(platform_received_at, ?),"
        " local_received_at = coalesce(local_received_at, ?),"
        " clock_skew_seconds = coalesce(clock_skew_seconds, ?) WHERE case_uuid = ?",
        (platform_number, platform_received_at, local_received_at, clock_skew_seconds, case_uuid))


def platform_number_of(conn: sqlite3.Connection, case_uuid: str) -> str | None:
    row = conn.execute("SELECT platform_number FROM cases WHERE case_uuid = ?", (case_uuid,)).fetchone()
    return str(row[0]) if row is not None and row[0] else None


def platform_number_taken(conn: sqlite3.Connection, platform_number: str, case_uuid: str) -> bool:
    """Whether another case than ``case_uuid`` already holds this platform number."""
    return conn.execute("SELECT 1 FROM cases WHERE platform_number = ? AND case_uuid != ? LIMIT 1",
                        (platform_number, case_uuid)).fetchone() is not None


def case_number_of(db: Database, case_uuid: str) -> str:
    rows = db.query("SELECT case_number FROM cases WHERE case_uuid = ?", (case_uuid,))
    return str(rows[0]["case_number"]) if rows else ""


def deferred_materials(conn: sqlite3.Connection, case_uuid: str) -> dict[str, sqlite3.Row]:
    """The 容缺 materials still to be supplied, by material code (``material_code``, ``name``, ``supply_by``)."""
    return {r["material_code"]: r for r in conn.execute(
        "SELECT material_code, name, supply_by FROM case_materials WHERE case_uuid = ? AND state = ?",
        (case_uuid, MaterialState.DEFERRED.value))}


def mark_material_received(conn: sqlite3.Connection, case_uuid: str, material_code: str, original_verified: bool,
                           copies_received: int) -> None:
    """A deferred material supplied (补齐). ``supply_by`` stays: the audit of "supplied on time" needs it."""
    conn.execute(
        "UPDATE case_materials SET state = ?, original_verified = ?, copies_received = ?"
        " WHERE case_uuid = ? AND material_code = ?",
        (MaterialState.RECEIVED.value, int(original_verified), copies_received, case_uuid, material_code))


def page_refs(db: Database, shas: list[str]) -> dict[str, PageRef]:
    """What the blobs table records of these files (size, media type), for carrying pages over to a new case."""
    if not shas:
        return {}
    rows = db.query(f"SELECT sha256, size, media_type FROM blobs WHERE sha256 IN ({','.join('?' * len(shas))})",
                    tuple(shas))
    return {r["sha256"]: PageRef(r["sha256"], r["size"], r["media_type"]) for r in rows}


def replace_case_blob(conn: sqlite3.Connection, case_uuid: str, sha256: str, size: int, media_type: str, role: str,
                      material_code: str | None, position: int, details: dict[str, Any], created_at: str) -> None:
    """Attach a file to a case, replacing what held that place (scanned pages and material PDFs at commit)."""
    conn.execute("INSERT OR IGNORE INTO blobs (sha256, size, media_type, created_at) VALUES (?, ?, ?, ?)",
                 (sha256, size, media_type, created_at))
    conn.execute(
        "INSERT OR REPLACE INTO case_blobs (case_uuid, sha256, role, material_code, position, details)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (case_uuid, sha256, role, material_code, position, json.dumps(details, ensure_ascii=False, sort_keys=True)),
    )


QUEUE_KEYS = ("ticket_number", "business_code", "issued_at", "called_at", "wait_seconds", "service_seconds")


def set_queue_record(conn: sqlite3.Connection, case_uuid: str, record: dict[str, Any]) -> None:
    conn.execute(
        "UPDATE cases SET queue_ticket = ?, queue_business = ?, ticket_issued_at = ?, ticket_called_at = ?,"
        " wait_seconds = ?, service_seconds = ? WHERE case_uuid = ?",
        (*(record[key] for key in QUEUE_KEYS), case_uuid))


def set_service_seconds(conn: sqlite3.Connection, case_uuid: str, seconds: float) -> None:
    """Service time of the case (the applicant's card read → the decision), what supervision reports count."""
    conn.execute("UPDATE cases SET service_seconds = ? WHERE case_uuid = ?", (round(seconds, 3), case_uuid))


def queue_record(conn: sqlite3.Connection, case_uuid: str) -> dict[str, Any] | None:
    row = conn.execute("SELECT queue_ticket, queue_business, ticket_issued_at, ticket_called_at, wait_seconds,"
                       " service_seconds FROM cases WHERE case_uuid = ?", (case_uuid,)).fetchone()
    if row is None or row[0] is None:
        return None
    return dict(zip(QUEUE_KEYS, tuple(row), strict=True))
