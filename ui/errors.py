"""The one place that turns exceptions into what the clerk sees."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from clerk_app.errors import Cancelled, UserFacingError

log = logging.getLogger("onewindow.ui")


def show_exception(parent: QWidget | None, exc: BaseException) -> None:
    if isinstance(exc, Cancelled):
        return
    if isinstance(exc, UserFacingError):
        log.info("user-facing error shown: %s", type(exc).__name__)
        QMessageBox.warning(parent, QMessageBox.tr("OneWindow"), exc.user_text())
        return
    # Not a known failure: let the crash handler deal with it (report + dialog).
    raise exc
