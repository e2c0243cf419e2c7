"""Staged start-up: the real main window boots offscreen, the CLI answers, crashes produce redacted reports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import main

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.gui


@pytest.fixture
def booted(qapp, ow_home):
    app = main.run(["--no-crash-dialog", "--no-single-instance"], exec=False)
    yield app
    app.shutdown()


def test_gui_boots_in_training_mode_and_says_so(booted):
    window = booted.window
    assert window.isVisible()
    assert booted.workstation.is_training
    assert window.status.training_label.isVisible()
    assert "培训" in window.status.training_label.text()  # translated to Chinese
    assert "培训" in window.windowTitle()
    for name in ("applicant", "item", "materials", "decision", "cases"):
        assert window.areas[name].isVisible()


def test_every_area_title_is_translated(booted):
    titles = [box.title() for box in booted.window.areas.values()]
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in title) for title in titles), titles


def test_shortcuts_are_registered_once_each(booted):
    actions = booted.window.shortcuts.actions
    keys = [a.shortcut().toString() for a in actions.values()]
    assert len(keys) == len(set(keys))
    assert actions["help"].shortcut().toString() == "F1"


def test_crash_handler_writes_a_redacted_report(booted):
    handler = booted.crash
    try:
        raise ValueError("bad card 11010519491231002X")
    except ValueError as exc:
        handler._excepthook(type(exc), exc, exc.__traceback__)
    report = handler.reports[-1]
    text = report.read_text(encoding="utf-8")
    assert "ValueError" in text and "11010519491231002X" not in text


def test_crash_in_a_worker_thread_is_reported(booted):
    handler = booted.crash
    before = len(handler.reports)
    thread = threading.Thread(target=lambda: 1 / 0)
    thread.start()
    thread.join()
    assert len(handler.reports) == before + 1
    assert "ZeroDivisionError" in handler.reports[-1].read_text(encoding="utf-8")


def test_second_instance_is_detected(booted, qtbot):
    from ui.single_instance import SingleInstance

    booted.instance.listen()
    other = SingleInstance(booted.workstation.paths.data_dir)
    with qtbot.waitSignal(booted.instance.activation_requested, timeout=3000):
        assert other.other_instance_answered()


def test_a_data_folder_is_claimed_by_one_window_at_a_time(qapp, tmp_path):
    from ui.single_instance import SingleInstance

    first, second = SingleInstance(tmp_path), SingleInstance(tmp_path)
    assert first.claim()
    assert first.claim()  # claiming again what it holds
    assert not second.claim()
    first.close()
    assert second.claim()
    second.close()


_HOLDER = ("import sys, time\n"
           "from pathlib import Path\n"
           "from PySide6.QtCore import QCoreApplication\n"
           "from ui.single_instance import SingleInstance\n"
           "app = QCoreApplication([])\n"
           "guard = SingleInstance(Path(sys.argv[1]))\n"
           "print(guard.claim(), flush=True)\n"
           "time.sleep(120)\n")


def _holder(data_dir: Path) -> subprocess.Popen[str]:
    """A process that claims ``data_dir`` as a window does and never opens its front door (a hung window)."""
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, str(data_dir)], cwd=ROOT, stdout=subprocess.PIPE,
                              text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "True"
    return holder


def test_the_claim_of_a_killed_window_is_taken_over(qapp, tmp_path):
    from ui.single_instance import LOCK_NAME, SingleInstance

    with _holder(tmp_path) as holder:
        try:
            assert not SingleInstance(tmp_path).claim()  # alive: its claim holds
        finally:
            holder.kill()
    assert (tmp_path / LOCK_NAME).exists()  # a crash leaves the lock file behind
    successor = SingleInstance(tmp_path)
    assert successor.claim()
    successor.close()


def test_a_launch_on_a_folder_held_by_a_window_that_never_answers_says_so_and_leaves(qapp, ow_home):
    from clerk_app.paths import resolve_paths

    data_dir = resolve_paths(ow_home).ensure().data_dir
    env = dict(os.environ, ONEWINDOW_HOME=str(ow_home), QT_QPA_PLATFORM="offscreen",
               PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    with _holder(data_dir) as holder:
        try:
            done = subprocess.run([sys.executable, "main.py", "--no-crash-dialog"], cwd=ROOT, env=env,
                                  capture_output=True, text=True, timeout=120)
        finally:
            holder.kill()
    assert done.returncode == 2
    assert "另一个一窗受理工作台窗口正在使用此数据文件夹" in done.stderr


def test_a_second_launch_brings_the_first_window_forward_and_leaves(qapp, ow_home, qtbot):
    first = main.run(["--no-crash-dialog"], exec=False)  # with the single-instance guard
    try:
        asked: list[bool] = []
        first.instance.activation_requested.connect(lambda: asked.append(True))
        env = dict(os.environ, ONEWINDOW_HOME=str(ow_home), QT_QPA_PLATFORM="offscreen",
                   PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
        second = subprocess.Popen([sys.executable, "main.py", "--no-crash-dialog"], cwd=ROOT, env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            qtbot.waitUntil(lambda: second.poll() is not None, timeout=60_000)  # our loop answers meanwhile
        finally:
            if second.poll() is None:
                second.kill()
        _out, err = second.communicate(timeout=30)
        assert second.returncode == 0, err[-2000:]
        qtbot.waitUntil(lambda: bool(asked), timeout=5000)
        assert first.window.isVisible()
    finally:
        first.shutdown()


def test_screenshot_of_the_shell(booted, tmp_path):
    booted.window.resize(1280, 800)
    booted.qapp.processEvents()
    path = tmp_path / "main_window.png"
    assert booted.window.grab().save(str(path))
    assert path.stat().st_size > 10_000


def _cli(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, ONEWINDOW_HOME=str(home), PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


def test_help_lists_the_subcommands(tmp_path):
    result = _cli("--help", home=tmp_path)
    assert result.returncode == 0
    assert "doctor" in result.stdout and "diag" in result.stdout


def test_doctor_json_reports_core_checks(tmp_path):
    result = _cli("doctor", "--json", home=tmp_path)
    report = json.loads(result.stdout)
    checks = {c["check"]: c for c in report["checks"]}
    assert report["mode"] == "training"
    for name in ("python", "qt", "fonts", "data_dir", "database", "keyring"):
        assert name in checks
    assert checks["database"]["ok"]
    assert {d["stack"] for d in report["devices"]} >= {"pcsc", "serial", "sane", "printers"}
    # With only the null key store, the documented file fallback is used and reported.
    assert checks["keyring"]["fallback"] is True


def test_broken_configuration_is_reported_not_crashed(tmp_path):
    (tmp_path / "config").mkdir(parents=True)
    (tmp_path / "config" / "onewindow.toml").write_text("[window]\ncode = 7\n")
    result = _cli("doctor", home=tmp_path)
    assert result.returncode == 2
    assert "window.code" in result.stderr and "Traceback" not in result.stderr


def test_config_defaults_lists_every_option(tmp_path):
    from clerk_app.config import options

    result = _cli("config", "--defaults", home=tmp_path)
    assert result.returncode == 0
    for option in options():
        assert f"# {option.key} = " in result.stdout
