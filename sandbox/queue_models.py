"""Bodies of the hall queue contract (``/queue/v1``), published in the sandbox's OpenAPI document."""

from __future__ import annotations

from pydantic import BaseModel, Field

REQUEST_ID_PATTERN = r"^[0-9A-Za-z_-]{8,64}$"
CODE_PATTERN = r"^[0-9A-Za-z_-]{1,16}$"


class BusinessType(BaseModel):
    code: str
    name: str
    prefix: str = Field(description="ticket number prefix, e.g. A in A001")


class Ticket(BaseModel):
    ticket_id: int
    number: str = Field(description="business prefix + 3-digit daily sequence, e.g. A007")
    business_code: str
    business_name: str
    status: str = Field(description="waiting | called | done | no_show (过号)")
    issued_at: str = Field(description="ISO 8601, UTC")
    called_at: str | None = Field(default=None, description="the latest call, ISO 8601, UTC")
    called_by: str | None = Field(default=None, description="window code of the latest call")
    recalls: int = 0
    transfers: int = 0
    target_window: str | None = Field(default=None, description="set while transferred to one window by name")
    id_number_masked: str = Field(default="", description="the ID number read at the ticket machine, masked")


class IssueRequest(BaseModel):
    business_code: str = Field(pattern=CODE_PATTERN)
    id_number: str = Field(default="", max_length=18, pattern=r"^[0-9Xx]*$",
                           description="optional; stored masked (first 6, last 4)")
    channel: str = Field(default="kiosk", max_length=16)
    request_id: str | None = Field(default=None, pattern=REQUEST_ID_PATTERN,
                                   description="idempotency key of the ticket machine")


class Issued(BaseModel):
    ticket: Ticket
    ahead: int = Field(description="tickets of the same business type waiting before this one")


class WindowState(BaseModel):
    window_code: str
    name: str
    business_codes: list[str] = Field(description="business types this window calls (all when not configured)")
    paused: bool
    current: Ticket | None = Field(description="the ticket being served")
    waiting: int = Field(description="tickets this window may call")
    next: list[Ticket] = Field(description="the next tickets in calling order")


class WindowConfig(BaseModel):
    name: str = Field(default="", max_length=64)
    business_codes: list[str] = Field(default_factory=list, description="empty = every business type")


class ActionRequest(BaseModel):
    request_id: str = Field(pattern=REQUEST_ID_PATTERN,
                            description="idempotency key: the same id again returns the first answer, changes nothing")


class TransferRequest(ActionRequest):
    to_window: str | None = Field(default=None, pattern=CODE_PATTERN)
    to_business: str | None = Field(default=None, pattern=CODE_PATTERN)


class PauseRequest(ActionRequest):
    paused: bool


class ActionResult(BaseModel):
    ticket: Ticket | None = Field(description="the ticket acted on; null when a call found nobody waiting")
    voice_text: str = Field(description="what the hall announces, e.g. 请A001号到第01窗口办理业务")
    window: WindowState


class BoardWaiting(BaseModel):
    business_code: str
    waiting: int
    first: str | None


class BoardCall(BaseModel):
    seq: int
    kind: str = Field(description="call | recall")
    window_code: str
    voice_text: str
    at: str
    number: str


class Board(BaseModel):
    version: int = Field(description="pass it back as ``since`` to get only newer calls")
    waiting: list[BoardWaiting]
    calls: list[BoardCall]
