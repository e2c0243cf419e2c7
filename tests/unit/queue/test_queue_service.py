"""QueueService against an adapter double: the double-press guard, request ids kept across a lost answer and
dropped after a refusal, manual mode, and a commit never waiting for the queue system."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from clerk_app.queue.adapter import ActionOutcome, QueueRefused, QueueTicket, QueueUnreachable, WindowView
from clerk_app.queue.factory import ticket_source
from clerk_app.queue.service import QueueService
from tests.stack import wait_until


@dataclass
class Hall:
    window_code: str = "01"
    waiting: list[str] = field(default_factory=lambda: ["A001", "A002", "A003"])
    current: str | None = None
    answers: list[str] = field(default_factory=list)  # scripted: "lost", "refuse", "block"
    seen: list[tuple[str, str]] = field(default_factory=list)
    done: dict[str, str] = field(default_factory=dict)  # request id -> ticket (the system's idempotency)
    gate: threading.Event = field(default_factory=threading.Event)

    def view(self) -> WindowView:
        current = QueueTicket(self.current, issued_at="2026-12-01T01:00:00+00:00") if self.current else None
        return WindowView(current=current, waiting=len(self.waiting),
                          next_tickets=tuple(QueueTicket(n) for n in self.waiting))

    def window_view(self) -> WindowView:
        return self.view()

    def call_next(self, request_id: str) -> ActionOutcome:
        self.seen.append(("call", request_id))
        script = self.answers.pop(0) if self.answers else ""
        if script == "refuse":
            raise QueueRefused("window_paused")
        if script == "block":
            self.gate.wait(5)
        if request_id not in self.done:
            self.done[request_id] = self.waiting.pop(0)
            self.current = self.done[request_id]
        if script == "lost":
            raise QueueUnreachable(reason="ConnectionError")
        return ActionOutcome(QueueTicket(self.done[request_id]), self.view(), "voice")

    def close(self) -> None:
        pass


def test_a_second_press_while_the_first_is_in_flight_is_dropped() -> None:
    hall = Hall(answers=["block"])
    service = QueueService(hall, poll_seconds=30)  # type: ignore[arg-type]
    service.start()
    try:
        assert wait_until(lambda: service.state().online is True, 5)
        assert service.submit("call") is True
        assert service.submit("call") is False and service.submit("recall") is False
        assert service.state().busy == "call"
        hall.gate.set()
        assert wait_until(lambda: service.state().busy is None, 5)
    finally:
        service.close()
    assert [kind for kind, _ in hall.seen] == ["call"] and hall.waiting == ["A002", "A003"]


def test_a_lost_answer_keeps_its_request_id_and_a_refusal_drops_it() -> None:
    hall = Hall(answers=["lost", "", "refuse", ""])
    service = QueueService(hall, poll_seconds=30)  # type: ignore[arg-type]
    lost = service.run_action("call")
    assert lost.manual and lost.error_code == "unreachable" and lost.served is None
    again = service.run_action("call")
    assert again.served is not None and again.served.ticket.number == "A001"
    assert hall.seen[0][1] == hall.seen[1][1]  # the same request repeated
    refused = service.run_action("call")
    assert refused.error_code == "window_paused" and refused.online is True
    after = service.run_action("call")
    assert len({rid for _, rid in hall.seen}) == 3  # a new id after the answered (refused) one
    assert after.served is not None and after.served.ticket.number == "A002"


def test_without_a_queue_system_the_window_is_in_manual_mode_and_presses_do_nothing() -> None:
    service = QueueService(None)
    assert service.state().manual and not service.state().configured
    assert service.submit("call") is False
    assert ticket_source(service)() is None
    service.close()


def test_a_commit_never_waits_for_the_queue_system() -> None:
    """The acceptance asks the service for the served ticket: local state, answered at once even while a call hangs
    on a dead network."""
    hall = Hall(answers=["", "block"])
    service = QueueService(hall, poll_seconds=30)  # type: ignore[arg-type]
    service.start()
    try:
        assert wait_until(lambda: service.state().online is True, 5)
        service.submit("call")
        assert wait_until(lambda: service.served() is not None, 5)
        assert service.submit("call")  # this one hangs
        assert wait_until(lambda: hall.gate is not None and len(hall.seen) == 2, 5)
        source = ticket_source(service)
        served = source()
        assert served is not None and served.ticket.number == "A001"  # still the citizen at the desk
    finally:
        hall.gate.set()
        service.close()
