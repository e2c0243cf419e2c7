"""Dialogs opened for one case or one paper are deleted when they close (issue 11: every case the barcode gun opened
stayed alive, hidden, with its widgets and its backing store: the workstation grew by about 2 MB a case). So are the
window's other one-shot dialogs: 打印机校准, the sync queue, the platform login and the queue's transfer."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QAction
from PySide6.QtPdf import QPdfDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolBar

from clerk_app.services import DeviceHooks, build_services
from clerk_app.sync.auth import AuthService
from tests.unit.acceptance.test_ui import desk  # noqa: F401 - the fixture
from tests.unit.acceptance.test_void_ui import _committed as _commit
from tests.unit.printing.helpers import RecordingSpooler
from tests.unit.sync.factory import make_case
from tests.unit.sync.fake_platform import FakePlatform
from ui.acceptance.case_list import CaseDialog
from ui.acceptance.preview import PdfPreviewDialog
from ui.calibration_dialog import CalibrationDialog
from ui.main_window import MainWindow
from ui.queue_bar import QueueBar, QueuePresenter, TransferDialog
from ui.results_wiring import wire_results
from ui.sync_login import PlatformLoginDialog
from ui.sync_queue import SyncQueueDialog
from ui.sync_wiring import SyncPresenter
from ui.tasks import TaskRunner

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


@pytest.fixture
def window_desk(qtbot, workstation):
    """A main window over the real services, nothing of the acceptance desk wired."""
    services = build_services(workstation, DeviceHooks(spooler=RecordingSpooler(known=["A4-Laser"])))
    window = MainWindow(training=True)
    qtbot.addWidget(window)
    tasks = TaskRunner()
    window.show()
    yield window, services, tasks
    tasks.shutdown()
    services.close()


def _closed_at_once(dialog, tasks: TaskRunner) -> None:
    """The clerk closes the dialog in the turn it opened in: what it asked for off the GUI thread is still on its way
    and arrives (``tasks.wait`` delivers it) once the dialog is gone."""
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    _deleted_later()
    assert tasks.wait()


def test_closed_calibration_dialogs_are_deleted_and_drop_their_late_results(qtbot, window_desk) -> None:
    window, services, tasks = window_desk
    wire_results(window, services, tasks, None)
    action = window.findChild(QAction, "openCalibration")
    for _ in range(3):
        action.trigger()
        (dialog,) = _alive(CalibrationDialog)
        _closed_at_once(dialog, tasks)  # its printers and its first check page arrive to nobody
        assert _alive(CalibrationDialog) == []
    action.trigger()
    (dialog,) = _alive(CalibrationDialog)
    qtbot.waitUntil(lambda: dialog.preview_pages == 1, timeout=10_000)  # all loaded, then closed
    dialog.close()
    _deleted_later()
    assert _alive(CalibrationDialog) == [] and window.findChildren(CalibrationDialog) == []


def test_closed_sync_queue_dialogs_are_deleted_and_drop_their_late_rows(qtbot, window_desk) -> None:
    window, services, tasks = window_desk
    presenter = SyncPresenter(window, tasks, services.sync, training=False)
    presenter.attached = True  # as once the platform side is up (no sandbox is started in a unit test)
    make_case(services.workstation, pages=1)  # one item in the real outbox
    for _ in range(3):
        _closed_at_once(presenter.open_queue(), tasks)
        assert _alive(SyncQueueDialog) == []
    dialog = presenter.open_queue()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10_000)
    dialog.close()
    _deleted_later()
    assert _alive(SyncQueueDialog) == [] and window.findChildren(SyncQueueDialog) == []


def test_a_login_dialog_closed_while_its_login_runs_is_deleted_and_drops_the_answer(qtbot, window_desk) -> None:
    """The login goes through (the session is the service's) and asks for the sync itself, but its late answer
    reaches no dialog: nothing is accepted or shown on a deleted widget."""
    window, services, tasks = window_desk
    platform = FakePlatform()
    platform.password = "right-password"
    synced: list[int] = []
    service = SimpleNamespace(auth=AuthService(services.workstation.db, platform, "m"),
                              sync_now=lambda: synced.append(1))
    presenter = SyncPresenter(window, tasks, service, training=False)
    presenter.attached = True
    dialog = presenter.open_login()
    dialog.account.setText("clerk9")
    dialog.password.setText("right-password")
    dialog.try_login()
    _closed_at_once(dialog, tasks)
    assert _alive(PlatformLoginDialog) == [] and window.findChildren(PlatformLoginDialog) == []
    assert platform.calls == ["login"] and service.auth.account == "clerk9"
    assert synced == [1]  # the waiting cases do not wait for the worker's next pass
    assert window.status.currentMessage() == ""


def test_closed_transfer_dialogs_are_deleted(qtbot, window_desk) -> None:
    window, _services, _tasks = window_desk
    bar = QueueBar()
    toolbar = QToolBar(window)
    toolbar.addWidget(bar)
    window.addToolBar(toolbar)
    presenter = QueuePresenter(bar, window.status, window)
    submitted: list[tuple[object, ...]] = []
    presenter.service = SimpleNamespace(served=object, window_code="01",
                                        submit=lambda *args: submitted.append(args) or True)
    for _ in range(3):
        _closed_at_once(presenter.open_transfer(), TaskRunner())
        assert _alive(TransferDialog) == [] and presenter.dialog is None
    dialog = presenter.open_transfer()
    dialog.window_edit.setText("02")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert [(action, target.window) for action, target in submitted] == [("transfer", "02")]
    _deleted_later()
    assert _alive(TransferDialog) == [] and window.findChildren(TransferDialog) == [] and presenter.dialog is None
