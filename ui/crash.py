"""Crash handling: any uncaught exception (GUI thread or worker) produces a report in the data folder and, unless
``--no-crash-dialog``, a dialog on the GUI thread telling the clerk that nothing saved was lost and where the report
is for IT staff. Reports pass through the same redaction as the logs."""

from __future__ import annotations

import datetime
import logging
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QApplication

from clerk_app import __version__
from clerk_app.logging_setup import ram_handler, redact

log = logging.getLogger("onewindow.crash")


class CrashHandler(QObject):
    crashed = Signal(str, str)  # summary, report path

    def __init__(self, crash_dir: Path, show_dialog: bool) -> None:
        super().__init__()
        self.crash_dir = crash_dir
        self.show_dialog = show_dialog
        self.reports: list[Path] = []
        self._seen: set[str] = set()
        self.crashed.connect(self._on_crashed)

    def install(self) -> None:
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_excepthook

    def uninstall(self) -> None:
        sys.excepthook = sys.__excepthook__
        threading.excepthook = threading.__excepthook__

    def _thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit or args.exc_value is None:
            return
        self._excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    def _excepthook(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("uncaught exception: %s", redact(f"{exc_type.__name__}: {exc}"))
        path = self.write_report(text)
        signature = "".join(traceback.format_tb(tb)[-3:]) + exc_type.__name__
        if signature in self._seen:
            return
        self._seen.add(signature)
        self.crashed.emit(exc_type.__name__, str(path))

    def write_report(self, trace: str) -> Path:
        self.crash_dir.mkdir(parents=True, exist_ok=True)
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        path = self.crash_dir / f"crash-{stamp}.txt"
        body = (f"OneWindow {__version__}\nPython {sys.version}\n\n{trace}\n\n--- recent log ---\n"
                f"{ram_handler.dump()}\n")
        path.write_text(redact(body), encoding="utf-8")
        self.reports.append(path)
        return path

    def _on_crashed(self, summary: str, path: str) -> None:
        if not self.show_dialog:
            return
        from PySide6.QtWidgets import QMessageBox  # here: the shell imports this module before its first paint

        QMessageBox.critical(
            QApplication.activeWindow(),
            self.tr("Unexpected error"),
            self.tr("An unexpected error occurred ({0}). Work already saved is safe.\n"
                    "A report for the IT staff was saved to:\n{1}").format(summary, path),
        )


def show_previous_fault(previous: str, crash_dir: Path, show_dialog: bool) -> Path:
    """The last run died hard (segfault): keep its fault log as a report and tell the clerk once."""
    crash_dir.mkdir(parents=True, exist_ok=True)
    path = crash_dir / f"fault-{datetime.datetime.now():%Y%m%d-%H%M%S}.txt"
    path.write_text(redact(previous), encoding="utf-8")
    if show_dialog:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(
            None, QCoreApplication.translate("CrashHandler", "Previous session ended abnormally"),
            QCoreApplication.translate(
                "CrashHandler", "The workstation stopped unexpectedly last time. A report was saved to:\n{0}"
            ).format(path),
        )
    return path
