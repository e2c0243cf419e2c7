"""Sync in the main window: the background sync worker, its state in the status bar, and "sync now" (F5).

The service is ``services.sync``; the composition root starts the platform side off the GUI thread
(``Services.start_platform``: in training mode the bundled sandbox process) before the worker starts. The worker
thread reports a ``SyncStatus`` after each pass; a relay signal carries it to the GUI thread. The last error names
the real cause: network down, the platform refusing or failing, or the login having expired.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QToolButton

from clerk_app.services import Services
from clerk_app.sync.errors import SyncErrorKind
from clerk_app.sync.service import SyncService, SyncStatus
from ui.main_window import MainWindow
from ui.tasks import NetworkOp, TaskRunner

log = logging.getLogger("onewindow.ui.sync")




def clock_text(skew_seconds: float) -> str:
    """The warning when this workstation's clock differs from the platform's (dates on receipts would be wrong)."""
    minutes = max(1, round(abs(skew_seconds) / 60))
    if skew_seconds > 0:
        return QCoreApplication.translate("sync", "This computer's clock is {0} min ahead of the platform's: "
                                                  "have it corrected").format(minutes)
    return QCoreApplication.translate("sync", "This computer's clock is {0} min behind the platform's: "
                                              "have it corrected").format(minutes)


def error_text(kind: SyncErrorKind | None, code: str | None) -> str | None:
    """The status bar's words for the last error, naming its real cause (PEERS #12)."""
    if kind is None:
        return None
    if kind is SyncErrorKind.NETWORK:
        return QCoreApplication.translate("sync", "Network down: the platform cannot be reached")
    if code == "wrong_centre":
        return QCoreApplication.translate("sync", "The platform refused a case of another centre (403): this account "
                                          "sends only its own centre's cases")
    if code == "too_many_attempts":
        return QCoreApplication.translate("sync", "Too many failed logins: the platform asks to wait (429)")
    if kind is SyncErrorKind.SERVER:
        return QCoreApplication.translate("sync", "The platform refused or failed ({0})").format(code or "?")
    if kind is SyncErrorKind.LOGIN:
        return QCoreApplication.translate("sync", "Login expired: log in again to resume syncing")
    return QCoreApplication.translate("sync", "Sync error ({0}); see the log").format(code or "?")


class SyncPresenter(QObject):
    status_changed = Signal(object)

    def __init__(self, window: MainWindow, tasks: TaskRunner, service: SyncService, training: bool) -> None:
        super().__init__(window)
        self.window = window
        self.tasks = tasks
        self.service = service
        self.training = training
        self.attached = False  # True once the platform side is up and the worker runs
        self._shown_seq = -1
        self.status_changed.connect(self.show_status)
        self.login_button = QToolButton(window.status)
        self.login_button.setObjectName("platformLogin")
        self.login_button.setText(QCoreApplication.translate("sync", "Log in to the platform"))
        self.login_button.setAutoRaise(True)
        self.login_button.clicked.connect(self.open_login)
        self.login_button.setVisible(False)
        window.status.addPermanentWidget(self.login_button)
        self.queue_button = QToolButton(window.status)
        self.queue_button.setObjectName("syncQueue")
        self.queue_button.setText(QCoreApplication.translate("sync", "Queue…"))
        self.queue_button.setAutoRaise(True)
        self.queue_button.clicked.connect(self.open_queue)
        window.status.addPermanentWidget(self.queue_button)

    def attach(self) -> None:
        service = self.service
        # Training logs in by itself; in production the clerk can always (re)log in from the status bar.
        self.login_button.setVisible(service.configured and not self.training)
        listener = self.status_changed.emit  # called on the sync thread; the signal queues it to the GUI thread
        service.add_listener(listener)
        self.destroyed.connect(lambda *_: service.remove_listener(listener))
        self.show_status(service.status())
        service.start()
        self.attached = True

    def show_status(self, status: SyncStatus) -> None:
        if status.seq < self._shown_seq:
            return  # an older pass's report delivered late
        self._shown_seq = status.seq
        bar = self.window.status
        if not status.configured:
            bar.set_network_state(QCoreApplication.translate("sync", "not configured"), None)
        elif status.online is None:
            bar.set_network_state(QCoreApplication.translate("sync", "connecting…"), None)
        elif status.online:
            bar.set_network_state(QCoreApplication.translate("sync", "online"), True)
        else:
            bar.set_network_state(QCoreApplication.translate("sync", "offline"), False)
        error = error_text(status.last_error_kind, status.last_error_code)
        if status.conflicts:
            conflict = QCoreApplication.translate("sync", "{0} item(s) need attention").format(status.conflicts)
            error = f"{error}; {conflict}" if error else conflict
        skew = getattr(status, "clock_skew_seconds", None)
        if skew is not None:
            clock = clock_text(skew)
            error = f"{error}; {clock}" if error else clock
        if status.last_error_kind is SyncErrorKind.LOGIN:
            self.login_button.setVisible(True)
            self.login_button.setStyleSheet("color: #c62828; font-weight: bold;")
        else:
            self.login_button.setStyleSheet("")
        oldest = status.oldest_case_number or (status.oldest_created_at or "")[:16] or None
        bar.set_sync_state(status.queued, oldest, error)

    def open_login(self) -> Any:
        from ui.sync_login import PlatformLoginDialog

        if not self.attached:
            return None
        dialog = PlatformLoginDialog(self.service, self.tasks, self.window)
        # Parented to the window, a closed dialog would only be hidden and live on for the rest of the day (as
        # the case dialogs did: issue 11); a login result arriving after the close is dropped with it (ui.tasks).
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _code: self.window.status.showMessage(dialog.result_text, 8000)
                                if dialog.result_text else None)
        dialog.open()
        return dialog

    def open_queue(self) -> Any:
        from ui.sync_queue import SyncQueueDialog

        if not self.attached:
            return None
        dialog = SyncQueueDialog(self.service, self.tasks, self.window)
        # As the login dialog: its rows, or an export's result, arriving after the close are dropped with it (the
        # export itself is written).
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def sync_now(self) -> None:
        if not self.attached:
            return
        self.window.status.set_network_state(QCoreApplication.translate("sync", "syncing…"), None)
        self.service.sync_now()


def wire_sync(window: MainWindow, services: Services, tasks: TaskRunner) -> SyncPresenter:
    presenter = SyncPresenter(window, tasks, services.sync, services.is_training)
    window.shortcuts.bind("sync_now", presenter.sync_now)

    def failed(exc: BaseException) -> None:
        log.error("sync could not start: %s", type(exc).__name__)
        window.status.set_network_state(QCoreApplication.translate("sync", "sync unavailable"), False)

    op = NetworkOp(window, services.start_platform).success(lambda _none: presenter.attach()).failure(failed)
    window.after_first_paint(lambda: op.run(tasks))  # the sandbox process starts after the first paint
    return presenter
