"""Dialogs opened for one case or one paper are deleted when they close (issue 11: every case the barcode gun opened
stayed alive, hidden, with its widgets and its backing store: the workstation grew by about 2 MB a case)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.unit.acceptance.test_ui import desk  # noqa: F401 - the fixture
from tests.unit.acceptance.test_void_ui import _committed as _commit
from ui.acceptance.case_list import CaseDialog
from ui.acceptance.preview import PdfPreviewDialog

pytestmark = pytest.mark.gui


def _deleted_later() -> None:
    """What the event loop does when control returns to it: the deferred deletions of closed dialogs."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _alive(kind: type) -> list[object]:
    return [w for w in QApplication.allWidgets() if isinstance(w, kind)]



def test_twenty_case_dialogs_opened_and_closed_leave_none_alive(qtbot, desk) -> None:  # noqa: F811
    window, controller, _ = desk
    number = _commit(qtbot, controller).case_number
    for _ in range(20):
        controller.open_case(number)
        qtbot.waitUntil(lambda: any(d.isVisible() for d in _alive(CaseDialog)), timeout=10_000)
        (dialog,) = [d for d in _alive(CaseDialog) if d.isVisible()]
        QTest.keyClick(dialog, Qt.Key.Key_Escape)  # the clerk closes it
        assert not dialog.isVisible()
        _deleted_later()
    assert _alive(CaseDialog) == []
    assert window.findChildren(CaseDialog) == [] and controller._dialogs == []  # noqa: SLF001


def test_a_closed_case_dialog_drops_its_late_results(qtbot, desk) -> None:  # noqa: F811
    """The result offer and the delivery record are read off the GUI thread: closed before they arrive, the dialog
    is gone and nothing is shown (or raised) on a deleted widget."""
    _window, controller, _ = desk
    number = _commit(qtbot, controller).case_number
    controller.open_case(number)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in _alive(CaseDialog)), timeout=10_000)
    (dialog,) = _alive(CaseDialog)
    dialog.close()
    _deleted_later()
    controller.tasks.wait()  # what the dialog had asked for delivers now, to nobody
    assert _alive(CaseDialog) == []


def test_a_closed_print_preview_frees_its_pdf_documents(qtbot, desk) -> None:  # noqa: F811
    _window, controller, _ = desk
    controller.auto_print = False
    _commit(qtbot, controller)
    before = len(_window.findChildren(QPdfDocument))
    for _ in range(3):
        QTest.mouseClick(controller.decision.preview_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: any(d.isVisible() for d in _alive(PdfPreviewDialog)), timeout=10_000)
        (preview,) = _alive(PdfPreviewDialog)
        assert all(n >= 1 for n in preview.page_counts())
        preview.close()
        _deleted_later()
    assert _alive(PdfPreviewDialog) == [] and len(_window.findChildren(QPdfDocument)) == before
