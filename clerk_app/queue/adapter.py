"""The queue adapter interface and its values. Implementations turn every transport failure into
``QueueUnreachable`` and every refusal into ``QueueRefused``; nothing else escapes.

Every window action takes a ``request_id``: the hall system must treat the same id again as the same action
(idempotency key), so a retry after a lost answer or a second press never calls a second citizen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from clerk_app.errors import NetworkError, UserFacingError
from clerk_app.i18n import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class QueueTicket:
    number: str  # e.g. A007
    business_code: str = ""
    business_name: str = ""
    issued_at: str = ""  # ISO 8601 from the queue system's clock
    called_at: str = ""
    ticket_id: str = ""
    recalls: int = 0
    id_number_masked: str = ""


@dataclass(frozen=True)
class WindowView:
    paused: bool = False
    current: QueueTicket | None = None
    waiting: int = 0
    next_tickets: tuple[QueueTicket, ...] = ()
    business_codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActionOutcome:
    ticket: QueueTicket | None  # the ticket acted on; None when a call found nobody waiting
    window: WindowView
    voice_text: str = ""


@dataclass(frozen=True)
class BusinessType:
    code: str
    name: str
    prefix: str = ""


@dataclass(frozen=True)
class TransferTarget:
    window: str | None = None
    business: str | None = None

    def __post_init__(self) -> None:
        if bool(self.window) == bool(self.business):
            raise ValueError("a transfer names exactly one of window and business")


class QueueUnreachable(NetworkError):
    """No answer from the queue system: the window works on in manual mode."""

    message = QT_TRANSLATE_NOOP("errors", "The queue system cannot be reached ({reason}); the window works without it.")


class QueueRefused(UserFacingError):
    """The queue system answered with a refusal (a paused window calling, recall limit, nobody being served…)."""

    message = QT_TRANSLATE_NOOP("errors", "The queue system refused: {reason}")

    def __init__(self, code: str, reason: str = "", status: int = 0) -> None:
        super().__init__(reason=reason or code)
        self.code, self.status = code, status


class QueueAdapter(Protocol):
    """One window's view of the hall queue system."""

    window_code: str

    def window_view(self) -> WindowView: ...

    def business_types(self) -> list[BusinessType]: ...

    def call_next(self, request_id: str) -> ActionOutcome: ...

    def recall(self, request_id: str) -> ActionOutcome: ...

    def skip(self, request_id: str) -> ActionOutcome: ...

    def transfer(self, request_id: str, target: TransferTarget) -> ActionOutcome: ...

    def set_paused(self, request_id: str, paused: bool) -> ActionOutcome: ...

    def close(self) -> None: ...
