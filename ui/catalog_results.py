"""The catalog result list: a list view over a model that holds the hits of the last keystroke.

A ``QListWidget`` made one ``QListWidgetItem`` per hit at every keystroke, cleared them (moving its current row
through each) and measured every row's size to place the current one: a quarter of a keystroke's time at 50,000
items. Here a keystroke swaps one Python list in the model and tells the view only which rows changed (half the
keystrokes of a word leave the top rows as they were: nothing is painted again); rows are uniform, so the view
lays out and paints only the rows on screen. The small ``QListWidget``-like surface (``count``, ``item``,
``currentRow`` …) keeps the panel and its tests reading rows as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QListView, QWidget

from clerk_app.catalog.search import SearchHit

CODE_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


class ResultsModel(QAbstractListModel):
    def __init__(self, bundle_prefix: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hits: Sequence[SearchHit] = ()
        self._bundle_prefix = bundle_prefix

    def set_hits(self, hits: Sequence[SearchHit]) -> None:
        old = self.hits
        changed = [row for row in range(min(len(old), len(hits))) if _shown(old[row]) != _shown(hits[row])]
        if len(hits) < len(old):
            self.beginRemoveRows(QModelIndex(), len(hits), len(old) - 1)
            self.hits = hits
            self.endRemoveRows()
        elif len(hits) > len(old):
            self.beginInsertRows(QModelIndex(), len(old), len(hits) - 1)
            self.hits = hits
            self.endInsertRows()
        else:
            self.hits = hits
        if changed:
            self.dataChanged.emit(self.index(changed[0]), self.index(changed[-1]))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self.hits)

    def label(self, row: int) -> str:
        hit = self.hits[row]
        label = f"{hit.name}　·　{hit.department}"
        if hit.reach == "cross":  # 跨域通办: another area's item, accepted here and decided by its body
            label += QCoreApplication.translate("tongban", "　[cross-area · decided by {body}]").format(body=hit.body)
        elif hit.reach == "outside":
            label += QCoreApplication.translate("tongban", "　[outside its 通办范围: cannot be accepted here]")
        return self._bundle_prefix + label if hit.kind == "bundle" else label

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self.hits):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.label(row)
        if role == CODE_ROLE:
            return self.hits[row].item_code
        if role == KIND_ROLE:
            return self.hits[row].kind
        if role == Qt.ItemDataRole.ToolTipRole:
            hit = self.hits[row]
            return f"{hit.item_code}\n{hit.reach_note}" if hit.reach_note else hit.item_code
        if role == Qt.ItemDataRole.ForegroundRole and self.hits[row].reach == "outside":
            return QBrush(QColor("#8a8a8a"))  # greyed: shown so the clerk can tell the citizen why not
        return None


def _shown(hit: SearchHit) -> tuple[str, str, str, str, str]:
    """What a row shows and carries: a hit with only another score or match kind is the same row."""
    return hit.item_code, hit.name, hit.department, hit.kind, hit.reach


class ResultRow:
    """One row as ``QListWidgetItem`` offered it: its text and its data by role."""

    def __init__(self, model: ResultsModel, row: int) -> None:
        self._model, self._row = model, row

    def text(self) -> str:
        return self._model.label(self._row)

    def data(self, role: int) -> Any:
        return self._model.data(self._model.index(self._row), role)


class ResultList(QListView):
    """Emits ``current_changed(code)`` when the clerk moves to another row (not when a keystroke refills it) and
    ``chosen()`` when a row is activated (Enter, double click)."""

    current_changed = Signal(str)
    chosen = Signal()

    def __init__(self, bundle_prefix: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.results_model = ResultsModel(bundle_prefix, self)
        self.setModel(self.results_model)
        self.setUniformItemSizes(True)  # one row measured, not fifty, before the current one is placed
        self.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self._refilling = False
        self.selectionModel().currentChanged.connect(self._current_changed)
        self.activated.connect(lambda _index: self.chosen.emit())

    def set_hits(self, hits: Sequence[SearchHit]) -> None:
        """The hits of a keystroke, the first one current, without ``current_changed``."""
        self._refilling = True
        try:
            self.results_model.set_hits(hits)
            if hits and self.currentRow() != 0:
                self.setCurrentIndex(self.results_model.index(0))
        finally:
            self._refilling = False

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._refilling and current.isValid():
            self.current_changed.emit(str(current.data(CODE_ROLE)))

    def count(self) -> int:
        return self.results_model.rowCount()

    def item(self, row: int) -> ResultRow:
        if not 0 <= row < self.count():
            raise IndexError(row)
        return ResultRow(self.results_model, row)

    def currentRow(self) -> int:  # noqa: N802 - named as QListWidget names it
        index = self.currentIndex()
        return index.row() if index.isValid() else -1

    def setCurrentRow(self, row: int) -> None:  # noqa: N802 - named as QListWidget names it
        if 0 <= row < self.count():
            self.setCurrentIndex(self.results_model.index(row))

    def current_code(self) -> str | None:
        row = self.currentRow()
        return None if row < 0 else self.results_model.hits[row].item_code
