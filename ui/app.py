"""GUI start-up (stage 6 of ``main.py``): the application, translations, crash handler, single instance, the window
shell, then the staged start of the services and features (``ui/startup.py``). Nothing heavy is imported before
the shell has painted. Returns the app object when ``exec_loop`` is false so tests can drive the real window: it
returns once the staged start has finished (the window is wired), or the exit code if it failed."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from clerk_app.config import Config
from clerk_app.errors import UserFacingError
from clerk_app.i18n import install_translator
from clerk_app.logging_setup import close_faulthandler, close_logging
from clerk_app.paths import AppPaths
from ui.crash import CrashHandler, show_previous_fault
from ui.i18n import load_translators
from ui.main_window import MainWindow
from ui.single_instance import SingleInstance
from ui.startup import StagedStart
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from clerk_app.context import Workstation
    from clerk_app.services import Services
    from ui.clerk_gate import SessionGate
    from ui.wiring import Features

START_TIMEOUT_MS = 180_000  # exec=False callers wait this long at most for the staged start

log = logging.getLogger("onewindow.init")


class WorkstationApp:
    """Keeps the pieces of a running GUI together (and alive) for ``main.run(exec=False)`` callers. ``services``,
    ``features`` and ``clerk_gate`` exist once the staged start is ``ready``."""

    def __init__(self, qapp: QApplication, window: MainWindow, start: StagedStart, crash: CrashHandler,
                 instance: SingleInstance, tasks: TaskRunner, translators: list[Any], show_dialogs: bool,
                 exec_loop: bool) -> None:
        self.qapp = qapp
        self.window = window
        self.start = start
        self.crash = crash
        self.instance = instance
        self.tasks = tasks
        self._translators = translators
        self._show_dialogs = show_dialogs
        self._exec_loop = exec_loop  # False: main.run(exec=False) returns the failure instead of ending the loop
        self.paint_check: Any = None
        self.exit_code: int | None = None  # set when the staged start failed

    @property
    def ready(self) -> bool:
        return self.start.ready

    @property
    def services(self) -> Services:
        if self.start.services is None:
            raise RuntimeError("the workstation's services are not open (yet)")
        return self.start.services

    @property
    def features(self) -> Features:
        if self.start.features is None:
            raise RuntimeError("the workstation's features are not wired (yet)")
        return self.start.features

    @property
    def clerk_gate(self) -> SessionGate:
        if self.start.clerk_gate is None:
            raise RuntimeError("the clerk gate is not wired (yet)")
        return self.start.clerk_gate

    @property
    def workstation(self) -> Workstation:
        return self.services.workstation

    def wait_started(self, timeout_ms: int = START_TIMEOUT_MS) -> None:
        """Run the event loop until the staged start has finished (ready or failed) or ``timeout_ms`` passed."""
        if self.start.done:
            return
        loop = QEventLoop()
        # a plain connection, dropped by Qt with ``loop`` (no disconnect, no ``Qt`` before the first paint)
        self.start.finished.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()

    def started(self) -> None:
        """The staged start finished: a failure is shown to the clerk and ends the application (``exit_code``)."""
        if self.paint_check is not None and self.start.ready:
            self.paint_check.mark_ready()
        error = self.start.error
        if error is None:
            return
        if isinstance(error, UserFacingError):
            self.exit_code = 2
            self.window.status.showMessage(self.window.tr("OneWindow could not start"))
            if self._show_dialogs:
                from PySide6.QtWidgets import QMessageBox

                QMessageBox.critical(self.window, QCoreApplication.translate("app", "OneWindow cannot start"),
                                     error.user_text())
            print(error.user_text(), file=sys.stderr)
        else:
            self.exit_code = 1
            if not self._exec_loop:
                return  # main.run(exec=False) raises it, as before the staging
            # a bug: the crash handler reports it (and shows its dialog unless --no-crash-dialog)
            sys.excepthook(type(error), error, error.__traceback__)
        if self._exec_loop:
            self.qapp.exit(self.exit_code)

    def shutdown(self) -> None:
        log.info("shutting down")
        self.start.stop()
        self.window.close()
        features = self.start.features
        if features is not None and features.customer_screen is not None:
            features.customer_screen.close()
        self.tasks.shutdown()
        # Results of background work that finished during shutdown are queued for the GUI thread: deliver them
        # while the services are still open, not into whatever runs next in this process.
        self.qapp.sendPostedEvents()
        # Delete the window now: features hang app-wide objects on it (the barcode-gun event filter on the
        # QApplication), which must not keep acting after this workstation is gone.
        self.window.deleteLater()
        self.qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.instance.close()
        self.start.close()
        self.crash.uninstall()
        # The QApplication may outlive this workstation (tests boot several): leave no translation behind.
        for translator in self._translators:
            self.qapp.removeTranslator(translator)
        self._translators.clear()
        install_translator(lambda _context, text: text)
        close_faulthandler()
        close_logging()


def start_gui(args: argparse.Namespace, paths: AppPaths, config: Config, language: str,
              previous_crash: str | None, exec_loop: bool) -> Any:
    QCoreApplication.setOrganizationName("OneWindow")
    QCoreApplication.setApplicationName("OneWindow")
    qapp = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(qapp, QApplication)
    translators = load_translators(qapp, language)
    install_translator(QCoreApplication.translate)

    crash = CrashHandler(paths.crash_dir, show_dialog=not args.no_crash_dialog)
    crash.install()
    if previous_crash:
        show_previous_fault(previous_crash, paths.crash_dir, show_dialog=not args.no_crash_dialog)

    instance = SingleInstance(paths.data_dir)
    if not args.no_single_instance and not instance.claim():
        crash.uninstall()
        if instance.holder_answered():
            log.info("another window is running; asked it to come forward")
            return 0
        log.warning("another window holds the data folder and did not answer")
        message = QCoreApplication.translate(
            "app", "Another OneWindow window is already using this data folder. Close it first, or ask IT staff.")
        if not args.no_crash_dialog:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(None, QCoreApplication.translate("app", "OneWindow cannot start"), message)
        print(message, file=sys.stderr)
        return 2

    log.info("painting the window shell")
    settings = QSettings(str(paths.config_dir / "ui-state.ini"), QSettings.Format.IniFormat)
    layout = str(config.get("ui.layout"))
    window = MainWindow(training=config.is_training, settings=settings,
                        compact=None if layout == "auto" else layout == "compact")
    window.status.set_identity(config.get("centre.name"), config.get("window.name"), "—")
    window.status.set_starting(True)
    tasks = TaskRunner()
    # The training auto-login is for tests and demonstrations.
    training_login = getattr(args, "training_login", None) or os.environ.get("ONEWINDOW_TRAINING_LOGIN") or None
    start = StagedStart(window, paths, config, tasks, training_login)
    app = WorkstationApp(qapp, window, start, crash, instance, tasks, translators,
                         show_dialogs=not args.no_crash_dialog, exec_loop=exec_loop)
    start.finished.connect(app.started)
    instance.activation_requested.connect(lambda: _bring_to_front(window))
    if getattr(args, "screenshot", None):
        from ui.paint_check import quit_after_paint

        app.paint_check = quit_after_paint(qapp, window, args.screenshot)
    window.show()
    if not args.no_single_instance:
        window.after_first_paint(instance.listen)  # the front door for a second launch (ui/single_instance.py)
    start.begin()
    if not exec_loop:
        app.wait_started()
        if app.exit_code is not None:
            return _failed(app)
        if not app.ready:
            app.shutdown()
            raise RuntimeError(f"the workstation did not start within {START_TIMEOUT_MS} ms")
        return app
    code = qapp.exec()
    app.shutdown()
    return code


def _failed(app: WorkstationApp) -> int:
    """``exec=False``: a failed start leaves nothing running; a bug propagates as it did before the staging."""
    code = app.exit_code or 2
    error = app.start.error
    app.shutdown()
    if error is not None and not isinstance(error, UserFacingError):
        raise error
    return code


def _bring_to_front(window: QWidget) -> None:
    """A second start of the workstation shows the running one instead of opening another."""
    window.showNormal()
    window.raise_()
    window.activateWindow()
