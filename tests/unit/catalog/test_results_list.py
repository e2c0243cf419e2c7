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
