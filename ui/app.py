"""GUI start-up (stage 6 of ``main.py``): the application, translations, crash handler, single instance, services,
main window. Returns the app object when ``exec_loop`` is false so tests can drive the real window."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from clerk_app.config import Config
from clerk_app.context import Workstation
from clerk_app.errors import UserFacingError
from clerk_app.i18n import install_translator
from clerk_app.logging_setup import close_faulthandler, close_logging
from clerk_app.paths import AppPaths
from clerk_app.services import Services, open_services
from ui.crash import CrashHandler, show_previous_fault
from ui.i18n import load_translators
from ui.main_window import MainWindow
from ui.single_instance import SingleInstance
from ui.tasks import TaskRunner
from ui.wiring import Features, device_hooks, wire_features

if TYPE_CHECKING:
    from ui.clerk_gate import SessionGate

log = logging.getLogger("onewindow.init")


class WorkstationApp:
    """Keeps the pieces of a running GUI together (and alive) for ``main.run(exec=False)`` callers."""

    def __init__(self, qapp: QApplication, window: MainWindow, services: Services, features: Features,
                 clerk_gate: SessionGate, crash: CrashHandler, instance: SingleInstance, tasks: TaskRunner,
                 translators: list[Any]) -> None:
        self.qapp = qapp
        self.window = window
        self.services = services
        self.features = features
        self.clerk_gate = clerk_gate
        self.crash = crash
        self.instance = instance
        self.tasks = tasks
        self._translators = translators
        self.paint_check: Any = None

    @property
    def workstation(self) -> Workstation:
        return self.services.workstation

    def shutdown(self) -> None:
        log.info("shutting down")
        self.window.close()
        if self.features.customer_screen is not None:
            self.features.customer_screen.close()
        self.tasks.shutdown()
        # Results of background work that finished during shutdown are queued for the GUI thread: deliver them
        # while the services are still open, not into whatever runs next in this process.
        self.qapp.sendPostedEvents()
        # Delete the window now: features hang app-wide objects on it (the barcode-gun event filter on the
        # QApplication), which must not keep acting after this workstation is gone.
        self.window.deleteLater()
        self.qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.instance.close()
        self.services.close()
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
    if not args.no_single_instance:
        if instance.other_instance_answered():
            log.info("another window is running; asked it to come forward")
            crash.uninstall()
            return 0
        instance.listen()

    log.info("opening services")
    try:
        services = open_services(paths, config, device_hooks())
    except UserFacingError as exc:
        crash.uninstall()
        instance.close()
        if not args.no_crash_dialog:
            QMessageBox.critical(None, QCoreApplication.translate("app", "OneWindow cannot start"), exc.user_text())
        print(exc.user_text(), file=sys.stderr)
        return 2

    log.info("building the main window")
    settings = QSettings(str(paths.config_dir / "ui-state.ini"), QSettings.Format.IniFormat)
    window = MainWindow(training=services.is_training, settings=settings)
    window.status.set_identity(config.get("centre.name"), config.get("window.name"), "—")
    tasks = TaskRunner()
    features = wire_features(window, services, tasks)
    from ui.clerk_gate import wire_clerk_session

    # Last: the gate covers every panel wired above. The training auto-login is for tests and demonstrations.
    training_login = getattr(args, "training_login", None) or os.environ.get("ONEWINDOW_TRAINING_LOGIN") or None
    gate = wire_clerk_session(window, services, tasks, training_login, features.acceptance.drafts)
    from ui.customer_screen.wiring import follow_clerk_gate

    follow_clerk_gate(features.customer_screen, gate)  # the citizen's screen blanks with the gate
    instance.activation_requested.connect(lambda: _bring_to_front(window))
    app = WorkstationApp(qapp, window, services, features, gate, crash, instance, tasks, translators)
    window.show()
    if getattr(args, "screenshot", None):
        from ui.paint_check import quit_after_paint

        app.paint_check = quit_after_paint(qapp, window, args.screenshot)
    if not exec_loop:
        return app
    code = qapp.exec()
    app.shutdown()
    return code


def _bring_to_front(window: QWidget) -> None:
    """A second start of the workstation shows the running one instead of opening another."""
    window.showNormal()
    window.raise_()
    window.activateWindow()
