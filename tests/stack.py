"""The real device and output stack for integration tests: Secret Service, pcscd + vpcd, CUPS + cups-pdf, SANE's
test backend, Xvfb. Each starter reuses a running daemon or starts one (as root on Debian, see
shared/recipes/DEVICES.md) and stops what it started.

``require(component, reason)``: outside CI a missing component skips the test; with CI=true it fails the run.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require(component: str, reason: str) -> None:
    message = f"{component} not available: {reason}"
    if IN_CI:
        pytest.fail(message + " (CI requires the real component)")
    pytest.skip(message)


def wait_until(predicate: Callable[[], bool], timeout: float, interval: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


def process_alive(pid: int) -> bool:
    """The process runs: an ended one that its (new) parent has not reaped yet, a zombie, counts as ended."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "State:\tZ" in status.read_text())


def _stop(proc: subprocess.Popen[bytes] | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)


# --- Secret Service (gnome-keyring in a private D-Bus session) -----------------------------------------------
@dataclass
class SecretServiceStack:
    bus_address: str
    env: dict[str, str]
    pids: list[int] = field(default_factory=list)


@contextlib.contextmanager
def secret_service_stack() -> Iterator[SecretServiceStack]:
    for tool in ("dbus-daemon", "gnome-keyring-daemon"):
        if shutil.which(tool) is None:
            require("Secret Service", f"{tool} is not installed")
    root = Path(tempfile.mkdtemp(prefix="ow-keyring-"))
    env = dict(os.environ, XDG_DATA_HOME=str(root / "data"), XDG_RUNTIME_DIR=str(root / "run"))
    for key in ("data", "run"):
        (root / key).mkdir(mode=0o700)
    out = subprocess.run(
        ["dbus-daemon", "--session", "--fork", "--nopidfile", "--print-address=1", "--print-pid=1"],
        capture_output=True, text=True, env=env, timeout=10, check=True,
    ).stdout.split()
    address, dbus_pid = out[0], int(out[1])
    env["DBUS_SESSION_BUS_ADDRESS"] = address
    pids = [dbus_pid]
    unlocked = subprocess.run(
        ["gnome-keyring-daemon", "--unlock", "--components=secrets"],
        input="onewindow-test", capture_output=True, text=True, env=env, timeout=10, check=True,
    )
    for line in unlocked.stdout.splitlines():
        if "=" in line:
            key, value = line.split("=", 1)
            env[key] = value
    started = subprocess.run(
        ["gnome-keyring-daemon", "--start", "--components=secrets"],
        capture_output=True, text=True, env=env, timeout=10, check=True,
    )
    for line in started.stdout.splitlines():
        if "=" in line:
            key, value = line.split("=", 1)
            env[key] = value
    keyring_pid = env.get("GNOME_KEYRING_PID")
    if keyring_pid:
        pids.append(int(keyring_pid))
    try:
        yield SecretServiceStack(address, env, pids)
    finally:
        for pid in reversed(pids):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        shutil.rmtree(root, ignore_errors=True)


# --- pcscd with the vsmartcard virtual reader ----------------------------------------------------------------
VPCD_PORTS = (35963, 35964)


@dataclass
class PcscStack:
    readers: list[str]
    vpcd_ports: tuple[int, int] = VPCD_PORTS
    started_here: bool = False


def _pcsc_readers() -> list[str] | None:
    try:
        from smartcard.System import readers

        return [str(r) for r in readers()]
    except Exception:  # EstablishContextException etc. while pcscd is down
        return None


@contextlib.contextmanager
def pcscd_stack() -> Iterator[PcscStack]:
    if shutil.which("pcscd") is None:
        require("pcscd", "pcscd is not installed")
    if not Path("/etc/reader.conf.d/vpcd").exists():
        require("pcscd", "vsmartcard-vpcd is not installed")
    proc = None
    current = _pcsc_readers()
    if not current or not any("Virtual PCD" in r for r in current):
        if os.geteuid() != 0:
            require("pcscd", "not running and this user cannot start it")
        Path("/run/pcscd").mkdir(parents=True, exist_ok=True)
        proc = subprocess.Popen(["pcscd", "--foreground"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if not wait_until(lambda: bool(_pcsc_readers()), 10):
            _stop(proc)
            require("pcscd", "pcscd did not come up with the virtual readers")
    try:
        yield PcscStack(_pcsc_readers() or [], started_here=proc is not None)
    finally:
        _stop(proc)


# --- CUPS with a cups-pdf queue ------------------------------------------------------------------------------
PDF_QUEUE = "OneWindowPDF"


@dataclass
class CupsPdfStack:
    queue: str
    out_dir: Path

    def wait_for_output(self, job_id: int, timeout: float = 20.0) -> Path:
        """The PDF cups-pdf wrote for ``job_id``, once the job is complete and the file is stable."""
        import cups

        conn = cups.Connection()

        def done() -> bool:
            return conn.getJobAttributes(job_id).get("job-state") in (7, 8, 9)

        if not wait_until(done, timeout, 0.1):
            raise TimeoutError(f"CUPS job {job_id} did not complete")
        state = conn.getJobAttributes(job_id).get("job-state")
        if state != 9:
            raise RuntimeError(f"CUPS job {job_id} ended in state {state}")
        matches: list[Path] = []

        def appeared() -> bool:
            matches[:] = sorted(self.out_dir.glob(f"job_{job_id}-*.pdf"))
            return bool(matches)

        if not wait_until(appeared, timeout, 0.1):
            raise TimeoutError(f"no cups-pdf output for job {job_id} in {self.out_dir}")
        size = -1
        while size != matches[0].stat().st_size:  # ghostscript may still be writing
            size = matches[0].stat().st_size
            time.sleep(0.2)
        return matches[0]


def _cups_running() -> bool:
    result = subprocess.run(["lpstat", "-r"], capture_output=True, text=True)
    return "is running" in result.stdout and "not running" not in result.stdout


@contextlib.contextmanager
def cups_pdf_stack() -> Iterator[CupsPdfStack]:
    for tool in ("cupsd", "lpadmin", "lpstat"):
        if shutil.which(tool) is None and not Path(f"/usr/sbin/{tool}").exists():
            require("CUPS", f"{tool} is not installed")
    ppd = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")
    if not ppd.exists():
        require("CUPS", "printer-driver-cups-pdf is not installed")
    proc = None
    if not _cups_running():
        if os.geteuid() != 0:
            require("CUPS", "cupsd is not running and this user cannot start it")
        proc = subprocess.Popen(["/usr/sbin/cupsd", "-f"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if not wait_until(_cups_running, 10):
            _stop(proc)
            require("CUPS", "cupsd did not start")
    queues = subprocess.run(["lpstat", "-p"], capture_output=True, text=True).stdout
    if f"printer {PDF_QUEUE} " not in queues:
        subprocess.run(
            ["lpadmin", "-p", PDF_QUEUE, "-v", "cups-pdf:/", "-E", "-P", str(ppd),
             "-o", "TitlePref=1", "-o", "Label=1"],
            check=True, capture_output=True,
        )
    subprocess.run(["cupsenable", PDF_QUEUE], capture_output=True)
    subprocess.run(["cupsaccept", PDF_QUEUE], capture_output=True)
    out_dir = Path(os.path.expanduser("~")) / "PDF"
    try:
        yield CupsPdfStack(PDF_QUEUE, out_dir)
    finally:
        _stop(proc)


# --- SANE test backend ---------------------------------------------------------------------------------------
def prepare_sane_config() -> Path | None:
    """A private SANE config folder with only the ``test`` (A4-capable) and ``pnm`` backends.

    libsane reads ``SANE_CONFIG_DIR`` once per process, at the first ``sane_init``; the test session therefore sets
    it before any test runs (tests/conftest.py), or a main window's scanner probe would hide the test devices.
    """
    if not Path("/etc/sane.d/test.conf").exists():
        return None
    folder = Path(tempfile.mkdtemp(prefix="ow-sane-"))
    (folder / "dll.conf").write_text("test\npnm\n")
    test_conf = Path("/etc/sane.d/test.conf").read_text()
    (folder / "test.conf").write_text(test_conf.replace("geometry_max 200.0", "geometry_max 300.0"))
    if Path("/etc/sane.d/pnm.conf").exists():
        shutil.copy("/etc/sane.d/pnm.conf", folder / "pnm.conf")
    return folder


def check_sane(folder: Path | None) -> Path:
    if folder is None or shutil.which("scanimage") is None:
        require("SANE", "sane-utils / libsane are not installed")
    try:
        import sane  # noqa: F401
    except ImportError:
        require("SANE", "python-sane is not installed")
    assert folder is not None
    return folder


# --- Xvfb ----------------------------------------------------------------------------------------------------
@contextlib.contextmanager
def xvfb_display() -> Iterator[str]:
    if shutil.which("Xvfb") is None:
        require("Xvfb", "xvfb is not installed")
    for number in range(90, 110):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            break
    display = f":{number}"
    proc = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if not wait_until(lambda: Path(f"/tmp/.X11-unix/X{number}").exists(), 10):
        _stop(proc)
        require("Xvfb", "Xvfb did not start")
    try:
        yield display
    finally:
        _stop(proc)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
