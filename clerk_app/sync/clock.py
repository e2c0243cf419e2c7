"""The workstation's clock against the platform's: every answer's ``Date`` header is a reading.

A wrong clock here would put wrong dates on receipts and deadlines and (before issue 19) could strand queued rows;
the status bar warns when the difference exceeds ``platform.clock_skew_warn_seconds``. Each case records the
platform's receipt time and this workstation's time side by side (``cases.platform_received_at`` /
``local_received_at`` / ``clock_skew_seconds``), so a disputed date can be explained later.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


@dataclass(frozen=True)
class ClockReading:
    server: datetime
    local: datetime

    @property
    def skew_seconds(self) -> float:
        """Positive: this workstation's clock is ahead of the platform's."""
        return (self.local - self.server).total_seconds()


class ClockWatch:
    def __init__(self, warn_seconds: float = 120.0) -> None:
        self.warn_seconds = warn_seconds
        self._last: ClockReading | None = None
        self._lock = threading.Lock()

    def observe(self, date_header: str | None, local: datetime | None = None) -> None:
        if not date_header:
            return
        try:
            server = parsedate_to_datetime(date_header)
        except (TypeError, ValueError, IndexError):
            return
        if server.tzinfo is None:
            server = server.replace(tzinfo=UTC)
        with self._lock:
            self._last = ClockReading(server, local or datetime.now(UTC))

    @property
    def last(self) -> ClockReading | None:
        with self._lock:
            return self._last

    def skew_seconds(self) -> float | None:
        reading = self.last
        # The header has whole seconds: a difference under a second means nothing.
        return None if reading is None else round(reading.skew_seconds)

    def off(self) -> bool:
        skew = self.skew_seconds()
        return skew is not None and abs(skew) > self.warn_seconds
