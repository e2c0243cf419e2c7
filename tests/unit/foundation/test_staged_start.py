"""The staged start (ui/startup.py): the shell paints before anything heavy is imported, the panels are held until
the clerk gate covers them, and a failure to open the data is still shown to the clerk in Chinese."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import main

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.gui

# Not on the path to the first paint (issue 11): the catalog's pinyin, the papers' reportlab, the scans' PDF
# libraries, the sandbox's web framework, the composition root and the admin CLI's modules.
HEAVY = ("pypinyin", "reportlab", "img2pdf", "pikepdf", "fastapi", "uvicorn", "clerk_app.services", "ui.wiring",
         "clerk_app.cli.commands.doctor", "clerk_app.catalog.service", "keyring", "sqlite_utils")

# Not loaded by a whole start either, only when first used (issue 11, the GUI process's memory all day): the
# statistics view's Qt Charts (统计 opened).
NOT_AT_START = ("PySide6.QtCharts",)


def _run_child(script: str, home: Path) -> dict[str, object]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(script), str(home)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_shell_paints_before_the_heavy_modules_load_and_then_everything_is_wired(tmp_path: Path) -> None:
    state = _run_child(f"""
        import json, sys
        from PySide6.QtCore import QEvent, QObject
        from PySide6.QtWidgets import QApplication, QMainWindow
        HEAVY = {HEAVY!r}
        seen = {{}}
        class Watch(QObject):
            def eventFilter(self, obj, event):
                if "paint" not in seen and event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):
                    seen["paint"] = sorted(m for m in HEAVY if m in sys.modules)
                    import PySide6.QtCore
                    seen["qt_namespace"] = "Qt" in PySide6.QtCore.__dict__
                    seen["qt_network"] = "PySide6.QtNetwork" in sys.modules
                    label = obj.statusBar().starting_label
                    seen["status"] = label.text() if label.isVisible() else ""
                    seen["badge"] = obj.statusBar().training_label.isVisible()
                    seen["central_enabled"] = obj.centralWidget().isEnabled()
                    seen["title"] = obj.windowTitle()
                return False
        qapp = QApplication([sys.argv[0]])
        watch = Watch()
        qapp.installEventFilter(watch)
        import main
        app = main.run(["--home", sys.argv[1], "--no-crash-dialog"], exec=False)
        seen["ready"] = app.ready
        seen["front_door"] = app.instance._server is not None
        seen["gate"] = app.clerk_gate is not None and app.features.catalog is not None
        seen["slices"] = [name for name, _ms in app.start.slices]
        seen["loaded_at_start"] = sorted(m for m in {NOT_AT_START!r} if m in sys.modules)
        seen["central_enabled_after"] = app.clerk_gate.covering or app.window.centralWidget().isEnabled()
        seen["starting_after"] = app.window.status.starting_label.isVisible()
        app.shutdown()
        print(json.dumps(seen, ensure_ascii=False))
    """, tmp_path / "home")
    assert state["paint"] == [], state["paint"]
    # Nor PySide6's ``Qt`` namespace (its first use creates ~100 enum types) or Qt Network (the second launch's
    # front door opens after the paint): together about 35 ms of a 130 ms bare window's first paint.
    assert state["qt_namespace"] is False and state["qt_network"] is False
    assert state["front_door"]
    assert state["status"] == "正在启动…" and state["badge"]
    assert "培训" in str(state["title"])
    assert state["central_enabled"] is False  # held until the clerk gate covers the panels
    assert state["ready"] and state["gate"] and state["central_enabled_after"] and not state["starting_after"]
    assert state["loaded_at_start"] == [], state["loaded_at_start"]
    slices = state["slices"]
    assert isinstance(slices, list)
    # The card reader and the catalog, then the gate over them (the window is usable), then the other features.
    assert slices[slices.index("identity"):] == ["identity", "catalog", "clerk gate", "camera", "guide printing",
                                                 "sync", "queue", "scanning", "acceptance", "customer_screen",
                                                 "online", "agent_batch", "retention", "statistics",
                                                 "features ready"]


# Loaded when first used, never by building the services and importing the wiring (the start's critical path):
# the papers' reportlab (a paper printed), the catalog's jsonschema (a catalog record explained), the scans' PDF
# libraries.
FIRST_USE = ("reportlab", "jsonschema", "img2pdf", "pikepdf", "fastapi", "uvicorn", "pypinyin")

# Not on the path to a usable window (card reader, catalog, clerk gate; ``ui.startup.USABLE_MODULES``): the desks,
# the sync and queue clients (requests), the print service, every other feature's wiring, Qt Multimedia and Charts.
AFTER_USABLE = ("requests", "clerk_app.sync.service", "clerk_app.queue.factory", "clerk_app.print_service",
                "clerk_app.acceptance.service", "clerk_app.acceptance.documents", "clerk_app.acceptance.agent_batch",
                "clerk_app.acceptance.results", "clerk_app.acceptance.delivery", "clerk_app.acceptance.online",
                "clerk_app.reports.service", "clerk_app.security.retention", "clerk_app.pages.service",
                "ui.acceptance.controller", "ui.acceptance.wiring", "ui.sync_wiring", "ui.queue_wiring",
                "ui.scanning_wiring", "ui.results_wiring", "ui.statistics.wiring", "ui.agent_batch_wiring",
                "ui.online_wiring", "ui.customer_screen.wiring", "ui.retention_wiring", "PySide6.QtMultimedia",
                "PySide6.QtCharts")


def test_the_services_and_the_wiring_import_no_paper_or_schema_library(tmp_path: Path) -> None:
    state = _run_child(f"""
        import json, sys
        from clerk_app.paths import resolve_paths
        from clerk_app.services import open_services
        from ui.startup import FEATURE_MODULES, import_modules
        import ui.wiring
        services = open_services(resolve_paths(sys.argv[1]))
        import_modules(FEATURE_MODULES)
        loaded = sorted(m for m in {FIRST_USE!r} if m in sys.modules)
        services.close()
        print(json.dumps(loaded))
    """, tmp_path / "home")
    assert state == [], state


def test_the_usable_windows_modules_load_no_other_feature(tmp_path: Path) -> None:
    state = _run_child(f"""
        import json, sys
        from clerk_app.context import open_workstation
        from clerk_app.paths import resolve_paths
        from ui.startup import USABLE_MODULES, import_modules
        import_modules(USABLE_MODULES)
        from clerk_app.services import build_usable
        usable = build_usable(open_workstation(resolve_paths(sys.argv[1])))
        loaded = sorted(m for m in {AFTER_USABLE + FIRST_USE!r} if m in sys.modules)
        usable.close()
        print(json.dumps(loaded))
    """, tmp_path / "home")
    assert state == [], state


def test_the_window_is_usable_before_the_other_features_are_wired_and_none_is_usable_half_wired(
        tmp_path: Path) -> None:
    """At the moment the gate is wired (``interactive``): a card read with the panel's buttons reaches the applicant
    panel and the catalog search answers, the acceptance flow is not wired yet; the item chosen and the card read
    then are the acceptance flow's once it is wired. Without a login, what the later features add stays under the
    gate."""
    state = _run_child("""
        import json, os, sys
        os.environ.pop("ONEWINDOW_TRAINING_LOGIN", None)  # the login screen, unless asked for below
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QToolBar
        qapp = QApplication([sys.argv[0]])
        import main
        from ui.applicant_panel import ApplicantPanel
        from ui.catalog_panel import CatalogPanel
        from ui.startup import StagedStart
        seen = {}

        def at_interactive(start):
            window = start.parent()
            seen["features_then"] = start.features is not None
            seen["services_then"] = start.services is not None  # only the usable ones are built yet
            applicant, catalog = window.findChild(ApplicantPanel), window.findChild(CatalogPanel)
            seen["print_then"] = catalog.can_print
            applicant.place_button.click()
            applicant.read_button.click()
            catalog.search.setText("户口")  # (before its index is built: built here, on the GUI thread)
            seen["hits_then"] = catalog.results.count()
            catalog.results.setCurrentRow(0)
            catalog.choose_current()  # nothing takes the choice yet
            seen["chosen_then"] = catalog.chosen_code

        def hook():
            for widget in qapp.topLevelWidgets():
                start = widget.findChild(StagedStart) if isinstance(widget, QMainWindow) else None
                if start is not None:
                    start.interactive.connect(lambda: at_interactive(start))
                    return
            QTimer.singleShot(1, hook)

        # A first start without a login: what the features wired after the gate added is under it.
        app = main.run(["--home", sys.argv[1], "--no-crash-dialog", "--no-single-instance"], exec=False)
        window = app.window
        seen["covering"] = app.clerk_gate.covering
        parts = [*window.findChildren(QToolBar), *window.findChildren(QDockWidget)]
        seen["enabled_parts"] = [p.objectName() for p in parts if p.isEnabled()]
        seen["enabled_actions"] = [n for n, a in window.shortcuts.actions.items() if a.isEnabled()]
        seen["central_enabled"] = window.centralWidget().isEnabled()
        app.shutdown()
        # An everyday start (the catalog is there), the practice clerk logged in.
        QTimer.singleShot(0, hook)
        app = main.run(["--home", sys.argv[1], "--no-crash-dialog", "--no-single-instance",
                        "--training-login", "trainee"], exec=False)
        window = app.window
        applicant, catalog = window.findChild(ApplicantPanel), window.findChild(CatalogPanel)
        controller = app.features.acceptance
        from PySide6.QtTest import QTest
        for _ in range(500):
            if applicant.name.text() and controller.session.applicant is not None and controller.session.item_codes:
                break
            QTest.qWait(20)
        seen["card_in_panel"] = bool(applicant.name.text())
        seen["acceptance_has"] = [controller.session.applicant is not None, list(controller.session.item_codes)]
        seen["print_after"] = catalog.can_print
        app.shutdown()

        print(json.dumps(seen, ensure_ascii=False))
    """, tmp_path / "home")
    assert state["features_then"] is False and state["services_then"] is False, state
    assert state["print_then"] is False and state["print_after"] is True
    assert state["hits_then"] > 0 and state["chosen_then"], state
    assert state["card_in_panel"] and state["acceptance_has"] == [True, [state["chosen_then"]]], state
    assert state["covering"] and not state["central_enabled"], state
    assert state["enabled_parts"] == [] and state["enabled_actions"] == [], state


def _newer_database(home: Path) -> None:
    from offline_cache import db as dbmod

    path = home / "data" / "onewindow.sqlite3"
    path.parent.mkdir(parents=True)
    database = dbmod.Database(path)
    with database.transaction() as conn:
        conn.execute(f"PRAGMA user_version={database.user_version + 1}")
    database.close()


def test_a_database_the_program_cannot_open_is_shown_in_chinese(qapp, tmp_path: Path, capsys) -> None:
    """Opened off the GUI thread now: the refusal still reaches the clerk, and nothing is left running."""
    home = tmp_path / "home"
    _newer_database(home)
    code = main.run(["--home", str(home), "--no-crash-dialog", "--no-single-instance"], exec=False)
    assert code == 2
    message = capsys.readouterr().err
    assert "较新版本" in message, message
    from PySide6.QtWidgets import QApplication, QMainWindow

    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()]


def test_a_corrupt_database_is_shown_in_chinese(qapp, tmp_path: Path, capsys) -> None:
    home = tmp_path / "home"
    (home / "data").mkdir(parents=True)
    (home / "data" / "onewindow.sqlite3").write_bytes(b"this is not a database" * 200)
    code = main.run(["--home", str(home), "--no-crash-dialog", "--no-single-instance"], exec=False)
    assert code == 2
    message = capsys.readouterr().err
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message), message


def test_the_input_hold_gives_back_only_what_it_took(qapp) -> None:
    from ui.main_window import MainWindow
    from ui.startup import InputHold

    window = MainWindow(training=True)
    try:
        window.shortcuts.actions["help"].setEnabled(False)  # a feature's own choice
        hold = InputHold(window)
        hold.apply()
        assert not window.centralWidget().isEnabled()
        assert not any(action.isEnabled() for action in window.shortcuts.actions.values())
        hold.release()
        assert window.centralWidget().isEnabled()
        assert window.shortcuts.actions["quit"].isEnabled()
        assert not window.shortcuts.actions["help"].isEnabled()
    finally:
        window.deleteLater()


def test_a_gui_start_is_told_from_a_command_before_the_cli_parser_loads() -> None:
    args = main.parse_args(["--home", "/tmp/x", "--no-crash-dialog"])
    assert args.command is None and args.home == "/tmp/x"
    assert main.parse_args(["doctor", "--json"]).command == "doctor"


def test_background_work_handed_over_during_the_wiring_waits_for_the_release(qapp, qtbot) -> None:
    from ui.main_window import MainWindow

    window = MainWindow(training=True)
    qtbot.addWidget(window)
    ran: list[str] = []
    window.after_first_paint(lambda: ran.append("staged start"))  # before the hold: runs at the first paint
    window.hold_background_work()
    window.show()
    qtbot.waitUntil(lambda: ran == ["staged start"], timeout=10_000)
    window.after_first_paint(lambda: ran.append("catalog import"))  # a feature wired during the staged start
    qapp.processEvents()
    assert ran == ["staged start"]
    window.release_background_work()
    assert ran == ["staged start", "catalog import"]
    window.after_first_paint(lambda: ran.append("later"))  # after the start: at once, as before
    assert ran[-1] == "later"


def test_the_garbage_collector_is_off_during_the_start_and_on_after_it(tmp_path: Path) -> None:
    state = _run_child("""
        import gc, json, sys
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication, QMainWindow
        qapp = QApplication([sys.argv[0]])
        import main
        from ui.startup import StagedStart
        seen = {"before": gc.isenabled()}
        import threading, time
        on_gui = []
        real_collect = gc.collect
        def collect(*args):  # which thread collects: a collection finalises Qt objects, GUI thread only
            on_gui.append(threading.current_thread() is threading.main_thread())
            return real_collect(*args)
        gc.collect = collect

        def hook():
            for widget in qapp.topLevelWidgets():
                start = widget.findChild(StagedStart) if isinstance(widget, QMainWindow) else None
                if start is not None:
                    start.interactive.connect(lambda: seen.setdefault("usable", gc.isenabled()))
                    return
            QTimer.singleShot(1, hook)

        QTimer.singleShot(0, hook)
        app = main.run(["--home", sys.argv[1], "--no-crash-dialog", "--no-single-instance"], exec=False)
        seen["after"] = gc.isenabled()
        for _ in range(30):
            qapp.processEvents()
            time.sleep(0.01)
        seen["collected_on_gui"] = bool(on_gui) and all(on_gui)
        app.shutdown()
        print(json.dumps(seen))
    """, tmp_path / "home")
    assert state == {"before": True, "usable": False, "after": True, "collected_on_gui": True}, state
