"""The result list tells its view only which rows a keystroke changed."""

from __future__ import annotations

import pytest

from clerk_app.catalog.search import SearchHit
from ui.catalog_results import ResultList

pytestmark = pytest.mark.gui


def hit(code: str, score: int = 900, kind: str = "item") -> SearchHit:
    return SearchHit(code, f"事项{code}", "民政", "", score, "name_prefix", kind)


@pytest.fixture
def results(qtbot) -> ResultList:
    view = ResultList("[组合] ")
    qtbot.addWidget(view)
    return view


def test_a_keystroke_that_keeps_the_rows_changes_nothing_on_screen(qtbot, results: ResultList) -> None:
    model = results.results_model
    results.set_hits([hit("A"), hit("B"), hit("C")])
    signals: list[str] = []
    model.dataChanged.connect(lambda first, last: signals.append(f"changed {first.row()}-{last.row()}"))
    model.modelReset.connect(lambda: signals.append("reset"))
    model.rowsRemoved.connect(lambda _p, first, last: signals.append(f"removed {first}-{last}"))
    model.rowsInserted.connect(lambda _p, first, last: signals.append(f"inserted {first}-{last}"))

    results.set_hits([hit("A", 750), hit("B", 600), hit("C")])  # other scores, same rows
    assert signals == []
    results.set_hits([hit("A"), hit("X"), hit("C")])
    assert signals == ["changed 1-1"]
    signals.clear()
    results.set_hits([hit("A")])
    assert signals == ["removed 1-2"]
    signals.clear()
    results.set_hits([hit("Z"), hit("Y", kind="bundle")])
    assert signals == ["inserted 1-1", "changed 0-0"]
    assert [results.item(r).text() for r in range(results.count())] == ["事项Z　·　民政", "[组合] 事项Y　·　民政"]


def test_refilling_makes_the_first_row_current_without_a_row_change(qtbot, results: ResultList) -> None:
    moved: list[str] = []
    results.current_changed.connect(moved.append)
    results.set_hits([hit("A"), hit("B")])
    results.setCurrentRow(1)
    assert moved == ["B"] and results.current_code() == "B"
    results.set_hits([hit("C"), hit("B")])
    assert results.currentRow() == 0 and results.current_code() == "C"
    assert moved == ["B"]  # a keystroke's refill is not the clerk moving
    results.set_hits([])
    assert results.count() == 0 and results.current_code() is None and moved == ["B"]


def test_tongban_marks_cross_area_and_outside_rows(qtbot, results: ResultList) -> None:
    """跨域通办 rows name the deciding body; an item outside its 通办范围 is greyed with the reason as its tooltip."""
    from pathlib import Path

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from ui.i18n import load_translators

    translators = load_translators(QApplication.instance(), "zh_CN")
    try:
        cross = SearchHit("C1", "居民身份证换领", "公安户政", "", 900, "name", reach="cross",
                          body="广安市公安局前锋区分局")
        outside = SearchHit("O1", "个体工商户设立登记", "市场监管", "", 800, "name", reach="outside",
                            body="前锋区市场监督管理局", reach_note="超出通办范围（全县(区)）")
        results.set_hits([hit("L1"), cross, outside])
        model = results.results_model
        assert model.label(0) == "事项L1　·　民政"
        assert model.label(1).endswith("［跨域通办 · 实施主体：广安市公安局前锋区分局］")
        assert "超出通办范围" in model.label(2)
        assert "全县(区)" in model.data(model.index(2), Qt.ItemDataRole.ToolTipRole)
        assert model.data(model.index(2), Qt.ItemDataRole.ForegroundRole) is not None
        assert model.data(model.index(1), Qt.ItemDataRole.ForegroundRole) is None
        results.resize(640, 120)
        results.show()
        Path("/tmp/tongban-papers").mkdir(exist_ok=True)
        results.grab().save("/tmp/tongban-papers/catalog-results.png")
    finally:
        for translator in translators:
            QApplication.instance().removeTranslator(translator)
