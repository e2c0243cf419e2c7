"""The daily retention purge (clerk_app/security/retention.py) at start: after the first paint, on the database
worker, never on the GUI thread. A failure is logged (the purge is retried at the next start), not shown: it is
housekeeping, and the clerk can do nothing about it."""

from __future__ import annotations

import logging

from clerk_app.security.retention import RetentionReport
from clerk_app.services import Services
from ui.main_window import MainWindow
from ui.tasks import DatabaseOp, TaskRunner

log = logging.getLogger("onewindow.retention")


def wire_retention(window: MainWindow, services: Services, tasks: TaskRunner) -> DatabaseOp[RetentionReport | None]:
    def done(report: RetentionReport | None) -> None:
        if report is not None:
            log.info("daily retention run: %d cases purged, %d waiting", len(report.cases), report.waiting)

    def failed(exc: BaseException) -> None:
        log.warning("daily retention run failed (%s); retried at the next start", type(exc).__name__)

    op: DatabaseOp[RetentionReport | None] = DatabaseOp(window, services.retention.run_if_due)
    op.success(done).failure(failed)
    window.after_first_paint(lambda: op.run(tasks))
    return op
