"""The evaluation pad (评价器) in the running workstation: chosen by configuration, read on its own thread.

``evaluator_pad(config)`` builds the configured driver (``customer_screen.evaluator``: none / simulated / serial
with ``evaluator_port`` and ``evaluator_baud``). ``PadReader`` opens it and reads presses on a daemon thread (never
the GUI thread); each grade goes to the listeners on that thread (the UI hops to the GUI thread itself). A pad
that cannot be opened (unplugged, wrong port) is retried every ``retry_seconds`` and logged once per failure kind;
whether a press counts (an evaluation is open, once per case) is the customer screen's decision, not the reader's.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from clerk_app.config import Config
from devices.evaluator.base import EvaluatorPad
from devices.evaluator.serial_keypad import SerialKeypad
from devices.evaluator.simulated import SimulatedPad

log = logging.getLogger("onewindow.customer.evaluator")


def evaluator_pad(config: Config) -> EvaluatorPad | None:
    kind = config.get_str("customer_screen.evaluator")
    if kind == "simulated":
        return SimulatedPad()
    if kind == "serial":
        port = config.get_str("customer_screen.evaluator_port")
        if not port:
            log.error("customer_screen.evaluator is 'serial' but customer_screen.evaluator_port is empty: no pad")
            return None
        return SerialKeypad(port, config.get_int("customer_screen.evaluator_baud"))
    return None


class PadReader:
    def __init__(self, pad: EvaluatorPad | None, *, poll_seconds: float = 0.5, retry_seconds: float = 5.0) -> None:
        self.pad = pad
        self.poll_seconds = poll_seconds
        self.retry_seconds = retry_seconds
        self.listeners: list[Callable[[int], None]] = []
        self.connected = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start reading (the pad is opened on the reader thread). Without a pad: nothing."""
        if self.pad is None or self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="evaluator-pad", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        pad = self.pad
        assert pad is not None
        last_problem = ""
        while not self._stop.is_set():
            if not self.connected:
                try:
                    pad.open()
                    self.connected = True
                    log.info("evaluation pad %s open", pad.name)
                except Exception as exc:  # unplugged or wrong port: try again later
                    if type(exc).__name__ != last_problem:
                        log.warning("evaluation pad %s cannot be opened: %s", pad.name, type(exc).__name__)
                        last_problem = type(exc).__name__
                    self._stop.wait(self.retry_seconds)
                    continue
            try:
                grade = pad.read_grade(self.poll_seconds)
            except Exception as exc:  # the line went away: close, reopen later
                log.warning("evaluation pad %s lost: %s", pad.name, type(exc).__name__)
                self._close_pad()
                self._stop.wait(self.retry_seconds)
                continue
            if grade is not None and not self._stop.is_set():
                for listener in list(self.listeners):
                    try:
                        listener(grade)
                    except Exception:  # a listener's bug must not stop the pad
                        log.exception("evaluation pad listener failed")
        self._close_pad()

    def _close_pad(self) -> None:
        if self.pad is not None and self.connected:
            try:
                self.pad.close()
            except Exception:
                log.warning("closing the evaluation pad failed")
        self.connected = False

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=max(2.0, self.poll_seconds * 4))
            self._thread = None
