"""The evaluator interface: a device that reports one grade (1 非常不满意 ... 5 非常满意) per key press.

A driver only reports presses; whether a press counts (an evaluation is open, once per case) is decided by the
customer screen's presenter, never by the device.
"""

from __future__ import annotations

from typing import Protocol


class EvaluatorPad(Protocol):
    name: str

    def open(self) -> None: ...

    def read_grade(self, timeout: float) -> int | None:
        """The next grade pressed within ``timeout`` seconds, or None."""
        ...

    def close(self) -> None: ...
