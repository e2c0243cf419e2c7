"""``QueueService``: one window's queue calling, off the GUI thread, safe against double presses and outages.

* One worker thread runs the window's actions in order and polls the window's state every ``poll_seconds``;
  listeners get a ``QueueState`` after each change, on that thread (the UI hops to the GUI thread itself).
* A press while an action is in flight is dropped (``submit`` answers False), and every action carries a request id
  the queue system deduplicates: two quick presses call one ticket.
* An action that got no answer (``QueueUnreachable``) keeps its request id: pressing again once the system is back
  repeats the same action, so a call whose answer was lost is not a second call. A status poll that shows a new
  current ticket after such a lost call reports that call as made.
* Unreachable or not configured = manual mode: the window keeps working, the case simply has no ticket.
"""

from __future__ import annotations

import logging
import queue as queue_mod
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from clerk_app.queue.adapter import (
    ActionOutcome,
    QueueAdapter,
    QueueRefused,
    QueueTicket,
    QueueUnreachable,
    TransferTarget,
    WindowView,
)

log = logging.getLogger("onewindow.queue")

ACTIONS = ("call", "recall", "skip", "transfer", "pause", "resume")
EVENTS = {"call": "called", "recall": "recalled", "skip": "skipped", "transfer": "transferred", "pause": "paused",
          "resume": "resumed"}


def _number(ticket: QueueTicket | None) -> str | None:
    return ticket.number if ticket is not None else None


def local_now() -> datetime:
    return datetime.now().astimezone()


@dataclass(frozen=True)
class ServedTicket:
    """The ticket being served and when this workstation saw it called (its own clock: service time)."""

    ticket: QueueTicket
    called_at_local: datetime


@dataclass(frozen=True)
class QueueState:
    configured: bool
    online: bool | None  # None = not asked yet
    view: WindowView
    served: ServedTicket | None
    busy: str | None = None  # the action in flight
    event: str | None = None  # called, recalled, skipped, transferred, paused, resumed, empty (nobody waiting)
    voice_text: str = ""
    error_code: str | None = None
    error_text: str | None = None
    seq: int = 0

    @property
    def manual(self) -> bool:
        return not self.configured or self.online is False


Listener = Callable[[QueueState], None]


class QueueService:
    def __init__(self, adapter: QueueAdapter | None, *, poll_seconds: float = 5.0,
                 clock: Callable[[], datetime] = local_now, owned: object | None = None) -> None:
        self.adapter = adapter
        self.poll_seconds = max(0.2, poll_seconds)
        self._clock = clock
        self._owned = owned  # something to close with the service (the training sandbox it started)
        self._lock = threading.Lock()
        self._commands: queue_mod.Queue[tuple[str, TransferTarget | None] | None] = queue_mod.Queue()
        self._listeners: list[Listener] = []
        self._pending: dict[str, str] = {}  # action -> request id of an unanswered attempt
        self._lost_call = False  # a call got no answer; it may have happened
        self._lost_call_before: QueueTicket | None = None  # the window's current ticket before that call
        self._state = QueueState(configured=adapter is not None, online=None, view=WindowView(), served=None)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._prepared = False  # the adapter's first-contact set-up (``prepare``) has run

    # -- public API (any thread) -------------------------------------------------------------------------
    @property
    def window_code(self) -> str:
        return self.adapter.window_code if self.adapter is not None else ""

    def state(self) -> QueueState:
        with self._lock:
            return self._state

    def served(self) -> ServedTicket | None:
        return self.state().served

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="queue-worker", daemon=True)
            self._thread.start()

    def submit(self, action: str, target: TransferTarget | None = None) -> bool:
        """Queue one action; False (and nothing sent) while another is in flight or without a queue system."""
        if action not in ACTIONS:
            raise ValueError(action)
        with self._lock:
            if self._state.busy is not None or self.adapter is None:
                return False
            self._state = replace(self._state, busy=action, event=None)
        self._commands.put((action, target))
        return True

    def refresh(self) -> None:
        self._commands.put(("refresh", None))

    def close(self) -> None:
        self._stop.set()
        self._commands.put(None)
        if self._thread is not None:
            self._thread.join(timeout=10)
        if self.adapter is not None:
            self.adapter.close()
        closer = getattr(self._owned, "stop", None)
        if callable(closer):
            closer()

    # -- synchronous steps (the worker; tests and benchmarks may call them directly) ---------------------------
    def run_action(self, action: str, target: TransferTarget | None = None) -> QueueState:
        assert self.adapter is not None
        adapter = self.adapter
        request_id = self._pending.get(action) or uuid.uuid4().hex
        self._pending = {action: request_id}  # an unanswered attempt of another action is abandoned
        before = self.state().view.current
        try:
            outcome = self._perform(adapter, action, request_id, target)
        except QueueUnreachable as exc:
            if action == "call":
                self._lost_call, self._lost_call_before = True, before
            log.warning("queue %s got no answer; the same request will be repeated", action)
            return self._publish(online=False, busy=None, event=None, error_code="unreachable",
                                 error_text=exc.user_text())
        except QueueRefused as exc:
            self._pending.pop(action, None)
            return self._publish(online=True, busy=None, event=None, error_code=exc.code, error_text=exc.user_text())
        self._pending.pop(action, None)
        self._lost_call = False
        return self._apply(action, outcome)

    def poll(self) -> QueueState:
        if self.adapter is None:
            return self.state()
        try:
            if not self._prepared:
                self._prepare()
            view = self.adapter.window_view()
        except QueueUnreachable as exc:
            return self._publish(online=False, error_code="unreachable", error_text=exc.user_text())
        except QueueRefused as exc:
            return self._publish(online=True, error_code=exc.code, error_text=exc.user_text())
        state = self.state()
        served = state.served
        event = None
        if view.current is None:
            served = None
        elif served is None or served.ticket.number != view.current.number:
            served = ServedTicket(view.current, self._clock())
            if self._lost_call and _number(self._lost_call_before) != view.current.number:
                # The call whose answer was lost did happen: report it as the call it was.
                event = "called"
                self._pending.pop("call", None)
                self._lost_call = False
        return self._publish(online=True, view=view, served=served, event=event, error_code=None, error_text=None)

    # -- internals ---------------------------------------------------------------------------------------
    def _prepare(self) -> None:
        """The adapter's first-contact set-up; no answer = try again at the next poll, a refusal is logged once."""
        prepare = getattr(self.adapter, "prepare", None)
        if callable(prepare):
            try:
                prepare()
            except QueueRefused as exc:
                log.warning("the queue system refused this window's set-up: %s", exc.code)
        self._prepared = True

    @staticmethod
    def _perform(adapter: QueueAdapter, action: str, request_id: str, target: TransferTarget | None) -> ActionOutcome:
        if action == "call":
            return adapter.call_next(request_id)
        if action == "recall":
            return adapter.recall(request_id)
        if action == "skip":
            return adapter.skip(request_id)
        if action == "transfer":
            if target is None:
                raise QueueRefused("transfer_target")
            return adapter.transfer(request_id, target)
        return adapter.set_paused(request_id, action == "pause")

    def _apply(self, action: str, outcome: ActionOutcome) -> QueueState:
        served = self.state().served
        event = EVENTS[action]
        if action == "call":
            served = ServedTicket(outcome.ticket, self._clock()) if outcome.ticket else None
            event = "called" if outcome.ticket else "empty"
        elif action in ("skip", "transfer") or outcome.window.current is None:
            served = None
        return self._publish(online=True, view=outcome.window, served=served, busy=None, event=event,
                             voice_text=outcome.voice_text, error_code=None, error_text=None)

    def _publish(self, **changes: object) -> QueueState:
        with self._lock:
            changes.setdefault("event", None)
            changes.setdefault("voice_text", "")
            self._state = replace(self._state, seq=self._state.seq + 1, **changes)  # type: ignore[arg-type]
            state = self._state
        for listener in list(self._listeners):
            try:
                listener(state)
            except Exception:  # a broken listener must not stop the queue worker
                log.exception("queue listener failed")
        return state

    def _run(self) -> None:
        self.poll()
        while not self._stop.is_set():
            try:
                command = self._commands.get(timeout=self.poll_seconds)
            except queue_mod.Empty:
                self.poll()
                continue
            if command is None:
                break
            action, target = command
            try:
                if action == "refresh":
                    self.poll()
                else:
                    self.run_action(action, target)
            except Exception:  # noqa: BLE001 - a bug in one action must not end calling for the day
                log.exception("queue action %s failed", action)
                self._publish(busy=None, error_code="internal", error_text=None)
