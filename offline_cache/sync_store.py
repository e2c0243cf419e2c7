"""Outbox draining state for the sync engine: claiming rows, marking them, file upload state, cursors.

States: ``pending`` -> ``sending`` (claimed, before any request) -> ``done`` (only after the platform confirmed),
or ``failed`` (retry at ``next_attempt_at``), or ``conflict`` (the platform holds different content: the clerk must
look). A row left in ``sending`` by a crash is claimed again: every platform call is idempotent.

Rows of one case are drained strictly in ``outbox_id`` order: only the oldest unfinished row of a case (its *head*)
can be claimed. ``lock`` is the one lock over send / edit / delete: claiming and the edit/delete guards take it.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from clerk_app.errors import ValidationError
from clerk_app.i18n import QT_TRANSLATE_NOOP
from offline_cache.db import Database
from offline_cache.outbox import now_iso

OPEN_STATES = ("pending", "sending", "failed", "conflict")


class CaseFrozen(ValidationError):
    message = QT_TRANSLATE_NOOP(
        "errors", "This case is queued for the platform and can no longer be changed; record a correction instead."
    )


class ActionBusy(ValidationError):
    message = QT_TRANSLATE_NOOP("errors", "This item is being sent right now; try again in a moment.")


@dataclass(frozen=True)
class OutboxRow:
    outbox_id: int
    action_uuid: str
    case_uuid: str | None
    kind: str
    payload: dict[str, Any]
    payload_enc: bytes | None
    state: str
    attempts: int
    created_at: str

    @property
    def lane(self) -> str:
        """Rows of one case share a lane; a row without a case is its own lane."""
        return self.case_uuid or f"action:{self.action_uuid}"


@dataclass(frozen=True)
class QueueSummary:
    queued: int
    conflicts: int
    oldest_case_number: str | None
    oldest_created_at: str | None


def _row(r: sqlite3.Row) -> OutboxRow:
    return OutboxRow(r["outbox_id"], r["action_uuid"], r["case_uuid"], r["kind"], json.loads(r["payload"]),
                     r["payload_enc"], r["state"], r["attempts"], r["created_at"])


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


_HEADS = """
    SELECT o.* FROM outbox o
    WHERE o.state != 'done'
      AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.state != 'done' AND p.outbox_id < o.outbox_id
                      AND p.case_uuid IS NOT NULL AND p.case_uuid = o.case_uuid)
"""


class SyncStore:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.lock = threading.RLock()

    # -- draining ---------------------------------------------------------------------------------------------
    def due_lanes(self, now: datetime | None = None, limit: int = 10_000) -> list[str]:
        """Lanes whose head row may be sent now, oldest first."""
        stamp = _iso(now or datetime.now(UTC))
        rows = self.db.query(
            _HEADS + " AND (o.state IN ('pending', 'sending') OR (o.state = 'failed'"
            " AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ?))) ORDER BY o.outbox_id LIMIT ?",
            (stamp, limit),
        )
        return [_row(r).lane for r in rows]

    def seconds_until_due(self, now: datetime | None = None) -> float | None:
        """Seconds until some lane's head may be sent (0 = now), ``None`` when nothing is queued."""
        moment = now or datetime.now(UTC)
        rows = self.db.query(
            "SELECT min(CASE WHEN o.state IN ('pending', 'sending') OR o.next_attempt_at IS NULL THEN '' ELSE"
            " o.next_attempt_at END) AS due FROM (" + _HEADS + " AND o.state != 'conflict') o")
        due = rows[0]["due"] if rows else None
        if due is None:
            return None
        if due == "":
            return 0.0
        return max(0.0, (datetime.fromisoformat(due) - moment).total_seconds())

    def clamp_retry_times(self, cap_seconds: float, now: datetime | None = None) -> int:
        """Bring every stored retry time within ``now + cap``: a clock set back (or one that ran ahead while the
        rows failed) must not strand rows until the old time comes round. Called at the start of each pass; a
        clock jumping forward only makes rows due sooner, which is harmless (every call is idempotent)."""
        latest = _iso((now or datetime.now(UTC)) + timedelta(seconds=max(0.0, cap_seconds)))
        with self.lock, self.db.transaction() as conn:
            return conn.execute("UPDATE outbox SET next_attempt_at = ? WHERE state = 'failed'"
                                " AND next_attempt_at > ?", (latest, latest)).rowcount

    def claim_head(self, lane: str, now: datetime | None = None) -> OutboxRow | None:
        """Mark the lane's head row ``sending`` (attempts + 1) and return it, if it is due."""
        stamp = _iso(now or datetime.now(UTC))
        where = "o.action_uuid = ?" if lane.startswith("action:") else "o.case_uuid = ?"
        key = lane.removeprefix("action:")
        with self.lock, self.db.transaction() as conn:
            found = conn.execute(
                _HEADS + f" AND {where} AND (o.state IN ('pending', 'sending') OR (o.state = 'failed'"
                " AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ?))) ORDER BY o.outbox_id LIMIT 1",
                (key, stamp),
            ).fetchone()
            if found is None:
                return None
            conn.execute("UPDATE outbox SET state = 'sending', attempts = attempts + 1, updated_at = ?"
                         " WHERE outbox_id = ?", (now_iso(), found["outbox_id"]))
            claimed = _row(found)
            return dataclasses.replace(claimed, state="sending", attempts=claimed.attempts + 1)

    def set_progress(self, outbox_id: int, progress: str) -> None:
        with self.db.transaction() as conn:
            conn.execute("UPDATE outbox SET progress = ? WHERE outbox_id = ?", (progress, outbox_id))

    def mark_done(self, outbox_id: int, result: dict[str, Any],
                  also: Callable[[sqlite3.Connection], None] | None = None) -> None:
        """Mark the row done; ``also`` records what the confirmation means locally, in the same transaction."""
        with self.lock, self.db.transaction() as conn:
            conn.execute(
                "UPDATE outbox SET state = 'done', progress = 'done', server_result = ?, last_error = NULL,"
                " last_error_code = NULL, next_attempt_at = NULL, done_at = ?, updated_at = ? WHERE outbox_id = ?",
                (json.dumps(result, ensure_ascii=False, sort_keys=True), now_iso(), now_iso(), outbox_id),
            )
            if also is not None:
                also(conn)

    def mark_failed(self, outbox_id: int, code: str, message: str, retry_in: float,
                    now: datetime | None = None) -> None:
        at = _iso((now or datetime.now(UTC)) + timedelta(seconds=max(0.0, retry_in)))
        with self.lock, self.db.transaction() as conn:
            conn.execute("UPDATE outbox SET state = 'failed', last_error_code = ?, last_error = ?,"
                         " next_attempt_at = ?, updated_at = ? WHERE outbox_id = ?",
                         (code, message[:500], at, now_iso(), outbox_id))

    def mark_conflict(self, outbox_id: int, code: str, message: str, details: dict[str, Any]) -> None:
        with self.lock, self.db.transaction() as conn:
            conn.execute("UPDATE outbox SET state = 'conflict', last_error_code = ?, last_error = ?,"
                         " server_result = ?, next_attempt_at = NULL, updated_at = ? WHERE outbox_id = ?",
                         (code, message[:500], json.dumps(details, sort_keys=True), now_iso(), outbox_id))

    def release(self, outbox_id: int) -> None:
        """Give a claimed row back without counting the attempt (e.g. the login expired before sending)."""
        with self.lock, self.db.transaction() as conn:
            conn.execute("UPDATE outbox SET state = 'pending', attempts = max(attempts - 1, 0), updated_at = ?"
                         " WHERE outbox_id = ? AND state = 'sending'", (now_iso(), outbox_id))

    def retry_now(self) -> int:
        """Make every failed row due at once (the clerk pressed "sync now")."""
        with self.lock, self.db.transaction() as conn:
            return conn.execute("UPDATE outbox SET next_attempt_at = NULL WHERE state = 'failed'").rowcount

    # -- the one lock over send / edit / delete ----------------------------------------------------------------
    def ensure_editable(self, conn: sqlite3.Connection, case_uuid: str) -> None:
        """Raise ``CaseFrozen`` if the case has anything in the outbox; call inside the edit's transaction."""
        with self.lock:
            if conn.execute("SELECT 1 FROM outbox WHERE case_uuid = ? LIMIT 1", (case_uuid,)).fetchone():
                raise CaseFrozen()

    def delete_action(self, action_uuid: str) -> bool:
        """Withdraw an action the platform has not seen; refused while it is being sent or once sent."""
        with self.lock, self.db.transaction() as conn:
            row = conn.execute("SELECT state, attempts FROM outbox WHERE action_uuid = ?", (action_uuid,)).fetchone()
            if row is None:
                return False
            if row["state"] != "pending" or row["attempts"]:
                raise ActionBusy()
            conn.execute("DELETE FROM outbox WHERE action_uuid = ?", (action_uuid,))
            return True

    # -- reporting --------------------------------------------------------------------------------------------
    def summary(self) -> QueueSummary:
        counts = self.db.query(
            "SELECT sum(state IN ('pending', 'sending', 'failed')) AS queued, sum(state = 'conflict') AS conflicts"
            " FROM outbox WHERE state != 'done'")[0]
        oldest = self.db.query(
            "SELECT o.created_at, c.case_number FROM outbox o LEFT JOIN cases c ON c.case_uuid = o.case_uuid"
            " WHERE o.state != 'done' ORDER BY o.outbox_id LIMIT 1")
        return QueueSummary(int(counts["queued"] or 0), int(counts["conflicts"] or 0),
                            oldest[0]["case_number"] if oldest else None, oldest[0]["created_at"] if oldest else None)

    def open_rows(self) -> list[OutboxRow]:
        return [_row(r) for r in self.db.query("SELECT * FROM outbox WHERE state != 'done' ORDER BY outbox_id")]

    def row_states(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.db.query(
            "SELECT o.action_uuid, o.case_uuid, c.case_number, o.kind, o.state, o.attempts, o.progress,"
            " o.last_error_code, o.next_attempt_at, o.created_at FROM outbox o"
            " LEFT JOIN cases c ON c.case_uuid = o.case_uuid WHERE o.state != 'done' ORDER BY o.outbox_id")]

    # -- files ------------------------------------------------------------------------------------------------
    def blob_sizes(self, shas: list[str]) -> dict[str, int]:
        if not shas:
            return {}
        rows = self.db.query(f"SELECT sha256, size FROM blobs WHERE sha256 IN ({','.join('?' * len(shas))})",
                             tuple(shas))
        return {r["sha256"]: int(r["size"]) for r in rows}

    def is_uploaded(self, sha256: str) -> bool:
        done = self.db.query("SELECT uploaded_at FROM blobs WHERE sha256 = ?", (sha256,))
        return bool(done and done[0]["uploaded_at"])

    def mark_uploaded(self, sha256: str) -> None:
        with self.db.transaction() as conn:
            conn.execute("UPDATE blobs SET uploaded_at = coalesce(uploaded_at, ?) WHERE sha256 = ?",
                         (now_iso(), sha256))

    def mark_confirmed(self, conn: sqlite3.Connection, shas: list[str]) -> None:
        stamp = now_iso()
        conn.executemany("UPDATE blobs SET uploaded_at = coalesce(uploaded_at, ?),"
                         " server_confirmed_at = coalesce(server_confirmed_at, ?) WHERE sha256 = ?",
                         [(stamp, stamp, sha) for sha in shas])

    def purgeable(self, grace: timedelta, now: datetime | None = None) -> list[str]:
        """Blobs the platform confirmed longer than ``grace`` ago, still present locally, and needed by no open
        outbox row (a file shared with an unsent case stays)."""
        cutoff = _iso((now or datetime.now(UTC)) - grace)
        rows = self.db.query(
            "SELECT sha256 FROM blobs WHERE server_confirmed_at IS NOT NULL AND server_confirmed_at <= ?"
            " AND purged_at IS NULL", (cutoff,))
        still_needed: set[str] = set()
        for row in self.open_rows():
            for material in row.payload.get("materials", ()):
                still_needed.update(material.get("files", ()))
        return [r["sha256"] for r in rows if r["sha256"] not in still_needed]

    def mark_purged(self, sha256: str) -> None:
        with self.db.transaction() as conn:
            conn.execute("UPDATE blobs SET purged_at = ? WHERE sha256 = ?", (now_iso(), sha256))

    # -- cursors ----------------------------------------------------------------------------------------------
    def cursor(self, stream: str) -> str | None:
        rows = self.db.query("SELECT cursor FROM sync_cursors WHERE stream = ?", (stream,))
        return str(rows[0]["cursor"]) if rows else None


def store_cursor(conn: sqlite3.Connection, stream: str, cursor: str) -> None:
    """Store a pull cursor with the caller's connection: call it in the transaction that stored the data."""
    conn.execute("INSERT INTO sync_cursors (stream, cursor, updated_at) VALUES (?, ?, ?)"
                 " ON CONFLICT (stream) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at",
                 (stream, cursor, now_iso()))
