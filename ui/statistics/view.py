"""The statistics view (办件统计): a stacked bar chart of 办件量 by decision, per day or per group, and the report's
table under it; range (day, week, month, custom), group-by, refresh and the two exports on top.

The view only shows what it is given (``show_report``) and says what the user asked for through signals; the
report is computed off the GUI thread by ``ui.statistics.wiring``. Which figures it shows (the hall's or this
window's own) is said in the scope line, never left to guess.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QChartView, QStackedBarSeries, QValueAxis
from PySide6.QtCore import QCoreApplication, QDate, QMargins, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerk_app.i18n import QT_TRANSLATE_NOOP
from clerk_app.reports.ranges import RANGE_KINDS
from clerk_app.reports.service import DECISIONS, DIMENSIONS, Report
from clerk_app.reports.table import ReportTable

CONTEXT = "statistics"
RANGE_NAMES = {"day": QT_TRANSLATE_NOOP("statistics", "Day"), "week": QT_TRANSLATE_NOOP("statistics", "Week"),
               "month": QT_TRANSLATE_NOOP("statistics", "Month"),
               "custom": QT_TRANSLATE_NOOP("statistics", "Custom range")}
BY_NAMES = {"window": QT_TRANSLATE_NOOP("statistics", "By window"),
            "clerk": QT_TRANSLATE_NOOP("statistics", "By clerk"),
            "department": QT_TRANSLATE_NOOP("statistics", "By department"),
            "item": QT_TRANSLATE_NOOP("statistics", "By item")}
DECISION_LABELS = {"accept": QT_TRANSLATE_NOOP("statistics", "Accepted"),
                   "accept_with_deficiency": QT_TRANSLATE_NOOP("statistics", "Accepted with deficiencies"),
                   "one_time_notice": QT_TRANSLATE_NOOP("statistics", "One-time notice"),
                   "reject": QT_TRANSLATE_NOOP("statistics", "Not accepted")}
DECISION_COLOURS = {"accept": "#2e7d32", "accept_with_deficiency": "#f9a825", "one_time_notice": "#1565c0",
                    "reject": "#c62828"}
SCOPE_TEXTS = {"hall": QT_TRANSLATE_NOOP("statistics",
                                         "Hall-wide figures (all windows of the centre, from the platform)"),
               "window": QT_TRANSLATE_NOOP("statistics",
                                           "This window's own figures (offline: the platform is not reachable)"),
               "local": QT_TRANSLATE_NOOP("statistics", "This window's own figures")}
MAX_GROUP_BARS = 15  # more groups than that: the biggest, the table lists them all


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class StatisticsView(QWidget):
    refresh_requested = Signal()
    export_requested = Signal(str)  # "xlsx" or "pdf"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("statisticsView")
        self.setWindowTitle(tr("Statistics"))
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_controls())
        layout.addLayout(self._build_status())
        layout.addWidget(self._build_body(), 1)
        self._report: Report | None = None

        self.range_kind.currentIndexChanged.connect(self._kind_changed)
        self.refresh.clicked.connect(self.refresh_requested)
        self.group_by.currentIndexChanged.connect(lambda _i: self.refresh_requested.emit())
        self.chart_mode.currentIndexChanged.connect(lambda _i: self._draw_chart())
        self.export_xlsx.clicked.connect(lambda: self.export_requested.emit("xlsx"))
        self.export_pdf.clicked.connect(lambda: self.export_requested.emit("pdf"))
        self.set_exports_enabled(False)
        self.resize(1180, 760)

    def _build_controls(self) -> QHBoxLayout:
        self.range_kind = QComboBox()
        self.range_kind.setObjectName("rangeKind")
        for kind in RANGE_KINDS:
            self.range_kind.addItem(tr(RANGE_NAMES[kind]), kind)
        self.first = QDateEdit()
        self.last = QDateEdit()
        for edit, name in ((self.first, "firstDay"), (self.last, "lastDay")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.group_by = QComboBox()
        self.group_by.setObjectName("groupBy")
        for by in DIMENSIONS:
            self.group_by.addItem(tr(BY_NAMES[by]), by)
        self.chart_mode = QComboBox()
        self.chart_mode.setObjectName("chartMode")
        self.chart_mode.addItem(tr("Bars per day"), "days")
        self.chart_mode.addItem(tr("Bars per group"), "groups")
        self.refresh = QPushButton(tr("Refresh"))
        self.refresh.setObjectName("refreshStatistics")
        self.export_xlsx = QPushButton(tr("Export .xlsx"))
        self.export_xlsx.setObjectName("exportXlsx")
        self.export_pdf = QPushButton(tr("Export PDF"))
        self.export_pdf.setObjectName("exportPdf")
        controls = QHBoxLayout()
        controls.addWidget(self.range_kind)
        controls.addWidget(self.first)
        controls.addWidget(QLabel("—"))
        controls.addWidget(self.last)
        controls.addWidget(self.group_by)
        controls.addWidget(self.chart_mode)
        controls.addWidget(self.refresh)
        controls.addStretch(1)
        controls.addWidget(self.export_xlsx)
        controls.addWidget(self.export_pdf)
        return controls

    def _build_status(self) -> QHBoxLayout:
        self.scope = QLabel()
        self.scope.setObjectName("statisticsScope")
        self.scope.setStyleSheet("font-weight: bold;")
        self.state = QLabel()
        self.state.setObjectName("statisticsState")
        self.state.setStyleSheet("color: #757575;")
        status = QHBoxLayout()
        status.addWidget(self.scope)
        status.addStretch(1)
        status.addWidget(self.state)
        return status

    def _build_body(self) -> QSplitter:
        self.chart = QChart()
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart_view = QChartView(self.chart)
        self.chart_view.setObjectName("statisticsChart")
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(220)
        self.table = QTableWidget(0, 0)
        self.table.setObjectName("statisticsTable")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.chart_view)
        split.addWidget(self.table)
        split.setSizes([360, 260])
        return split

    # -- what the user asked for ---------------------------------------------------------------------------
    def kind(self) -> str:
        return str(self.range_kind.currentData())

    def by(self) -> str:
        return str(self.group_by.currentData())

    def custom_range(self) -> tuple[date, date]:
        return self.first.date().toPython(), self.last.date().toPython()  # type: ignore[return-value]

    def set_choice(self, kind: str, by: str) -> None:
        self.range_kind.setCurrentIndex(RANGE_KINDS.index(kind))
        self.group_by.blockSignals(True)
        self.group_by.setCurrentIndex(DIMENSIONS.index(by))
        self.group_by.blockSignals(False)

    def show_range(self, first: date, last: date) -> None:
        self.first.setDate(_qdate(first))
        self.last.setDate(_qdate(last))

    def _kind_changed(self, _index: int) -> None:
        custom = self.kind() == "custom"
        self.first.setEnabled(custom)
        self.last.setEnabled(custom)
        if not custom:
            self.refresh_requested.emit()

    # -- what it shows ---------------------------------------------------------------------------------------
    def set_exports_enabled(self, enabled: bool) -> None:
        self.export_xlsx.setEnabled(enabled)
        self.export_pdf.setEnabled(enabled)

    def show_busy(self) -> None:
        self.refresh.setEnabled(False)
        self.state.setText(tr("Computing…"))

    def show_message(self, text: str) -> None:
        self.refresh.setEnabled(True)
        self.state.setText(text)

    def show_report(self, report: Report, table: ReportTable, scope: str) -> None:
        self._report = report
        self.refresh.setEnabled(True)
        self.scope.setText(tr(SCOPE_TEXTS.get(scope, SCOPE_TEXTS["local"])))
        self.state.setText(QCoreApplication.translate(CONTEXT, "%1 to %2 · %n case(s)", "", report.total.cases)
                           .replace("%1", report.start.isoformat()).replace("%2", report.end.isoformat()))
        self._fill_table(table)
        self._draw_chart()
        self.set_exports_enabled(True)

    def _fill_table(self, table: ReportTable) -> None:
        self.table.clear()
        self.table.setColumnCount(len(table.header))
        self.table.setRowCount(len(table.rows))
        self.table.setHorizontalHeaderLabels(list(table.header))
        for r, row in enumerate(table.rows):
            for c, value in enumerate(row):
                cell = QTableWidgetItem(str(value))
                if c:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if r == len(table.rows) - 1:  # the total
                    font = cell.font()
                    font.setBold(True)
                    cell.setFont(font)
                self.table.setItem(r, c, cell)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def _draw_chart(self) -> None:
        report = self._report
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        if report is None:
            return
        if self.chart_mode.currentData() == "groups":
            groups = report.groups[:MAX_GROUP_BARS]
            categories = [g.label for g in groups]
            values = {d: [g.by_decision[d] for g in groups] for d in DECISIONS}
            self.chart.setTitle(tr("Cases by decision per group"))
        else:
            categories = [day[5:] for day, _ in report.days]  # MM-DD
            values = {d: [counts[d] for _, counts in report.days] for d in DECISIONS}
            self.chart.setTitle(tr("Cases by decision per day"))
        series = QStackedBarSeries()
        for decision in DECISIONS:
            bars = QBarSet(tr(DECISION_LABELS[decision]))
            bars.setColor(QColor(DECISION_COLOURS[decision]))
            bars.append([float(v) for v in values[decision]])
            series.append(bars)
        self.chart.addSeries(series)
        x = QBarCategoryAxis()
        x.append(categories)
        if len(categories) > 16:
            x.setLabelsAngle(-90)
        self.chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(x)
        y = QValueAxis()
        highest = max((sum(values[d][i] for d in DECISIONS) for i in range(len(categories))), default=0)
        y.setRange(0, max(1, highest))
        y.setLabelFormat("%d")
        y.applyNiceNumbers()
        self.chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(y)
