"""Hall-wide figures over real HTTP: two windows of one centre accept the practice cases through the acceptance
flow, evaluate some and sync them to the sandbox; ``GET /api/v1/reports`` aggregates both windows, the
workstation's statistics source shows them as the hall's, and once the platform is gone it shows its own window's
figures and says so. Counts are made here from what each window's seed says it made."""

from __future__ import annotations

import dataclasses
import json
import os
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import requests

from clerk_app.acceptance.practice import seed
from clerk_app.context import open_workstation
from clerk_app.customer.evaluation import CaseContext
from clerk_app.paths import resolve_paths
from clerk_app.services import Services, build_services
from clerk_app.sync.engine import drain

pytestmark = pytest.mark.integration

GRADES = (5, 1, 4, 2, None, 3)  # given in turn to each window's cases (None: skipped, 未评价)


@pytest.fixture
def windows(tmp_path: Path, sandbox: Any) -> Iterator[dict[str, Services]]:
    built: dict[str, Services] = {}
    for window in ("01", "02"):
        ws = open_workstation(resolve_paths(tmp_path / f"window-{window}"))
        ws = dataclasses.replace(ws, config=ws.config.with_overrides(
            platform__base_url=sandbox.base_url, window__code=window, sync__backoff_base_seconds=0.01,
            sync__backoff_cap_seconds=0.05, platform__read_timeout=5.0))
        built[window] = build_services(ws)
    yield built
    for services in built.values():
        services.close()


def _work_a_day(services: Services) -> tuple[list[Any], dict[str, int | None]]:
    services.catalog.ensure_training_catalog()
    made = seed(services)
    rows = services.workstation.db.query(
        "SELECT case_uuid, case_number, item_codes, centre_code, window_code, clerk_id FROM cases"
        " ORDER BY case_number")
    given: dict[str, int | None] = {}
    for n, r in enumerate(rows):
        grade = GRADES[n % len(GRADES)]
        services.evaluations.record(CaseContext(r["case_uuid"], r["case_number"], tuple(json.loads(r["item_codes"])),
                                                r["centre_code"], r["window_code"], r["clerk_id"]), grade,
                                    ["服务态度"], "王五说太慢")
        given[r["case_number"]] = grade
    drain(services.sync.engine, timeout=120)
    left = services.workstation.db.query("SELECT kind, state FROM outbox WHERE state != 'done'")
    assert not left, [tuple(r) for r in left]
    return made, given


@pytest.fixture
def view(qtbot: Any, windows: dict[str, Services]) -> Iterator[Any]:
    """The first window's statistics view, wired as in the workstation, in Chinese."""
    from PySide6.QtWidgets import QApplication, QMainWindow

    from ui.i18n import load_translators
    from ui.statistics.wiring import wire_statistics
    from ui.tasks import TaskRunner

    app = QApplication.instance()
    translators = load_translators(app, "zh_CN")
    window = QMainWindow()
    qtbot.addWidget(window)
    tasks = TaskRunner()
    controller = wire_statistics(window, windows["01"], tasks)
    qtbot.addWidget(controller.view)
    controller.view.set_choice("day", "window")
    yield controller
    tasks.shutdown()
    for translator in translators:
        app.removeTranslator(translator)


def _shown_in_view(qtbot: Any, controller: Any, tmp_path: Path, name: str) -> Any:
    before = controller.shown
    controller.refresh()
    qtbot.waitUntil(lambda: controller.shown is not None and controller.shown is not before, timeout=60_000)
    qtbot.wait(200)  # the chart's scene repaints on the event loop
    path = Path(os.environ.get("ONEWINDOW_SHOTS") or tmp_path) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    assert controller.view.grab().save(str(path))
    return controller.shown


def test_the_hall_report_aggregates_every_window_and_offline_shows_the_own(
        windows: dict[str, Services], sandbox: Any, view: Any, qtbot: Any, tmp_path: Path) -> None:
    made = {}
    given: dict[str, int | None] = {}
    for window, services in windows.items():
        made[window], per_window = _work_a_day(services)
        given.update(per_window)
    today = date.today()
    first = windows["01"]

    scoped = first.statistics.report(today, today, "window", today)
    assert scoped.scope == "hall"
    report = scoped.report
    assert {g.key: g.cases for g in report.groups} == {w: len(m) for w, m in made.items()}
    everything = [c for m in made.values() for c in m]
    assert report.total.cases == len(everything)
    assert report.total.by_decision == {d: sum(1 for c in everything if c.decision == d)
                                        for d in report.total.by_decision}
    grades = Counter(given.values())
    assert report.total.evaluations["非常不满意"] == grades[1] and report.total.evaluations["未评价"] == grades[None]
    assert report.total.poor == grades[1] + grades[2] > 0
    assert sorted(p["case_number"] for p in report.poor) == sorted(n for n, g in given.items() if g in (1, 2))
    assert {p["window"] for p in report.poor} == {"01", "02"}
    assert "王五" not in json.dumps(report.as_json(), ensure_ascii=False)  # never the citizen's words or name
    assert "warnings" in report.unavailable  # what only a window knows is not shown as a hall-wide zero
    by_item = first.statistics.report(today, today, "item", today).report
    assert sum(g.cases for g in by_item.groups) == len(everything)
    assert Counter({g.label: g.cases for g in by_item.groups}) == Counter(c.item_names[0] for c in everything)

    # The document describes the route; a bad range is refused with the error body.
    document = requests.get(f"{sandbox.base_url}/openapi.json", timeout=5).json()
    assert "/api/v1/reports" in document["paths"] and "ReportAnswer" in document["components"]["schemas"]
    token = first.sync.auth.access_token()
    refused = requests.get(f"{sandbox.base_url}/api/v1/reports", params={"from": "2026-02-01", "to": "2026-01-01"},
                           headers={"Authorization": f"Bearer {token}"}, timeout=5)
    assert refused.status_code == 422 and refused.json()["code"] == "invalid_range"

    # The view online: the hall's figures, said above the chart; the table's 红牌 column is "-" (not measured).
    shown = _shown_in_view(qtbot, view, tmp_path, "statistics_hall.png")
    assert shown.scope == "hall" and "全厅" in view.view.scope.text()
    table = view.view.table
    assert table.item(table.rowCount() - 1, 1).text() == str(len(everything))
    red_column = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())].index("红牌")
    assert table.item(table.rowCount() - 1, red_column).text() == "-"

    sandbox.thread.stop()  # the platform goes away: this window's own figures, and it says so
    own = first.statistics.report(today, today, "window", today)
    assert own.scope == "window" and own.report.scope == "window"
    assert [(g.key, g.cases) for g in own.report.groups] == [("01", len(made["01"]))]
    shown = _shown_in_view(qtbot, view, tmp_path, "statistics_offline.png")
    assert shown.scope == "window" and "离线" in view.view.scope.text()
    assert table.item(table.rowCount() - 1, 1).text() == str(len(made["01"]))
