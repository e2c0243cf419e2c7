"""Barcode-gun detection (by an injected clock, no timing in the test) and the draft session's bookkeeping."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from clerk_app.acceptance.session import AcceptanceSession
from clerk_app.domain.case import MaterialState
from clerk_app.domain.catalog import MaterialSpec
from offline_cache.cases import PageRef
from ui.acceptance.barcode import BarcodeWedgeFilter

NUMBER = "33030200101202611230007"


class Clock:
    def __init__(self, step: float) -> None:
        self.now = 100.0
        self.step = step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


@pytest.fixture
def field(qtbot, qapp):
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    edit.activateWindow()
    qtbot.waitActive(edit)
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    return edit


def _gun(qapp, step: float) -> tuple[BarcodeWedgeFilter, list[str]]:
    gun = BarcodeWedgeFilter(clock=Clock(step))
    seen: list[str] = []
    gun.scanned.connect(seen.append)
    qapp.installEventFilter(gun)
    return gun, seen


@pytest.mark.gui
def test_fast_digits_and_enter_are_a_scan_and_leave_the_field_clean(qapp, field) -> None:
    gun, seen = _gun(qapp, 0.005)
    field.setText("张")
    QTest.keyClicks(field, NUMBER)
    QTest.keyClick(field, Qt.Key.Key_Return)
    qapp.removeEventFilter(gun)
    assert seen == [NUMBER] and field.text() == "张"


@pytest.mark.gui
@pytest.mark.parametrize(("step", "text"), [(0.2, NUMBER), (0.005, "12345")])
def test_typing_or_short_numbers_are_not_scans(qapp, field, step: float, text: str) -> None:
    gun, seen = _gun(qapp, step)
    QTest.keyClicks(field, text)
    QTest.keyClick(field, Qt.Key.Key_Return)
    qapp.removeEventFilter(gun)
    assert seen == [] and field.text() == text


@pytest.mark.gui
def test_a_scan_into_a_search_box_never_reaches_it_digit_by_digit(qapp, field) -> None:
    gun, seen = _gun(qapp, 0.005)
    changes: list[str] = []
    field.textChanged.connect(changes.append)
    QTest.keyClicks(field, NUMBER)
    assert changes == [] and gun.pending == NUMBER  # held back while the burst lasts
    QTest.keyClick(field, Qt.Key.Key_Return)
    qapp.removeEventFilter(gun)
    assert seen == [NUMBER] and changes == [] and field.text() == ""


@pytest.mark.gui
def test_held_digits_reach_the_field_in_order_before_the_key_that_ends_the_burst(qapp, field) -> None:
    gun, seen = _gun(qapp, 0.005)
    QTest.keyClicks(field, "123a45")
    assert field.text() == "123a"
    gun.flush()  # what the timer does when the burst stops
    qapp.removeEventFilter(gun)
    assert seen == [] and field.text() == "123a45"


@pytest.mark.gui
def test_a_burst_that_stops_without_enter_is_delivered_by_the_timer(qtbot, qapp, field) -> None:
    gun, seen = _gun(qapp, 0.005)
    QTest.keyClicks(field, "51160")
    qtbot.waitUntil(lambda: field.text() == "51160")
    qapp.removeEventFilter(gun)
    assert seen == []


CODES = st.lists(st.sampled_from("ABCDEFGH"), unique=True, max_size=8)


@given(CODES, CODES)
def test_reanswering_keeps_what_the_clerk_marked_for_materials_still_listed(first: list[str],
                                                                            second: list[str]) -> None:
    session = AcceptanceSession()
    session.set_items((), tuple(MaterialSpec(c, c) for c in first))
    for code in first:
        session.mark_received(code)
        session.attach_page(code, PageRef(code.lower() * 64, 10))
    session.set_items((), tuple(MaterialSpec(c, c) for c in second))
    assert [s.code for s in session.checklist] == second
    for code in second:
        record = session.record(code)
        if code in first:
            assert record.state is MaterialState.RECEIVED and record.page_blob_ids == (code.lower() * 64,)
        else:
            assert record.state is MaterialState.MISSING and not record.page_blob_ids


def test_supply_date_only_lives_with_deferral() -> None:
    from datetime import date

    session = AcceptanceSession()
    session.set_items((), (MaterialSpec("A", "A", deferrable=True),))
    session.update("A", state=MaterialState.DEFERRED, supply_by=date(2026, 12, 1))
    assert session.record("A").supply_by == date(2026, 12, 1)
    session.update("A", state=MaterialState.MISSING)
    assert session.record("A").supply_by is None
