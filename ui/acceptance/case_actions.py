"""The case dialog's action row, sized for a 1366×768 laptop: what the case's state allows now is a button, the rest
sits in a 更多 menu.

The dialog used to show all of its actions (补打, 出件, the 授权委托书 ones, 补齐, 补正, 缴费, 作废 …) as one row of
buttons, about 1900 px wide in Chinese. Here the actions stay ``QPushButton`` objects (the dialog's attributes and
signals do not change, tests and callers click them as before) but only the first ``primary`` enabled ones, in the
dialog's order, are laid out; every other action is an entry of the 更多 menu that clicks its button, enabled and
named as the button is. Actions the clerk should never hit by accident (作废) are always in the menu. The split is
made again whenever a button's enabled state changes (the controller disables what a desk cannot do after
building the dialog).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QMenu, QPushButton, QToolButton, QWidget

PRIMARY = 4  # buttons in the row beside 更多 and Close: about 900 px in Chinese at the laptop's font


class CaseActionBar(QWidget):
    def __init__(self, actions: Iterable[QPushButton], *, menu_only: Iterable[QPushButton] = (),
                 primary: int = PRIMARY, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseActions")
        self._menu_only = list(menu_only)
        self._buttons = [*actions, *(b for b in self._menu_only)]
        self._primary = primary
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self.more = QToolButton(self)
        self.more.setObjectName("moreActions")
        self.more.setText(self.tr("More (更多)…"))
        self.more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(self.more)
        self.more.setMenu(self.menu)
        self.entries: dict[QPushButton, QAction] = {}
        for button in self._buttons:
            entry = QAction(button.text(), self)  # the bar's: QMenu.clear deletes the actions it owns
            entry.setToolTip(button.toolTip())
            entry.setObjectName(f"{button.objectName()}Entry")
            entry.triggered.connect(button.click)
            self.entries[button] = entry
            self._row.addWidget(button)
            button.installEventFilter(self)
        self._row.addStretch(1)
        self._row.addWidget(self.more)
        self._arranging = False
        self.arrange()

    def wanted(self, button: QPushButton) -> bool:
        """A button the dialog offers at all (``wanted`` False: e.g. no agent, nobody to authorise)."""
        value = button.property("wanted")
        return value is None or bool(value)

    def arrange(self) -> None:
        if self._arranging:
            return
        self._arranging = True
        try:
            shown = [b for b in self._buttons if b not in self._menu_only and self.wanted(b) and b.isEnabled()]
            shown = shown[:self._primary]
            for entry in self.menu.actions():
                self.menu.removeAction(entry)
            for button in self._buttons:
                button.setVisible(button in shown)
                if button not in shown and self.wanted(button):
                    entry = self.entries[button]
                    entry.setText(button.text())
                    entry.setEnabled(button.isEnabled())
                    self.menu.addAction(entry)
            self.more.setEnabled(bool(self.menu.actions()))
        finally:
            self._arranging = False

    def primary_buttons(self) -> list[QPushButton]:
        return [b for b in self._buttons if b.isVisibleTo(self)]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.EnabledChange and watched in self.entries:
            self.arrange()
        return super().eventFilter(watched, event)
