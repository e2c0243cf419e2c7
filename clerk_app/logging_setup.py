"""Logging: a rotating file in the log folder, a RAM ring buffer for crash reports, and a redaction filter.

Personal data must never reach a log. Code logs event kinds, counts and opaque ids, not names or numbers; the
``RedactingFilter`` is the second line of defence and masks anything shaped like an ID number, credit code or phone
number that slipped into a message or its arguments.
"""

from __future__ import annotations

import collections
import faulthandler
import logging
import logging.handlers
import re
import weakref
from pathlib import Path
from typing import IO

_PATTERNS = [
    re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])"),  # resident / permit ID numbers
    re.compile(r"(?<![0-9A-Za-z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Za-z])"),  # USCC
    re.compile(r"(?<![0-9A-Za-z])[A-Z]{3}\d{12}(?![0-9A-Za-z])"),  # 2017 foreigner permanent residence numbers
    re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)"),  # mobile phone numbers
]


def redact(text: str) -> str:
    for pattern in _PATTERNS:
        text = pattern.sub("[redacted]", text)
    return text


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


class RAMHandler(logging.Handler):
    """Keeps the last ``capacity`` formatted lines for crash reports."""

    def __init__(self, capacity: int = 500) -> None:
        super().__init__()
        self.lines: collections.deque[str] = collections.deque(maxlen=capacity)

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))

    def dump(self) -> str:
        return "\n".join(self.lines)


FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
ram_handler = RAMHandler()
_fault_file: IO[str] | None = None


# The handlers ``init_logging`` installed, so ``close_logging`` removes exactly those (not a test runner's).
_OURS: weakref.WeakSet[logging.Handler] = weakref.WeakSet()


def init_logging(log_dir: Path, level: int = logging.INFO, console: bool = False) -> None:
    log_dir.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    close_logging()
    redactor = RedactingFilter()
    handlers: list[logging.Handler] = [
        logging.handlers.RotatingFileHandler(
            log_dir / "onewindow.log", maxBytes=2_000_000, backupCount=10, encoding="utf-8"
        ),
        ram_handler,
    ]
    if console:
        handlers.append(logging.StreamHandler())
    for handler in handlers:
        handler.setFormatter(logging.Formatter(FORMAT))
        handler.addFilter(redactor)
        _OURS.add(handler)
        root.addHandler(handler)
    root.setLevel(level)
    logging.captureWarnings(True)


def close_logging() -> None:
    """Detach and close our handlers (a second ``run()`` in one process, tests, shutdown)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler in _OURS:
            _OURS.discard(handler)
            root.removeHandler(handler)
            if handler is not ram_handler:
                handler.close()


def init_faulthandler(fault_log: Path) -> str | None:
    """Send segfault tracebacks to ``fault_log``; returns the previous run's content if it crashed."""
    global _fault_file
    previous = None
    if fault_log.exists() and fault_log.stat().st_size:
        previous = fault_log.read_text(encoding="utf-8", errors="replace")
        fault_log.replace(fault_log.with_suffix(".previous.log"))
    _fault_file = fault_log.open("w", encoding="utf-8")
    faulthandler.enable(_fault_file)
    return previous


def close_faulthandler() -> None:
    global _fault_file
    if _fault_file is not None:
        faulthandler.disable()
        path = Path(_fault_file.name)
        _fault_file.close()
        _fault_file = None
        if path.exists() and path.stat().st_size == 0:
            path.unlink()
