"""The hall queue over real HTTP: numbering, calling by business type, recall cap, 过号, pause, transfer between two
windows (two clients, one server), double presses, a server that goes away in the middle of a call."""

from __future__ import annotations

import threading
import uuid

import pytest
import requests
from openapi_spec_validator import validate

from clerk_app.queue.adapter import QueueRefused, QueueUnreachable, TransferTarget
from clerk_app.queue.sandbox_http import SandboxQueueAdapter
from clerk_app.queue.service import QueueService
from tests.integration.queue.conftest import Hall, start_hall
from tests.stack import wait_until

pytestmark = pytest.mark.integration


def rid() -> str:
    return uuid.uuid4().hex


def window(hall: Hall, code: str = "01", **kwargs) -> SandboxQueueAdapter:
    return SandboxQueueAdapter(hall.base_url, code, read_timeout=3.0, **kwargs)


def test_openapi_documents_the_queue_contract(hall: Hall) -> None:
    document = requests.get(f"{hall.base_url}/openapi.json", timeout=5).json()
    validate(document)
    for path in ("/queue/v1/business-types", "/queue/v1/tickets", "/queue/v1/tickets/{ticket_id}",
                 "/queue/v1/windows/{window_code}", "/queue/v1/windows/{window_code}/call",
                 "/queue/v1/windows/{window_code}/recall", "/queue/v1/windows/{window_code}/skip",
                 "/queue/v1/windows/{window_code}/transfer", "/queue/v1/windows/{window_code}/pause",
                 "/queue/v1/windows/{window_code}/finish", "/queue/v1/board"):
        assert path in document["paths"], path
    assert "queue" in document["components"]["schemas"]["CaseUpsert"]["properties"]


def test_tickets_are_numbered_per_business_and_called_in_order(hall: Hall) -> None:
    a1, a2, b1 = hall.issue("general"), hall.issue("general"), hall.issue("social", "11010519491231002X")
    assert (a1["number"], a2["number"], b1["number"]) == ("A001", "A002", "B001")
    assert b1["id_number_masked"] == "110105********002X"
    assert "11010519491231002X" not in str(hall.tickets())  # stored masked only
    w = window(hall)
    w.configure(["general"])
    first = w.call_next(rid())
    assert first.ticket is not None and first.ticket.number == "A001"
    assert first.voice_text == "请A001号到第01窗口办理业务"
    assert first.window.waiting == 1 and [t.number for t in first.window.next_tickets] == ["A002"]
    second = w.call_next(rid())
    assert second.ticket is not None and second.ticket.number == "A002"
    assert w.call_next(rid()).ticket is None  # B001 is another business type
    statuses = {t["number"]: t["status"] for t in hall.tickets()}
    assert statuses == {"A001": "done", "A002": "done", "B001": "waiting"}


def test_recall_is_capped_and_skip_ends_as_no_show(hall: Hall) -> None:
    hall.issue()
    w = window(hall)
    w.call_next(rid())
    for _ in range(4):
        assert w.recall(rid()).voice_text.startswith("重呼，请A001号")
    with pytest.raises(QueueRefused) as refused:
        w.recall(rid())
    assert refused.value.code == "recall_limit"
    skipped = w.skip(rid())
    assert skipped.ticket is not None and skipped.ticket.number == "A001"
    assert skipped.window.current is None
    assert hall.tickets()[0]["status"] == "no_show"
    with pytest.raises(QueueRefused):
        w.recall(rid())


def test_a_paused_window_cannot_call_until_resumed(hall: Hall) -> None:
    hall.issue()
    w = window(hall)
    assert w.set_paused(rid(), True).window.paused
    with pytest.raises(QueueRefused) as refused:
        w.call_next(rid())
    assert refused.value.code == "window_paused"
    assert not w.set_paused(rid(), False).window.paused
    assert w.call_next(rid()).ticket is not None


def test_transfer_between_two_windows_with_two_clients(hall: Hall) -> None:
    """Window 01 serves general business, window 02 pick-ups; 01 transfers its citizen to 02, who is called there
    before the pick-up tickets that were already waiting, and 01 cannot call it again."""
    one, two = window(hall, "01"), window(hall, "02")
    one.configure(["general"])
    two.configure(["pickup"])
    hall.issue("general")
    hall.issue("pickup")
    called = one.call_next(rid())
    assert called.ticket is not None and called.ticket.number == "A001"
    assert two.window_view().waiting == 1
    moved = one.transfer(rid(), TransferTarget(window="02"))
    assert moved.window.current is None
    assert two.window_view().waiting == 2
    assert one.window_view().waiting == 0  # sent to 02 by name, not back to the general queue
    at_two = two.call_next(rid())
    assert at_two.ticket is not None and at_two.ticket.number == "A001"  # a transferred ticket goes first
    assert at_two.voice_text == "请A001号到第02窗口办理业务"
    assert two.call_next(rid()).ticket.number == "D001"  # type: ignore[union-attr]
    # To another business type's queue: any window serving it may call it.
    hall.issue("general")
    one.call_next(rid())
    one.transfer(rid(), TransferTarget(business="pickup"))
    assert two.call_next(rid()).ticket.number == "A002"  # type: ignore[union-attr]
    events = [t["transfers"] for t in hall.tickets() if t["number"] in ("A001", "A002")]
    assert events == [1, 1]


def test_double_presses_call_one_ticket(hall: Hall) -> None:
    for _ in range(3):
        hall.issue()
    # The same request id from two threads at once (a retry racing the first attempt): one call.
    w = window(hall)
    request = rid()
    results: list[str] = []
    threads = [threading.Thread(target=lambda: results.append(w.call_next(request).ticket.number))  # type: ignore[union-attr]
               for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == ["A001", "A001"]
    # Two quick presses on the service: the second is dropped while the first is in flight.
    service = QueueService(window(hall), poll_seconds=30)
    service.start()
    try:
        accepted = [service.submit("call"), service.submit("call")]
        assert accepted == [True, False]
        assert wait_until(lambda: service.state().busy is None, 5)
        assert service.served().ticket.number == "A002"  # type: ignore[union-attr]
    finally:
        service.close()
    called = [t["number"] for t in hall.tickets() if t["called_at"]]
    assert called == ["A001", "A002"]


def test_two_windows_calling_at_once_never_take_the_same_ticket(hall: Hall) -> None:
    for _ in range(20):
        hall.issue()
    windows = [window(hall, f"{n:02d}") for n in range(1, 5)]
    taken: list[str] = []
    lock = threading.Lock()

    def work(w: SandboxQueueAdapter) -> None:
        for _ in range(5):
            ticket = w.call_next(rid()).ticket
            with lock:
                taken.append(ticket.number)  # type: ignore[union-attr]

    threads = [threading.Thread(target=work, args=(w,)) for w in windows]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(taken) == [f"A{n:03d}" for n in range(1, 21)]


def test_a_lost_answer_is_repeated_not_called_twice(hall: Hall) -> None:
    """The server commits the call and drops the connection before answering: the clerk sees manual mode, presses
    again when it is back, and gets the same citizen, not the next one."""
    hall.issue()
    hall.issue()
    service = QueueService(window(hall), poll_seconds=30)
    hall.faults({"kind": "drop_after", "path": "/queue/v1/windows/01/call", "methods": ["POST"]})
    state = service.run_action("call")
    assert state.online is False and state.manual and state.served is None
    assert [t["status"] for t in hall.tickets()] == ["called", "waiting"]  # it did happen on the server
    hall.faults()
    state = service.run_action("call")
    assert state.online is True and state.served is not None and state.served.ticket.number == "A001"
    assert [t["status"] for t in hall.tickets()] == ["called", "waiting"]  # no second call
    state = service.run_action("call")
    assert state.served.ticket.number == "A002"  # type: ignore[union-attr]
    service.close()


def test_a_poll_after_a_lost_call_reports_the_call(hall: Hall) -> None:
    hall.issue()
    service = QueueService(window(hall), poll_seconds=30)
    seen: list[str | None] = []
    service.add_listener(lambda s: seen.append(s.event))
    hall.faults({"kind": "drop_after", "path": "/queue/v1/windows/01/call", "methods": ["POST"]})
    service.run_action("call")
    hall.faults()
    state = service.poll()
    assert state.event == "called" and state.served.ticket.number == "A001"  # type: ignore[union-attr]
    assert seen == [None, "called"]
    service.close()


def test_server_gone_mid_day_then_back(hall: Hall, tmp_path) -> None:
    """The queue server stops: the window goes to manual mode (nothing raised to the clerk), and once a server is
    back on the same address, polling and calling resume."""
    hall.issue()
    adapter = window(hall, connect_timeout=0.5)
    service = QueueService(adapter, poll_seconds=30)
    assert service.poll().online is True
    port = hall.thread.port
    hall.thread.stop()
    assert service.poll().manual
    state = service.run_action("call")
    assert state.manual and state.error_code == "unreachable" and state.busy is None
    with pytest.raises(QueueUnreachable):
        adapter.window_view()
    back = start_hall(hall.db_path, port)
    try:
        assert service.poll().online is True
        state = service.run_action("call")
        assert state.served is not None and state.served.ticket.number == "A001"
    finally:
        service.close()
        back.stop()


def test_the_board_shows_waiting_and_new_calls_since_a_version(hall: Hall) -> None:
    """The hall's live view (LED boards, voice, a customer screen) polled with the last version."""
    for business in ("general", "general", "pickup"):
        hall.issue(business)
    board = requests.get(f"{hall.base_url}/queue/v1/board", timeout=5).json()
    assert {w["business_code"]: w["waiting"] for w in board["waiting"]} == {"general": 2, "pickup": 1}
    assert board["calls"] == []
    w = window(hall)
    w.call_next(rid())
    w.recall(rid())
    newer = requests.get(f"{hall.base_url}/queue/v1/board", params={"since": board["version"]}, timeout=5).json()
    assert [(c["kind"], c["number"], c["window_code"]) for c in newer["calls"]] == [("call", "A001", "01"),
                                                                                  ("recall", "A001", "01")]
    assert newer["calls"][0]["voice_text"] == "请A001号到第01窗口办理业务"
    latest = requests.get(f"{hall.base_url}/queue/v1/board", params={"since": newer["version"]}, timeout=5).json()
    assert latest["calls"] == [] and latest["version"] == newer["version"]
