"""The customer screen widget: renders a ``CustomerView`` and reports the citizen's touches as signals.

Every render rebuilds the page from the view alone, so nothing of the previous state (or citizen) can linger in a
widget. Large type for an older citizen: 30 px body, 48 px headings, buttons at least 90 px high.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerk_app.customer.evaluation import LOW_GRADES
from clerk_app.customer.view import CustomerView, Stage
from ui.customer_screen.qr_widget import QrCode
from ui.customer_screen.signature_pad import SignaturePad

STYLE = """
QWidget#customerScreen { background: #f4f7fb; }
QLabel { color: #1b2a3a; font-size: 30px; }
QLabel[role="title"] { font-size: 52px; font-weight: bold; color: #0b4f8a; }
QLabel[role="big"] { font-size: 96px; font-weight: bold; color: #b3261e; }
QLabel[role="hint"] { font-size: 26px; color: #44546a; }
QLabel[state="received"] { color: #1e7b34; }
QLabel[state="missing"], QLabel[state="defective"] { color: #b3261e; }
QLabel[state="deferred"] { color: #a15c00; }
QPushButton { font-size: 34px; min-height: 90px; padding: 8px 24px; border-radius: 12px;
              background: #ffffff; border: 3px solid #0b4f8a; color: #0b4f8a; }
QPushButton:checked { background: #0b4f8a; color: #ffffff; }
QPushButton[role="primary"] { background: #0b4f8a; color: #ffffff; }
QCheckBox { font-size: 30px; spacing: 16px; }
QCheckBox::indicator { width: 40px; height: 40px; }
QPlainTextEdit { font-size: 28px; }
"""



def tr(text: str) -> str:
    return QCoreApplication.translate("customer", text)


def tr_sign(text: str) -> str:
    return QCoreApplication.translate("citizen", text)


def grade_label(grade: int) -> str:
    return {5: tr("Very satisfied"), 4: tr("Satisfied"), 3: tr("Basically satisfied"), 2: tr("Dissatisfied"),
            1: tr("Very dissatisfied")}[grade]


def state_label(state: str) -> str:
    return {"received": tr("Received"), "missing": tr("Missing"), "deferred": tr("To supply later (容缺)"),
            "defective": tr("Needs correction"), "pending": tr("To check"),
            "not_applicable": tr("Not needed")}.get(state, state)


def _window_text(window: str) -> str:
    """The window as the citizen reads it: a configured name ("综合受理1号窗口") as it is, a bare code ("01") as
    "1号窗口" — never the name with 号窗口 appended again."""
    if not window:
        return ""
    if window.isdigit():
        return tr("Window %1").replace("%1", str(int(window)))
    return window


def _label(text: str, role: str = "", state: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if role:
        label.setProperty("role", role)
    if state:
        label.setProperty("state", state)
    return label


class CustomerScreen(QWidget):
    identity_confirmed = Signal()
    continue_requested = Signal()  # after the decision: on to the evaluation
    evaluation_chosen = Signal(object, list, str)  # grade (int, or None = skipped), reasons, comment
    signature_confirmed = Signal(str, bytes)  # the paper (DocumentKind value), the stroke image as PNG

    def __init__(self, parent: QWidget | None = None, evaluation_timeout_ms: int = 90_000) -> None:
        super().__init__(parent)
        self.setObjectName("customerScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(STYLE)
        self.setWindowTitle(tr("Customer screen"))
        self.view = CustomerView(Stage.BLANK)
        self.grades: QButtonGroup | None = None
        self.reason_boxes: list[QCheckBox] = []
        self.comment: QPlainTextEdit | None = None
        self.submit: QPushButton | None = None
        self.reasons_box: QFrame | None = None
        self.pad: SignaturePad | None = None
        self.later_box: QFrame | None = None  # 扫码评价: evaluate later on a phone
        self.timeout = QTimer(self)
        self.timeout.setSingleShot(True)
        self.timeout.setInterval(evaluation_timeout_ms)
        self.timeout.timeout.connect(self.skip)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(60, 40, 60, 40)
        self.body.setSpacing(20)
        self.page: QWidget | None = None
        self.show_view(self.view)

    # -- rendering ------------------------------------------------------------------------------------------
    def show_view(self, view: CustomerView) -> None:
        self.view = view
        self.timeout.stop()
        self.grades, self.reason_boxes, self.comment, self.submit, self.reasons_box = None, [], None, None, None
        self.pad = None
        self.later_box = None
        if self.page is not None:
            self.page.hide()
            self.page.deleteLater()
        self.page = QWidget(self)
        layout = QVBoxLayout(self.page)
        layout.setSpacing(22)
        {Stage.BLANK: self._blank, Stage.IDLE: self._idle, Stage.CONFIRM_IDENTITY: self._identity,
         Stage.CHECKLIST: self._checklist, Stage.DECISION: self._decision, Stage.SIGNATURE: self._signature,
         Stage.EVALUATION: self._evaluation,
         Stage.THANKS: self._thanks}[view.stage](layout, view)
        self.body.addWidget(self.page)
        if view.stage is Stage.EVALUATION:
            self.timeout.start()

    def texts(self) -> list[str]:
        """Every text the screen currently shows (for tests: privacy and state checks)."""
        if self.page is None:
            return []
        shown = [w.text() for w in self.page.findChildren(QLabel)]
        shown += [w.text() for w in self.page.findChildren(QPushButton)]
        shown += [w.text() for w in self.page.findChildren(QCheckBox)]
        return shown

    def _blank(self, layout: QVBoxLayout, _view: CustomerView) -> None:
        layout.addStretch(1)

    def _header(self, layout: QVBoxLayout, view: CustomerView) -> None:
        line = "　".join(t for t in (view.centre, _window_text(view.window))
                        if t)
        layout.addWidget(_label(line, "hint"))

    def _idle(self, layout: QVBoxLayout, view: CustomerView) -> None:
        layout.addStretch(1)
        layout.addWidget(_label(view.centre, "title"), alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(_label(_window_text(view.window), "title"),
                         alignment=Qt.AlignmentFlag.AlignHCenter)
        if view.ticket:
            layout.addWidget(_label(tr("Now serving"), ""), alignment=Qt.AlignmentFlag.AlignHCenter)
            layout.addWidget(_label(view.ticket, "big"), alignment=Qt.AlignmentFlag.AlignHCenter)
        else:
            layout.addWidget(_label(tr("Welcome. Please wait to be called."), ""),
                             alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)

    def _identity(self, layout: QVBoxLayout, view: CustomerView) -> None:
        self._header(layout, view)
        layout.addWidget(_label(tr("Please check your information"), "title"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(30)
        rows = [(tr("Name"), view.masked_name), (tr("ID number"), view.masked_id)]
        if view.validity:
            rows.append((tr("Valid"), view.validity))
        for row, (key, value) in enumerate(rows):
            grid.addWidget(_label(key + "：", "hint"), row, 0)
            grid.addWidget(_label(value), row, 1)
        layout.addLayout(grid)
        layout.addStretch(1)
        if view.identity_confirmed:
            layout.addWidget(_label(tr("Confirmed. Thank you.") if view.identity_confirmed == "screen"
                                    else tr("Confirmed with the clerk."), "", "received"))
        else:
            button = QPushButton(tr("Yes, this is correct"))
            button.setProperty("role", "primary")
            button.setObjectName("confirmIdentity")
            button.clicked.connect(self.identity_confirmed)
            layout.addWidget(button)
            layout.addWidget(_label(tr("If something is wrong, please tell the clerk."), "hint"))

    def _checklist(self, layout: QVBoxLayout, view: CustomerView) -> None:
        self._header(layout, view)
        layout.addWidget(_label("、".join(view.items) or tr("Your application"), "title"))
        layout.addWidget(_label(tr("Materials"), "hint"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(30)
        for row, line in enumerate(view.lines):
            grid.addWidget(_label(line.name), row, 0)
            state = state_label(line.state)
            if line.state == "deferred" and line.supply_by:
                state += "　" + tr("by %1").replace("%1", line.supply_by.isoformat())
            grid.addWidget(_label(state, "", line.state), row, 1)
        layout.addLayout(grid)
        layout.addStretch(1)

    def _decision(self, layout: QVBoxLayout, view: CustomerView) -> None:
        self._header(layout, view)
        title = {"accept": tr("Your application has been accepted"),
                 "accept_with_deficiency": tr("Accepted; some materials are to be supplied later"),
                 "one_time_notice": tr("Please bring the following materials"),
                 "reject": tr("Your application cannot be accepted here")}.get(view.decision, "")
        layout.addWidget(_label(title, "title"))
        layout.addWidget(_label(tr("Case number: %1").replace("%1", view.case_number)))
        if view.concluded:
            layout.addWidget(_label(tr("Completed on the spot."), "", "received"))
        elif view.promised_date is not None and view.decision in ("accept", "accept_with_deficiency"):
            layout.addWidget(_label(tr("Promised completion date: %1").replace("%1", view.promised_date.isoformat())))
        if view.decision == "reject":
            layout.addWidget(_label(tr("The clerk gives you a written decision with the reasons and your rights.")))
        if view.to_bring:
            layout.addWidget(_label(tr("What to bring"), "hint"))
            for line in view.to_bring:
                text = f"• {line.name}"
                if line.requirement:
                    text += f"（{line.requirement}）"
                if line.supply_by:
                    text += "　" + tr("by %1").replace("%1", line.supply_by.isoformat())
                layout.addWidget(_label(text, "", "missing"))
                refs = []
                if line.blank_form_ref:
                    refs.append(tr("Blank form: %1").replace("%1", line.blank_form_ref))
                if line.sample_ref:
                    refs.append(tr("Filled sample: %1").replace("%1", line.sample_ref))
                if refs:
                    layout.addWidget(_label("　　" + "　".join(refs), "hint"))
            layout.addWidget(_label(tr("You also receive this list on paper."), "hint"))
        layout.addStretch(1)
        button = QPushButton(tr("Continue"))
        button.setProperty("role", "primary")
        button.setObjectName("continueButton")
        button.clicked.connect(self.continue_requested)
        layout.addWidget(button)

    def _signature(self, layout: QVBoxLayout, view: CustomerView) -> None:
        self._header(layout, view)
        layout.addWidget(_label(tr_sign("Please sign: %1").replace("%1", view.sign_title), "title"))
        layout.addWidget(_label(tr_sign("Case number: %1　Signing as: %2").replace("%1", view.case_number)
                                .replace("%2", view.signer), "hint"))
        layout.addWidget(_label(tr_sign("Sign with your finger in the white area, as on paper."), "hint"))
        self.pad = SignaturePad()
        layout.addWidget(self.pad, 1)
        buttons = QHBoxLayout()
        clear = QPushButton(tr_sign("Clear"))
        clear.setObjectName("clearSignature")
        clear.clicked.connect(self.pad.clear)
        confirm = QPushButton(tr_sign("Confirm signature"))
        confirm.setObjectName("confirmSignature")
        confirm.setProperty("role", "primary")
        confirm.setEnabled(False)
        self.pad.changed.connect(confirm.setEnabled)
        confirm.clicked.connect(self._confirm_signature)
        buttons.addWidget(clear)
        buttons.addWidget(confirm)
        layout.addLayout(buttons)
        layout.addWidget(_label(tr_sign("Your signature is stored with this case only and printed on this paper."),
                                "hint"))

    def _confirm_signature(self) -> None:
        pad = self.pad
        if pad is None or not pad.has_signature() or self.view.stage is not Stage.SIGNATURE:
            return
        png = pad.to_png()
        for button in self.page.findChildren(QPushButton) if self.page is not None else ():
            button.setEnabled(False)  # one confirmation per page: the next view replaces it
        self.signature_confirmed.emit(self.view.sign_paper, png)

    def _evaluation(self, layout: QVBoxLayout, view: CustomerView) -> None:
        self._header(layout, view)
        layout.addWidget(_label(tr("How satisfied are you with this service?"), "title"))
        layout.addWidget(_label(tr("Your evaluation is voluntary and anonymous to the clerk."), "hint"))
        row = QHBoxLayout()
        self.grades = QButtonGroup(self.page)
        self.grades.setExclusive(True)
        for grade in (5, 4, 3, 2, 1):
            button = QPushButton(grade_label(grade))
            button.setCheckable(True)
            button.setChecked(False)  # none pre-selected (GB/T 39734: not influenced)
            button.setObjectName(f"grade{grade}")
            self.grades.addButton(button, grade)
            row.addWidget(button)
        self.grades.idClicked.connect(self._grade_clicked)
        layout.addLayout(row)
        self.reasons_box = QFrame()
        reasons = QVBoxLayout(self.reasons_box)
        reasons.addWidget(_label(tr("What was not good? (optional)"), "hint"))
        grid = QGridLayout()
        for index, reason in enumerate(view.reasons):
            box = QCheckBox(reason)
            self.reason_boxes.append(box)
            grid.addWidget(box, index // 3, index % 3)
        reasons.addLayout(grid)
        self.comment = QPlainTextEdit()
        self.comment.setPlaceholderText(tr("Comment (optional)"))
        self.comment.setMaximumHeight(120)
        reasons.addWidget(self.comment)
        self.reasons_box.setVisible(False)
        layout.addWidget(self.reasons_box)
        if view.evaluate_later:
            self.later_box = QFrame()
            later = QHBoxLayout(self.later_box)
            later.setContentsMargins(0, 0, 0, 0)
            later.addWidget(_label(tr_sign("Not now? Scan the code with your phone to evaluate later. It holds only "
                                           "the case number and a verification code."), "hint"), 1)
            later.addWidget(QrCode(view.evaluate_later, 200, matrix=view.evaluate_later_qr or None))
            layout.addWidget(self.later_box)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        skip = QPushButton(tr("Skip"))
        skip.setObjectName("skipEvaluation")
        skip.clicked.connect(self.skip)
        self.submit = QPushButton(tr("Submit"))
        self.submit.setObjectName("submitEvaluation")
        self.submit.setProperty("role", "primary")
        self.submit.setEnabled(False)
        self.submit.clicked.connect(self._submit)
        buttons.addWidget(skip)
        buttons.addWidget(self.submit)
        layout.addLayout(buttons)

    def _thanks(self, layout: QVBoxLayout, view: CustomerView) -> None:
        layout.addStretch(1)
        layout.addWidget(_label(tr("Thank you. Goodbye!"), "title"), alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(_label(_window_text(view.window), "hint"),
                         alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)

    # -- the citizen's touches -------------------------------------------------------------------------------
    def _grade_clicked(self, grade: int) -> None:
        self.timeout.start()  # the citizen is active: the timeout counts from the last touch
        # The reasons replace the 扫码评价 box (the citizen evaluates now anyway); hide before showing, so the page
        # never needs room for both (a full-screen window would grow past its monitor).
        low = grade in LOW_GRADES
        boxes = [(self.reasons_box, low), (self.later_box, not low)]
        for box, visible in sorted(boxes, key=lambda pair: pair[1]):
            if box is not None:
                box.setVisible(visible)
        if self.submit is not None:
            self.submit.setEnabled(True)

    def chosen_grade(self) -> int | None:
        if self.grades is None or self.grades.checkedId() < 0:
            return None
        return self.grades.checkedId()

    def _submit(self) -> None:
        grade = self.chosen_grade()
        if grade is None:
            return
        reasons = [b.text() for b in self.reason_boxes if b.isChecked()] if grade in LOW_GRADES else []
        comment = self.comment.toPlainText() if self.comment is not None and grade in LOW_GRADES else ""
        self.timeout.stop()
        self.evaluation_chosen.emit(grade, reasons, comment)

    def skip(self) -> None:
        if self.view.stage is Stage.EVALUATION:
            self.timeout.stop()
            self.evaluation_chosen.emit(None, [], "")
