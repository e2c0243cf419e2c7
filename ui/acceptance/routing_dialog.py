"""材料流转 (按责转办) at the window: what paper is still at the window, in transit and received; the slip for a
department made from its cases at the window and printed; the signed slip's barcode scanned back records the receipt.

Ctrl+R opens the dialog. A barcode-gun scan anywhere in the window is looked up as a slip number first (the receipt
is recorded, once, and the dialog shows it), else it opens the case as before. All reads and writes run off the GUI
thread (``DatabaseOp``; printing on the device executor).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clerk_app.acceptance.errors import CaseNotFound
from clerk_app.acceptance.routing import Receipt, RoutingDesk, WaitingCase
from clerk_app.acceptance.routing_paper import print_slip
from clerk_app.domain.routing import Custody
from clerk_app.errors import UserFacingError
from clerk_app.print_service import ReprintNeedsApproval
from offline_cache.routing import StoredSlip
from ui.errors import show_exception
from ui.stamps import local_minute
from ui.tables import read_only_table
from ui.tasks import DatabaseOp, DeviceOp

log = logging.getLogger("onewindow.ui.acceptance")


def _paper_text(case: WaitingCase) -> str:
    return "；".join(f"{p.name} {p.kind}×{p.copies}" for p in case.paper)


def _fill(table: QTableWidget, rows: list[list[str]], keys: list[str]) -> None:
    table.setRowCount(len(rows))
    for r, (row, key) in enumerate(zip(rows, keys, strict=True)):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, key)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()


class RoutingDialog(QDialog):
    def __init__(self, parent: QWidget | None, actions: RoutingActions) -> None:
        super().__init__(parent)
        self.routing = actions
        self.setObjectName("routingDialog")
        self.setWindowTitle(self.tr("Routing of paper (材料流转)"))
        self.resize(980, 560)
        self.tabs = QTabWidget()
        # at the window
        self.department = QComboBox()
        self.department.setObjectName("routingDepartment")
        self.department.currentIndexChanged.connect(self._show_waiting)
        self.waiting = read_only_table([self.tr("Case number"), self.tr("Applicant"), self.tr("Items"),
                               self.tr("Paper to send")], "routingWaiting")
        self.make = QPushButton(self.tr("Make and print the routing slip for this department"))
        self.make.setObjectName("routingMake")
        self.make.clicked.connect(lambda: actions.make_slip(self.department.currentText()))
        at_window = QWidget()
        layout = QVBoxLayout(at_window)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Department")))
        row.addWidget(self.department, 1)
        row.addWidget(self.make)
        layout.addLayout(row)
        layout.addWidget(self.waiting)
        # in transit / received
        slip_columns = [self.tr("Slip number"), self.tr("Department"), self.tr("Cases"), self.tr("Made at")]
        self.transit = read_only_table(slip_columns, "routingTransit")
        self.received = read_only_table(slip_columns + [self.tr("Received at"), self.tr("Recorded by")],
                                        "routingReceived")
        self.reprint = QPushButton(self.tr("Print the selected slip again"))
        self.reprint.setObjectName("routingReprint")
        self.reprint.clicked.connect(self._reprint)
        transit = QWidget()
        layout = QVBoxLayout(transit)
        layout.addWidget(QLabel(self.tr("Scan the signed slip's barcode with the barcode gun to record the "
                                        "department's receipt.")))
        layout.addWidget(self.transit)
        layout.addWidget(self.reprint)
        self.tabs.addTab(at_window, "")
        self.tabs.addTab(transit, "")
        self.tabs.addTab(self.received, "")
        self.note = QLabel()
        self.note.setObjectName("routingNote")
        self.note.setWordWrap(True)
        main = QVBoxLayout(self)
        main.addWidget(self.tabs)
        main.addWidget(self.note)
        self._waiting: list[WaitingCase] = []

    def show_state(self, waiting: list[WaitingCase], transit: list[StoredSlip], received: list[StoredSlip]) -> None:
        self._waiting = waiting
        self.tabs.setTabText(0, self.tr("At the window (%1)").replace("%1", str(len(waiting))))
        self.tabs.setTabText(1, self.tr("In transit (%1)").replace("%1", str(len(transit))))
        self.tabs.setTabText(2, self.tr("Received (%1)").replace("%1", str(len(received))))
        current = self.department.currentText()
        departments = sorted({c.department for c in waiting})
        self.department.blockSignals(True)
        self.department.clear()
        self.department.addItems(departments)
        if current in departments:
            self.department.setCurrentText(current)
        self.department.blockSignals(False)
        self._show_waiting()
        _fill(self.transit, [[s.slip_number, s.department, str(len(s.lines)), local_minute(s.created_at)]
                             for s in transit], [s.slip_uuid for s in transit])
        _fill(self.received, [[s.slip_number, s.department, str(len(s.lines)), local_minute(s.created_at),
                               local_minute(s.received_at), s.received_by or ""]
                              for s in received], [s.slip_uuid for s in received])

    def _show_waiting(self) -> None:
        chosen = [c for c in self._waiting if c.department == self.department.currentText()]
        _fill(self.waiting, [[c.case_number, c.applicant_masked, "、".join(c.item_names), _paper_text(c)]
                             for c in chosen], [c.case_uuid for c in chosen])
        self.make.setEnabled(bool(chosen))

    def _reprint(self) -> None:
        row = self.transit.currentRow() if self.tabs.currentIndex() == 1 else self.received.currentRow()
        table = self.transit if self.tabs.currentIndex() == 1 else self.received
        item = table.item(row, 0) if row >= 0 else None
        if item is not None:
            self.routing.print_again(str(item.data(Qt.ItemDataRole.UserRole)))

    def say(self, text: str, refused: bool = False) -> None:
        self.note.setStyleSheet("color: #c62828;" if refused else "")
        self.note.setText(text)


class RoutingActions(QObject):
    def __init__(self, controller: Any, desk: RoutingDesk) -> None:
        super().__init__(controller)
        self.controller = controller
        self.desk = desk
        self.dialog: RoutingDialog | None = None
        # A scan is a slip number first (its receipt), else a case number (the case opens, as before).
        controller.barcode.scanned.disconnect(controller.open_case)
        controller.barcode.scanned.connect(self.scanned)

    def open(self) -> None:
        if self.dialog is None:
            self.dialog = RoutingDialog(self.controller.window, self)
            self.dialog.finished.connect(self._closed)
        self.refresh()
        self.dialog.show()
        self.dialog.raise_()

    def _closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    def refresh(self) -> None:
        desk = self.desk

        def load() -> tuple[list[WaitingCase], list[StoredSlip], list[StoredSlip]]:
            return desk.at_window(), desk.slips(Custody.IN_TRANSIT), desk.slips(Custody.RECEIVED)

        def done(state: tuple[list[WaitingCase], list[StoredSlip], list[StoredSlip]]) -> None:
            if self.dialog is not None:
                self.dialog.show_state(*state)

        DatabaseOp(self.controller.window, load).success(done).run(self.controller.tasks)

    def _say(self, text: str, refused: bool = False) -> None:
        self.controller._status(text)  # noqa: SLF001
        if self.dialog is not None:
            self.dialog.say(text, refused)

    def _failed(self, exc: BaseException) -> None:
        """A refusal the clerk can act on shows under the tabs (a second 补打 needs the supervisor: its dialog)."""
        if isinstance(exc, UserFacingError) and not isinstance(exc, ReprintNeedsApproval):
            self._say(exc.user_text(), refused=True)
            return
        show_exception(self.controller.window, exc)

    def make_slip(self, department: str) -> None:
        if not department:
            return
        desk, c = self.desk, self.controller

        def work() -> StoredSlip:
            slip = desk.make_slip(department)
            print_slip(slip, c.service.cases, c.desk)
            return slip

        def done(slip: StoredSlip) -> None:
            self._say(self.tr("Routing slip %1 printed for %2: %3 case(s) now in transit.").replace(
                "%1", slip.slip_number).replace("%2", slip.department).replace("%3", str(len(slip.lines))))
            self.refresh()

        DeviceOp(c.window, work).success(done).failure(self._failed).run(c.tasks)

    def print_again(self, slip_uuid: str) -> None:
        desk, c = self.desk, self.controller
        DeviceOp(c.window, lambda: print_slip(desk.slip(slip_uuid), c.service.cases, c.desk)) \
            .success(lambda _o: self._say(self.tr("Routing slip printed again (补打)."))) \
            .failure(self._failed).run(c.tasks)

    def scanned(self, number: str) -> None:
        desk, c = self.desk, self.controller

        def work() -> Receipt | tuple[Any, Any] | CaseNotFound:
            # One trip to the database thread for either code (a second trip for the case cost a gun ~10 ms)
            if desk.find(number) is not None:
                return desk.receive(number)
            try:
                return c.load_case(number)
            except CaseNotFound as exc:
                return exc  # shown as a case lookup's failure is, not under the routing dialog's tabs

        def done(outcome: Receipt | tuple[Any, Any] | CaseNotFound) -> None:
            if isinstance(outcome, CaseNotFound):
                show_exception(c.window, outcome)
                return
            if not isinstance(outcome, Receipt):
                c.show_loaded_case(outcome)
                return
            receipt = outcome
            slip = receipt.slip
            at = local_minute(slip.received_at)
            if receipt.created:
                text = self.tr("Routing slip %1: received by %2 (%3 case(s)), recorded at %4.")
            else:
                text = self.tr("Routing slip %1 was already recorded as received by %2 (%3 case(s)) at %4.")
            self.open()
            self._say(text.replace("%1", slip.slip_number).replace("%2", slip.department)
                      .replace("%3", str(len(slip.lines))).replace("%4", at))

        DatabaseOp(c.window, work).success(done).failure(self._failed).run(c.tasks)
