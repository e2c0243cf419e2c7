"""The read-only list tables of the dialogs (slips, sub-cases, the sync queue): whole rows selected, no editing,
no row numbers, the last column taking the rest of the width."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QWidget


def read_only_table(headers: list[str], name: str = "", parent: QWidget | None = None) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    if name:
        table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table
