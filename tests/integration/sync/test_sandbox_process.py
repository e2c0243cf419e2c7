"""The training sandbox runs in its own process, started and stopped by the composition root: the workstation
process never loads FastAPI or uvicorn."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import requests

from clerk_app.sync.sandbox_process import TrainingSandbox
from tests.stack import process_alive, wait_until

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[3]


def _port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def test_sandbox_process_starts_answers_and_stops(tmp_path: Path) -> None:
    sandbox = TrainingSandbox(tmp_path / "sandbox" / "platform.sqlite3", backoffice_delay=-1)
    assert not sandbox.running and not _port_open(sandbox.port)
    sandbox.start()
    try:
        assert sandbox.running
        assert requests.get(f"{sandbox.base_url}/health", timeout=5).status_code == 200
        url = f"{sandbox.base_url}/api/v1/auth/login"
        trainee = requests.post(url, json={"account": "trainee", "password": "trainee", "machine_id": "m"}, timeout=5)
        assert trainee.status_code == 200  # the training clerk account was passed to the child
        wrong = requests.post(url, json={"account": "trainee", "password": "nope", "machine_id": "m"}, timeout=5)
        assert wrong.status_code == 401
    finally:
        sandbox.stop()
    assert not sandbox.running and not _port_open(sandbox.port)
    sandbox.stop()  # idempotent: closing the services after a test stopped it must not fail
    assert (tmp_path / "sandbox" / "platform.sqlite3").exists()


def test_training_window_keeps_the_platform_out_of_its_process(tmp_path: Path) -> None:
    script = textwrap.dedent(f"""
        import json, sys, time
        import main
        from PySide6.QtTest import QTest
        app = main.run(["--no-crash-dialog", "--no-single-instance", "--home", {str(tmp_path / 'home')!r}],
                       exec=False)
        deadline = time.monotonic() + 60
        while not app.features.sync.attached and time.monotonic() < deadline:
            QTest.qWait(50)
        sandbox = app.services.sandbox
        state = {{"attached": app.features.sync.attached, "running": sandbox.running, "port": sandbox.port,
                  "modules": sorted(m for m in ("fastapi", "uvicorn", "starlette", "sandbox.app")
                                    if m in sys.modules)}}
        app.shutdown()
        state["running_after"] = sandbox.running
        print(json.dumps(state))
    """)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120,
                            cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    state = json.loads(result.stdout.strip().splitlines()[-1])
    assert state["attached"] and state["running"]
    assert state["modules"] == []
    assert not state["running_after"] and not _port_open(state["port"])



@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
def test_a_killed_workstation_leaves_no_sandbox_holding_its_port(tmp_path: Path) -> None:
    """The workstation's launcher, in a process of its own that is then SIGKILLed (no exit handlers, no ``stop``):
    the sandbox it started ends and frees its port."""
    script = textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        from clerk_app.sync.sandbox_process import TrainingSandbox

        sandbox = TrainingSandbox(Path({str(tmp_path / 'sandbox' / 'platform.sqlite3')!r}), backoffice_delay=-1)
        sandbox.start()
        print(sandbox._process.pid, sandbox.port, flush=True)
        time.sleep(600)
    """)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    sandbox_pid = 0
    with subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, text=True) as workstation:
        try:
            assert workstation.stdout is not None
            sandbox_pid, port = (int(part) for part in workstation.stdout.readline().split())
            assert process_alive(sandbox_pid) and _port_open(port)
            workstation.kill()
            workstation.wait(10)
            assert wait_until(lambda: not process_alive(sandbox_pid), timeout=20)
            assert not _port_open(port)
        finally:
            if workstation.poll() is None:
                workstation.kill()
            if sandbox_pid and process_alive(sandbox_pid):
                os.kill(sandbox_pid, signal.SIGKILL)  # the failing case: no orphan outlives the test
