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
        app = main.run(["--home", sys.argv[1], "--no-crash-dialog", "--no-single-instance"], exec=False)
        seen["ready"] = app.ready
        seen["gate"] = app.clerk_gate is not None and app.features.catalog is not None
        seen["slices"] = [name for name, _ms in app.start.slices]
        seen["central_enabled_after"] = app.clerk_gate.covering or app.window.centralWidget().isEnabled()
        seen["starting_after"] = app.window.status.starting_label.isVisible()
        app.shutdown()
        print(json.dumps(seen, ensure_ascii=False))
    """, tmp_path / "home")
    assert state["paint"] == [], state["paint"]
    assert state["status"] == "正在启动…" and state["badge"]
    assert "培训" in str(state["title"])
    assert state["central_enabled"] is False  # held until the clerk gate covers the panels
    assert state["ready"] and state["gate"] and state["central_enabled_after"] and not state["starting_after"]
    slices = state["slices"]
    assert isinstance(slices, list)
    assert slices[slices.index("identity"):] == ["identity", "catalog", "sync", "queue", "scanning", "acceptance",
                                                 "customer_screen", "online", "agent_batch", "retention",
                                                 "statistics", "clerk gate"]


# Loaded when first used, never by importing the services and the wiring (the start's critical path): the papers'
# reportlab (a paper printed), the catalog's jsonschema (a catalog record explained), the scans' PDF libraries.
FIRST_USE = ("reportlab", "jsonschema", "img2pdf", "pikepdf", "fastapi", "uvicorn", "pypinyin")


def test_the_services_and_the_wiring_import_no_paper_or_schema_library(tmp_path: Path) -> None:
    state = _run_child(f"""
        import json, sys
        import clerk_app.services, ui.wiring
        print(json.dumps(sorted(m for m in {FIRST_USE!r} if m in sys.modules)))
    """, tmp_path)
    assert state == [], state


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
