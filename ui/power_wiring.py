"""On battery the workstation polls less (clerk_app/power.py): the power supply is read every ``CHECK_SECONDS`` on
the device worker (a few sysfs files), first after the window's first paint; the saver switches the loops."""

from __future__ import annotations

import logging

from PySide6.QtCore import QTimer

from clerk_app.power import CHECK_SECONDS, PowerSource
from clerk_app.services import Services
from ui.main_window import MainWindow
from ui.tasks import DeviceOp, TaskRunner

log = logging.getLogger("onewindow.power")


def wire_power(window: MainWindow, services: Services, tasks: TaskRunner) -> QTimer:
    saver = services.power

    def failed(exc: BaseException) -> None:  # the loops keep their intervals: nothing for the clerk to do
        log.warning("power supply not read (%s)", type(exc).__name__)

    def check() -> None:
        op: DeviceOp[PowerSource] = DeviceOp(window, saver.check)
        op.failure(failed).run(tasks)

    timer = QTimer(window)
    timer.setObjectName("powerCheck")
    timer.setInterval(int(CHECK_SECONDS * 1000))
    timer.timeout.connect(check)
    if saver.enabled:
        timer.start()
        window.after_first_paint(check)
    return timer
