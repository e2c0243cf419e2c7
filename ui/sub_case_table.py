"""并联 in the case dialog: a 一件事 case's sub-cases (one per department and item) and the bundle's derived state.

Self-contained: the case dialog adds it under its text when the stored case has sub-cases (``StoredCase.sub_cases``,
pulled from the platform); it reads nothing itself (docs/online.md, "并联").
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clerk_app.domain.bundle_state import LABELS, derive
from clerk_app.domain.case import CaseStatus
from offline_cache.cases import StoredCase
from offline_cache.sub_cases import SubCase
from ui.tables import read_only_table

_DECIDED = {"approved", "denied", "ready_for_pickup", "handed_over", "mailed", "concluded", "voided"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("tongban", text)


class SubCaseTable(QWidget):
    def __init__(self, sub_cases: Sequence[SubCase], status_text: Callable[[str], str], today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("subCaseTable")
        derived = derive(CaseStatus(s.status) for s in sub_cases)
        state = _tr(LABELS[derived.state]) if derived else "—"
        self.heading = QLabel(f"<b>{_tr('Parallel approval (并联): sub-cases')}</b> — {_tr('bundle state')}: {state}")
        self.heading.setObjectName("subCaseState")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.table = read_only_table([_tr("Sub-case number"), _tr("Item"), _tr("Department / decided by"),
                                      _tr("Status"), _tr("Deadline")], parent=self)
        self.table.setRowCount(len(sub_cases))
        late = QBrush(QColor("#c62828"))
        for row, sub in enumerate(sub_cases):
            body = f"{sub.department} / {sub.deciding_body}" if sub.deciding_body else sub.department
            deadline = sub.deadline.isoformat() if sub.deadline else "—"
            cells = (sub.sub_number, sub.item_name, body, status_text(sub.status), deadline)
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if column == 4 and sub.deadline and sub.deadline < today and sub.status not in _DECIDED:
                    cell.setForeground(late)  # overdue in its department
                    cell.setToolTip(_tr("Past its deadline and not yet decided"))
                if column == 3 and sub.note:
                    cell.setToolTip(sub.note)
                self.table.setItem(row, column, cell)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)  # the item name takes the spare width, not the deadline
        # Every sub-case in view (a bundle has a handful): no inner scrolling in a dialog that already scrolls.
        rows = self.table.verticalHeader().defaultSectionSize() * len(sub_cases)
        self.table.setFixedHeight(rows + header.sizeHint().height() + 2 * self.table.frameWidth() + 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.table)


def add_sub_case_table(layout: QBoxLayout, sub_cases: Sequence[SubCase], status_text: Callable[[str], str],
                       today: date, parent: QWidget) -> SubCaseTable | None:
    """The table added to ``layout`` when the case has sub-cases; None (nothing added) otherwise."""
    if not sub_cases:
        return None
    table = SubCaseTable(sub_cases, status_text, today, parent)
    layout.addWidget(table)
    return table


def routing_line(stored: StoredCase) -> str:
    """跨域通办: the dialog's line naming who decides the case and where its result goes ('' for a local case)."""
    items = (stored.details.get("decision_details") or {}).get("items") or []
    cross = [i for i in items if isinstance(i, dict) and i.get("cross_area")]
    if not cross:
        return ""
    bodies = "、".join(dict.fromkeys(html.escape(str(i.get("deciding_body", ""))) for i in cross))
    delivery = "；".join(dict.fromkeys(html.escape(str(i.get("delivery", ""))) for i in cross if i.get("delivery")))
    return (f"<b>{_tr('Cross-area (跨域通办), decided by')}</b>: {bodies}"
            + (f"<br><b>{_tr('Result (出件地)')}</b>: {delivery}" if delivery else ""))
