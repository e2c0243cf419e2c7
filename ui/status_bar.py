"""The status bar: who and where (centre / window / clerk), training mode, network and sync state, devices."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QSizePolicy, QStatusBar, QWidget


class WorkstationStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self.identity_label = QLabel(self)
        # The longest, least urgent text yields first: on a 1366 px laptop (上门办理) the status bar must not widen
        # the window; the full text stays in the tooltip.
        self.identity_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.training_label = QLabel(self)
        self.training_label.setObjectName("trainingBadge")
        self.training_label.setStyleSheet(
            "QLabel#trainingBadge { background: #d9534f; color: white; padding: 1px 8px; font-weight: bold; }"
        )
        self.network_label = QLabel(self)
        self.sync_label = QLabel(self)
        self.starting_label = QLabel(self)  # shown by the staged start (ui/startup.py) until the window is wired
        self.starting_label.setObjectName("startingLabel")
        self.starting_label.setVisible(False)
        self.device_labels: dict[str, QLabel] = {}
        self.addWidget(self.training_label)
        self.addWidget(self.identity_label, 1)  # takes the free width, yields it first
        self.addPermanentWidget(self.starting_label)
        self.addPermanentWidget(self.network_label)
        self.addPermanentWidget(self.sync_label)
        self.set_network_state(self.tr("Unknown"), ok=None)
        self.set_sync_state(0, None, None)

    def set_identity(self, centre: str, window: str, clerk: str) -> None:
        self.identity_label.setText(self.tr("Centre: {0} | Window: {1} | Clerk: {2}").format(centre, window, clerk))
        self.identity_label.setToolTip(self.identity_label.text())

    def set_starting(self, starting: bool) -> None:
        """A label of its own, not a temporary message: that would hide the training badge while the window starts."""
        self.starting_label.setText(self.tr("Starting…") if starting else "")
        self.starting_label.setVisible(starting)

    def set_training(self, training: bool) -> None:
        self.training_label.setText(self.tr("TRAINING MODE — not real cases") if training else "")
        self.training_label.setVisible(training)

    def set_network_state(self, text: str, ok: bool | None) -> None:
        colour = {True: "#2e7d32", False: "#c62828", None: "#757575"}[ok]
        self.network_label.setText(self.tr("Network: {0}").format(text))
        self.network_label.setStyleSheet(f"color: {colour};")

    def set_sync_state(self, queued: int, oldest: str | None, last_error: str | None) -> None:
        text = self.tr("Sync queue: {0}").format(queued)
        if oldest:
            text += self.tr(" (oldest {0})").format(oldest)
        if last_error:
            text += " — " + last_error
        self.sync_label.setText(text)

    def set_device_state(self, key: str, text: str, ok: bool | None) -> None:
        label = self.device_labels.get(key)
        if label is None:
            label = QLabel(self)
            self.device_labels[key] = label
            self.addPermanentWidget(label)
        colour = {True: "#2e7d32", False: "#c62828", None: "#757575"}[ok]
        label.setText(text)
        label.setStyleSheet(f"color: {colour};")
