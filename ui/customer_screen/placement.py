"""Where the customer screen goes: the monitor the administrator named in ``customer_screen.screen``; without a
name, the first monitor the clerk's window is not on; with one monitor, a separate window the clerk can move.

The choice is remembered by the configuration file itself (the administrator sets it once, e.g. after
the log lists the monitors' names at start); a named monitor that is missing today falls back as above and
is logged, so a loose cable does not put the citizen's screen over the clerk's work.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

log = logging.getLogger("onewindow.ui.customer_screen")

WINDOWED_SIZE = (1024, 640)


def choose_screen(screens: Sequence[QScreen], wanted: str, clerk_screen: QScreen | None) -> QScreen | None:
    """The citizen's monitor, or None when there is only the clerk's."""
    if wanted:
        for screen in screens:
            if screen.name() == wanted:
                return screen
        log.warning("customer screen %r is not connected; %d monitor(s) found", wanted, len(screens))
    for screen in screens:
        if screen is not clerk_screen and screen != clerk_screen:
            return screen
    return None


def place(widget: QWidget, wanted: str, clerk_window: QWidget | None) -> str:
    """Show ``widget`` full screen on the citizen's monitor, or as a movable window; returns where it went
    (the screen's name, or "" for a window)."""
    app = QGuiApplication.instance()
    screens = QGuiApplication.screens() if app is not None else []
    clerk_screen = clerk_window.screen() if clerk_window is not None else QGuiApplication.primaryScreen()
    log.info("monitors: %s", ", ".join(f"{s.name()} {s.geometry().width()}x{s.geometry().height()}" for s in screens))
    target = choose_screen(screens, wanted, clerk_screen)
    if target is None:
        widget.resize(*WINDOWED_SIZE)
        widget.show()
        return ""
    widget.setScreen(target)
    widget.move(target.geometry().topLeft())
    widget.setGeometry(target.geometry())
    widget.showFullScreen()
    return target.name()
