"""Login against the real sandbox (token expiry and refresh over HTTP), the token in the real Secret Service, and
the ``sync`` CLI in training mode (which starts the bundled sandbox by itself)."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from clerk_app.security.keys import load_secret
from clerk_app.sync.auth import AuthService
from clerk_app.sync.engine import drain
from clerk_app.sync.http_client import HttpPlatformClient
from sandbox.app import SandboxSettings
from sandbox.server import SandboxThread
from tests import stack
from tests.unit.sync.factory import make_case

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[3]


def test_short_lived_token_is_refreshed_over_http_and_kept_in_the_key_store(workstation, tmp_path, request):
    try:
        request.getfixturevalue("secret_service")
        real_keyring = True
    except Exception as exc:  # no gnome-keyring here: skip locally, fail in CI
        stack.require("secret-service", f"Secret Service unavailable: {exc}")
        real_keyring = False
    server = SandboxThread(SandboxSettings(db_path=tmp_path / "p.sqlite3", token_ttl=31, backoffice_delay=-1,
                                           clerks={"clerk7": "pa55word!"})).start()
    try:
        client = HttpPlatformClient(server.base_url, connect_timeout=2, read_timeout=5)
        auth = AuthService(workstation.db, client, "m")
        client.token_source = auth.access_token
        assert auth.login("clerk7", "pa55word!").online
        first = auth.access_token()
        if real_keyring:
            assert json.loads(load_secret("platform-session:clerk7"))["access_token"] == first
        time.sleep(1.2)  # 31 s lifetime - 30 s refresh margin: the next call refreshes
        assert auth.access_token() != first
        # A restarted workstation picks the session up from the key store instead of asking again.
        again = AuthService(workstation.db, client, "m")
        assert again.resume() == real_keyring
        client.close()
    finally:
        server.stop()


def test_sync_cli_in_training_mode_starts_the_sandbox_and_reports_what_moved(ow_home, workstation):
    cases = [make_case(workstation, pages=2, page_bytes=5000, rng=random.Random(i)) for i in range(3)]
    env = {**os.environ, "ONEWINDOW_HOME": str(ow_home), "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
           "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "main.py", "sync", "--once", "--json"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout)
    assert report["actions_done"] == 3 and report["files_uploaded"] == 6 and report["online"] is True
    assert sorted(report["cases_sent"]) == sorted(c["case_number"] for c in cases)
    assert report["status"]["queued"] == 0
    status = subprocess.run([sys.executable, "main.py", "sync", "status", "--json"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert json.loads(status.stdout)["queued"] == 0
    # The training platform lives in the data folder: every case exactly once.
    import sqlite3

    with sqlite3.connect(ow_home / "data" / "sandbox" / "platform.sqlite3") as conn:
        assert conn.execute("SELECT count(*) FROM cases").fetchone()[0] == 3


def test_sync_export_cli_writes_an_encrypted_file(ow_home, workstation, tmp_path):
    make_case(workstation, pages=1, rng=random.Random(3))
    env = {**os.environ, "ONEWINDOW_HOME": str(ow_home), "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
           "QT_QPA_PLATFORM": "offscreen", "OW_PASS": "usb-stick-passphrase"}
    done = subprocess.run([sys.executable, "main.py", "sync", "export", str(tmp_path / "usb"), "--passphrase-env",
                           "OW_PASS", "--json"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout)
    assert out["actions"] == 1 and Path(out["file"]).exists()


def test_drain_against_a_server_that_is_down_reports_network_not_server(workstation, synced, sandbox):
    make_case(workstation, pages=1, rng=random.Random(4))
    sandbox.thread.stop()
    reports = drain(synced.engine, timeout=3)
    kinds = {e["kind"] for r in reports for e in r.errors}
    assert kinds == {"network"}
    assert synced.status().last_error_kind == "network" or synced.run_once().errors[0]["kind"] == "network"


def test_usb_export_imported_at_the_platform_twice_lands_once(workstation, tmp_path):
    from clerk_app.sync.export import export_queue
    from tests.integration.sync.conftest import Sandbox
    from tests.integration.sync.test_faults import assert_exactly_once

    cases = [make_case(workstation, pages=2, page_bytes=40_000, rng=random.Random(40 + i), materials=2)
             for i in range(4)]
    exported = export_queue(workstation, tmp_path / "usb", "hand-carried-passphrase")
    db = tmp_path / "platform" / "sandbox.sqlite3"
    env = {**os.environ, "ONEWINDOW_EXPORT_PASSPHRASE": "hand-carried-passphrase"}
    for _ in range(2):
        done = subprocess.run([sys.executable, "-m", "sandbox", "--db", str(db), "--import-export",
                               str(exported.path)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr[-2000:]
        assert json.loads(done.stdout.strip().splitlines()[-1])["cases"] == 4
    platform = Sandbox.__new__(Sandbox)
    platform.db_path = db
    assert_exactly_once(platform, cases)
