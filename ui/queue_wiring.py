"""Queue calling in the main window: the queue bar on top, its shortcuts, the queue mode in the status bar, and the
served ticket handed to the acceptance service (every case committed while it is served records it).

The service is built off the GUI thread. In training mode with no ``queue.base_url`` it talks to the bundled
sandbox, which the sync service starts: the wiring waits for that sandbox's address (the bar shows "connecting"
meanwhile, and the window works without it).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QToolBar

# Imported here, on the GUI thread: an import on a worker while the GUI thread imports Qt modules was seen to
# deadlock start-up (see ui/sync_wiring.py).
from clerk_app.acceptance.factory import acceptance_service
from clerk_app.queue.adapter import QueueRefused, QueueUnreachable
from clerk_app.queue.factory import queue_service, ticket_source
from ui.main_window import MainWindow
from ui.queue_bar import QueueBar, QueuePresenter
from ui.tasks import BackgroundOp, TaskRunner

log = logging.getLogger("onewindow.ui.queue")

SANDBOX_WAIT_MS = 120_000
SANDBOX_POLL_MS = 250


def _training_sandbox_url(workstation: Any) -> str | None:
    sync = workstation.services.get("sync")
    sandbox = getattr(sync, "sandbox", None)
    return getattr(sandbox, "base_url", None)


def wire_queue(window: MainWindow, workstation: Any, tasks: TaskRunner) -> QueuePresenter:
    config = workstation.config
    bar = QueueBar()
    toolbar = QToolBar(QCoreApplication.translate("queue", "Queue"), window)
    toolbar.setObjectName("queueToolbar")
    toolbar.setMovable(False)
    toolbar.addWidget(bar)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
    presenter = QueuePresenter(bar, window.status, window)
    shortcuts = window.shortcuts
    for name, action in (("queue_call", "call"), ("queue_recall", "recall"), ("queue_skip", "skip"),
                         ("queue_transfer", "transfer"), ("queue_pause", "pause")):
        shortcuts.bind(name, lambda _checked=False, a=action: _press(presenter, a))
    window.queue_presenter = presenter  # type: ignore[attr-defined]

    def build(sandbox_url: str | None) -> Any:
        service = queue_service(config, sandbox_url)
        types = []
        if service.adapter is not None:
            try:
                types = service.adapter.business_types()
            except (QueueUnreachable, QueueRefused):
                log.info("queue business types not available yet")
        return service, types

    def ready(built: tuple[Any, list[Any]]) -> None:
        service, types = built
        workstation.services["queue"] = service
        presenter.attach(service, types)
        acceptance_service(workstation).ticket_source = ticket_source(service)

    def failed(exc: BaseException) -> None:
        log.error("queue calling could not start: %s", type(exc).__name__)
        presenter.show_state(None)

    def start(sandbox_url: str | None) -> None:
        BackgroundOp(window, lambda: build(sandbox_url)).success(ready).failure(failed).run(tasks.io_pool)

    needs_sandbox = (workstation.is_training and not config.get("queue.base_url")
                     and config.get("queue.adapter") != "none")
    if not needs_sandbox:
        start(None)
        return presenter
    waited = [0]
    timer = QTimer(presenter)
    timer.setInterval(SANDBOX_POLL_MS)

    def look() -> None:
        url = _training_sandbox_url(workstation)
        waited[0] += SANDBOX_POLL_MS
        if url or waited[0] >= SANDBOX_WAIT_MS:
            timer.stop()
            start(url)

    timer.timeout.connect(look)
    timer.start()
    return presenter


def _press(presenter: QueuePresenter, action: str) -> None:
    presenter.request(action)
