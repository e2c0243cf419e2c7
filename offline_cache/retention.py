"""The SQL of the retention purge (``clerk_app.security.retention`` decides what and when).

A case is a candidate when it is concluded, the platform has its number, and none of its outbox actions is still
open (everything it sent was confirmed). Purging a case, inside the caller's transaction:
* ``cases.details_enc`` (applicant name, decision details, answers) is cleared, ``personal_purged_at`` set;
* its confirmed outbox actions are compacted (the encrypted personal part deleted, the audit summary kept);
* its ``case_blobs`` rows (scans, card photo, printed PDFs, screen signatures) go; a file that no unpurged case
  still references (信息跑路 pages are shared with later cases) is marked purged and returned for deletion after
  the commit;
* the 邮寄送达 recipient of its ``case_deliveries`` row (the waybill and the outcome stay);
* the village agent of its 代办批次 (``agent_batches.agent_enc``), once every case of the batch is purged;
* its applicant, once no unpurged case refers to them, keeps only kind, document type and source: the encrypted
  document is emptied and the blind index replaced, so the citizen can no longer be found by ID number.
Kept for statistics: the case row (numbers, items, dates, decision, status, window, clerk, queue times), its
materials' names and states, its events and the audit trail.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from offline_cache.outbox import rewrite_compacted

PURGED_PAYLOAD = b""  # an applicant whose personal document was purged


@dataclass(frozen=True)
class Candidate:
    case_uuid: str
    case_number: str
    concluded_at: str  # device time of the case's conclusion event


@dataclass(frozen=True)
class PurgedCase:
    case_number: str
    files: tuple[str, ...]  # blob files no longer referenced: delete after the commit
    blob_rows: int
    applicant_purged: bool


def candidates(conn: sqlite3.Connection) -> list[Candidate]:
    rows = conn.execute(
        "SELECT c.case_uuid, c.case_number,"
        " (SELECT max(e.device_time) FROM case_events e WHERE e.case_uuid = c.case_uuid"
        "  AND e.to_status = 'concluded') AS concluded_at"
        " FROM cases AS c INDEXED BY cases_to_purge"
        " WHERE c.status = 'concluded' AND c.personal_purged_at IS NULL AND c.platform_number IS NOT NULL"
        " AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.case_uuid = c.case_uuid AND o.state != 'done')"
        " ORDER BY c.case_number").fetchall()
    return [Candidate(r[0], r[1], r[2]) for r in rows if r[2]]


def purge_case(conn: sqlite3.Connection, case_uuid: str, stamp: str) -> PurgedCase:
    row = conn.execute("SELECT case_number, applicant_uuid FROM cases WHERE case_uuid = ?", (case_uuid,)).fetchone()
    case_number, applicant_uuid = row[0], row[1]
    conn.execute("UPDATE cases SET details_enc = NULL, personal_purged_at = ? WHERE case_uuid = ?", (stamp, case_uuid))
    rewrite_compacted(conn, conn.execute("SELECT * FROM outbox WHERE case_uuid = ? AND state = 'done'"
                                         " AND (compacted_at IS NULL OR payload_enc IS NOT NULL)", (case_uuid,)), stamp)
    shas = sorted({r[0] for r in conn.execute("SELECT sha256 FROM case_blobs WHERE case_uuid = ?", (case_uuid,))})
    blob_rows = conn.execute("DELETE FROM case_blobs WHERE case_uuid = ?", (case_uuid,)).rowcount
    files = []
    for sha in shas:
        if conn.execute("SELECT 1 FROM case_blobs WHERE sha256 = ? LIMIT 1", (sha,)).fetchone() is None:
            conn.execute("UPDATE blobs SET purged_at = coalesce(purged_at, ?) WHERE sha256 = ?", (stamp, sha))
            files.append(sha)
    still_used = conn.execute("SELECT 1 FROM cases WHERE applicant_uuid = ? AND personal_purged_at IS NULL LIMIT 1",
                              (applicant_uuid,)).fetchone()
    applicant_purged = False
    if still_used is None:
        applicant_purged = conn.execute(
            "UPDATE applicants SET payload_enc = ?, id_index = 'purged:' || applicant_uuid"
            " WHERE applicant_uuid = ? AND payload_enc != ?",
            (PURGED_PAYLOAD, applicant_uuid, PURGED_PAYLOAD)).rowcount > 0
    # 邮寄送达: the recipient (name, phone, address); the waybill, carrier and outcome stay for statistics.
    conn.execute("UPDATE case_deliveries SET recipient_enc = ? WHERE case_uuid = ?", (PURGED_PAYLOAD, case_uuid))
    # 代办批次: the village agent's identity goes with the last of the batch's cases.
    conn.execute(
        "UPDATE agent_batches SET agent_enc = ? WHERE agent_enc != ? AND batch_uuid IN"
        " (SELECT batch_uuid FROM agent_batch_cases WHERE case_uuid = ?) AND NOT EXISTS"
        " (SELECT 1 FROM agent_batch_cases m JOIN cases c ON c.case_uuid = m.case_uuid"
        "  WHERE m.batch_uuid = agent_batches.batch_uuid AND c.personal_purged_at IS NULL)",
        (PURGED_PAYLOAD, PURGED_PAYLOAD, case_uuid))
    return PurgedCase(case_number, tuple(files), blob_rows, applicant_purged)


def purged_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM cases WHERE personal_purged_at IS NOT NULL").fetchone()[0])
