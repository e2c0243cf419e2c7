"""Guards against a Qt binding that corrupts the interpreter (PySide6 6.12.0 on CPython 3.11 dropped a reference to
None on every void call and aborted the process after a few thousand calls)."""

from __future__ import annotations

import sys

import pytest

pytestmark = pytest.mark.gui


def test_void_qt_calls_keep_none_alive(qapp):
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("受理")
    assert sys.getrefcount(None) - before > -50
