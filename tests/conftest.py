"""Shared fixtures. Unit tests run with a null key store (the data key falls back to a file in the test's own
folder); integration tests ask for the real components through the fixtures below."""

from __future__ import annotations

import faulthandler
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
# Tests that boot main.run start logged in as the practice clerk (the documented training auto-login); the login
# screen's own tests take this away.
os.environ.setdefault("ONEWINDOW_TRAINING_LOGIN", "trainee")

import keyring  # noqa: E402
import keyring.backends.null  # noqa: E402
import pytest  # noqa: E402

from tests import stack  # noqa: E402

keyring.set_keyring(keyring.backends.null.Keyring())

# Before any test can call sane_init (libsane reads its configuration once per process).
_SANE_CONFIG = stack.prepare_sane_config()
if _SANE_CONFIG is not None and not os.environ.get("ONEWINDOW_SANE_CHILD"):
    os.environ["SANE_CONFIG_DIR"] = str(_SANE_CONFIG)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _SANE_CONFIG is not None:
        shutil.rmtree(_SANE_CONFIG, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def _one_qapplication_for_the_session(qapp: object) -> object:
    """Create the QApplication first: a CLI command run in-process would otherwise create a bare QCoreApplication
    that every later widget test would find instead."""
    return qapp


# A native call that blocks while holding the GIL (seen once: libsane's test backend inside snap()) starves
# pytest-timeout's timer thread, so a hang would last until CI's own limit. faulthandler's watchdog is a C thread
# that needs no GIL: it dumps every thread's stack and ends the run loudly a little after pytest-timeout's limit.
_HANG_WATCHDOG_S = 360


@pytest.fixture(autouse=True)
def _native_hang_watchdog() -> Iterator[None]:
    faulthandler.dump_traceback_later(_HANG_WATCHDOG_S, exit=True)
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()


@pytest.fixture(autouse=True)
def _untranslated_after_each_test() -> Iterator[None]:
    """A test that boots the app installs the Chinese translator hook; the next test starts from the source text."""
    yield
    from clerk_app.i18n import install_translator

    install_translator(lambda _context, text: text)


@pytest.fixture(autouse=True)
def _no_window_outlives_its_test() -> Iterator[None]:
    """A test that leaves a top-level window open fails: the window is a dialog nobody closed, or an error box from
    a background result that arrived after the test had moved on. It is closed first, so the next test's focus and
    event loop start clean. Widgets registered with ``qtbot.addWidget`` are closed by pytest-qt before this runs."""
    yield
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    # pytest-qt closed the test's widgets and asked Qt to delete them: let it, so that a dialog owned by a window the
    # test registered goes with its owner, as in the running app (whose shutdown deletes the main window).
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    left = [widget for widget in app.topLevelWidgets() if widget.isVisible()]
    for widget in left:
        widget.close()
    if left:  # class and title only: a window's text may hold a test citizen's data
        pytest.fail("windows left open by the test: " + "; ".join(
            f"{type(widget).__name__} {widget.windowTitle()!r}" for widget in left), pytrace=False)


@pytest.fixture
def ow_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty OneWindow home folder for this test (no configuration = training mode)."""
    home = tmp_path / "onewindow-home"
    monkeypatch.setenv("ONEWINDOW_HOME", str(home))
    return home


@pytest.fixture
def workstation(ow_home: Path) -> Iterator[object]:
    from clerk_app.context import open_workstation
    from clerk_app.paths import resolve_paths

    ws = open_workstation(resolve_paths(ow_home))
    yield ws
    ws.close()


@pytest.fixture
def services(workstation: object) -> Iterator[object]:
    """The composition root's services on the test's workstation (nothing started: no sandbox, no device threads)."""
    from clerk_app.context import Workstation
    from clerk_app.services import build_services

    assert isinstance(workstation, Workstation)
    built = build_services(workstation)
    yield built
    built.close()


@pytest.fixture(scope="session")
def _secret_service_session() -> Iterator[stack.SecretServiceStack]:
    with stack.secret_service_stack() as service:
        yield service


@pytest.fixture
def secret_service(_secret_service_session: stack.SecretServiceStack,
                   monkeypatch: pytest.MonkeyPatch) -> Iterator[stack.SecretServiceStack]:
    """The real Secret Service as this test's key store (restored to the null store afterwards)."""
    from keyring.backends import SecretService

    for key, value in _secret_service_session.env.items():
        if key.startswith(("DBUS_", "GNOME_KEYRING", "XDG_RUNTIME_DIR")):
            monkeypatch.setenv(key, value)
    backend = SecretService.Keyring()
    keyring.set_keyring(backend)
    try:
        yield _secret_service_session
    finally:
        keyring.set_keyring(keyring.backends.null.Keyring())


@pytest.fixture(scope="session")
def pcscd() -> Iterator[stack.PcscStack]:
    with stack.pcscd_stack() as pcsc:
        yield pcsc


@pytest.fixture(scope="session")
def cups_pdf() -> Iterator[stack.CupsPdfStack]:
    with stack.cups_pdf_stack() as cups_stack:
        yield cups_stack


@pytest.fixture(scope="session")
def sane_env() -> Path:
    return stack.check_sane(Path(os.environ.get("SANE_CONFIG_DIR", "")) if _SANE_CONFIG else None)


@pytest.fixture(scope="session")
def xvfb() -> Iterator[str]:
    with stack.xvfb_display() as display:
        yield display


require = stack.require
