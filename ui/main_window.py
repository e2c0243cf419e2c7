"""The main window: a workspace laid out as the clerk works, left to right.

    ┌ applicant ┬ item search & guide ┬ materials ┐
    ├───────────┴─────────────────────┴ decision  ┤
    └ today's cases ──────────────────────────────┘

On a small screen (a 1366×768 laptop on a home visit, ``compact``) the decision goes under the item search instead,
so that the materials column has the whole height for the checklist and the page strip, and today's cases get less:

    ┌ applicant ┬ item search & guide ┬ materials ┐
    │           ├ decision ───────────┤ + pages   │
    └ today's cases ──────────────────────────────┘

Each area is a named slot that a feature fills with its panel (``install_area``); until then the slot shows what
it is for. The window holds no business logic.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, QSize, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication, QPaintEvent
from PySide6.QtWidgets import QGroupBox, QLabel, QMainWindow, QSplitter, QVBoxLayout, QWidget

from ui.shortcuts import ShortcutRegistry
from ui.status_bar import WorkstationStatusBar

AREAS = ("applicant", "item", "materials", "decision", "cases")


# Minimum (width, height) of each work area in pixels: explicit, so content never widens an area by itself.
AREA_MINIMUM = {"applicant": (220, 120), "item": (300, 120), "materials": (300, 120), "decision": (300, 80),
                "cases": (400, 80)}

# Below this available screen size the window is laid out compact (a 1366×768 laptop: about 1366×728 available).
COMPACT_BELOW = QSize(1600, 900)


def small_screen() -> bool:
    """The primary screen is a laptop's (or there is none: offscreen tests choose ``compact`` themselves)."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return False
    available = screen.availableGeometry().size()
    return available.width() < COMPACT_BELOW.width() or available.height() < COMPACT_BELOW.height()


def _splitter(orientation: str) -> QSplitter:
    """A splitter whose orientation is set through its Qt property by the value's name. The shell paints before
    anything reads PySide6's ``Qt`` namespace: the first use of ``Qt`` creates all of its ~100 Python enum types,
    about 20 ms, which the staged start pays after the first paint instead (issue 11)."""
    splitter = QSplitter()
    splitter.setProperty("orientation", orientation)
    return splitter


class MainWindow(QMainWindow):
    def __init__(self, training: bool, settings: QSettings | None = None, compact: bool | None = None) -> None:
        super().__init__()
        self.setObjectName("MainWindow")
        self._settings = settings
        self.compact = small_screen() if compact is None else compact
        self._painted = False
        self._background_held = False  # the staged start holds the features' first background work (ui/startup.py)
        self._held_work: list[Callable[[], None]] = []
        self._after_paint: list[Callable[[], None]] = []
        self.setWindowTitle(self._title(training))
        self.status = WorkstationStatusBar(self)
        self.setStatusBar(self.status)
        self.status.set_training(training)
        self.shortcuts = ShortcutRegistry(self)
        self.shortcuts.bind("help", self.show_shortcut_help)
        self.shortcuts.bind("quit", self._quit)

        self.areas: dict[str, QGroupBox] = {}
        titles = {
            "applicant": self.tr("Applicant"),
            "item": self.tr("Service item and guide"),
            "materials": self.tr("Materials"),
            "decision": self.tr("Decision"),
            "cases": self.tr("Today's cases"),
        }
        hints = {
            "applicant": self.tr("Place the ID card on the reader, or press F2."),
            "item": self.tr("Press F3 and type a name, a code or pinyin initials."),
            "materials": self.tr("The material checklist of the chosen item appears here."),
            "decision": self.tr("Accept, accept with deficiencies, one-time notice or reject."),
            "cases": self.tr("Cases accepted at this window today, with deadline warnings."),
        }
        for name in AREAS:
            box = QGroupBox(titles[name])
            box.setObjectName(f"area_{name}")
            layout = QVBoxLayout(box)
            hint = QLabel(hints[name])
            hint.setWordWrap(True)
            hint.setObjectName("areaHint")
            hint.setStyleSheet("color: #757575;")
            layout.addWidget(hint)
            layout.addStretch(1)
            self.areas[name] = box

        self._lay_out_areas()
        # The work areas keep the widths the clerk (or the last session) gave them while content changes: an
        # explicit minimum size takes the place of the panels' minimum size hints, which grew with a long name,
        # a wide table or a preview and made the splitters jump (issue 11). Content narrower than that scrolls,
        # wraps or is elided inside its area.
        for name, box in self.areas.items():
            box.setMinimumSize(AREA_MINIMUM[name][0], AREA_MINIMUM[name][1])
        for splitter in self._splitters:
            splitter.setChildrenCollapsible(False)
        self.resize(1280, 800)
        screen = QGuiApplication.primaryScreen()
        if self.compact and screen is not None:  # a laptop: the whole screen, the frame's own height left out
            available = screen.availableGeometry().size()
            self.resize(min(1366, available.width()), min(768, available.height()))
        self._restore_state()

    def _lay_out_areas(self) -> None:
        top = _splitter("Horizontal")
        top.setObjectName("topSplitter")
        right = _splitter("Vertical")
        right.setObjectName("rightSplitter")
        top.addWidget(self.areas["applicant"])
        outer = _splitter("Vertical")
        outer.setObjectName("outerSplitter")
        outer.addWidget(top)
        outer.addWidget(self.areas["cases"])
        if self.compact:
            right.addWidget(self.areas["item"])
            right.addWidget(self.areas["decision"])
            top.addWidget(right)
            top.addWidget(self.areas["materials"])
            # applicant : item + decision : materials for 1366 px; the cases list keeps three rows in sight
            top.setSizes([290, 470, 600])
            right.setSizes([350, 210])
            outer.setSizes([560, 130])
        else:
            right.addWidget(self.areas["materials"])
            right.addWidget(self.areas["decision"])
            top.addWidget(self.areas["item"])
            top.addWidget(right)
            top.setSizes([300, 520, 460])
            right.setSizes([520, 200])  # the checklist and its page strip above, the decision's few lines below
            outer.setSizes([560, 200])
        self.setCentralWidget(outer)
        self._splitters = (top, right, outer)

    def _state_key(self, splitter: QSplitter) -> str:
        # The compact layout's splitters hold other areas: their sizes are remembered apart. "right" was the
        # right splitter's key before it had a name (kept so that a clerk's saved layout still applies).
        name = splitter.objectName().replace("rightSplitter", "right")
        return f"main_window{'_compact' if self.compact else ''}/{name}"

    def _title(self, training: bool) -> str:
        title = self.tr("OneWindow Clerk Workstation")
        return title + (" — " + self.tr("Training mode") if training else "")

    def _quit(self) -> None:
        self.close()

    def install_area(self, name: str, widget: QWidget) -> None:
        """Replace the placeholder of area ``name`` with a feature's panel."""
        box = self.areas[name]
        layout = box.layout()
        assert layout is not None  # every area is built with a layout
        while layout.count():
            item = layout.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                # Hide at once: deleteLater waits for the event loop, and the hint would show through until then.
                old.hide()
                old.setParent(None)
                old.deleteLater()
        layout.addWidget(widget)

    def add_to_area(self, name: str, widget: QWidget, first: bool = False) -> None:
        """Add a feature's widget beside what area ``name`` holds (e.g. the 网上申报 bar above the applicant)."""
        layout = self.areas[name].layout()
        assert isinstance(layout, QVBoxLayout)
        if first:
            layout.insertWidget(0, widget)
        else:
            layout.addWidget(widget)

    def show_shortcut_help(self) -> None:
        # Imported here: each PySide6 class costs its first use, and the shell paints before anything else.
        from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTableWidget, QTableWidgetItem

        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Keyboard shortcuts"))
        table = QTableWidget(0, 2, dialog)
        table.setHorizontalHeaderLabels([self.tr("Key"), self.tr("Action")])
        for row, (keys, text) in enumerate(self.shortcuts.help_rows()):
            table.insertRow(row)
            table.setItem(row, 0, QTableWidgetItem(keys))
            table.setItem(row, 1, QTableWidgetItem(text))
        table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(table)
        layout.addWidget(buttons)
        dialog.resize(460, 420)
        dialog.open()

    # -- UI state (not configuration) lives in QSettings ------------------------------------------------------
    def _restore_state(self) -> None:
        if self._settings is None:
            return
        geometry = self._settings.value("main_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        for splitter in self._splitters:
            state = self._settings.value(self._state_key(splitter))
            if state is not None:
                splitter.restoreState(state)

    def after_first_paint(self, callback: Callable[[], None], fallback_ms: int = 2000) -> None:
        """Run ``callback`` once the window has painted for the first time (at the latest after ``fallback_ms``).
        Heavy first-start work (the training catalog import holds the GIL for seconds) starts after the clerk
        sees the window, not while it first paints."""
        if self._background_held:
            self._held_work.append(callback)
            return
        if self._painted:
            callback()
            return
        self._after_paint.append(callback)
        QTimer.singleShot(fallback_ms, self, self._run_after_paint)

    def hold_background_work(self) -> None:
        """Until ``release_background_work``, work handed to ``after_first_paint`` from now on waits, even after
        the first paint: the staged start wires the features one slice at a time, and their first background work
        (the catalog import, the sandbox process, the queue's first contact) would compete with those slices for
        the GIL."""
        self._background_held = True

    def release_background_work(self) -> None:
        self._background_held = False
        held, self._held_work = self._held_work, []
        for callback in held:
            self.after_first_paint(callback)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self._run_after_paint)

    def _run_after_paint(self) -> None:
        self._painted = True
        callbacks, self._after_paint = self._after_paint, []
        for callback in callbacks:
            callback()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self._settings is not None:
            self._settings.setValue("main_window/geometry", self.saveGeometry())
            for splitter in self._splitters:
                self._settings.setValue(self._state_key(splitter), splitter.saveState())
        super().closeEvent(event)
