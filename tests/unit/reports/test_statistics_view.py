"""The statistics view offscreen: the report computed off the GUI thread, the chart's bars and the table checked
against counts made here, both exports read back, the view grabbed (``ONEWINDOW_SHOTS``: also kept there)."""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from clerk_app.reports.service import DECISIONS

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))
from bench_reports import TODAY, generate  # noqa: E402


@pytest.fixture(params=["en"])
def statistics(request: Any, qtbot: Any, services: Any) -> Any:
    """The view wired as in the workstation; ``zh_CN`` (indirect parameter): with the Chinese translations."""
    from PySide6.QtWidgets import QApplication, QMainWindow

    from ui.i18n import load_translators
    from ui.statistics.wiring import wire_statistics
    from ui.tasks import TaskRunner

    app = QApplication.instance()
    translators = load_translators(app, request.param)
    window = QMainWindow()
    qtbot.addWidget(window)
    tasks = TaskRunner()
    controller = wire_statistics(window, services, tasks)
    qtbot.addWidget(controller.view)
    yield controller
    tasks.shutdown()
    for translator in translators:
        app.removeTranslator(translator)


def _shown(qtbot: Any, controller: Any, action: Any) -> Any:
    before = controller.shown
    action()
    qtbot.waitUntil(lambda: controller.shown is not None and controller.shown is not before, timeout=30_000)
    return controller.shown


def _bars(controller: Any) -> dict[str, list[float]]:
    (series,) = controller.view.chart.series()
    return {s.label(): [s.at(i) for i in range(s.count())] for s in series.barSets()}


def _save(qtbot: Any, widget: Any, tmp_path: Path, name: str) -> Path:
    qtbot.wait(200)  # the chart's scene repaints its new axes and title on the event loop
    path = Path(os.environ.get("ONEWINDOW_SHOTS") or tmp_path) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(path))
    return path


def test_the_view_shows_the_seeded_day_offline_and_exports_it(qtbot: Any, statistics: Any, services: Any,
                                                             tmp_path: Path) -> None:
    import openpyxl

    from clerk_app.acceptance.practice import seed

    services.catalog.ensure_training_catalog()
    made = seed(services)
    statistics.today = date.today
    statistics.view.set_choice("day", "item")
    scoped = _shown(qtbot, statistics, statistics.refresh)
    # The training sandbox is not started: the platform does not answer, so this window's own figures, said so.
    assert scoped.scope == "window" and "offline" in statistics.view.scope.text()
    decisions = Counter(c.decision for c in made)
    bars = _bars(statistics)
    assert list(bars) == ["Accepted", "Accepted with deficiencies", "One-time notice", "Not accepted"]
    assert [bars[label][0] for label in bars] == [decisions.get(d, 0) for d in DECISIONS]
    table = statistics.view.table
    last = table.rowCount() - 1
    assert table.item(last, 0).text() == "合计" and table.item(last, 1).text() == str(len(made))
    items = Counter(c.item_names[0] for c in made)
    assert {table.item(r, 0).text(): int(table.item(r, 1).text()) for r in range(last)} == dict(items)

    written: list[Path] = []
    statistics.export_to("xlsx", tmp_path / "s.xlsx", written.append)
    statistics.export_to("pdf", tmp_path / "s.pdf", written.append)
    qtbot.waitUntil(lambda: len(written) == 2, timeout=30_000)
    sheet = openpyxl.load_workbook(tmp_path / "s.xlsx")["汇总"]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=3, values_only=True) if r and r[1] is not None}
    assert rows["合计"][1] == len(made) and rows["合计"][2] == decisions.get("accept", 0)
    assert (tmp_path / "s.pdf").read_bytes().startswith(b"%PDF")
    _save(qtbot, statistics.view, tmp_path, "statistics_day.png")


@pytest.mark.parametrize("statistics", ["zh_CN"], indirect=True)
def test_a_simulated_month_per_day_and_per_group(qtbot: Any, statistics: Any, services: Any,
                                                 tmp_path: Path) -> None:
    db = services.workstation.db
    generate(db, 1500, span_days=31)  # 2026-11-01 … 2026-12-01
    statistics.today = lambda: TODAY - timedelta(days=1)  # November
    statistics.view.set_choice("month", "window")
    scoped = _shown(qtbot, statistics, statistics.refresh)
    per_day: dict[str, Counter[str]] = {}
    for r in db.query("SELECT substr(created_at, 1, 10) AS day, decision FROM cases"
                      " WHERE created_at >= '2026-11-01' AND created_at < '2026-12-01'"):
        per_day.setdefault(r["day"], Counter())[r["decision"]] += 1
    report = scoped.report
    assert (report.start, report.end) == (date(2026, 11, 1), date(2026, 11, 30))
    bars = _bars(statistics)
    days = [f"2026-11-{n:02d}" for n in range(1, 31)]
    assert list(bars) == ["受理", "容缺受理", "一次性告知", "不予受理"]  # the Chinese translations
    assert "离线" in statistics.view.scope.text()
    accepted = bars["受理"]
    assert len(accepted) == 30 and accepted == [float(per_day.get(d, Counter())["accept"]) for d in days]
    assert sum(sum(v) for v in bars.values()) == sum(sum(c.values()) for c in per_day.values()) > 1000
    _save(qtbot, statistics.view, tmp_path, "statistics_month_days.png")

    statistics.view.chart_mode.setCurrentIndex(1)  # bars per group: the four windows
    windows = Counter(r["window_code"] for r in db.query(
        "SELECT window_code FROM cases WHERE created_at >= '2026-11-01' AND created_at < '2026-12-01'"))
    bars = _bars(statistics)
    axis = statistics.view.chart.axes()[0]
    per_window = [sum(v[i] for v in bars.values()) for i in range(len(axis.categories()))]
    assert dict(zip(axis.categories(), per_window, strict=True)) == {f"窗口 {w}": float(n) for w, n in windows.items()}
    _save(qtbot, statistics.view, tmp_path, "statistics_month_groups.png")
    assert json.dumps(report.as_json(), ensure_ascii=False)  # the JSON of the simulated month serialises


def test_the_view_is_built_when_the_clerk_first_opens_it(qtbot: Any, services: Any) -> None:
    """Wiring adds the 统计 toolbar entry only: the view (its widgets, Qt Charts) would otherwise sit in the GUI
    process's memory all day on a day it is never opened."""
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMainWindow, QWidget

    from ui.statistics.wiring import wire_statistics
    from ui.tasks import TaskRunner

    window = QMainWindow()
    qtbot.addWidget(window)
    tasks = TaskRunner()
    try:
        controller = wire_statistics(window, services, tasks)
        assert not controller.view_built
        assert window.findChild(QWidget, "statisticsView") is None
        assert controller.shown is None
        action = controller.toolbar.findChild(QAction, "openStatistics")
        action.trigger()
        assert controller.view_built
        view = window.findChild(QWidget, "statisticsView")
        assert view is controller.view and view.isVisible()
        qtbot.waitUntil(lambda: controller.shown is not None, timeout=30_000)
        action.trigger()  # a second open shows the same view
        assert window.findChildren(QWidget, "statisticsView") == [view]
    finally:
        tasks.shutdown()
