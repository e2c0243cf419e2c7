"""Attaching features to the main window. Each feature adds one call here; keep it to wiring, no logic."""

from __future__ import annotations

from typing import Any

from ui.main_window import MainWindow
from ui.tasks import TaskRunner


def wire_features(window: MainWindow, workstation: Any, tasks: TaskRunner) -> None:
    # features attach here as they land
    from ui.identity_wiring import wire_identity

    wire_identity(window, workstation, tasks)

    from ui.catalog_panel import wire_catalog

    wire_catalog(window, workstation, tasks)

    from ui.sync_wiring import wire_sync

    wire_sync(window, workstation, tasks)

    from ui.queue_wiring import wire_queue

    wire_queue(window, workstation, tasks)  # after sync: in training it waits for the sandbox sync starts

    from ui.scanning_wiring import wire_scanning

    wire_scanning(window, workstation, tasks)  # workstation.services["scanner"]; before acceptance, which uses it

    # Acceptance stays last: it links itself to the applicant and item panels wired above.
    from ui.acceptance.wiring import wire_acceptance

    controller = wire_acceptance(window, workstation, tasks)

    # The citizen's screen follows the queue, the card reader and the acceptance flow wired above.
    from ui.customer_screen.wiring import wire_customer_screen

    wire_customer_screen(window, workstation, tasks, controller)
