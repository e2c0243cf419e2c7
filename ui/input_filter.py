"""The one application-wide event filter: input seen anywhere (the idle lock) and key presses (the barcode gun).

An event filter on the QApplication is called for every event of every object: opening a case dialog of 30
widgets sends about 770 events through it (child added, polish, layout, paint ...), and each call into Python
costs ~5.5 µs plus a GIL hand-over when a worker thread is running Python. Two Python filters (the idle lock's and
the gun's) doubled that, and were among the sites of the longest GUI stalls of a busy day (issue 11). Here one
filter looks at the event type once and returns at once for anything that is not input; only key presses reach
the key filters, and only input events the listeners.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject

_KEY = QEvent.Type.KeyPress
_INPUT = frozenset((QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel))


class AppInputFilter(QObject):
    """Installed on the application once (``app_input``). ``listen``: called on every input event (no arguments)
    while ``owner`` exists; ``add_key_filter``: an object whose ``eventFilter(watched, event)`` sees each key press
    first, as if installed on the application, and may swallow it (returns True). Like Qt's own filters, a listener
    or key filter whose object is deleted is dropped (tests boot several workstations in one application)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._listeners: list[tuple[QObject, Callable[[], None]]] = []
        self._key_filters: list[QObject] = []

    def listen(self, owner: QObject, listener: Callable[[], None]) -> None:
        self._listeners.append((owner, listener))

    def unlisten(self, owner: QObject) -> None:
        self._listeners = [(o, f) for o, f in self._listeners if o is not owner]

    def add_key_filter(self, key_filter: QObject) -> None:
        # The last added sees a key first, as Qt orders filters installed on one object.
        self._key_filters.insert(0, key_filter)

    def remove_key_filter(self, key_filter: QObject) -> None:
        self._key_filters = [f for f in self._key_filters if f is not key_filter]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind not in _INPUT:
            return False  # nearly every event: one look at its type
        for owner, listener in list(self._listeners):
            if shiboken6.isValid(owner):
                listener()
            else:
                self.unlisten(owner)
        if kind is not _KEY or not self._key_filters:
            return False
        for key_filter in list(self._key_filters):
            if not shiboken6.isValid(key_filter):  # its owner (a workstation's window) is gone
                self.remove_key_filter(key_filter)
            elif key_filter.eventFilter(watched, event):
                return True
        return False


def app_input(app: QCoreApplication | None = None) -> AppInputFilter | None:
    """The application's input filter, installed on first use; None without an application."""
    app = app or QCoreApplication.instance()
    if app is None:
        return None
    found = app.findChild(AppInputFilter, "appInputFilter")
    if found is None:
        found = AppInputFilter(app)
        found.setObjectName("appInputFilter")
        app.installEventFilter(found)
    return found
