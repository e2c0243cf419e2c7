"""补齐 at the window: the deferred materials of a 容缺 case, marked received one by one, with their pages.

The dialog only collects; the controller commits (off the GUI thread) through ``SupplementDesk`` and prints the
receipt. Keyboard: Space toggles "received" of the current row, O "original checked", + / − copies, I imports
pages, Ctrl+Enter commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerk_app.acceptance.supplement import SuppliedMaterial, overdue
from clerk_app.domain.case import MaterialRecord
from clerk_app.domain.masking import mask_name
from clerk_app.pages.model import CasePages
from offline_cache.cases import PageRef, StoredCase

RED = "#c62828"
COLUMNS = 6  # material, supply by, received, original, copies, pages


@dataclass(frozen=True)
class DialogWording:
    """The dialog's texts for another use of the same keyboard flow (补正 asked by the back office), translated by
    the caller. ``partial`` has %1 (marked) and %2 (left); ``all_required``: record only once every row is in."""

    title: str
    head: str
    material_column: str
    due_column: str
    commit: str
    nothing: str
    partial: str
    complete: str
    all_required: bool = False


class SupplementDialog(QDialog):
    commit_requested = Signal()
    reprint_requested = Signal()

    def __init__(self, parent: QWidget | None, stored: StoredCase, deferred: list[MaterialRecord], today: date,
                 scanner: Any = None, tasks: Any = None, registry: Any = None,
                 wording: DialogWording | None = None) -> None:
        super().__init__(parent)
        case = stored.case
        self.wording = wording
        self.setObjectName("supplementDialog")
        self.setWindowTitle((wording.title if wording else self.tr("Supply deferred materials (补齐) – %1"))
                            .replace("%1", case.case_number))
        self.case_uuid = str(case.case_uuid)
        self.deferred = deferred
        self.scanner = scanner
        self.tasks = tasks
        self.registry = registry
        self.pages = CasePages(scanner.cap_for) if scanner is not None else CasePages()
        self._strips: dict[str, Any] = {}
        self._state: dict[str, dict[str, Any]] = {
            m.material_code: {"received": False, "original": False, "copies": 0} for m in deferred}
        self.committed = False

        head = QLabel((wording.head if wording else
                       self.tr("%1 · %2 · accepted with deficiencies: mark what the applicant brings now."))
                      .replace("%1", "、".join(stored.item_names))
                      .replace("%2", mask_name(case.applicant.display_name)))
        head.setWordWrap(True)
        self.table = self._build_table(deferred, today)
        for row in range(len(deferred)):
            self._show_row(row)

        self.pages_host = QWidget(self)
        self.pages_host.setObjectName("supplementPages")
        self._pages_layout = QVBoxLayout(self.pages_host)
        self._pages_layout.setContentsMargins(0, 0, 0, 0)
        self.no_scanner = QLabel(self.tr("Scanning and page import are not available on this workstation."))
        self.no_scanner.setVisible(scanner is None)
        self._pages_layout.addWidget(self.no_scanner)

        self.summary = QLabel()
        self.summary.setObjectName("supplementSummary")
        self.summary.setWordWrap(True)
        buttons = self._build_buttons(scanner is not None)

        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.pages_host, 1)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self._commit_clicked)
        self.resize(760, 560)
        if deferred:
            self.table.setCurrentCell(0, 0)
        self.table.setFocus()
        self._refresh()

    def _build_buttons(self, can_import: bool) -> QHBoxLayout:
        self.import_button = QPushButton(self.tr("Import pages… (I)"))
        self.import_button.setEnabled(can_import)
        self.import_button.clicked.connect(self.import_current)
        self.commit_button = QPushButton(self.wording.commit if self.wording else
                                         self.tr("Record the supplement (Ctrl+Enter)"))
        self.commit_button.setObjectName("commitSupplement")
        self.commit_button.setDefault(True)
        self.commit_button.clicked.connect(self._commit_clicked)
        self.reprint_button = QPushButton(self.tr("Print the receipt again (补打)"))
        self.reprint_button.setObjectName("reprintSupplement")
        self.reprint_button.setVisible(False)
        self.reprint_button.clicked.connect(self.reprint_requested.emit)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        buttons.addWidget(self.reprint_button)
        buttons.addWidget(self.commit_button)
        buttons.addWidget(close)

        return buttons

    def _build_table(self, deferred: list[MaterialRecord], today: date) -> QTableWidget:
        table = QTableWidget(len(deferred), COLUMNS, self)
        table.setObjectName("supplementTable")
        table.setHorizontalHeaderLabels([
            self.wording.material_column if self.wording else self.tr("Deferred material"),
            self.wording.due_column if self.wording else self.tr("Supply by"),
            self.tr("Received"), self.tr("Original checked"), self.tr("Copies"), self.tr("Pages")])
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for row, material in enumerate(deferred):
            name = QTableWidgetItem(material.name)
            due = QTableWidgetItem(material.supply_by.isoformat() if material.supply_by else "—")
            if overdue(material.supply_by, today):
                due.setForeground(QBrush(QColor(RED)))
                due.setText(due.text() + " " + self.tr("(overdue)"))
                due.setToolTip(self.tr("The committed supply-by date has passed (电子监察)."))
            table.setItem(row, 0, name)
            table.setItem(row, 1, due)
        table.installEventFilter(self)
        table.currentCellChanged.connect(lambda row, *_: self._show_strip(row))
        table.cellDoubleClicked.connect(lambda row, _c: self.toggle(row, "received"))

        return table

    # -- what the clerk marked ----------------------------------------------------------------------------------
    def _code(self, row: int) -> str:
        return self.deferred[row].material_code

    def _page_refs(self, code: str) -> tuple[PageRef, ...]:
        slot = self.pages.slot(code)
        return tuple(PageRef(p.sha256, p.size, p.mime) for p in slot.pages)

    def supplied(self) -> list[SuppliedMaterial]:
        out = []
        for material in self.deferred:
            state = self._state[material.material_code]
            if state["received"]:
                out.append(SuppliedMaterial(material.material_code, original_verified=state["original"],
                                            copies_received=state["copies"],
                                            pages=self._page_refs(material.material_code)))
        return out

    def toggle(self, row: int, what: str) -> None:
        if self.committed or not 0 <= row < len(self.deferred):
            return
        state = self._state[self._code(row)]
        if what == "received":
            state["received"] = not state["received"]
            if state["received"] and not (state["original"] or state["copies"] or self._page_refs(self._code(row))):
                state["copies"] = 1  # received as a copy unless the clerk says otherwise
        elif what == "original":
            state["original"] = not state["original"]
            state["received"] = state["received"] or state["original"]
        elif what == "copies_up":
            state["copies"] += 1
            state["received"] = True
        elif what == "copies_down":
            state["copies"] = max(0, state["copies"] - 1)
        self._show_row(row)
        self._refresh()

    def _show_row(self, row: int) -> None:
        code = self._code(row)
        state = self._state[code]
        tick = "✔"
        cells = {2: tick if state["received"] else "", 3: tick if state["original"] else "",
                 4: str(state["copies"]), 5: str(len(self.pages.slot(code)))}
        for column, text in cells.items():
            item = QTableWidgetItem(text)
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.table.setItem(row, column, item)

    def _refresh(self) -> None:
        chosen = self.supplied()
        left = len(self.deferred) - len(chosen)
        if self.committed:
            return
        w = self.wording
        if not chosen:
            text = w.nothing if w else self.tr("Nothing marked yet: Space marks the current material as received.")
        elif left:
            text = (w.partial if w else self.tr("%1 material(s) supplied now, %2 stay deferred.")) \
                .replace("%1", str(len(chosen))).replace("%2", str(left))
        else:
            text = w.complete if w else self.tr("All deferred materials supplied: the case continues as accepted.")
        self.summary.setText(text)
        self.commit_button.setEnabled(bool(chosen) and not (w is not None and w.all_required and left))

    # -- pages ----------------------------------------------------------------------------------------------------
    def _strip(self, row: int) -> Any:
        if self.scanner is None or not 0 <= row < len(self.deferred):
            return None
        code = self._code(row)
        strip = self._strips.get(code)
        if strip is None:
            from ui.pages_widget import PageStripRegistry, PagesWidget

            slot = self.pages.slot(code)

            def changed(_model: Any, row: int = row) -> None:
                if not self.committed:
                    state = self._state[self._code(row)]
                    state["received"] = state["received"] or bool(len(self.pages.slot(self._code(row))))
                    self._show_row(row)
                    self._refresh()

            slot.subscribe(changed)
            registry = self.registry or PageStripRegistry()
            strip = PagesWidget(code, slot, self.scanner, self.tasks, registry, material_name=self.deferred[row].name)
            strip.setVisible(False)
            self._pages_layout.addWidget(strip)
            self._strips[code] = strip
        return strip

    def _show_strip(self, row: int) -> None:
        current = self._strip(row)
        for strip in self._strips.values():
            strip.setVisible(strip is current)

    def import_current(self) -> None:
        strip = self._strip(self.table.currentRow())
        if strip is not None:
            self._show_strip(self.table.currentRow())
            strip.import_files()

    # -- committing -----------------------------------------------------------------------------------------------
    def _commit_clicked(self) -> None:
        if self.committed or not self.commit_button.isEnabled():
            return
        self.commit_requested.emit()

    def set_busy(self, busy: bool) -> None:
        self.commit_button.setEnabled(not busy and not self.committed)
        self.table.setEnabled(not busy and not self.committed)
        self.pages_host.setEnabled(not busy and not self.committed)

    def set_done(self, text: str) -> None:
        self.committed = True
        self.set_busy(False)
        self.summary.setText(text)
        self.reprint_button.setVisible(True)
        self.import_button.setEnabled(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.table and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            row = self.table.currentRow()
            key = event.key()
            actions = {Qt.Key.Key_Space: "received", Qt.Key.Key_R: "received", Qt.Key.Key_O: "original",
                       Qt.Key.Key_Plus: "copies_up", Qt.Key.Key_Equal: "copies_up",
                       Qt.Key.Key_Minus: "copies_down"}
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # the table has the focus: no shortcut round trip
                    self._commit_clicked()
                    return True
                return False
            if key in actions:
                self.toggle(row, actions[Qt.Key(key)])
                return True
            if key == Qt.Key.Key_I:
                self.import_current()
                return True
        return super().eventFilter(watched, event)
