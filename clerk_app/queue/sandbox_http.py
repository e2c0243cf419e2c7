"""``SandboxQueueAdapter``: the sandbox's hall queue service (``/queue/v1``, contract in its OpenAPI document and
docs/queue.md) for one window."""

from __future__ import annotations

from typing import Any

from clerk_app.queue._http import JsonTransport
from clerk_app.queue.adapter import ActionOutcome, BusinessType, QueueTicket, TransferTarget, WindowView

PREFIX = "/queue/v1"


def ticket_from(data: dict[str, Any] | None) -> QueueTicket | None:
    if not data:
        return None
    return QueueTicket(number=str(data["number"]), business_code=str(data.get("business_code") or ""),
                       business_name=str(data.get("business_name") or ""), issued_at=str(data.get("issued_at") or ""),
                       called_at=str(data.get("called_at") or ""), ticket_id=str(data.get("ticket_id") or ""),
                       recalls=int(data.get("recalls") or 0), id_number_masked=str(data.get("id_number_masked") or ""))


def view_from(data: dict[str, Any]) -> WindowView:
    return WindowView(paused=bool(data.get("paused")), current=ticket_from(data.get("current")),
                      waiting=int(data.get("waiting") or 0),
                      next_tickets=tuple(t for t in (ticket_from(n) for n in data.get("next") or []) if t),
                      business_codes=tuple(data.get("business_codes") or ()))


class SandboxQueueAdapter:
    def __init__(self, base_url: str, window_code: str, *, connect_timeout: float = 2.0, read_timeout: float = 5.0,
                 next_count: int = 5, serves: list[str] | None = None, name: str = "") -> None:
        self.window_code = window_code
        self.next_count = next_count
        self._serves, self._name = list(serves or []), name  # training: business types to set on first contact
        self.http = JsonTransport(base_url, connect_timeout=connect_timeout, read_timeout=read_timeout)

    def _window(self, suffix: str = "") -> str:
        return f"{PREFIX}/windows/{self.window_code}{suffix}"

    def _act(self, action: str, request_id: str, **extra: Any) -> ActionOutcome:
        data = self.http.request("POST", self._window(f"/{action}"), body={"request_id": request_id, **extra})
        return ActionOutcome(ticket_from(data.get("ticket")), view_from(data["window"]),
                             str(data.get("voice_text") or ""))

    def window_view(self) -> WindowView:
        return view_from(self.http.request("GET", self._window(), params={"next_count": self.next_count}))

    def business_types(self) -> list[BusinessType]:
        return [BusinessType(str(b["code"]), str(b["name"]), str(b.get("prefix") or ""))
                for b in self.http.request("GET", f"{PREFIX}/business-types")]

    def prepare(self) -> None:
        """Called by the service before its first poll (and again until it succeeded): training set-up."""
        if self._serves:
            self.configure(self._serves, self._name)
            self._serves = []

    def configure(self, business_codes: list[str], name: str = "") -> WindowView:
        """Which business types this window calls (set by the hall; used by training set-up and tests)."""
        body = {"name": name, "business_codes": business_codes}
        return view_from(self.http.request("PUT", self._window(), body=body))

    def call_next(self, request_id: str) -> ActionOutcome:
        return self._act("call", request_id)

    def recall(self, request_id: str) -> ActionOutcome:
        return self._act("recall", request_id)

    def skip(self, request_id: str) -> ActionOutcome:
        return self._act("skip", request_id)

    def finish(self, request_id: str) -> ActionOutcome:
        return self._act("finish", request_id)

    def transfer(self, request_id: str, target: TransferTarget) -> ActionOutcome:
        return self._act("transfer", request_id, to_window=target.window, to_business=target.business)

    def set_paused(self, request_id: str, paused: bool) -> ActionOutcome:
        return self._act("pause", request_id, paused=paused)

    def close(self) -> None:
        self.http.close()
