"""Retention of personal data (PIPL Art. 19: no longer than necessary; Art. 47: delete when the purpose is met).

A case that is concluded and confirmed by the platform (it has the platform's number and none of its outbox
actions is still open) keeps its personal fields on this PC for ``retention.personal_days`` after its conclusion
(default 190: the six months in which the decision can be challenged in court, 行政诉讼法 第四十六条, which also
covers the 60 days of 行政复议, plus a margin for the platform's archive to answer questions). Then the applicant's
document, the case's personal details, its scans, card photo and printed PDFs are purged; what statistics count
(the case row, items, dates, decision, status, window, clerk, queue times, materials' names and states, events)
stays, so reports still count the case. Each purged case is one ``retention_purge`` entry in the audit trail (case
number and counts, never personal data), in the same transaction as the purge.

``run`` is the command (``python main.py retention run [--dry-run]``); ``run_if_due`` the daily run the GUI starts
off the GUI thread after the first paint. The clock is injected (tests drive it).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from offline_cache import audit_log, retention, settings_kv
from offline_cache.blobs import BlobStore
from offline_cache.db import Database

log = logging.getLogger("onewindow.retention")

LAST_RUN_KEY = "retention.last_run_day"
BATCH = 200  # cases per transaction: a long backlog never holds the database for long


@dataclass
class RetentionReport:
    cutoff: str
    dry_run: bool
    cases: list[str] = field(default_factory=list)  # case numbers purged (or, dry run, that would be)
    files_deleted: int = 0
    applicants_purged: int = 0
    waiting: int = 0  # concluded and confirmed, still inside the period

    def as_dict(self) -> dict[str, object]:
        return {"cutoff": self.cutoff, "dry_run": self.dry_run, "purged": len(self.cases), "cases": self.cases,
                "files_deleted": self.files_deleted, "applicants_purged": self.applicants_purged,
                "waiting": self.waiting}


def _local_now() -> datetime:
    return datetime.now().astimezone()


class RetentionService:
    def __init__(self, db: Database, blobs: BlobStore, days: int,
                 clock: Callable[[], datetime] = _local_now) -> None:
        self.db = db
        self.blobs = blobs
        self.days = days
        self.clock = clock

    def run(self, dry_run: bool = False, actor: str = "system") -> RetentionReport:
        now = self.clock()
        cutoff = now - timedelta(days=self.days)
        report = RetentionReport(cutoff.isoformat(timespec="seconds"), dry_run)
        with self.db.transaction() as conn:
            due = []
            for candidate in retention.candidates(conn):
                concluded = datetime.fromisoformat(candidate.concluded_at)
                if concluded.tzinfo is None:
                    concluded = concluded.astimezone()
                if concluded < cutoff:
                    due.append(candidate)
                else:
                    report.waiting += 1
        if dry_run:
            report.cases = [c.case_number for c in due]
            return report
        stamp = now.isoformat(timespec="seconds")
        for start in range(0, len(due), BATCH):
            files: list[str] = []
            with self.db.transaction() as conn:
                for candidate in due[start:start + BATCH]:
                    purged = retention.purge_case(conn, candidate.case_uuid, stamp)
                    audit_log.record(conn, "retention_purge", actor, {
                        "case_number": purged.case_number, "concluded_at": candidate.concluded_at,
                        "files": len(purged.files), "file_links": purged.blob_rows,
                        "applicant_purged": purged.applicant_purged, "days": self.days})
                    report.cases.append(purged.case_number)
                    report.applicants_purged += int(purged.applicant_purged)
                    files.extend(purged.files)
            for sha in files:  # after the commit: a crash in between leaves a file marked purged, never a gap
                self.blobs.delete(sha)
                report.files_deleted += 1
        if report.cases:
            log.info("retention purged %d cases, %d files", len(report.cases), report.files_deleted)
        return report

    def run_if_due(self) -> RetentionReport | None:
        """Once per local day (the GUI calls this off the GUI thread at start); None when it already ran today."""
        today = self.clock().date().isoformat()
        if settings_kv.get_setting(self.db, LAST_RUN_KEY) == today:
            return None
        report = self.run()
        with self.db.transaction() as conn:
            settings_kv.put_setting(conn, LAST_RUN_KEY, today)
        return report
