"""Every keyboard shortcut of the workstation, declared in one place so none collide and the help can list them.

The clerk's hands stay on the keyboard: each step of the acceptance flow has a key. Features look shortcuts up by
name (``shortcut("search")``) and attach them to their own actions via ``ShortcutRegistry.bind``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from clerk_app.i18n import QT_TRANSLATE_NOOP  # typed str (PySide6 declares its own as returning object)


@dataclass(frozen=True)
class ShortcutSpec:
    name: str
    keys: str
    description: str  # translation source text, context "shortcuts"


SHORTCUTS: tuple[ShortcutSpec, ...] = (
    ShortcutSpec("new_case", "Ctrl+N", QT_TRANSLATE_NOOP("shortcuts", "Start a new acceptance")),
    ShortcutSpec("read_card", "F2", QT_TRANSLATE_NOOP("shortcuts", "Read the ID card now")),
    ShortcutSpec("search", "F3", QT_TRANSLATE_NOOP("shortcuts", "Search service items")),
    ShortcutSpec("focus_search", "Ctrl+K", QT_TRANSLATE_NOOP("shortcuts", "Jump to the item search box")),
    ShortcutSpec("materials", "F4", QT_TRANSLATE_NOOP("shortcuts", "Go to the material checklist")),
    ShortcutSpec("scan", "F6", QT_TRANSLATE_NOOP("shortcuts", "Scan a page for the current material")),
    ShortcutSpec("decide", "F8", QT_TRANSLATE_NOOP("shortcuts", "Go to the decision")),
    ShortcutSpec("accept", "Ctrl+Return", QT_TRANSLATE_NOOP("shortcuts", "Accept the case (受理)")),
    ShortcutSpec("print", "Ctrl+P", QT_TRANSLATE_NOOP("shortcuts", "Print the document for the case")),
    ShortcutSpec("case_list", "F12", QT_TRANSLATE_NOOP("shortcuts", "Show today's cases")),
    ShortcutSpec("queue_call", "F9", QT_TRANSLATE_NOOP("shortcuts", "Call the next ticket (叫号)")),
    ShortcutSpec("queue_recall", "F10", QT_TRANSLATE_NOOP("shortcuts", "Recall the current ticket (重呼)")),
    ShortcutSpec("queue_skip", "F11", QT_TRANSLATE_NOOP("shortcuts", "The called citizen did not come (过号)")),
    ShortcutSpec("queue_transfer", "Ctrl+T", QT_TRANSLATE_NOOP("shortcuts", "Transfer the current ticket")),
    ShortcutSpec("queue_pause", "Ctrl+Shift+P", QT_TRANSLATE_NOOP("shortcuts", "Pause or resume the window")),
    ShortcutSpec("online", "Ctrl+O", QT_TRANSLATE_NOOP("shortcuts", "Open an online application (网上申报)")),
    ShortcutSpec("routing", "Ctrl+R", QT_TRANSLATE_NOOP("shortcuts", "Routing of paper to the departments (材料流转)")),
    ShortcutSpec("find_case", "Ctrl+F", QT_TRANSLATE_NOOP("shortcuts", "Open a case by its number")),
    ShortcutSpec("sync_now", "F5", QT_TRANSLATE_NOOP("shortcuts", "Sync with the platform now")),
    ShortcutSpec("lock", "Ctrl+L", QT_TRANSLATE_NOOP("shortcuts", "Lock the workstation")),
    ShortcutSpec("help", "F1", QT_TRANSLATE_NOOP("shortcuts", "Show the keyboard shortcuts")),
    ShortcutSpec("quit", "Ctrl+Q", QT_TRANSLATE_NOOP("shortcuts", "Quit")),
)

_BY_NAME = {spec.name: spec for spec in SHORTCUTS}
assert len(_BY_NAME) == len(SHORTCUTS), "shortcut names must be unique"
assert len({s.keys for s in SHORTCUTS}) == len(SHORTCUTS), "shortcut keys must be unique"


def shortcut(name: str) -> ShortcutSpec:
    return _BY_NAME[name]


class ShortcutRegistry:
    """Creates one window-wide QAction per declared shortcut; features connect handlers by name."""

    def __init__(self, window: QWidget) -> None:
        self.actions: dict[str, QAction] = {}
        for spec in SHORTCUTS:
            action = QAction(QCoreApplication.translate("shortcuts", spec.description), window)
            # the list overload: resolving ``setShortcut``'s overloads creates PySide6's whole ``Qt`` namespace
            # (~100 enum types, 20 ms), and the shell builds these before its first paint
            action.setShortcuts([QKeySequence(spec.keys)])
            window.addAction(action)
            self.actions[spec.name] = action

    def bind(self, name: str, handler: Callable[[], None]) -> QAction:
        action = self.actions[name]
        action.triggered.connect(handler)
        return action

    def help_rows(self) -> list[tuple[str, str]]:
        return [
            (QKeySequence(spec.keys).toString(QKeySequence.SequenceFormat.NativeText),
             QCoreApplication.translate("shortcuts", spec.description))
            for spec in SHORTCUTS
        ]
