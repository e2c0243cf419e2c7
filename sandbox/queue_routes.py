"""Routes of the hall queue service (``/queue/v1``): business types, ticket issue, windows, window actions and the
hall's live board. A separate system from the platform in a real hall, so no platform login: the hall LAN is its
boundary. Every window action carries a request id (idempotency key, see ``sandbox.queue_store``).
No ``from __future__ import annotations``: FastAPI reads the annotations at definition time.
"""

from typing import Annotated, Any

from fastapi import FastAPI, Query
from fastapi import Path as PathParam

from sandbox.api import ApiError
from sandbox.api import errors as _errors
from sandbox.queue_models import (
    CODE_PATTERN,
    ActionRequest,
    ActionResult,
    Board,
    BusinessType,
    Issued,
    IssueRequest,
    PauseRequest,
    Ticket,
    TransferRequest,
    WindowConfig,
    WindowState,
)
from sandbox.queue_store import QueueError, QueueStore

QUEUE_PREFIX = "/queue/v1"
WindowCode = Annotated[str, PathParam(pattern=CODE_PATTERN)]


def _errors_no_auth(*statuses: int) -> dict[int | str, dict[str, Any]]:
    answers = _errors(*statuses)
    answers.pop(401, None)
    return answers


def mount_queue_routes(app: FastAPI, queue: QueueStore) -> None:
    def run(fn: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except QueueError as exc:
            raise ApiError(exc.status, exc.code, exc.message) from exc

    @app.get(f"{QUEUE_PREFIX}/business-types", response_model=list[BusinessType], responses=_errors_no_auth(),
             tags=["queue"])
    def business_types() -> list[dict[str, Any]]:
        return queue.business_types()

    @app.post(f"{QUEUE_PREFIX}/tickets", response_model=Issued, responses=_errors_no_auth(404, 409), tags=["queue"])
    def issue_ticket(body: IssueRequest) -> dict[str, Any]:
        """Take a ticket (the hall's ticket machine). An ID number read from the card is stored masked only."""
        result: dict[str, Any] = run(queue.issue, body.business_code, body.id_number, body.channel, body.request_id)
        return result

    @app.get(f"{QUEUE_PREFIX}/tickets/{{ticket_id}}", response_model=Ticket, responses=_errors_no_auth(404),
             tags=["queue"])
    def get_ticket(ticket_id: Annotated[int, PathParam(ge=1, le=2**62)]) -> dict[str, Any]:
        result: dict[str, Any] = run(queue.ticket, ticket_id)
        return result

    @app.get(f"{QUEUE_PREFIX}/windows/{{window_code}}", response_model=WindowState, responses=_errors_no_auth(),
             tags=["queue"])
    def window_state(window_code: WindowCode, next_count: Annotated[int, Query(ge=0, le=50)] = 5) -> dict[str, Any]:
        """The window's view: paused or not, the ticket being served, how many it may call and the next ones."""
        return queue.window_state(window_code, next_count)

    @app.put(f"{QUEUE_PREFIX}/windows/{{window_code}}", response_model=WindowState, responses=_errors_no_auth(404),
             tags=["queue"])
    def configure_window(window_code: WindowCode, body: WindowConfig) -> dict[str, Any]:
        """Which business types this window calls (the hall's configuration; idempotent)."""
        result: dict[str, Any] = run(queue.configure_window, window_code, body.name, body.business_codes)
        return result

    def action(name: str, summary: str) -> None:
        def handler(window_code: WindowCode, body: ActionRequest) -> dict[str, Any]:
            result: dict[str, Any] = run(queue.act, window_code, name, body.request_id)
            return result

        handler.__name__ = f"window_{name}"
        app.post(f"{QUEUE_PREFIX}/windows/{{window_code}}/{name}", response_model=ActionResult,
                 responses=_errors_no_auth(404, 409), tags=["queue"], summary=summary)(handler)

    action("call", "Call the next ticket (the current one is finished); ticket null when nobody waits")
    action("recall", "Announce the current ticket again (重呼); refused after the fourth recall")
    action("skip", "The called citizen did not come (过号): the ticket ends as no_show")
    action("finish", "The current ticket is served; the window serves nobody until the next call")

    @app.post(f"{QUEUE_PREFIX}/windows/{{window_code}}/transfer", response_model=ActionResult,
              responses=_errors_no_auth(404, 409), tags=["queue"])
    def window_transfer(window_code: WindowCode, body: TransferRequest) -> dict[str, Any]:
        """Send the current ticket to another window (by code) or another business type's queue, ahead of new
        tickets. Exactly one of ``to_window`` and ``to_business``."""
        result: dict[str, Any] = run(queue.act, window_code, "transfer", body.request_id, to_window=body.to_window,
                                     to_business=body.to_business)
        return result

    @app.post(f"{QUEUE_PREFIX}/windows/{{window_code}}/pause", response_model=ActionResult,
              responses=_errors_no_auth(404, 409), tags=["queue"])
    def window_pause(window_code: WindowCode, body: PauseRequest) -> dict[str, Any]:
        """Pause (暂停服务) or resume the window; a paused window cannot call."""
        result: dict[str, Any] = run(queue.act, window_code, "pause", body.request_id, paused=body.paused)
        return result

    @app.get(f"{QUEUE_PREFIX}/board", response_model=Board, responses=_errors_no_auth(), tags=["queue"])
    def board(since: Annotated[int, Query(ge=0, le=2**62)] = 0) -> dict[str, Any]:
        """The hall's live view for LED boards, voice and a customer screen: poll with ``since`` = last version."""
        return queue.board(since)
