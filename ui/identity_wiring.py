"""Wiring of the identity feature: the applicant panel, the reader manager, F2, the device status.

The manager's listeners run on device threads; ``_Bridge`` re-emits them as Qt signals so every slot runs on
the GUI thread (Electrum's QtEventListener pattern). A social security card that needs its PIN asks for it
through a modal dialog on the GUI thread while the device thread waits; the PIN is never stored.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QWidget

from clerk_app.errors import UserFacingError
from clerk_app.services import UsableServices
from devices.identity_base import IdentityRecord, ReaderInfo
from devices.identity_manager import IdentityListener
from devices.identity_simulated import SimulatedDriver
from ui.applicant_panel import ApplicantPanel
from ui.main_window import MainWindow
from ui.tasks import DatabaseOp, TaskRunner


class _Bridge(QObject, IdentityListener):
    readers_signal = Signal(object)
    present_signal = Signal(object)
    read_signal = Signal(object, object)
    removed_signal = Signal(object)
    failed_signal = Signal(object, object)

    def readers_changed(self, connected: list[ReaderInfo]) -> None:
        self.readers_signal.emit(connected)

    def card_present(self, reader: ReaderInfo) -> None:
        self.present_signal.emit(reader)

    def card_read(self, reader: ReaderInfo, record: IdentityRecord) -> None:
        self.read_signal.emit(reader, record)

    def card_removed(self, reader: ReaderInfo) -> None:
        self.removed_signal.emit(reader)

    def read_failed(self, reader: ReaderInfo | None, error: UserFacingError) -> None:
        self.failed_signal.emit(reader, error)


class PinPrompt(QObject):
    """Called on a device thread; shows the dialog on the GUI thread and waits for the answer. Built on the GUI
    thread before the main window (the services take it), so the dialog opens over the window active then."""

    ask = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._parent = parent
        self._answer: str | None = None
        self._done = threading.Event()
        self.ask.connect(self._show)

    def __call__(self) -> str | None:
        self._done.clear()
        self._answer = None
        self.ask.emit()
        self._done.wait(300)
        answer, self._answer = self._answer, None
        return answer

    def _show(self) -> None:
        title = QCoreApplication.translate("identity", "Social security card PIN")
        prompt = QCoreApplication.translate("identity", "This card needs its PIN. Ask the holder to enter it:")
        parent = self._parent or QApplication.activeWindow()
        text, ok = QInputDialog.getText(parent, title, prompt, QLineEdit.EchoMode.Password)
        self._answer = text if ok and text else None
        self._done.set()


def reader_status_text(connected: list[ReaderInfo]) -> tuple[str, bool]:
    if not connected:
        return QCoreApplication.translate("identity", "Card reader: not connected"), False
    simulated = QCoreApplication.translate("identity", "simulated")
    names = ", ".join(simulated if info.simulated else info.label for info in connected)
    return QCoreApplication.translate("identity", "Card reader: {0}").format(names), True


def wire_identity(window: MainWindow, services: UsableServices, tasks: TaskRunner) -> ApplicantPanel:
    # device work runs on the manager's own stack threads; tasks only for the audit of a reveal
    panel = ApplicantPanel(training=services.is_training)
    window.install_area("applicant", panel)
    manager = services.identity  # its PIN prompt came from ``ui.wiring.pin_hooks``
    bridge = _Bridge(window)
    manager.add_listener(bridge)

    def on_readers(connected: list[ReaderInfo]) -> None:
        text, ok = reader_status_text(connected)
        window.status.set_device_state("idcard", text, ok)

    bridge.readers_signal.connect(on_readers)
    reading = QCoreApplication.translate("identity", "Reading the card…")
    removed = QCoreApplication.translate("identity", "Card removed.")
    bridge.present_signal.connect(lambda _reader: panel.show_info(reading))
    from ui.clerk_gate import session_open

    def audit_reveal(revealed: bool) -> None:
        """Showing the full ID number is an access beyond the masked view: audited (never the number itself)."""
        if not revealed:
            return
        from offline_cache import audit_log

        session = services.clerk_session
        clerk = session.clerk.account if session.clerk is not None else "-"
        db = services.workstation.db
        DatabaseOp(panel, lambda: audit_log.write(db, "reveal", clerk, {"what": "id_number",
                                                                          "where": "applicant_panel"})
                     ).run(tasks)

    panel.reveal_button.toggled.connect(audit_reveal)
    # Locked or nobody logged in: a card placed on the reader must not fill the panel behind the lock screen.
    session = services.clerk_session
    bridge.read_signal.connect(lambda _reader, record: panel.show_card(record) if session_open(session) else None)
    bridge.removed_signal.connect(lambda _reader: panel.show_info(removed))
    bridge.failed_signal.connect(lambda _reader, error: panel.show_error(error))
    window.shortcuts.bind("read_card", manager.read_now)
    panel.read_button.clicked.connect(manager.read_now)

    simulated = next((d for d in manager.drivers if isinstance(d, SimulatedDriver)), None)
    if simulated is not None:
        reader = simulated.reader
        panel.set_training_deck([(card.key, card.label) for card in reader.cards])
        panel.place_button.clicked.connect(lambda: reader.place(panel.training_cards.currentData()))
        panel.remove_button.clicked.connect(reader.remove)

    window.status.set_device_state("idcard", QCoreApplication.translate("identity", "Card reader: searching…"), None)
    manager.start()
    return panel
