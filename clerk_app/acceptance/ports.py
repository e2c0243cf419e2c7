"""What the acceptance flow needs from the rules engine (numbering, events, deadlines), as one small
interface.

The real implementation (``rules_adapter.RulesEngineAdapter``) delegates to ``clerk_app.domain``
numbering, deadlines and case states and to ``offline_cache.case_numbers``; tests may pass a double
that fails on purpose.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from clerk_app.domain.case import CaseStatus
from clerk_app.domain.catalog import ServiceItem
from clerk_app.domain.supervision import CaseSupervision, DatedLimit


@dataclass(frozen=True)
class DeadlineInfo:
    deadline: date
    certain: bool
    warning: str | None


class CaseRules(Protocol):
    def allocate_number(self, conn: sqlite3.Connection, centre_code: str, window_code: str, day: date) -> str:
        """Next case number of the day for this window, inside the caller's transaction."""
        ...

    def record_event(
        self,
        conn: sqlite3.Connection,
        *,
        case_uuid: str,
        kind: str,
        from_status: str | None,
        to_status: str | None,
        clerk_id: str,
        window_code: str,
        details: dict[str, Any],
        device_time: datetime | None = None,
    ) -> None:
        """Append one event (validating the transition) inside the caller's transaction."""
        ...

    def promised_deadline(self, items: Sequence[ServiceItem], accepted_on: date) -> DeadlineInfo | None: ...

    def legal_deadline(self, items: Sequence[ServiceItem], accepted_on: date) -> DeadlineInfo | None: ...

    def verification_code(self, case_number: str) -> str: ...

    def supervision_level(self, deadline: date, today: date) -> str:
        """电子监察 level of a running case: normal / yellow / red (``SupervisionLevel`` values)."""
        ...

    def case_supervision(self, status: CaseStatus, accepted_on: date | None, promised: DatedLimit | None,
                         legal: DatedLimit | None, moves: Iterable[tuple[str | None, str | None, date]],
                         today: date) -> CaseSupervision:
        """电子监察 of one stored case: level from its state, dates extended by its past pauses."""
        ...
