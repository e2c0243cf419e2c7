"""A simulated evaluator for training: presses are queued by the trainer (or a test) with ``press``."""

from __future__ import annotations

import queue


class SimulatedPad:
    name = "训练模拟评价器"

    def __init__(self) -> None:
        self._presses: queue.Queue[int] = queue.Queue()

    def open(self) -> None:
        return None

    def press(self, grade: int) -> None:
        if grade not in (1, 2, 3, 4, 5):
            raise ValueError("a pad has five keys, 1..5")
        self._presses.put(grade)

    def read_grade(self, timeout: float) -> int | None:
        try:
            return self._presses.get(timeout=timeout)
        except queue.Empty:
            return None

    def close(self) -> None:
        return None
