"""The sync engine: drains the outbox to the platform, uploads files, pulls changes.

Guarantees (each one a complaint from docs PEERS.md made impossible):
* A row is marked ``sending`` before its first request and ``done`` only after the platform confirmed; a crash or a
  lost answer leaves it ``sending``/``failed`` and the next pass repeats idempotent calls (same key, same body), so
  nothing is lost and nothing is created twice.
* "Same key, same content" is success; "same key, different content" becomes ``conflict`` for the clerk, never a
  retry loop.
* Rows of one case go strictly in order; independent cases go in parallel (``sync.parallel_cases``).
* A ``case_upsert`` sends the case (the manifest, with every file's SHA-256), then each file in chunks resumable from
  the platform's offset, then binds the files once all are complete. Local copies are purged only after the
  binding confirmed processing, plus a grace period.
* Failures back off exponentially with full jitter and a cap, honouring ``Retry-After``.
"""

from __future__ import annotations

import functools
import json
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from clerk_app.domain.delivery import RECIPIENT_KEY
from clerk_app.errors import LoginExpired, UserFacingError
from clerk_app.sync import answers
from clerk_app.sync.adapter import FileState, PlatformAdapter
from clerk_app.sync.audit_head import push_audit_head
from clerk_app.sync.auth import AuthService
from clerk_app.sync.backoff import next_delay
from clerk_app.sync.errors import (
    ContentConflict,
    PlatformBusy,
    PlatformRejected,
    PlatformUnreachable,
    Unauthorised,
    error_kind,
)
from clerk_app.sync.pulls import pull_calendar, pull_case_changes, pull_catalog, pull_payments, pull_receipt_keys
from offline_cache.blobs import BlobStore
from offline_cache.cases import record_platform_receipt, set_platform_number
from offline_cache.crypto import FieldCipher
from offline_cache.db import Database
from offline_cache.outbox import compact_confirmed, repack_compacted
from offline_cache.sync_store import OutboxRow, SyncStore

log = logging.getLogger("onewindow.sync")

CONFLICT_CODE = "conflict_different_content"
CONFLICT_CODES = (CONFLICT_CODE, "platform_number_changed")
# Rows compacted in place before m0093, rewritten per pass (500 a transaction): 100,000 of them over ten passes.
REPACK_BATCHES_PER_PASS = 20


@dataclass(frozen=True)
class EngineSettings:
    parallel_cases: int = 3
    chunk_bytes: int = 256 * 1024
    backoff_base: float = 2.0
    backoff_cap: float = 600.0
    purge_grace: timedelta = timedelta(days=30)
    # Confirmed rows keep their full payload this long (a support case can still look at what was sent).
    compact_grace: timedelta = timedelta(days=1)
    transport_failures_to_stop: int = 3


@dataclass
class SyncReport:
    started_at: str = ""
    finished_at: str = ""
    skipped: bool = False
    online: bool | None = None
    actions_done: int = 0
    actions_failed: int = 0
    conflicts: int = 0
    cases_sent: list[str] = field(default_factory=list)
    files_uploaded: int = 0
    bytes_sent: int = 0
    files_purged: int = 0
    actions_compacted: int = 0
    clock_skew_seconds: float | None = None  # this workstation minus the platform (Date header), if it answered
    clock_off: bool = False  # the difference exceeds platform.clock_skew_warn_seconds
    pulled: dict[str, int] = field(default_factory=dict)
    errors: list[dict[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def error(self, where: str, exc: BaseException) -> None:
        self.errors.append({"where": where, "kind": error_kind(exc),
                            "code": str(getattr(exc, "code", "") or type(exc).__name__),
                            "detail": _safe_reason(exc)})


class BlobMissing(UserFacingError):
    code = "blob_missing"


class _StopPass(Exception):
    pass


class SyncEngine:
    def __init__(self, db: Database, blobs: BlobStore, cipher: FieldCipher, adapter: PlatformAdapter,
                 auth: AuthService, settings: EngineSettings | None = None) -> None:
        self.db, self.blobs, self.cipher, self.adapter, self.auth = db, blobs, cipher, adapter, auth
        self.settings = settings or EngineSettings()
        self.store = SyncStore(db)
        self._pass_lock = threading.Lock()
        self._counter_lock = threading.Lock()
        self._executor = ThreadPoolExecutor(max_workers=max(1, self.settings.parallel_cases),
                                            thread_name_prefix="sync-case")
        self._transport_failures = 0
        self._stop = threading.Event()

    def stop(self) -> None:
        """Finish the row in hand, claim no more (shutdown)."""
        self._stop.set()

    def close(self) -> None:
        self._stop.set()
        self._executor.shutdown(wait=True, cancel_futures=True)

    # -- one pass ---------------------------------------------------------------------------------------------
    def run_once(self, push: bool = True, pull: bool = True) -> SyncReport:
        report = SyncReport(started_at=datetime.now(UTC).isoformat(timespec="seconds"))
        if not self._pass_lock.acquire(blocking=False):
            report.skipped = True
            return report
        try:
            self._transport_failures = 0
            # Stored retry times come from the wall clock: after it was set back (or had run ahead while rows
            # failed) none may lie further ahead than one back-off cap, or rows would wait for the old time.
            self.store.clamp_retry_times(self.settings.backoff_cap)
            if push:
                try:
                    self._push(report)
                    self._purge(report)
                except LoginExpired as exc:
                    report.error("push", exc)
                except Exception as exc:  # the storage or a bug: report it, still pull, never lose the report
                    log.exception("sync push failed")
                    report.error("push", exc)
            # A dead link already seen by the uploads need not be confirmed three more times (each call may wait
            # for its connect timeout); an overloaded platform does not stop the pulls.
            link_down = report.online is False and report.actions_done == 0
            if pull and not self._stop.is_set() and not link_down:
                receipt_keys = functools.partial(pull_receipt_keys, cipher=self.cipher)
                case_changes = functools.partial(pull_case_changes, cipher=self.cipher)
                for name, fn in (("case_changes", case_changes), ("payments", pull_payments),
                                 ("catalog", pull_catalog),
                                 ("calendar", pull_calendar), ("receipt_keys", receipt_keys),
                                 ("audit_head", push_audit_head)):
                    self._pull(name, fn, report)
        finally:
            clock = getattr(self.adapter, "clock", None)
            if clock is not None and clock.last is not None:
                report.clock_skew_seconds = clock.skew_seconds()
                report.clock_off = clock.off()
                if report.clock_off:
                    log.warning("this workstation's clock differs from the platform's by %.0f s",
                                report.clock_skew_seconds)
            report.finished_at = datetime.now(UTC).isoformat(timespec="seconds")
            self._pass_lock.release()
        return report

    def _pull(self, name: str, fn: Any, report: SyncReport) -> None:
        """One pull, isolated: whatever it raises is reported and logged (reason and field, never data), and the
        other pulls go on. Its cursor moves only with data it stored."""
        try:
            report.pulled[name] = self._authed(fn, self.db, self.adapter, self.store)
            report.online = True
        except LoginExpired as exc:
            report.error(f"pull:{name}", exc)
        except UserFacingError as exc:
            log.warning("pull %s refused: %s %s", name, type(exc).__name__, _safe_reason(exc))
            report.error(f"pull:{name}", exc)
            if isinstance(exc, PlatformUnreachable):
                if report.online is None:
                    report.online = False
            else:
                report.online = True
        except Exception as exc:  # a bug or an unforeseen page: this pull only (type only: no data in the log)
            log.error("pull %s failed: %s", name, type(exc).__name__)
            report.error(f"pull:{name}", exc)

    def _push(self, report: SyncReport) -> None:
        lanes = self.store.due_lanes()
        if not lanes:
            return
        futures = [self._executor.submit(self._drain_lane, lane, report) for lane in lanes]
        for future in futures:
            future.result()

    def _drain_lane(self, lane: str, report: SyncReport) -> None:
        while not self._stop.is_set() and self._transport_failures < self.settings.transport_failures_to_stop:
            if any(e["kind"] == "login" for e in report.errors):
                return
            row = self.store.claim_head(lane)
            if row is None:
                return
            if not self._send(row, report):
                return

    def _send(self, row: OutboxRow, report: SyncReport) -> bool:
        """Send one claimed row; True if it is done and the lane may continue."""
        try:
            result, confirm = self._dispatch(row, report)
        except LoginExpired as exc:
            self.store.release(row.outbox_id)
            with self._counter_lock:
                report.error(row.kind, exc)
            return False
        except ContentConflict as exc:
            if exc.code not in CONFLICT_CODES:  # a 409 about a precondition (offset, incomplete files): retry
                return self._failed(row, report, exc)
            log.warning("conflict on %s %s: %s", row.kind, row.action_uuid, exc.code)
            self.store.mark_conflict(row.outbox_id, exc.code, str(exc), exc.details)
            with self._counter_lock:
                report.conflicts += 1
                report.error(row.kind, exc)
            return False
        except (PlatformUnreachable, PlatformBusy, PlatformRejected, BlobMissing) as exc:
            return self._failed(row, report, exc)
        except Exception as exc:  # a bug: keep the row, back off, log with the traceback (no personal data)
            log.exception("sending %s %s failed", row.kind, row.action_uuid)
            self.store.mark_failed(row.outbox_id, "internal", type(exc).__name__,
                                   next_delay(row.attempts, self.settings.backoff_base, self.settings.backoff_cap))
            with self._counter_lock:
                report.actions_failed += 1
                report.error(row.kind, exc)
            return False
        self.store.mark_done(row.outbox_id, result, confirm)
        with self._counter_lock:
            self._transport_failures = 0
            report.actions_done += 1
            report.online = True
            if row.kind == "case_upsert" and row.case_uuid:
                report.cases_sent.append(str(row.payload.get("case_number", row.case_uuid)))
        return True

    def _failed(self, row: OutboxRow, report: SyncReport, exc: Exception) -> bool:
        retry_after = exc.retry_after if isinstance(exc, PlatformBusy) else None
        attempts = row.attempts
        if isinstance(exc, PlatformRejected) and not isinstance(exc, ContentConflict):
            attempts = 60  # "do not retry as is": wait the cap, and show it to the clerk
        delay = next_delay(attempts, self.settings.backoff_base, self.settings.backoff_cap, retry_after)
        self.store.mark_failed(row.outbox_id, str(getattr(exc, "code", "") or type(exc).__name__),
                               type(exc).__name__, delay)
        with self._counter_lock:
            report.actions_failed += 1
            report.error(row.kind, exc)
            if isinstance(exc, PlatformUnreachable):
                self._transport_failures += 1
                if report.online is None:
                    report.online = False
            else:
                report.online = True
        return False

    def _authed(self, fn: Any, *args: Any) -> Any:
        try:
            return fn(*args)
        except Unauthorised:
            self.auth.token_rejected()
            try:
                return fn(*args)
            except Unauthorised as exc:
                from clerk_app.sync.errors import SessionExpired

                raise SessionExpired() from exc

    # -- kinds ------------------------------------------------------------------------------------------------
    def _secret(self, row: OutboxRow) -> dict[str, Any]:
        if row.payload_enc is None:
            return {}
        loaded: dict[str, Any] = json.loads(self.cipher.decrypt(row.payload_enc,
                                                                f"outbox:{row.action_uuid}".encode()))
        return loaded

    def _dispatch(self, row: OutboxRow, report: SyncReport) -> tuple[dict[str, Any], Any]:
        if row.kind == "case_upsert":
            return self._case_upsert(row, report)
        if row.kind == "handover":
            body = {**row.payload, "collector": self._secret(row)}
            answer = self._authed(self.adapter.handover, row.case_uuid, body)
            return answers.check_write_receipt(answer, str(row.case_uuid), body), None
        if row.kind == "evaluation":
            answer = self._authed(self.adapter.evaluation, row.payload)
            return answers.check_write_receipt(answer, str(row.payload.get("evaluation_uuid")), row.payload), None
        if row.kind == "supplement":
            return self._supplement(row, report)
        if row.kind == "correction":
            return self._supplement(row, report, correction=True)
        if row.kind == "fee_notice":  # the payment order of a 缴费通知书, keyed by the notice's UUID
            answer = self._authed(self.adapter.fee_notice, row.action_uuid, row.payload)
            return answers.check_write_receipt(answer, row.action_uuid, row.payload), None
        if row.kind == "routing_slip":  # 材料流转单: keyed by the slip's UUID (a batch of cases, no case lane)
            answer = self._authed(self.adapter.routing_slip, row.action_uuid, row.payload)
            return answers.check_write_receipt(answer, row.action_uuid, row.payload), None
        if row.kind == "routing_receipt":  # the department's receipt of a slip
            slip_uuid = str(row.payload.get("slip_uuid"))
            answer = self._authed(self.adapter.routing_receipt, slip_uuid, row.payload)
            return answers.check_write_receipt(answer, slip_uuid, row.payload), None
        if row.kind == "signature":
            return self._signature(row, report)
        if row.kind == "dispatch":  # 快递送达: the waybill of a mailed result, keyed by the dispatch's UUID
            answer = self._authed(self.adapter.dispatch, row.case_uuid, row.payload)
            return answers.check_write_receipt(answer, str(row.case_uuid), row.payload), None
        if row.kind == "case_void":
            answer = self._authed(self.adapter.void_case, row.case_uuid, row.payload)
            return answers.check_write_receipt(answer, str(row.case_uuid), row.payload), None
        raise PlatformRejected(0, "unknown_kind")

    def _case_upsert(self, row: OutboxRow, report: SyncReport) -> tuple[dict[str, Any], Any]:
        payload = row.payload
        case_uuid = str(payload["case_uuid"])
        secret = self._secret(row)
        recipient = secret.pop(RECIPIENT_KEY, None)
        body = {**payload, "applicant": secret}
        if recipient is not None:  # 邮寄送达: the recipient goes with the case, in its delivery choice
            body["delivery"] = {**payload.get("delivery", {}), "recipient": recipient}
        receipt = answers.check_case_receipt(self._authed(self.adapter.put_case, case_uuid, body), case_uuid, body)
        platform_number = receipt["platform_number"]
        self._record_receipt(case_uuid, receipt)
        # Files uploaded with an online pre-application (``online_files``) are the platform's already: bound with
        # the rest, never sent again.
        materials = [{"material_code": m["material_code"],
                      "files": list(dict.fromkeys([*m.get("files", ()), *m.get("online_files", ())]))}
                     for m in payload.get("materials", ()) if m.get("files") or m.get("online_files")]
        shas = list(dict.fromkeys(sha for m in payload.get("materials", ()) for sha in m.get("files", ())))
        for sha in shas:
            self._upload(sha, row.attempts > 1, report)
        bound: dict[str, Any] = {}
        if materials:
            bound = answers.check_binding(self._authed(self.adapter.bind_materials, case_uuid, materials),
                                          case_uuid, materials)

        def confirm(conn: Any) -> None:
            set_platform_number(conn, case_uuid, platform_number)
            # uploaded_at/server_confirmed_at only now: one local write per case keeps the bookkeeping cheap, and a
            # restart finds the platform's offset for each file anyway (HEAD).
            if not materials or bound.get("processed"):
                self.store.mark_confirmed(conn, shas)

        return {"case": receipt, "materials": bound}, confirm

    def _supplement(self, row: OutboxRow, report: SyncReport,
                    correction: bool = False) -> tuple[dict[str, Any], Any]:
        """补齐 of a 容缺 case, or 补正 asked by the back office: the files first (resumable), then the idempotent
        POST keyed by the action UUID; the platform binds the files only when all are complete."""
        payload = row.payload
        shas = list(dict.fromkeys(sha for m in payload.get("materials", ()) for sha in m.get("files", ())))
        for sha in shas:
            self._upload(sha, row.attempts > 1, report)
        case_uuid = str(payload["case_uuid"])
        if correction:
            answer = answers.check_correction_receipt(
                self._authed(self.adapter.correction, case_uuid, row.action_uuid, payload),
                row.action_uuid, case_uuid, payload)
        else:
            answer = answers.check_supplement_receipt(
                self._authed(self.adapter.supplement, case_uuid, row.action_uuid, payload),
                row.action_uuid, case_uuid, payload)

        def confirm(conn: Any) -> None:
            if answer.get("processed"):
                self.store.mark_confirmed(conn, shas)

        return answer, confirm

    def _signature(self, row: OutboxRow, report: SyncReport) -> tuple[dict[str, Any], Any]:
        """The citizen's signature of one paper (customer screen or 纸质签名): the stroke image first (resumable,
        like a scan), then the idempotent POST keyed by the signature's UUID. The image stays on this machine (it
        is marked uploaded, not confirmed, so no purge removes it): a reprint embeds it again."""
        payload = row.payload
        shas = [sha for m in payload.get("materials", ()) for sha in m.get("files", ())]
        for sha in shas:
            self._upload(sha, row.attempts > 1, report)
            self.store.mark_uploaded(sha)
        answer = self._authed(self.adapter.signature, str(payload["case_uuid"]), row.action_uuid, payload)
        return answers.check_write_receipt(answer, row.action_uuid, payload), None

    def _record_receipt(self, case_uuid: str, receipt: dict[str, Any]) -> None:
        """Record the platform number as soon as a valid receipt names it, so a later answer that contradicts it
        (a replayed or invented receipt) is caught, even before the whole action is done."""
        clock = getattr(self.adapter, "clock", None)
        skew = clock.skew_seconds() if clock is not None else None
        with self.store.lock, self.db.transaction() as conn:
            answers.check_platform_number(conn, case_uuid, receipt["platform_number"])
            record_platform_receipt(conn, case_uuid, receipt["platform_number"], receipt["received_at"],
                                    datetime.now(UTC).isoformat(timespec="milliseconds"), skew)

    # -- files ------------------------------------------------------------------------------------------------
    def _upload(self, sha: str, resuming: bool, report: SyncReport) -> None:
        if self.store.is_uploaded(sha):
            return
        state = self._authed(self.adapter.file_state, sha) if resuming else FileState(0, False)
        if state.complete:
            return
        try:
            data = self.blobs.get(sha)
        except FileNotFoundError as exc:
            raise BlobMissing() from exc
        total = len(data)
        answers.check_file_progress(state.offset, state.complete, total)
        offset, step = state.offset, self.settings.chunk_bytes
        while True:
            chunk = data[offset:offset + step]
            try:
                state = self._authed(self.adapter.append_file, sha, offset, total, chunk)
            except ContentConflict as exc:
                if exc.code != "offset_mismatch":
                    raise
                held = exc.details.get("offset")
                state = FileState(held, False) if isinstance(held, int) and not isinstance(held, bool) else (
                    self._authed(self.adapter.file_state, sha))
                answers.check_file_progress(state.offset, state.complete, total)
                if state.complete:
                    break
                offset = state.offset
                continue
            finally:
                with self._counter_lock:
                    report.bytes_sent += len(chunk)
            answers.check_file_progress(state.offset, state.complete, total, offset, len(chunk))
            if state.complete:
                break
            offset = state.offset
        with self._counter_lock:
            report.files_uploaded += 1

    def _purge(self, report: SyncReport) -> None:
        for sha in self.store.purgeable(self.settings.purge_grace):
            self.blobs.delete(sha)
            self.store.mark_purged(sha)
            report.files_purged += 1
        self._compact(report)

    def _compact(self, report: SyncReport) -> None:
        """Confirmed actions shrink to what the audit trail needs (offline_cache.outbox.compact_confirmed), in small
        transactions so a long backlog never holds the database for long."""
        before = (datetime.now(UTC) - self.settings.compact_grace).isoformat(timespec="milliseconds")
        while not self._stop.is_set():
            with self.db.transaction() as conn:
                done = compact_confirmed(conn, before)
            report.actions_compacted += done
            if done == 0:
                break
        repacked = 0
        for _ in range(REPACK_BATCHES_PER_PASS):  # rows compacted in place before m0093 give their pages back
            if self._stop.is_set():
                break
            with self.db.transaction() as conn:
                done = repack_compacted(conn)
            repacked += done
            if done == 0:
                break
        if repacked:
            log.info("outbox rows repacked: %d", repacked)


def _safe_reason(exc: BaseException) -> str:
    """What of a refusal may be logged: the page's reason or the catalog record and field (public data)."""
    if isinstance(exc, answers.PageRejected):
        return exc.reason
    if isinstance(exc, answers.AnswerInvalid):
        return exc.detail
    where, field_ = getattr(exc, "where", None), getattr(exc, "field", None)
    if isinstance(where, str):
        return f"{where} / {field_}: {getattr(exc, 'problem', '')}"[:300]
    return str(getattr(exc, "code", "") or "")


def drain(engine: SyncEngine, timeout: float = 60.0) -> list[SyncReport]:
    """Run passes until nothing is due (tests, ``sync --once --until-empty``); makes failed rows due at once."""
    reports = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        engine.store.retry_now()
        report = engine.run_once(pull=False)
        reports.append(report)
        if not engine.store.due_lanes():
            break
    return reports
