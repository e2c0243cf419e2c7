"""The one place that turns exceptions into what the clerk sees."""

from __future__ import annotations

import html
import logging

from PySide6 import QtCore  # ``QtCore.Qt`` at use: see ui.main_window._splitter
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from clerk_app.errors import Cancelled, UserFacingError

log = logging.getLogger("onewindow.ui")
ERROR_RED = "#c62828"
_open_boxes: set[QMessageBox] = set()  # parentless boxes must stay referenced while shown


def show_exception(parent: QWidget | None, exc: BaseException) -> None:
    if isinstance(exc, Cancelled):
        return
    if isinstance(exc, UserFacingError):
        log.info("user-facing error shown: %s", type(exc).__name__)
        # Window-modal and asynchronous: a nested event loop here would stall whatever delivered the error
        # (a background result, a device signal) until the clerk clicks.
        title = QCoreApplication.translate("QMessageBox", "OneWindow")
        box = QMessageBox(QMessageBox.Icon.Warning, title, exc.user_text(), QMessageBox.StandardButton.Ok, parent)
        box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        _open_boxes.add(box)
        box.finished.connect(lambda _result: _open_boxes.discard(box))
        box.open()
        return
    # Not a known failure: let the crash handler deal with it (report + dialog).
    raise exc


def inline_error_text(exc: BaseException) -> str:
    """The text of an error shown inside a widget (a label under a form) instead of a dialog. Only expected
    failures have such a text; anything untyped is a bug and goes on to the crash handler, as in a dialog."""
    if isinstance(exc, Cancelled):
        return ""
    if isinstance(exc, UserFacingError):
        log.info("user-facing error shown inline: %s", type(exc).__name__)
        return exc.user_text()
    raise exc


def report_background_error(exc: BaseException) -> None:
    """An error of work whose window has closed meanwhile: a user-facing one is only logged (there is nobody to
    show it to, and a box over another window would confuse); anything else is a bug and reaches the crash
    handler."""
    if isinstance(exc, Cancelled):
        return
    if isinstance(exc, UserFacingError):
        log.info("user-facing error after its window closed: %s", type(exc).__name__)
        return
    raise exc


def error_html(text: str) -> str:
    """An error line for a rich-text label under a form: red, and escaped (a name or a carrier's answer in the
    text must not be read as markup)."""
    return f"<span style='color:{ERROR_RED}'>{html.escape(text)}</span>"
