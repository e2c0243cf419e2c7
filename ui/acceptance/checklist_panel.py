"""The material checklist: one row per material of the chosen item(s), operated from the keyboard.

Keys on a row (also in the context menu): Space/Enter/R received as required · A all remaining received ·
E e-licence reused · F reused from an earlier case of the same applicant (R was taken by "received") · D deferred
(容缺) with a supply-by date · X defective with a note · N missing · O original checked on/off · + / − copies ·
I import files as pages. The panel edits the draft session through the
controller and never decides anything itself.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.case import MaterialRecord, MaterialSource, MaterialState
from clerk_app.domain.catalog import MaterialSpec, Necessity
from clerk_app.domain.decision_rules import requirement_text

VISIBLE_ROWS = 6  # checklist rows in sight at 1366×768 with a card read, an item chosen and pages scanned

STATE_COLOURS = {
    MaterialState.RECEIVED: "#e8f5e9",
    MaterialState.ELICENCE_REUSED: "#e3f2fd",
    MaterialState.DEFERRED: "#fff8e1",
    MaterialState.MISSING: "#ffebee",
    MaterialState.DEFECTIVE: "#ffcdd2",
    MaterialState.NOT_APPLICABLE: "#f5f5f5",
}


def human_size(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1000:
        return f"{size / 1000:.0f} KB"
    return f"{size} B"


class SupplyDateDialog(QDialog):
    """Asks for the 容缺 supply-by date; Enter accepts the proposed date."""

    def __init__(self, parent: QWidget | None, name: str, proposed: date, earliest: date) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Supply-by date"))
        self.edit = QDateEdit(QDate(proposed.year, proposed.month, proposed.day))
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setMinimumDate(QDate(earliest.year, earliest.month, earliest.day))
        form = QFormLayout(self)
        form.addRow(QLabel(name))
        form.addRow(self.tr("Supply by"), self.edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.edit.setFocus()

    def chosen(self) -> date:
        value = self.edit.date()
        return date(value.year(), value.month(), value.day())


class MaterialChecklistPanel(QWidget):
    """Shows the checklist; ``action_requested(code, action)`` goes to the controller, which edits the draft."""

    action_requested = Signal(str, str)  # material code, action name
    import_requested = Signal(str)  # material code
    current_changed = Signal(str)  # material code of the current row

    COLUMNS = 7

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("materialChecklist")
        self.table = QTableWidget(0, self.COLUMNS, self)
        self.table.setObjectName("materialTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("Material"), self.tr("Required"), self.tr("State"), self.tr("Original"),
            self.tr("Copies"), self.tr("Pages"), self.tr("Supply by"),
        ])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        # One line of text per row, not the style's roomy default: a laptop's checklist keeps six rows in sight.
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setMinimumHeight(self._rows_height(VISIBLE_ROWS))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.COLUMNS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.installEventFilter(self)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.cellDoubleClicked.connect(lambda row, _col: self._emit(row, "received"))
        self.legend = QLabel(self.tr(
            "Space received · A all received · E e-licence · D defer (容缺) · X defective · N missing · "
            "O original · +/− copies · I import file") + " · " + self.tr("F reuse from an earlier case"))
        self.legend.setWordWrap(True)
        self.table.setToolTip(self.legend.text())
        self.legend.setStyleSheet("color: #616161;")
        self.summary = QLabel()
        self.summary.setObjectName("checklistSummary")
        self.summary.setWordWrap(True)
        # A long shortfall wraps to three lines at most (the whole text is its tooltip and in the decision area).
        self.summary.setMaximumHeight(3 * self.fontMetrics().lineSpacing() + 4)
        self.pages_host = QStackedWidget(self)
        self.pages_host.setObjectName("pagesHost")
        self.pages_host.hide()
        self.table.currentCellChanged.connect(self._current_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.pages_host)  # its own height (the page strip's): the table takes the rest
        layout.addWidget(self.summary)
        layout.addWidget(self.legend)
        self._codes: list[str] = []
        self._specs: dict[str, MaterialSpec] = {}
        self._keys: dict[int, str] = {
            Qt.Key.Key_Space: "received", Qt.Key.Key_Return: "received", Qt.Key.Key_Enter: "received",
            Qt.Key.Key_R: "received", Qt.Key.Key_A: "all_received", Qt.Key.Key_E: "elicence",
            Qt.Key.Key_F: "reuse",
            Qt.Key.Key_D: "defer", Qt.Key.Key_X: "defective", Qt.Key.Key_N: "missing",
            Qt.Key.Key_Delete: "missing", Qt.Key.Key_O: "toggle_original", Qt.Key.Key_Plus: "copies_up",
            Qt.Key.Key_Equal: "copies_up", Qt.Key.Key_Minus: "copies_down", Qt.Key.Key_I: "import",
        }

    def _rows_height(self, rows: int) -> int:
        header = self.table.horizontalHeader().sizeHint().height()
        return header + rows * self.table.verticalHeader().defaultSectionSize() + 2 * self.table.frameWidth()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """The key legend only where it leaves the table its six rows (the keys are in the context menu and the
        table's tooltip too)."""
        super().resizeEvent(event)
        self._fit_legend()

    def _fit_legend(self) -> None:
        others = self.summary.sizeHint().height() + (self.pages_host.sizeHint().height()
                                                     if self.pages_host.isVisibleTo(self) else 0)
        room = self.height() - others - self.legend.sizeHint().height()
        self.legend.setVisible(room >= self._rows_height(VISIBLE_ROWS))

    # -- showing -------------------------------------------------------------------------------------------
    def show_checklist(self, specs: tuple[MaterialSpec, ...], records: dict[str, MaterialRecord],
                       page_bytes: Callable[[str], int]) -> None:
        current = self.table.currentRow()
        self._codes = [s.code for s in specs]
        self._specs = {s.code: s for s in specs}
        self.table.setRowCount(len(specs))
        for row, spec in enumerate(specs):
            record = records[spec.code]
            required = self.tr("Required") if spec.necessity is Necessity.REQUIRED else self.tr("Optional")
            if spec.deferrable:
                required += " · " + self.tr("deferrable")
            pages = len(record.page_blob_ids)
            cells = [
                spec.name,
                required,
                self.state_text(record.state) + self.source_text(record)
                + (f"：{record.defect_note}" if record.defect_note else ""),
                "✔" if record.original_verified else "",
                str(record.copies_received),
                f"{pages} · {human_size(page_bytes(spec.code))}" if pages else "",
                record.supply_by.isoformat() if record.supply_by else "",
            ]
            colour = QBrush(QColor(STATE_COLOURS[record.state]))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setBackground(colour)
                if column == 0:
                    item.setToolTip(requirement_text(spec))
                    item.setData(Qt.ItemDataRole.UserRole, spec.code)
                self.table.setItem(row, column, item)
        if specs:
            self.table.setCurrentCell(min(max(current, 0), len(specs) - 1), 0)

    def _current_changed(self, row: int, _column: int, _previous_row: int, _previous_column: int) -> None:
        if 0 <= row < len(self._codes):
            self.current_changed.emit(self._codes[row])

    def show_pages(self, widget: QWidget | None) -> None:
        """Show the page strip of the current material (the scanning area's widget) under the table."""
        if widget is None:
            self.pages_host.hide()
            self._fit_legend()
            return
        if self.pages_host.indexOf(widget) < 0:
            self.pages_host.addWidget(widget)
        self.pages_host.setCurrentWidget(widget)
        self.pages_host.show()
        self._fit_legend()

    def clear_pages(self) -> None:
        while self.pages_host.count():
            widget = self.pages_host.widget(0)
            if widget is None:
                break
            self.pages_host.removeWidget(widget)
            widget.deleteLater()
        self.pages_host.hide()
        self._fit_legend()

    def set_summary(self, text: str, ok: bool) -> None:
        self.summary.setText(text)
        self.summary.setToolTip(text)
        self.summary.setStyleSheet("color: #2e7d32;" if ok else "color: #c62828;")

    def state_text(self, state: MaterialState) -> str:
        return {
            MaterialState.RECEIVED: self.tr("Received"),
            MaterialState.ELICENCE_REUSED: self.tr("E-licence reused"),
            MaterialState.MISSING: self.tr("Missing"),
            MaterialState.DEFERRED: self.tr("Deferred (容缺)"),
            MaterialState.DEFECTIVE: self.tr("Defective"),
            MaterialState.NOT_APPLICABLE: self.tr("Not applicable"),
        }[state]

    def source_text(self, record: MaterialRecord) -> str:
        """Where the record comes from, when not from the clerk at the window (信息跑路)."""
        if record.source is MaterialSource.CARD_READER:
            return " · " + self.tr("checked by the card reader")
        if record.source is MaterialSource.EARLIER_CASE:
            return " · " + self.tr("reused from case %1").replace("%1", record.reused_from or "")
        if record.source is MaterialSource.ONLINE:
            return " · " + self.tr("from online application %1").replace("%1", record.reused_from or "")
        return ""

    def current_code(self) -> str | None:
        row = self.table.currentRow()
        return self._codes[row] if 0 <= row < len(self._codes) else None

    def focus_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if self.table.currentRow() < 0 and self._codes:
            self.table.setCurrentCell(0, 0)

    # -- asking the clerk for details ---------------------------------------------------------------------------
    def ask_supply_date(self, code: str, proposed: date, earliest: date) -> date | None:
        dialog = SupplyDateDialog(self, self._specs[code].name, proposed, earliest)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def ask_defect_note(self, code: str, current: str) -> str | None:
        text, ok = QInputDialog.getText(self, self.tr("Defective material"),
                                        self.tr("What is wrong with “%1”?").replace("%1", self._specs[code].name),
                                        text=current)
        return text.strip() if ok else None

    # -- keyboard and mouse ------------------------------------------------------------------------------------
    def _emit(self, row: int, action: str) -> None:
        if 0 <= row < len(self._codes):
            if action == "import":
                self.import_requested.emit(self._codes[row])
            else:
                self.action_requested.emit(self._codes[row], action)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
                action = self._keys.get(event.key())
                if action is not None and self._codes:
                    self._emit(self.table.currentRow(), action)
                    return True
        return super().eventFilter(watched, event)

    def _context_menu(self, position: QPoint) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        menu = QMenu(self)
        entries = [
            (self.tr("Received as required\tSpace"), "received"),
            (self.tr("All remaining received\tA"), "all_received"),
            (self.tr("E-licence reused\tE"), "elicence"),
            (self.tr("Reuse from an earlier case of the applicant\tF"), "reuse"),
            (self.tr("Defer (容缺) with a supply-by date\tD"), "defer"),
            (self.tr("Defective…\tX"), "defective"),
            (self.tr("Missing\tN"), "missing"),
            (self.tr("Original checked on/off\tO"), "toggle_original"),
            (self.tr("One more copy\t+"), "copies_up"),
            (self.tr("One copy less\t−"), "copies_down"),
            (self.tr("Import files as pages…\tI"), "import"),
        ]
        for text, action in entries:
            entry = QAction(text, menu)
            entry.triggered.connect(lambda _checked=False, a=action: self._emit(row, a))
            menu.addAction(entry)
        menu.exec(self.table.viewport().mapToGlobal(position))
