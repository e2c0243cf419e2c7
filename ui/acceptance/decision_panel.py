"""The decision: four buttons enabled only when the rules allow them, the 不予受理 form, and the result.

The panel shows; the controller decides. While a commit runs every decision button is disabled (a second click
cannot make a second case, PEERS #23); after it the result shows the case number and the promised date.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.case import Decision
from clerk_app.domain.decision_rules import RejectionDetails, RejectionType
from ui.acceptance.delivery_choice import DeliveryChoice

# Offered in the basis box; empty (the first entry) = derived on the paper from the reason type, the item type and
# the item's 设定依据 (行政许可法 §32 only for 行政许可 items).
LEGAL_BASES = (
    "",
    "《中华人民共和国行政许可法》第三十二条第一款第（一）项",
    "《中华人民共和国行政许可法》第三十二条第一款第（二）项",
)


class RejectionForm(QGroupBox):
    submitted = Signal(object)  # RejectionDetails

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Reject (不予受理)"))
        self.kind = QComboBox()
        self.kind.setObjectName("rejectKind")
        for kind, label in (
            (RejectionType.NOT_COMPETENT, self.tr("Not this organ's competence (tell where to apply)")),
            (RejectionType.NOT_REQUIRED, self.tr("Not needed by law")),
            (RejectionType.CONDITIONS_NOT_MET, self.tr("Acceptance conditions not met")),
            (RejectionType.OTHER, self.tr("Other reason (name the legal basis)")),
        ):
            self.kind.addItem(label, kind)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("rejectReason")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(54)
        self.basis = QComboBox()
        self.basis.setObjectName("rejectBasis")
        self.basis.setEditable(True)
        self.basis.addItems(LEGAL_BASES)
        line = self.basis.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("From the item type and its legal basis"))
        self.where = QLineEdit()
        self.where.setObjectName("rejectWhere")
        self.where.setPlaceholderText(self.tr("Competent authority or channel"))
        self.confirm = QPushButton(self.tr("Confirm rejection"))
        self.confirm.setObjectName("confirmReject")
        self.confirm.setEnabled(False)
        self.confirm.clicked.connect(lambda: self.submitted.emit(self.details()))
        self.where.returnPressed.connect(self.confirm.click)
        for signal in (self.reason.textChanged, self.basis.currentTextChanged, self.where.textChanged,
                       self.kind.currentIndexChanged):
            signal.connect(self._check)
        form = QFormLayout(self)
        form.addRow(self.tr("Reason type"), self.kind)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.tr("Legal basis"), self.basis)
        form.addRow(self.tr("Apply instead at"), self.where)
        form.addRow(self.confirm)
        self._check()

    def reason_type(self) -> RejectionType:
        kind = self.kind.currentData()
        return kind if isinstance(kind, RejectionType) else RejectionType.OTHER

    def details(self) -> RejectionDetails:
        kind = self.reason_type()
        where = self.where.text().strip() if kind is RejectionType.NOT_COMPETENT else ""
        return RejectionDetails(self.reason.toPlainText().strip(), self.basis.currentText().strip(), where, kind)

    def _check(self) -> None:
        # Where to apply belongs only to lack of competence (行政许可法 §32(1)(2)).
        self.where.setEnabled(self.reason_type() is RejectionType.NOT_COMPETENT)
        self.confirm.setEnabled(self.details().complete)

    def clear(self) -> None:
        self.reason.clear()
        self.where.clear()
        self.basis.setCurrentIndex(0)
        self.kind.setCurrentIndex(0)


def wrap_lines(label: QLabel, lines: int) -> None:
    label.setWordWrap(True)
    label.setMaximumHeight(lines * label.fontMetrics().lineSpacing() + 4)


class DecisionPanel(QWidget):
    decision_requested = Signal(object)  # Decision (REJECT comes with the form's details, see rejection_submitted)
    rejection_submitted = Signal(object)  # RejectionDetails
    preview_requested = Signal()
    print_requested = Signal()
    new_case_requested = Signal()
    fee_notice_requested = Signal()  # 受理前收费: the draft's 缴费通知书
    fee_check_requested = Signal()  # 查询缴费: ask the platform now
    park_requested = Signal()  # the applicant goes to pay: park the draft
    resume_requested = Signal()  # a parked draft comes back

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("decisionPanel")
        self.buttons: dict[Decision, QPushButton] = {}
        labels = {
            Decision.ACCEPT: self.tr("Accept (受理)  Ctrl+Enter"),
            Decision.ACCEPT_WITH_DEFICIENCY: self.tr("Accept with deficiency (容缺受理)"),
            Decision.ONE_TIME_NOTICE: self.tr("One-time notice (一次性告知)"),
            Decision.REJECT: self.tr("Reject (不予受理)…"),
        }
        row = QHBoxLayout()
        for decision, text in labels.items():
            button = QPushButton(text)
            button.setObjectName(f"decide_{decision.value}")
            button.setEnabled(False)
            button.clicked.connect(lambda _checked=False, d=decision: self._clicked(d))
            row.addWidget(button)
            self.buttons[decision] = button
        self.buttons[Decision.ACCEPT].setDefault(True)
        self.delivery = DeliveryChoice(self)  # 领取方式: 窗口自取 or 邮寄送达, committed with the decision
        self.explanation = QLabel()
        self.explanation.setObjectName("decisionExplanation")
        # Three lines at most (the whole text is the tooltip): the laptop layout gives the decision little height.
        wrap_lines(self.explanation, 3)
        self.rejection = RejectionForm(self)
        self.rejection.hide()
        self.rejection.submitted.connect(self.rejection_submitted)
        self.result = QLabel()
        self.result.setObjectName("decisionResult")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.evaluation = QLabel()  # 好差评: only whether the citizen evaluated (show_evaluation), never the grade
        self.evaluation.setObjectName("decisionEvaluation")
        self.evaluation.hide()
        fees = self._fee_row()
        after = QHBoxLayout()
        self.preview_button = QPushButton(self.tr("Preview"))
        self.print_button = QPushButton(self.tr("Print  Ctrl+P"))
        self.new_button = QPushButton(self.tr("New case  Ctrl+N"))
        for button, signal in ((self.preview_button, self.preview_requested),
                               (self.print_button, self.print_requested),
                               (self.new_button, self.new_case_requested)):
            button.setEnabled(False)
            button.clicked.connect(signal)
            after.addWidget(button)
        self.new_button.setEnabled(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.delivery)
        layout.addLayout(row)
        layout.addWidget(self.explanation)
        layout.addWidget(self.fee_hold)
        layout.addLayout(fees)
        layout.addWidget(self.rejection)
        layout.addWidget(self.result)
        layout.addWidget(self.evaluation)
        layout.addLayout(after)
        layout.addStretch(1)
        self._allowed: frozenset[Decision] = frozenset()
        self._busy = False
        self._done = False

    def _fee_row(self) -> QHBoxLayout:
        """受理前收费 (ui/acceptance/fee_hold.py): why 受理 / 容缺受理 wait, and what the clerk can do meanwhile."""
        self.fee_hold = QLabel()
        self.fee_hold.setObjectName("feeHold")
        self.fee_hold.setWordWrap(True)
        self.fee_hold.setStyleSheet("color: #c62828;")
        # A wrapped label gets squeezed to one clipped line in a short area: room for the reason and the offline note
        self.fee_hold.setMinimumHeight(self.fee_hold.fontMetrics().lineSpacing() * 3)
        self.fee_hold.hide()
        fees = QHBoxLayout()
        self.fee_notice_button = QPushButton(self.tr("Print payment notice (缴费通知书)"))
        self.fee_check_button = QPushButton(self.tr("Check payment (查询缴费)"))
        self.park_button = QPushButton(self.tr("Park draft until paid (挂起)"))
        self.resume_button = QPushButton(self.tr("Resume draft waiting for payment"))
        for button, signal, name in ((self.fee_notice_button, self.fee_notice_requested, "feeNotice"),
                                     (self.fee_check_button, self.fee_check_requested, "feeCheck"),
                                     (self.park_button, self.park_requested, "feePark"),
                                     (self.resume_button, self.resume_requested, "feeResume")):
            button.setObjectName(name)
            button.clicked.connect(signal)
            button.hide()
            fees.addWidget(button)
        return fees

    def _clicked(self, decision: Decision) -> None:
        if decision is Decision.REJECT:
            self.rejection.show()
            self.rejection.reason.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.decision_requested.emit(decision)

    # -- state shown ---------------------------------------------------------------------------------------------
    def set_allowed(self, allowed: frozenset[Decision], reasons: dict[Decision, str]) -> None:
        self._allowed = allowed
        for decision, button in self.buttons.items():
            button.setToolTip(reasons.get(decision, ""))
        self._refresh()

    def set_explanation(self, text: str) -> None:
        self.explanation.setText(text)
        self.explanation.setToolTip(text)

    def set_fee_hold(self, reason: str | None, *, applies: bool, parked: int = 0) -> None:
        """受理前收费: the reason 受理 / 容缺受理 wait (None: not held); the notice, check and park buttons while the
        draft's items charge before acceptance; resume while drafts are parked."""
        self.fee_hold.setText(reason or "")
        self.fee_hold.setToolTip(reason or "")  # the whole reason when the area is too short to show it
        self.fee_hold.setVisible(bool(reason))
        # The explanation would only repeat the checklist's summary; the hold's reason takes its room.
        self.explanation.setVisible(not reason)
        for button in (self.fee_notice_button, self.fee_check_button):
            button.setVisible(applies)
        self.park_button.setVisible(applies and bool(reason))
        self.resume_button.setVisible(parked > 0)
        if parked:
            self.resume_button.setText(self.tr("Resume draft waiting for payment (%1)").replace("%1", str(parked)))

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._refresh()

    def set_done(self, text: str) -> None:
        self._done = True
        self.rejection.hide()
        self.result.setText(text)
        self._refresh()

    def show_evaluation(self, given: bool | None) -> None:
        """The customer screen's fact about the case's 好差评: given (True), skipped or timed out (False), not yet
        (None). A bool on purpose: the grade cannot reach this panel (GB/T 39734: the evaluator is protected)."""
        if given is None:
            self.evaluation.clear()
            self.evaluation.hide()
            return
        self.evaluation.setText(QCoreApplication.translate("citizen", "Service evaluation: given") if given
                                else QCoreApplication.translate("citizen", "Service evaluation: not given"))
        self.evaluation.show()

    def reset(self) -> None:
        self.show_evaluation(None)
        self._done = False
        self._allowed = frozenset()
        self.result.clear()
        self.explanation.clear()
        self.rejection.clear()
        self.rejection.hide()
        self.delivery.reset()
        self._refresh()

    def _refresh(self) -> None:
        open_ = not self._busy and not self._done
        for decision, button in self.buttons.items():
            button.setEnabled(open_ and decision in self._allowed)
        self.rejection.setEnabled(open_)
        self.delivery.setEnabled(open_)
        self.preview_button.setEnabled(self._done and not self._busy)
        self.print_button.setEnabled(self._done and not self._busy)

    def is_enabled(self, decision: Decision) -> bool:
        return self.buttons[decision].isEnabled()

    def focus_first_enabled(self) -> None:
        for button in self.buttons.values():
            if button.isEnabled():
                button.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return
