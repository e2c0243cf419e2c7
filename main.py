"""OneWindow entry point: staged start-up for the clerk's GUI and the admin CLI.

Start-up order (each stage logged, each failure reported in the clerk's language where possible):

1. Parse arguments. Resolve the folders (``--home`` or ``ONEWINDOW_HOME`` put everything under one folder).
2. Logging (rotating file in the log folder, RAM buffer, redaction of personal numbers) and faulthandler.
3. Dependency check: the libraries the workstation cannot run without, with one clear message if any is missing.
4. Configuration from the TOML file; no file = training mode on embedded defaults.
5. Headless commands (``doctor``, ``catalog``, ``diag`` ...) run here, with a QCoreApplication for translations only.
6. GUI: QApplication and translator; crash handler (``--no-crash-dialog`` for tests); single-instance guard;
   the main window's shell, painted first; then, staged off the GUI thread (``ui/startup.py``), the workstation
   services (database, key, blobs) and the features. ``run(argv, exec=False)`` returns the application object
   once the staged start has finished, without entering the event loop, so tests can boot the real thing.
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import sys
from collections.abc import Sequence
from typing import Any

REQUIRED_MODULES = {
    "PySide6": "PySide6-Essentials",
    "reportlab": "reportlab",
    "sqlite_utils": "sqlite-utils",
    "cryptography": "cryptography",
    "keyring": "keyring",
    "platformdirs": "platformdirs",
    "requests": "requests",
}

log = logging.getLogger("onewindow.init")


def build_parser(with_commands: bool = True) -> argparse.ArgumentParser:
    """``with_commands=False``: the global options only, for telling a GUI start from a command without importing
    every CLI module (they are not on the path to the window's first paint)."""
    parser = argparse.ArgumentParser(prog="onewindow", description="OneWindow 一窗受理工作台",
                                     add_help=with_commands)
    parser.add_argument("--home", help="keep configuration, data and logs under this folder")
    parser.add_argument("--no-crash-dialog", action="store_true", help="log crashes instead of showing a dialog")
    parser.add_argument("--debug", action="store_true", help="debug logging, also to the console")
    parser.add_argument("--training-login", metavar="ACCOUNT", default=None,
                        help="training mode only: log this practice account in without the login screen (tests,"
                             " demonstrations; also ONEWINDOW_TRAINING_LOGIN)")
    parser.add_argument("--no-single-instance", action="store_true", help="allow a second window (tests)")
    parser.add_argument("--language", default=None, help="UI language (default from configuration: zh_CN)")
    parser.add_argument("--screenshot", metavar="PNG", default=None,
                        help="save the main window as PNG once it has painted, then quit (checks an installation)")
    if with_commands:
        from clerk_app.cli import add_commands

        subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
        add_commands(subparsers)
    return parser


def parse_args(argv: list[str]) -> argparse.Namespace:
    """A GUI start (only global options) is parsed without the CLI modules; anything else by the full parser."""
    args, rest = build_parser(with_commands=False).parse_known_args(argv)
    if not rest:
        args.command = None
        return args
    return build_parser().parse_args(argv)


def check_dependencies() -> list[str]:
    return [package for module, package in REQUIRED_MODULES.items() if importlib.util.find_spec(module) is None]


def _fatal(message: str) -> int:
    """Report a start-up failure: a dialog if a display can show one, stderr always."""
    print(message, file=sys.stderr)
    return 2


def run(argv: Sequence[str] | None = None, exec: bool = True) -> Any:  # noqa: A002 - mirrors Qt's exec
    args = parse_args(list(sys.argv[1:] if argv is None else argv))

    from clerk_app.logging_setup import init_faulthandler, init_logging
    from clerk_app.paths import resolve_paths

    paths = resolve_paths(args.home).ensure()
    init_logging(paths.log_dir, logging.DEBUG if args.debug else logging.INFO, console=args.debug)
    previous_crash = init_faulthandler(paths.faulthandler_log)
    log.info("starting (command=%s)", args.command or "gui")

    missing = check_dependencies()
    if missing:
        return _fatal("缺少运行所需的组件 / missing components: " + ", ".join(missing)
                      + "\n请重新运行安装脚本 scripts/setup.sh / run scripts/setup.sh again.")

    from clerk_app.config import load_config
    from clerk_app.errors import UserFacingError

    try:
        config = load_config(paths.config_file)
    except UserFacingError as exc:
        return _fatal(exc.user_text())
    language = args.language or config.get("ui.language")

    if args.command:
        return _run_command(args, paths, config, language)

    from ui.app import start_gui

    return start_gui(args, paths, config, language, previous_crash=previous_crash, exec_loop=exec)


def _run_command(args: argparse.Namespace, paths: Any, config: Any, language: str) -> int:
    from PySide6.QtCore import QCoreApplication

    from clerk_app.errors import UserFacingError
    from clerk_app.i18n import install_translator
    from ui.i18n import load_translators

    app = QCoreApplication.instance() or QCoreApplication([sys.argv[0]])
    translators = load_translators(app, language)
    install_translator(QCoreApplication.translate)

    from clerk_app.services import Services, open_services

    opened: list[Services] = []

    def make_services() -> Services:
        if not opened:
            opened.append(open_services(paths, config))
        return opened[0]

    try:
        return int(args.handler(args, make_services))
    except UserFacingError as exc:
        print(exc.user_text(), file=sys.stderr)
        return 1
    finally:
        for services in opened:
            services.close()
        for translator in translators:
            app.removeTranslator(translator)
        install_translator(lambda _context, text: text)
        from clerk_app.logging_setup import close_faulthandler, close_logging

        close_faulthandler()
        close_logging()


def gui_entry() -> None:
    sys.exit(run())


def cli_entry() -> None:
    result = run()
    sys.exit(result if isinstance(result, int) else 0)


if __name__ == "__main__":
    gui_entry()
