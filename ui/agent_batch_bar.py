"""The 代办批次 strip above the applicant panel: start a village agent's batch with the agent's card on the panel,
see the batch while villagers' cases are accepted one by one, end it and print the batch receipt.

Widgets only; ``ui.agent_batch_wiring`` does the work in the background.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from clerk_app.acceptance.agent_batch import AgentBatch
from clerk_app.domain.case import TakenAt
from clerk_app.domain.masking import mask_id_number


class AgentBatchBar(QFrame):
    start_requested = Signal()
    finish_requested = Signal()
    taken_at_changed = Signal(object)  # TakenAt: where the next cases are taken (上门办理 on a laptop)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agentBatchBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.start = QPushButton(self.tr("Village agent batch (代办)…"))
        self.start.setObjectName("agentBatchStart")
        self.start.setToolTip(self.tr("Read the village agent's ID card first; then each villager's case is "
                                      "accepted separately and joins the batch."))
        self.start.clicked.connect(self.start_requested.emit)
        self.finish = QPushButton(self.tr("End batch, print receipt"))
        self.finish.setObjectName("agentBatchFinish")
        self.finish.clicked.connect(self.finish_requested.emit)
        self.finish.hide()
        # What the villager's signed 委托书 says: the agent may collect the result (领取) only when it covers it.
        self.collects = QCheckBox(self.tr("Power of attorney covers collecting (代为领取)"))
        self.collects.setObjectName("agentCollects")
        self.collects.setToolTip(self.tr("Tick when this villager's signed power of attorney authorises the agent "
                                         "to collect the result; otherwise the villager collects in person."))
        self.collects.hide()
        self.label = QLabel("")
        self.label.setObjectName("agentBatchLabel")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.hide()
        self.taken_at = QComboBox()
        self.taken_at.setObjectName("takenAt")
        self.taken_at.setToolTip(self.tr("Where the cases are taken: recorded with each case and sent to the "
                                         "platform."))
        for place, text in ((TakenAt.WINDOW, self.tr("At the window")), (TakenAt.HOME_VISIT,
                            self.tr("Home visit (上门办理)")), (TakenAt.AGENT_POINT, self.tr("Agent point (代办点)"))):
            self.taken_at.addItem(text, place)
        self.taken_at.currentIndexChanged.connect(lambda _i: self.taken_at_changed.emit(self.taken_at.currentData()))
        # Three rows: the bar lives in the applicant column, 290 px wide on a laptop (one row crushed its text).
        top = QHBoxLayout()
        top.addWidget(self.taken_at, 1)
        top.addWidget(self.start)
        top.addWidget(self.finish)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addLayout(top)
        layout.addWidget(self.label)
        layout.addWidget(self.collects)

    def show_batch(self, batch: AgentBatch, cases: int) -> None:
        self.collects.setChecked(False)  # each villager's paper is read anew
        self.collects.show()
        self.start.hide()
        self.finish.show()
        self.finish.setEnabled(cases > 0)
        title = self.tr("Agent batch %1").replace("%1", batch.batch_number)
        # The batch number is the tooltip (and on the batch receipt): in the laptop's narrow applicant column the
        # bar keeps to the agent and the count, so the card's fields below keep their room.
        self.label.setText(self.tr("Agent %1 (%2) · %3 case(s) accepted").replace("%1", batch.agent.name)
                           .replace("%2", mask_id_number(batch.agent.id_number)).replace("%3", str(cases)))
        self.label.setToolTip(title)
        self.finish.setToolTip(title)
        self.label.show()

    def set_taken_at(self, place: TakenAt) -> None:
        self.taken_at.setCurrentIndex(max(0, self.taken_at.findData(place)))

    def show_idle(self, note: str = "") -> None:
        self.collects.setChecked(False)
        self.collects.hide()
        self.start.show()
        self.finish.hide()
        self.label.setText(note)
        self.label.setVisible(bool(note))
