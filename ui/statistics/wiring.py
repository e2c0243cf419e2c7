"""``wire_statistics``: the 统计 entry of the main window's toolbar opens the statistics view.

The report is computed off the GUI thread (a ``DatabaseOp``); the exports are written off it too (the io pool).
The view (its widgets and Qt Charts: memory the GUI process would hold all day) is built when the clerk first opens
it, not at start: most days it is never opened. Where the figures come from is the composition root's
``StatisticsSource``: the hall's from the platform when it answers, this window's own otherwise, and the view says
which.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QToolBar, QWidget

from clerk_app.reports.hall import ScopedReport, StatisticsSource
from clerk_app.reports.ranges import range_around
from clerk_app.reports.table import paper_sections, report_table
from clerk_app.services import Services
from ui.errors import inline_error_text
from ui.main_window import MainWindow
from ui.tasks import CpuOp, DatabaseOp, NetworkOp, TaskRunner

if TYPE_CHECKING:  # Qt Charts loads with the view, when it is first opened
    from ui.statistics.view import StatisticsView

log = logging.getLogger("onewindow.ui.statistics")


def tr(text: str) -> str:
    return QCoreApplication.translate("statistics", text)


class StatisticsController(QObject):
    def __init__(self, host: QWidget, source: StatisticsSource, tasks: TaskRunner, centre_name: str,
                 today: Callable[[], date] = date.today) -> None:
        super().__init__(host)
        self.host = host
        self._view: StatisticsView | None = None
        self.source = source
        self.tasks = tasks
        self.centre_name = centre_name
        self.today = today
        self.shown: ScopedReport | None = None
        self.toolbar: QToolBar | None = None
        self.listeners: list[Callable[[ScopedReport], None]] = []  # after each report shown (tests, the grab)

    @property
    def view(self) -> StatisticsView:
        """The view, built on first use (opening it, a test reading it)."""
        if self._view is None:
            from ui.statistics.view import StatisticsView

            view = StatisticsView(self.host)
            view.refresh_requested.connect(self.refresh)
            view.export_requested.connect(self.export)
            self._view = view
        return self._view

    @property
    def view_built(self) -> bool:
        return self._view is not None

    def open(self) -> None:
        if self.shown is None:
            self.view.set_choice("month", "window")
            self.refresh()
        self.view.show()
        self.view.raise_()

    def refresh(self) -> None:
        today = self.today()
        first, last = range_around(self.view.kind(), today, self.view.custom_range())
        self.view.show_range(first, last)
        by = self.view.by()
        self.view.show_busy()
        # With a platform the work is first a request that may wait for its timeouts: on the network pool, so the
        # database thread is not held up (the local fallback is a read in its own snapshot, fine on any thread).
        op_kind = NetworkOp if self.source.client is not None else DatabaseOp
        op_kind(self.view, lambda: self.source.report(first, last, by, today)) \
            .success(self._show).failure(self._failed).run(self.tasks)

    def _show(self, scoped: ScopedReport) -> None:
        self.shown = scoped
        self.view.show_report(scoped.report, report_table(scoped.report), scoped.scope)
        for listener in self.listeners:
            listener(scoped)

    def _failed(self, exc: BaseException) -> None:
        log.error("statistics failed: %s", type(exc).__name__)
        self.view.show_message(inline_error_text(exc))

    def export(self, kind: str) -> None:
        if self.shown is None:
            return
        suffix = {"xlsx": "xlsx", "pdf": "pdf"}[kind]
        report = self.shown.report
        name = f"办件统计_{report.start}_{report.end}.{suffix}"
        path, _filter = QFileDialog.getSaveFileName(self.view, tr("Export"), name, f"*.{suffix}")
        if path:
            self.export_to(kind, Path(path))

    def export_to(self, kind: str, path: Path, done: Callable[[Path], None] | None = None) -> None:
        """Write the shown report to ``path`` (off the GUI thread); ``done`` is called on the GUI thread."""
        if self.shown is None:
            raise RuntimeError("no report shown yet")
        table = report_table(self.shown.report)
        centre = self.centre_name

        def write() -> Path:
            from clerk_app.reports.xlsx import write_xlsx  # openpyxl loads when first used
            from printing.render_worker import render  # reportlab: in the render worker

            if kind == "xlsx":
                write_xlsx(table, path)
            else:
                path.write_bytes(render("printing.report_pdf:render_report_pdf", centre, table.title,
                                        table.subtitle, table.header, table.rows, paper_sections(table),
                                        table.notes))
            return path

        def written(result: Path) -> None:
            self.view.show_message(tr("Saved: %1").replace("%1", result.name))
            if done is not None:
                done(result)

        CpuOp(self.view, write).success(written).failure(self._failed).run(self.tasks)


def wire_statistics(window: MainWindow | QWidget, services: Services, tasks: TaskRunner) -> StatisticsController:
    controller = StatisticsController(window, services.statistics, tasks, str(services.config.get("centre.name")))
    bar = QToolBar(tr("Statistics"), window)
    bar.setObjectName("statisticsToolbar")
    bar.setMovable(False)
    action = QAction(tr("Statistics"), bar)
    action.setObjectName("openStatistics")
    action.setToolTip(tr("Case counts, deadline warnings and evaluations for a day, week, month or any range"))
    action.triggered.connect(controller.open)
    bar.addAction(action)
    add = getattr(window, "addToolBar", None)
    if callable(add):
        add(Qt.ToolBarArea.TopToolBarArea, bar)
    controller.toolbar = bar
    return controller
