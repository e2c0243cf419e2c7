"""The configurable HTTP adapter: with its defaults it speaks the sandbox; mapped in the configuration file it
speaks a vendor's differently shaped API (a small vendor stand-in over real HTTP)."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from clerk_app.config import Config
from clerk_app.queue.factory import queue_adapter
from clerk_app.queue.mapped_http import HttpMapping, MappedHttpQueueAdapter
from tests.integration.queue.conftest import Hall

pytestmark = pytest.mark.integration


def test_mapping_defaults_are_the_declared_options() -> None:
    assert HttpMapping.from_config(Config()) == HttpMapping()


def test_defaults_speak_the_sandbox(hall: Hall) -> None:
    hall.issue("social")
    config = Config().with_overrides(queue__adapter="http", queue__base_url=hall.base_url)
    adapter = queue_adapter(config)
    assert isinstance(adapter, MappedHttpQueueAdapter)
    outcome = adapter.call_next(uuid.uuid4().hex)
    assert outcome.ticket is not None and outcome.ticket.number == "B001"
    assert outcome.ticket.business_name == "社保医保" and outcome.voice_text.startswith("请B001号")
    assert [b.code for b in adapter.business_types()][:2] == ["general", "social"]
    adapter.close()


class Vendor(BaseHTTPRequestHandler):
    """A vendor's shape: everything under ``data``, camelCase fields, window and request id in the body,
    epoch-millisecond times, pause and resume as two paths."""

    waiting = ["A001", "A002"]
    current: str | None = None
    paused = False
    seen: list[tuple[str, dict[str, Any], str]] = []

    def log_message(self, *args: Any) -> None:
        pass

    def _answer(self, data: dict[str, Any]) -> None:
        body = json.dumps({"code": 0, "data": data}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _ticket(self, number: str | None) -> dict[str, Any] | None:
        return {"ticketNo": number, "bizName": "综合", "takeTime": 1795401000000,
                "callTime": 1795401600000} if number else None

    def _status(self) -> dict[str, Any]:
        return {"nowServing": self._ticket(Vendor.current), "waitCount": len(Vendor.waiting),
                "queue": [self._ticket(n) for n in Vendor.waiting], "pauseFlag": int(Vendor.paused)}

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self._answer(self._status())

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])) or b"{}")
        Vendor.seen.append((self.path, body, self.headers.get("X-Req-Id", "")))
        if self.path == "/hall/callNext":
            Vendor.current = Vendor.waiting.pop(0) if Vendor.waiting else None
            self._answer({"called": self._ticket(Vendor.current), "speak": f"请{Vendor.current}号"})
        elif self.path in ("/hall/pause", "/hall/resume"):
            Vendor.paused = self.path == "/hall/pause"
            self._answer({})
        else:
            self.send_error(404)


@pytest.fixture
def vendor() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Vendor)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_vendor_api_mapped_in_the_configuration(vendor: str) -> None:
    config = Config().with_overrides(
        queue__adapter="http", queue__base_url=vendor, window__code="07",
        **{f"queue__http__{k}": v for k, v in {
            "status": "GET /hall/status", "call": "POST /hall/callNext", "pause": "POST /hall/pause",
            "resume": "POST /hall/resume", "field_window": "winNo", "field_request_id": "reqId",
            "request_id_header": "X-Req-Id", "answer_ticket": "data.called", "answer_window": "",
            "answer_voice": "data.speak", "status_root": "data", "status_current": "nowServing",
            "status_waiting": "waitCount", "status_next": "queue", "status_paused": "pauseFlag",
            "ticket_number": "ticketNo", "ticket_business_name": "bizName", "ticket_issued_at": "takeTime",
            "ticket_called_at": "callTime", "ticket_id": "", "ticket_business_code": ""}.items()})
    adapter = queue_adapter(config)
    assert adapter is not None
    view = adapter.window_view()
    assert view.waiting == 2 and [t.number for t in view.next_tickets] == ["A001", "A002"]
    outcome = adapter.call_next("req-0001-abcd")
    assert outcome.ticket is not None and outcome.ticket.number == "A001"
    assert outcome.ticket.issued_at == "1795401000000" and outcome.voice_text == "请A001号"
    assert outcome.window.current is not None and outcome.window.current.number == "A001"  # asked the status
    assert outcome.window.waiting == 1
    assert Vendor.seen[-1] == ("/hall/callNext", {"winNo": "07", "reqId": "req-0001-abcd"}, "req-0001-abcd")
    assert adapter.set_paused("req-0002-abcd", True).window.paused
    assert not adapter.set_paused("req-0003-abcd", False).window.paused
    assert Vendor.seen[-1][0] == "/hall/resume" and Vendor.seen[-1][1]["paused"] is False
    adapter.close()
