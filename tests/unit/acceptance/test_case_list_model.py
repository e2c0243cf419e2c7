"""The case list is a model/view table: a refresh touches only the rows that changed."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from clerk_app.domain.case import CaseStatus
from offline_cache.cases import CaseSummary
from ui.acceptance.case_list import CaseListPanel, CaseRow

pytestmark = pytest.mark.gui


def _row(n: int, status: CaseStatus = CaseStatus.ACCEPTED, level: str = "none") -> CaseRow:
    summary = CaseSummary(
        case_uuid=f"uuid-{n}", case_number=f"5116020120261201{n:04d}", item_names=("居民身份证补领",),
        status=status, decision=None, created_at="2026-12-01T09:00:00", promised_date=date(2026, 12, 8),
        legal_deadline=None, deadline_certain=True, applicant_name="张三丰",
    )
    return CaseRow(summary, level)


class Recorder:
    def __init__(self, panel: CaseListPanel) -> None:
        self.events: list[tuple[str, int, int]] = []
        model = panel.model
        model.rowsInserted.connect(lambda _p, first, last: self.events.append(("inserted", first, last)))
        model.rowsRemoved.connect(lambda _p, first, last: self.events.append(("removed", first, last)))
        model.dataChanged.connect(lambda a, b, _roles=(): self.events.append(("changed", a.row(), b.row())))
        model.modelReset.connect(lambda: self.events.append(("reset", -1, -1)))


def test_a_refresh_with_nothing_new_touches_no_row(qtbot) -> None:
    panel = CaseListPanel()
    qtbot.addWidget(panel)
    rows = [_row(n) for n in range(50)]
    panel.show_rows(rows)
    recorder = Recorder(panel)
    panel.show_rows([_row(n) for n in range(50)])
    assert recorder.events == []
    assert panel.model.rowCount() == 50


def test_a_new_case_is_one_inserted_row_and_a_status_change_one_changed_row(qtbot) -> None:
    panel = CaseListPanel()
    qtbot.addWidget(panel)
    panel.show_rows([_row(n) for n in range(1, 6)])
    recorder = Recorder(panel)
    panel.show_rows([_row(0)] + [_row(n) for n in range(1, 6)])  # newest first
    assert recorder.events == [("inserted", 0, 0)]
    recorder.events.clear()
    changed = [_row(n) for n in range(6)]
    changed[3] = _row(3, CaseStatus.IN_REVIEW)
    panel.show_rows(changed)
    assert recorder.events == [("changed", 3, 3)]
    model = panel.model
    assert model.data(model.index(3, 3)) == panel.status_text("in_review")
    assert [r.summary.case_number for r in panel.rows] == [r.summary.case_number for r in changed]


def test_rows_that_leave_are_removed_and_colours_follow_the_level(qtbot) -> None:
    panel = CaseListPanel()
    qtbot.addWidget(panel)
    panel.show_rows([_row(n) for n in range(5)])
    recorder = Recorder(panel)
    panel.show_rows([_row(0), _row(1, level="red"), _row(4)])
    assert ("removed", 2, 3) in recorder.events or ("removed", 1, 3) in recorder.events
    model = panel.model
    assert model.rowCount() == 3
    assert model.data(model.index(1, 0), Qt.ItemDataRole.BackgroundRole).color().name() == "#ef9a9a"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None
    assert [model.data(model.index(r, 0)) for r in range(3)] == [_row(n).summary.case_number for n in (0, 1, 4)]


def test_enter_on_a_row_asks_to_open_that_case(qtbot) -> None:
    panel = CaseListPanel()
    qtbot.addWidget(panel)
    panel.show_rows([_row(n) for n in range(3)])
    with qtbot.waitSignal(panel.open_requested) as blocker:
        panel.table.activated.emit(panel.model.index(2, 1))
    assert blocker.args == [_row(2).summary.case_number]
