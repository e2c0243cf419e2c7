"""The queue bar (叫号): the ticket being served, how many wait, and Call next (F9), Recall (F10), Skip (F11),
Transfer and Pause.

``QueueBar`` is the widget; ``QueuePresenter`` connects it to a ``clerk_app.queue.service.QueueService``: presses
become ``submit`` calls (the service runs them on its own thread and drops a press while one is in flight), the
service's reports come back through a queued signal and are shown on the GUI thread. ``ticket_called`` is the hook
for a customer-facing screen: it fires once per call or recall with the number, the window and the announced text.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from clerk_app.queue.adapter import BusinessType, TransferTarget
from clerk_app.queue.case_link import parse_time

log = logging.getLogger("onewindow.ui.queue")


def tr(text: str) -> str:
    return QCoreApplication.translate("queue", text)


def _minutes_since(stamp: str, now: datetime | None = None) -> int | None:
    moment = parse_time(stamp)
    if moment is None:
        return None
    now = now or datetime.now().astimezone()
    return max(0, int((now - moment).total_seconds() // 60))


class QueueBar(QFrame):
    """Shows a ``QueueState``; emits ``action_requested(name)`` for each button. No I/O here."""

    action_requested = Signal(str)
    ticket_called = Signal(str, str, str)  # ticket number, window code, announced text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queueBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "QFrame#queueBar { background: #f3f6fa; }"
            " QLabel#queueTicket { font-size: 22px; font-weight: bold; color: #0d47a1; min-width: 90px; }"
            " QLabel#queueMode { padding: 1px 6px; border-radius: 3px; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.caption = caption = QLabel()
        self.ticket_label = QLabel("—")
        self.ticket_label.setObjectName("queueTicket")
        self.detail_label = QLabel()
        self.detail_label.setObjectName("queueDetail")
        self.waiting_label = QLabel()
        self.waiting_label.setObjectName("queueWaiting")
        self.next_label = QLabel()
        self.next_label.setObjectName("queueNext")
        self.next_label.setStyleSheet("color: #555;")
        self.mode_label = QLabel()
        self.mode_label.setObjectName("queueMode")
        self.mode_label.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        for widget in (caption, self.ticket_label, self.detail_label):
            layout.addWidget(widget)
        layout.addSpacing(16)
        layout.addWidget(self.waiting_label)
        layout.addWidget(self.next_label, 1)
        layout.addWidget(self.mode_label)
        self.buttons: dict[str, QPushButton] = {}
        for name in ("call", "recall", "skip", "transfer", "pause"):
            button = QPushButton()
            button.setObjectName(f"queue_{name}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the clerk's typing focus stays where it is
            button.clicked.connect(lambda _checked=False, n=name: self.action_requested.emit(self._action_of(n)))
            layout.addWidget(button)
            self.buttons[name] = button
        self.paused = False
        self._state: Any = None
        self.retranslate()

    def retranslate(self) -> None:
        self.caption.setText(tr("Serving"))
        for name, text in (("call", tr("Call next (F9)")), ("recall", tr("Recall (F10)")),
                           ("skip", tr("Skip (F11)")), ("transfer", tr("Transfer…"))):
            self.buttons[name].setText(text)
        self.show_state(self._state)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _action_of(self, name: str) -> str:
        if name == "pause":
            return "resume" if self.paused else "pause"
        return name

    def show_state(self, state: Any) -> None:
        """Render a ``QueueState`` (None = no queue system wired yet)."""
        self._state = state
        configured = state is not None and state.configured
        view = state.view if state is not None else None
        served = state.served if state is not None else None
        self.paused = bool(view and view.paused)
        if served is not None:
            ticket = served.ticket
            self.ticket_label.setText(ticket.number)
            waited = _minutes_since(ticket.issued_at, served.called_at_local)
            parts = [ticket.business_name] if ticket.business_name else []
            if waited is not None:
                parts.append(tr("waited {0} min").format(waited))
            self.detail_label.setText(" · ".join(parts))
        else:
            self.ticket_label.setText("—")
            self.detail_label.setText(tr("nobody called") if configured else "")
        if configured and view is not None and state.online:
            self.waiting_label.setText(tr("Waiting: {0}").format(view.waiting))
            nexts = " ".join(t.number for t in view.next_tickets[:5])
            self.next_label.setText(tr("Next: {0}").format(nexts) if nexts else "")
        else:
            self.waiting_label.setText(tr("Waiting: —"))
            self.next_label.setText("")
        self._show_mode(state)
        busy = state is not None and state.busy is not None
        has_ticket = served is not None
        self.buttons["call"].setEnabled(configured and not busy and not self.paused)
        for name in ("recall", "skip", "transfer"):
            self.buttons[name].setEnabled(configured and not busy and has_ticket)
        self.buttons["pause"].setEnabled(configured and not busy)
        self.buttons["pause"].setText(tr("Resume") if self.paused else tr("Pause"))

    def _show_mode(self, state: Any) -> None:
        text, style = mode_text(state)
        self.mode_label.setText(text)
        self.mode_label.setStyleSheet(style)


def mode_text(state: Any) -> tuple[str, str]:
    """The queue's words and colours for the bar and the status bar."""
    if state is None or not state.configured:
        return tr("Queue: manual mode (no queue system)"), "color: #616161;"
    if state.online is False:
        return tr("Queue: manual mode (queue system unreachable)"), "background: #c62828; color: white;"
    if state.online is None:
        return tr("Queue: connecting…"), "color: #616161;"
    if state.view.paused:
        return tr("Queue: window paused"), "background: #f9a825; color: black;"
    return tr("Queue: online"), "color: #2e7d32;"


class TransferDialog(QDialog):
    """Where the current ticket goes: another window (by its code) or another business type's queue."""

    def __init__(self, business_types: list[BusinessType], own_window: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Transfer the ticket"))
        self.setMinimumWidth(380)
        self.own_window = own_window
        self.to_window = QRadioButton(tr("To window"))
        self.to_business = QRadioButton(tr("To the queue of"))
        group = QButtonGroup(self)
        group.addButton(self.to_window)
        group.addButton(self.to_business)
        self.window_edit = QLineEdit()
        self.window_edit.setPlaceholderText(tr("window code, e.g. 02"))
        self.window_edit.setMaxLength(16)
        self.business_combo = QComboBox()
        for business in business_types:
            self.business_combo.addItem(business.name, business.code)
        self.to_business.setEnabled(bool(business_types))
        self.to_window.setChecked(True)
        self.message = QLabel()
        self.message.setStyleSheet("color: #c62828;")
        form = QFormLayout()
        form.addRow(self.to_window, self.window_edit)
        form.addRow(self.to_business, self.business_combo)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.window_edit.textEdited.connect(lambda _t: self.to_window.setChecked(True))
        self.business_combo.activated.connect(lambda _i: self.to_business.setChecked(True))
        self.target: TransferTarget | None = None

    def _accept(self) -> None:
        if self.to_window.isChecked():
            code = self.window_edit.text().strip()
            if not code or code == self.own_window:
                self.message.setText(tr("Enter the code of another window."))
                return
            self.target = TransferTarget(window=code)
        else:
            self.target = TransferTarget(business=str(self.business_combo.currentData()))
        self.accept()


class QueuePresenter(QObject):
    """Between the bar and the service: presses to ``submit``, reports (any thread) to the GUI thread."""

    state_changed = Signal(object)
    ticket_called = Signal(str, str, str)  # for a customer screen: number, window code, announced text

    def __init__(self, bar: QueueBar, status_bar: Any = None, parent: QObject | None = None) -> None:
        super().__init__(parent or bar)
        self.bar = bar
        self.status_bar = status_bar
        self.service: Any = None
        self.business_types: list[BusinessType] = []
        self._shown_seq = -1
        self._announced_seq = -1
        self.dialog: TransferDialog | None = None
        self.state_changed.connect(self.show_state)
        bar.action_requested.connect(self.request)
        self.ticket_called.connect(bar.ticket_called)
        self._show_mode(None)

    def attach(self, service: Any, business_types: list[BusinessType] | None = None) -> None:
        self.service = service
        self.business_types = list(business_types or [])
        listener = self.state_changed.emit  # called on the queue thread; the signal queues it to the GUI thread
        service.add_listener(listener)
        self.destroyed.connect(lambda *_: service.remove_listener(listener))
        self.show_state(service.state())
        service.start()

    def request(self, action: str) -> bool:
        """A press (button or shortcut). False when it was dropped (nothing wired, or an action in flight)."""
        if self.service is None:
            return False
        button = self.bar.buttons["pause" if action in ("pause", "resume") else action]
        if not button.isEnabled():
            return False  # a shortcut does what its button could do now (not a call while paused, …)
        if action == "transfer":
            self.open_transfer()
            return True
        if action == "pause" and self.bar.paused:
            action = "resume"
        accepted = bool(self.service.submit(action))
        if accepted:
            self.show_state(self.service.state())  # buttons off at once: a second press finds them disabled
        return accepted

    def open_transfer(self) -> TransferDialog | None:
        if self.service is None or self.service.served() is None:
            return None
        dialog = TransferDialog(self.business_types, self.service.window_code, self.bar.window())
        # Deleted when it closes (parented to the window, a closed one stayed alive, hidden: one per transfer).
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: dialog.target is not None and self.service.submit("transfer", dialog.target))
        dialog.finished.connect(lambda _code: self._transfer_closed(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _transfer_closed(self, dialog: TransferDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None  # the dialog is about to be deleted: nothing may reach it through here

    def show_state(self, state: Any) -> None:
        if state is not None:
            if state.seq < self._shown_seq:
                return  # a late report of an older step
            self._shown_seq = state.seq
        self.bar.show_state(state)
        self._show_mode(state)
        if state is None:
            return
        if state.event in ("called", "recalled") and state.served is not None and state.seq > self._announced_seq:
            self._announced_seq = state.seq
            self.ticket_called.emit(state.served.ticket.number, self.service.window_code if self.service else "",
                                    state.voice_text)
        if self.status_bar is not None:
            if state.event == "empty":
                self.status_bar.showMessage(tr("Nobody is waiting for this window."), 6000)
            elif state.error_text and state.error_code not in (None, "unreachable"):
                self.status_bar.showMessage(state.error_text, 8000)

    def _show_mode(self, state: Any) -> None:
        if self.status_bar is None:
            return
        text, _style = mode_text(state)
        ok = None if state is None or not state.configured or state.online is None else bool(state.online)
        self.status_bar.set_device_state("queue", text, ok)
