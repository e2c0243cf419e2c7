"""Only the administrator changes the configuration and the device routing: ``config set`` with a clerk's or a
supervisor's credential is refused in Chinese and audited; the administrator's change is validated, written (the old
file kept as .bak) and audited."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from clerk_app.context import open_workstation
from clerk_app.paths import resolve_paths
from offline_cache import audit_log

ROOT = Path(__file__).resolve().parents[3]


def _config_set(home: Path, account: str, password: str, key: str, value: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, ONEWINDOW_HOME=str(home), PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
               QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "main.py", "config", "set", key, value, "--admin", account,
                           "--password-stdin"], cwd=ROOT, env=env, input=password + "\n", capture_output=True,
                          text=True, timeout=120)


def test_only_the_administrator_changes_the_configuration(tmp_path):
    home = tmp_path / "home"
    config_file = resolve_paths(home).config_file
    config_file.parent.mkdir(parents=True, exist_ok=True)
    config_file.write_text('[window]\nname = "综合受理2号窗口"\n', encoding="utf-8")

    refused = _config_set(home, "duty", "duty", "printing.a4_printer", "窗口打印机")
    assert refused.returncode == 1, refused
    assert "只有管理员" in refused.stderr, refused.stderr  # the clerk's words, not a traceback
    wrong = _config_set(home, "admin", "wrong", "printing.a4_printer", "窗口打印机")
    assert wrong.returncode == 1 and "密码" in wrong.stderr, wrong.stderr
    invalid = _config_set(home, "admin", "admin", "window.code", "abc")
    assert invalid.returncode == 1, invalid
    assert "窗口打印机" not in config_file.read_text(encoding="utf-8")

    done = _config_set(home, "admin", "admin", "printing.a4_printer", "窗口打印机")
    assert done.returncode == 0, done.stderr
    text = config_file.read_text(encoding="utf-8")
    assert 'a4_printer = "窗口打印机"' in text and 'name = "综合受理2号窗口"' in text
    assert config_file.with_name(config_file.name + ".bak").exists()

    ws = open_workstation(resolve_paths(home))
    try:
        assert ws.config.get("printing.a4_printer") == "窗口打印机"
        kinds = [(e["kind"], e["clerk_id"]) for e in audit_log.recent(ws.db, 20)
                 if e["kind"] in ("config_change", "config_refused", "login_failed")][::-1]
        assert kinds == [("config_refused", "duty"), ("login_failed", "admin"), ("config_change", "admin")]
    finally:
        ws.close()
