"""Queue calling in the main window: the queue bar on top, its shortcuts, the queue mode in the status bar.

The service is ``services.queue`` (built by the composition root, which also hands its served ticket to the
acceptance service: every case committed while it is served records it). In training mode with no
``queue.base_url`` it talks to the bundled sandbox: the first contact (business types, then the service's worker)
waits for that sandbox process to answer, off the GUI thread (the bar shows "connecting" meanwhile, and the window
works without it).
"""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QToolBar

from clerk_app.queue.adapter import QueueRefused, QueueUnreachable
from clerk_app.services import Services
from ui.main_window import MainWindow
from ui.queue_bar import QueueBar, QueuePresenter
from ui.tasks import NetworkOp, TaskRunner

log = logging.getLogger("onewindow.ui.queue")


def wire_queue(window: MainWindow, services: Services, tasks: TaskRunner) -> QueuePresenter:
    config = services.config
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
        shortcuts.bind(name, partial(_press, presenter, action))
    service = services.queue
    sandbox = services.sandbox
    needs_sandbox = (sandbox is not None and not config.get("queue.base_url")
                     and config.get("queue.adapter") != "none")

    def first_contact() -> list[Any]:
        if needs_sandbox and sandbox is not None:
            sandbox.start()  # shared with sync: started once, whoever asks first
        types = []
        if service.adapter is not None:
            try:
                types = service.adapter.business_types()
            except (QueueUnreachable, QueueRefused):
                log.info("queue business types not available yet")
        return types

    def failed(exc: BaseException) -> None:
        log.error("queue calling could not start: %s", type(exc).__name__)
        presenter.show_state(None)

    op = NetworkOp(window, first_contact).success(lambda types: presenter.attach(service, types)).failure(failed)
    window.after_first_paint(lambda: op.run(tasks))
    return presenter


def _press(presenter: QueuePresenter, action: str) -> None:
    presenter.request(action)
