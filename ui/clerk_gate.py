"""The workstation's login, idle lock and shift change (交班) in the main window (issue 13).

``SessionGate`` is an opaque overlay over the whole main window. While nobody is logged in, or the session is
locked, it covers the window, the window's content and shortcuts are disabled (nothing personal is shown and no
key press reaches a panel) and card reads are not put into the applicant panel. It asks for an account and a
password; the check runs off the GUI thread (``ClerkSession.login``/``unlock``: platform when it answers, the cached
verifier otherwise). When locked, the same clerk's password unlocks; another clerk's is a shift change.

``IdleWatch`` locks after ``security.idle_lock_minutes`` without keyboard or mouse input (its clock is injectable
for tests); Ctrl+L locks at once. ``blanked(bool)`` is the signal a customer-facing screen connects to: True when
the session is locked or ended, False when a clerk is working again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from clerk_app.config import Config
from clerk_app.security.clerk_session import TRAINING_ACCOUNTS, Clerk, ClerkSession
from clerk_app.services import UsableServices
from ui.errors import inline_error_text, report_background_error
from ui.input_filter import app_input
from ui.main_window import MainWindow
from ui.tasks import NetworkOp, TaskRunner

log = logging.getLogger("onewindow.ui.clerk")



_PANEL_WIDTH, _PANEL_MARGIN = 420, 24  # the login panel's fixed width and side margins


class SessionGate(QWidget):
    """The overlay with the login / unlock form."""

    blanked = Signal(bool)
    _session_event = Signal(str, object)  # the session's listeners run on any thread: hop to the GUI thread

    def __init__(self, window: MainWindow, session: ClerkSession, tasks: TaskRunner, config: Config,
                 idle_lock_s: float = 0.0, drafts: DraftKeeper | None = None) -> None:
        super().__init__(window)
        self.setObjectName("sessionGate")
        self.window_ = window
        self.session = session
        self.tasks = tasks
        self.config = config
        # The acceptance flow's open draft (None until the acceptance panels are wired: no draft before them).
        self.drafts = drafts
        # Locks after idle_lock_s without input (0: never); stopped with the gate.
        self.idle_watch = IdleWatch(session, idle_lock_s, parent=self)
        self.destroyed.connect(lambda *_: self.idle_watch.stop())
        self.shift_button = QToolButton(window.status)
        self.shift_button.setObjectName("shiftChange")
        self.shift_button.setText(self.tr("Shift change (交班)"))
        self.shift_button.setAutoRaise(True)
        self.shift_button.clicked.connect(lambda: ask_shift_change(window, session, self.drafts))
        window.status.addPermanentWidget(self.shift_button)
        self.lock_action = window.shortcuts.bind("lock", lambda: session.lock("manual"))
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # paint the opaque background
        self.setStyleSheet("QWidget#sessionGate { background: #37474f; }"
                           " QFrame#gatePanel { background: white; border-radius: 6px; }")
        self._build_panel()
        if session.training:
            accounts = "；".join(f"{a} / {v[0]}（{v[1]}）" for a, v in TRAINING_ACCOUNTS.items())
            self.training_hint.setText(self.tr("TRAINING MODE — practice accounts only: {0}").format(accounts))
        self.training_hint.setVisible(session.training)
        self._disabled_actions: list[Any] = []
        self._disabled_widgets: list[QWidget] = []
        self._busy = False
        # Which submit the form waits for. The session's event that uncovers the window can arrive before the op's
        # own delivery: a lock in between covers it again with a fresh form, which that late delivery must leave
        # alone (and its submit must not be refused as still busy).
        self._attempt = 0
        window.installEventFilter(self)
        self._session_event.connect(self._on_session_event)
        session.add_listener(self._session_event.emit)
        self.destroyed.connect(lambda *_: session.remove_listener(self._session_event.emit))
        self.hide()

    def _build_panel(self) -> None:
        panel = QFrame(self)
        panel.setObjectName("gatePanel")
        panel.setFixedWidth(_PANEL_WIDTH)
        self.title = QLabel()
        self.title.setObjectName("gateTitle")
        self.title.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.account = QLineEdit()
        self.account.setObjectName("gateAccount")
        self.password = QLineEdit()
        self.password.setObjectName("gatePassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self.submit)
        self.account.returnPressed.connect(self.password.setFocus)
        form = QFormLayout()
        form.addRow(self.tr("Account"), self.account)
        form.addRow(self.tr("Password"), self.password)
        self.message = QLabel()
        self.message.setObjectName("gateMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        self.training_hint = QLabel()
        self.training_hint.setObjectName("gateTrainingHint")
        self.training_hint.setWordWrap(True)
        self.training_hint.setStyleSheet("background: #fff3e0; color: #bf360c; padding: 6px;")
        self.login_button = QPushButton(self.tr("Log in"))
        self.login_button.setObjectName("gateLogin")
        self.login_button.setDefault(True)
        self.login_button.clicked.connect(self.submit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.login_button)
        inner = QVBoxLayout(panel)
        inner.setContentsMargins(_PANEL_MARGIN, 20, _PANEL_MARGIN, 20)
        inner.addWidget(self.title)
        inner.addWidget(self.subtitle)
        inner.addLayout(form)
        inner.addWidget(self.message)
        inner.addWidget(self.training_hint)
        inner.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(panel)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

    # --- covering the window ---------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.window_ and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.window_.rect())
        return False

    def _cover(self) -> None:
        self.setGeometry(self.window_.rect())
        if not self._disabled_widgets:  # content, tool bars (the queue bar), menus; not the status bar
            self._disable_new_parts()
        if not self._disabled_actions:
            self._disable_new_actions()
        self.show()
        self.raise_()
        self.blanked.emit(True)

    def cover_new(self) -> None:
        """A feature was wired after the gate (the staged start wires most after it): while the gate covers
        the window, what that feature added (a tool bar, a dock, a shortcut) is disabled and under the cover too,
        and given back with the rest when a clerk logs in."""
        if not self.covering:
            return
        self._disable_new_parts()
        self._disable_new_actions()
        self.raise_()

    def _disable_new_parts(self) -> None:
        window = self.window_
        parts: list[QWidget | None] = [window.centralWidget(), window.menuWidget(),
                                       *window.findChildren(QToolBar), *window.findChildren(QDockWidget)]
        for part in parts:
            if part is not None and part.isEnabled():
                part.setEnabled(False)
                self._disabled_widgets.append(part)

    def _disable_new_actions(self) -> None:
        for action in self.window_.shortcuts.actions.values():
            if action.isEnabled():
                action.setEnabled(False)
                self._disabled_actions.append(action)

    def _uncover(self) -> None:
        for widget in self._disabled_widgets:
            widget.setEnabled(True)
        self._disabled_widgets.clear()
        for action in self._disabled_actions:
            action.setEnabled(True)
        self._disabled_actions.clear()
        self.hide()
        self.blanked.emit(False)

    @property
    def covering(self) -> bool:
        return self.isVisible()

    # --- modes -----------------------------------------------------------------------------------------------
    def show_login(self, text: str = "") -> None:
        self.title.setText(self.tr("Log in to the workstation"))
        self.subtitle.setText(self.tr("Each clerk logs in with their own account; cases and papers carry the "
                                      "name of the clerk logged in."))
        self._fresh_form()
        self.account.setEnabled(True)
        self.account.clear()
        self.password.clear()
        self._show_message(text)
        self._cover()
        self.account.setFocus()

    def show_locked(self, clerk: Clerk) -> None:
        self.title.setText(self.tr("Workstation locked"))
        self.subtitle.setText(self.tr("Locked by {0}. Enter the password to continue; another clerk logging in "
                                      "here takes over the window (shift change).").format(clerk.account))
        self._fresh_form()
        self.account.setText(clerk.account)
        self.password.clear()
        self._show_message("")
        self._cover()
        self.password.setFocus()

    def _fresh_form(self) -> None:
        self._attempt += 1
        self._busy = False
        self.login_button.setEnabled(True)

    def _show_message(self, text: str) -> None:
        """A wrapped label inside the fixed-width panel does not tell the rows around it how tall it became (Qt's
        height-for-width stops at the panel's layout): reserve the wrapped text's height, or a long message (the
        sealed data key's advice) is drawn over the password field."""
        self.message.setText(text)
        width = _PANEL_WIDTH - 2 * _PANEL_MARGIN
        self.message.setMinimumHeight(self.message.heightForWidth(width) if text else 0)

    def submit(self) -> None:
        account, password = self.account.text().strip(), self.password.text()
        if self._busy:
            return
        if not account or not password:
            self._show_message(self.tr("Enter the account and the password."))
            return
        self._busy = True
        self.login_button.setEnabled(False)
        self._show_message(self.tr("Checking…"))
        locked = self.session.locked and self.session.clerk is not None
        work: Callable[[], Any] = ((lambda: self.session.unlock(account, password)) if locked
                                   else (lambda: self.session.login(account, password)))
        attempt = self._attempt
        NetworkOp(self, work).success(lambda _result: self._done(attempt)) \
            .failure(lambda exc: self._failed(attempt, exc)).run(self.tasks)

    def _done(self, attempt: int) -> None:
        if attempt != self._attempt:
            return
        self._busy = False
        self.login_button.setEnabled(True)
        self.password.clear()

    def _failed(self, attempt: int, exc: BaseException) -> None:
        if attempt != self._attempt:  # its form is gone: like an op whose window closed
            report_background_error(exc)
            return
        self._busy = False
        self.login_button.setEnabled(True)
        self.password.clear()
        self.password.setFocus()
        self._show_message(inline_error_text(exc))

    # --- the session's events --------------------------------------------------------------------------------
    def _on_session_event(self, event: str, clerk: Clerk | None) -> None:
        status = self.window_.status
        config = self.config
        if event in ("login", "unlock") and clerk is not None:  # the desks follow by the session's own listener
            role = {"supervisor": self.tr("supervisor"), "administrator": self.tr("administrator")}.get(clerk.role)
            label = clerk.label + (f" · {role}" if role else "") + (self.tr(" (offline login)") if not
                                                                     clerk.online and not clerk.training else "")
            status.set_identity(config.get("centre.name"), config.get("window.name"), label)
            self._uncover()
        elif event == "lock" and clerk is not None:
            self.show_locked(clerk)
        elif event == "end":
            status.set_identity(config.get("centre.name"), config.get("window.name"), self.tr("nobody logged in"))
            self.show_login()


class IdleWatch(QObject):
    """Locks the session after ``timeout_s`` without input. ``clock`` is injectable (tests drive it)."""

    def __init__(self, session: ClerkSession, timeout_s: float, clock: Callable[[], float] = time.monotonic,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.timeout_s = timeout_s
        self.clock = clock
        self.last_input = clock()
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.check)
        filters = app_input()  # input anywhere, through the one app-wide filter (ui/input_filter.py)
        if filters is not None and timeout_s > 0:
            filters.listen(self, self.touched)
            self.timer.start()

    def touched(self) -> None:
        """Keyboard or mouse input somewhere in the application."""
        self.last_input = self.clock()

    def check(self) -> bool:
        """Lock if idle too long; True when it locked."""
        if self.timeout_s <= 0 or self.session.clerk is None or self.session.locked:
            self.last_input = self.clock()
            return False
        if self.clock() - self.last_input >= self.timeout_s:
            self.session.lock("idle")
            return True
        return False

    def stop(self) -> None:
        self.timer.stop()
        filters = app_input()
        if filters is not None:
            filters.unlisten(self)


def session_open(session: ClerkSession) -> bool:
    """A clerk is logged in and the session is not locked (devices may fill panels)."""
    return session.clerk is not None and not session.locked


def wire_clerk_session(window: MainWindow, services: UsableServices, tasks: TaskRunner,
                       training_login: str | None = None, drafts: DraftKeeper | None = None) -> SessionGate:
    """``drafts``: the acceptance flow's open draft, for 交班 to keep or discard (None: no acceptance panels)."""
    session = services.clerk_session
    gate = SessionGate(window, session, tasks, services.config,
                       60.0 * float(services.config.get("security.idle_lock_minutes")), drafts)
    if training_login and services.is_training:
        session.start_training(training_login)
    else:
        if training_login:
            log.warning("training auto-login ignored outside training mode")
        gate.show_login()
    return gate


class DraftKeeper(Protocol):
    """The acceptance flow's open draft, as 交班 sees it (``ui.acceptance.drafts.ClerkDrafts``)."""

    def has_open_draft(self) -> bool: ...

    def discard_draft(self) -> None: ...


def ask_shift_change(window: MainWindow, session: ClerkSession, drafts: DraftKeeper | None = None) -> QMessageBox:
    """交班: confirm, then end the session; the next clerk logs in on the gate. With an open draft the clerk keeps
    it for themselves (it comes back at their next login) or discards it, after a second confirmation."""
    if drafts is not None and drafts.has_open_draft():
        return _ask_about_draft(window, session, drafts)
    box = QMessageBox(QMessageBox.Icon.Question, window.tr("Shift change"),
                      window.tr("End the session of {0}? The next clerk logs in with their own account.")
                      .format(session.clerk.account if session.clerk else "-"),
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, window)
    box.setObjectName("shiftChangeBox")
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.buttonClicked.connect(lambda button: session.end("shift_change")
                              if box.standardButton(button) == QMessageBox.StandardButton.Yes else None)
    box.open()
    return box


def _ask_about_draft(window: MainWindow, session: ClerkSession, drafts: DraftKeeper) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Question, window.tr("Shift change"),
                      window.tr("{0} has a case in progress that is not decided yet. Keep it for {0} (it comes "
                                "back at the next login of {0}; other clerks do not see it), or discard it?")
                      .format(session.clerk.account if session.clerk else "-"), QMessageBox.StandardButton.NoButton,
                      window)
    box.setObjectName("shiftChangeDraftBox")
    box.setWindowModality(Qt.WindowModality.WindowModal)
    keep = box.addButton(window.tr("Keep the draft and change shift"), QMessageBox.ButtonRole.AcceptRole)
    keep.setObjectName("keepDraft")
    discard = box.addButton(window.tr("Discard the draft…"), QMessageBox.ButtonRole.DestructiveRole)
    discard.setObjectName("discardDraft")
    box.addButton(QMessageBox.StandardButton.Cancel)

    def clicked(button: object) -> None:
        if button is keep:
            session.end("shift_change", draft="kept")
        elif button is discard:
            _confirm_discard(window, session, drafts)

    box.buttonClicked.connect(clicked)
    box.open()
    return box


def _confirm_discard(window: MainWindow, session: ClerkSession, drafts: DraftKeeper) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Warning, window.tr("Discard the draft"),
                      window.tr("Discard the case in progress? What was entered and scanned for it is lost."),
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, window)
    box.setObjectName("confirmDiscardDraft")
    box.setWindowModality(Qt.WindowModality.WindowModal)

    def clicked(button: object) -> None:
        if box.standardButton(button) == QMessageBox.StandardButton.Yes:  # type: ignore[arg-type]
            drafts.discard_draft()
            session.end("shift_change", draft="discarded")

    box.buttonClicked.connect(clicked)
    box.open()
    return box
