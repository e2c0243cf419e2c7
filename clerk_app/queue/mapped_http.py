"""``MappedHttpQueueAdapter``: a vendor's hall queue HTTP API, mapped in the configuration file by the hall's IT
staff (``[queue.http]``, see docs/queue.md). The defaults describe the sandbox's own contract.

Each action is ``"METHOD /path"`` with ``{window}``, ``{request_id}``, ``{to_window}``, ``{to_business}``
placeholders; the request body is a JSON object whose field names are mapped; the answer is read with dotted paths
(``data.ticket.no``). An action whose answer carries no window state is followed by a status request.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any
from urllib.parse import quote

from clerk_app.config import Config
from clerk_app.queue._http import JsonTransport
from clerk_app.queue.adapter import (
    ActionOutcome,
    BusinessType,
    QueueRefused,
    QueueTicket,
    QueueUnreachable,
    TransferTarget,
    WindowView,
)


@dataclass(frozen=True)
class HttpMapping:
    """Defaults = the sandbox's ``/queue/v1``. Every field is the option ``queue.http.<field>``."""

    status: str = "GET /queue/v1/windows/{window}"
    business_types: str = "GET /queue/v1/business-types"
    call: str = "POST /queue/v1/windows/{window}/call"
    recall: str = "POST /queue/v1/windows/{window}/recall"
    skip: str = "POST /queue/v1/windows/{window}/skip"
    transfer: str = "POST /queue/v1/windows/{window}/transfer"
    pause: str = "POST /queue/v1/windows/{window}/pause"
    resume: str = "POST /queue/v1/windows/{window}/pause"
    request_id_header: str = ""  # also send the request id in this header (some systems want it there)
    field_window: str = ""  # body field for the window code; empty = only in the path
    field_request_id: str = "request_id"
    field_to_window: str = "to_window"
    field_to_business: str = "to_business"
    field_paused: str = "paused"
    answer_ticket: str = "ticket"  # dotted path of the ticket in an action's answer
    answer_window: str = "window"  # dotted path of the window state in an action's answer; empty = ask status
    answer_voice: str = "voice_text"
    status_root: str = ""  # dotted path of the window state in the status answer; empty = the whole answer
    status_current: str = "current"
    status_waiting: str = "waiting"
    status_next: str = "next"
    status_paused: str = "paused"
    ticket_number: str = "number"
    ticket_id: str = "ticket_id"
    ticket_business_code: str = "business_code"
    ticket_business_name: str = "business_name"
    ticket_issued_at: str = "issued_at"
    ticket_called_at: str = "called_at"
    types_root: str = ""
    type_code: str = "code"
    type_name: str = "name"

    @classmethod
    def from_config(cls, config: Config) -> HttpMapping:
        return cls(**{f.name: config.get_str(f"queue.http.{f.name}") for f in fields(cls)})


def dig(data: Any, path: str) -> Any:
    """``dig({"a": {"b": 1}}, "a.b") == 1``; an empty path is the value itself, a missing step gives None."""
    if not path:
        return data
    for step in path.split("."):
        if isinstance(data, dict):
            data = data.get(step)
        elif isinstance(data, list) and step.isdigit() and int(step) < len(data):
            data = data[int(step)]
        else:
            return None
    return data


class MappedHttpQueueAdapter:
    def __init__(self, base_url: str, window_code: str, mapping: HttpMapping, *, connect_timeout: float = 2.0,
                 read_timeout: float = 5.0, ca_bundle: str = "") -> None:
        self.window_code = window_code
        self.mapping = mapping
        self.http = JsonTransport(base_url, connect_timeout=connect_timeout, read_timeout=read_timeout,
                                  ca_bundle=ca_bundle)

    # -- reading answers ---------------------------------------------------------------------------------
    def _ticket(self, data: Any) -> QueueTicket | None:
        m = self.mapping
        number = dig(data, m.ticket_number) if isinstance(data, dict) else None
        if number in (None, ""):
            return None

        def text(path: str) -> str:
            value = dig(data, path) if path else None
            return "" if value is None else str(value)

        return QueueTicket(number=str(number), business_code=text(m.ticket_business_code),
                           business_name=text(m.ticket_business_name), issued_at=text(m.ticket_issued_at),
                           called_at=text(m.ticket_called_at), ticket_id=text(m.ticket_id))

    def _view(self, data: Any) -> WindowView:
        m = self.mapping
        if not isinstance(data, dict):
            raise QueueUnreachable(reason="unexpected status answer")
        nexts = dig(data, m.status_next) or []
        waiting = dig(data, m.status_waiting)
        try:
            count = int(waiting) if waiting is not None else len(nexts)
        except (TypeError, ValueError):
            count = len(nexts)
        paused = dig(data, m.status_paused)
        return WindowView(paused=paused in (True, 1, "1", "true", "True"),
                          current=self._ticket(dig(data, m.status_current)), waiting=count,
                          next_tickets=tuple(t for t in map(self._ticket, nexts) if t))

    # -- requests ----------------------------------------------------------------------------------------
    def _send(self, spec: str, request_id: str = "", extra: dict[str, Any] | None = None) -> Any:
        method, _, path = spec.strip().partition(" ")
        if not path:
            raise QueueRefused("mapping", f"queue.http action {spec!r} is not 'METHOD /path'")
        values = {"window": self.window_code, "request_id": request_id, "to_window": "", "to_business": ""}
        body: dict[str, Any] = {}
        m = self.mapping
        if m.field_window:
            body[m.field_window] = self.window_code
        if request_id and m.field_request_id:
            body[m.field_request_id] = request_id
        for name, value in (extra or {}).items():
            if isinstance(value, str):
                values[name] = value
            field = {"to_window": m.field_to_window, "to_business": m.field_to_business,
                     "paused": m.field_paused}.get(name, name)
            if field and value is not None:
                body[field] = value
        url = path.format(**{k: quote(str(v), safe="") for k, v in values.items()})
        headers = {m.request_id_header: request_id} if m.request_id_header and request_id else None
        method = method.upper()
        if method in ("GET", "HEAD", "DELETE"):
            return self.http.request(method, url, params=body or None, headers=headers)
        return self.http.request(method, url, body=body, headers=headers)

    def _act(self, spec: str, request_id: str, **extra: Any) -> ActionOutcome:
        m = self.mapping
        data = self._send(spec, request_id, extra)
        window = dig(data, m.answer_window) if m.answer_window else None
        view = self._view(window) if isinstance(window, dict) else self.window_view()
        voice = dig(data, m.answer_voice) if m.answer_voice else None
        return ActionOutcome(self._ticket(dig(data, m.answer_ticket)), view, str(voice or ""))

    def window_view(self) -> WindowView:
        return self._view(dig(self._send(self.mapping.status), self.mapping.status_root))

    def business_types(self) -> list[BusinessType]:
        m = self.mapping
        rows = dig(self._send(m.business_types), m.types_root) or []
        return [BusinessType(str(dig(r, m.type_code)), str(dig(r, m.type_name))) for r in rows if isinstance(r, dict)]

    def call_next(self, request_id: str) -> ActionOutcome:
        return self._act(self.mapping.call, request_id)

    def recall(self, request_id: str) -> ActionOutcome:
        return self._act(self.mapping.recall, request_id)

    def skip(self, request_id: str) -> ActionOutcome:
        return self._act(self.mapping.skip, request_id)

    def transfer(self, request_id: str, target: TransferTarget) -> ActionOutcome:
        return self._act(self.mapping.transfer, request_id, to_window=target.window, to_business=target.business)

    def set_paused(self, request_id: str, paused: bool) -> ActionOutcome:
        return self._act(self.mapping.pause if paused else self.mapping.resume, request_id, paused=paused)

    def close(self) -> None:
        self.http.close()
