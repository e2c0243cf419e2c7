"""The whole workstation in training mode: the queue bar connects to the bundled sandbox that sync starts, F9 calls
a ticket taken at the (simulated) ticket machine, and the case accepted while serving it carries the ticket."""

from __future__ import annotations

from pathlib import Path

# Before the window starts (see tests/integration/acceptance/test_followup_window.py: import-lock deadlock).
import PySide6.QtMultimedia  # noqa: F401
import pytest
import requests
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

import sandbox.app  # noqa: F401

pytestmark = [pytest.mark.integration, pytest.mark.gui]


@pytest.fixture
def app(qapp, ow_home: Path):
    import main
    from clerk_app.paths import resolve_paths

    paths = resolve_paths(ow_home).ensure()
    paths.config_file.write_text('[queue]\npoll_seconds = 0.5\ntraining_arrivals_per_hour = 0.0\n'
                                 'business_codes = ["general", "pickup"]\n', encoding="utf-8")
    started = main.run(["--no-crash-dialog", "--no-single-instance"], exec=False)
    yield started
    started.shutdown()


def test_training_window_calls_from_the_bundled_sandbox(qtbot, app) -> None:
    window = app.window
    presenter = app.features.queue
    qtbot.waitUntil(lambda: presenter.service is not None and presenter.service.state().online is True,
                    timeout=60_000)
    url = app.services.sandbox.base_url
    assert presenter.service.adapter.http.base_url == url
    for business in ("social", "general"):
        requests.post(f"{url}/queue/v1/tickets", json={"business_code": business}, timeout=5).raise_for_status()
    # Not the social one; the app runs in Chinese. The label follows the service's report on the GUI thread.
    qtbot.waitUntil(lambda: presenter.bar.waiting_label.text() == "等候：1 人", timeout=10_000)
    assert presenter.service.state().view.waiting == 1
    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: presenter.bar.ticket_label.text() == "A001", timeout=10_000)
    served = app.services.acceptance.ticket_source()
    assert served is not None and served.ticket.number == "A001"
    assert window.status.device_labels["queue"].text() == "叫号：在线"
    assert presenter.bar.buttons["call"].text() == "叫下一位 (F9)"
    from tests.integration.queue.test_queue_bar_gui import _shot

    _shot(window, "queue_app_training.png")
