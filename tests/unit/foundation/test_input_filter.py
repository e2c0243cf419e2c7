"""The one application-wide event filter (ui/input_filter.py): the idle lock and the barcode gun share it, so an
event that is not input costs one look at its type instead of a Python call per feature (issue 11's stalls)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from tests.unit.acceptance.test_barcode_and_session import Clock as _Clock
from tests.unit.acceptance.test_barcode_and_session import field  # noqa: F401 - the fixture
from ui.acceptance.barcode import BarcodeWedgeFilter
from ui.input_filter import app_input

pytestmark = pytest.mark.gui
NUMBER = "33030200101202600000017"


def test_one_filter_per_application(qapp) -> None:
    assert app_input(qapp) is app_input(qapp) is app_input()


def test_a_gun_burst_is_swallowed_and_still_counts_as_input(qapp, field) -> None:  # noqa: F811
    owner, touched, seen = QObject(), [], []
    filters = app_input(qapp)
    gun = BarcodeWedgeFilter(clock=_Clock(0.005))
    gun.scanned.connect(seen.append)
    filters.listen(owner, lambda: touched.append(1))
    filters.add_key_filter(gun)
    try:
        QTest.keyClicks(field, NUMBER)
        QTest.keyClick(field, Qt.Key.Key_Return)
    finally:
        filters.unlisten(owner)
        filters.remove_key_filter(gun)
    assert seen == [NUMBER] and field.text() == ""
    assert len(touched) == len(NUMBER) + 1  # every press, the swallowed ones too: the clerk is at the window


def test_events_that_are_not_input_reach_no_listener(qapp, qtbot) -> None:
    owner, touched = QObject(), []
    filters = app_input(qapp)
    filters.listen(owner, lambda: touched.append(1))
    try:
        dialog = QWidget()
        qtbot.addWidget(dialog)
        layout = QVBoxLayout(dialog)
        for n in range(10):
            layout.addWidget(QPushButton(str(n)))
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.repaint()
    finally:
        filters.unlisten(owner)
    assert touched == []  # shown, laid out and painted: nothing the clerk did


def test_a_deleted_owner_or_key_filter_is_dropped(qapp, field) -> None:  # noqa: F811
    owner, touched = QObject(), []
    filters = app_input(qapp)
    gun = BarcodeWedgeFilter()
    filters.listen(owner, lambda: touched.append(1))
    filters.add_key_filter(gun)
    owner.deleteLater()
    gun.deleteLater()
    qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QTest.keyClick(field, Qt.Key.Key_A)
    assert touched == [] and field.text() == "a"
    QTest.keyClick(field, Qt.Key.Key_B)
    assert field.text() == "ab"
