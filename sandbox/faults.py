"""TEST-ONLY fault injection for the sandbox, off by default.

Faults are switched on with ``--fault KIND[:key=value,...]`` at start-up or through the admin endpoint
``PUT /__admin/faults`` (only mounted with ``--test-admin``). Kinds:

* ``delay``        wait ``seconds`` before handling the request;
* ``status``       answer ``status`` (429/500/503) with ``Retry-After: retry_after`` without handling the request;
* ``drop_before``  close the connection before the request reaches the application (nothing is written);
* ``drop_after``   let the application commit, then close the connection without an answer (a lost response);
* ``truncate``     hand the application only the first half of an upload body, commit that, then drop;
* ``trickle``      send the answer a few bytes at a time (a slow link);
* ``hold``         let the application commit, then keep the connection silent for ``seconds`` before dropping it
                   (a response lost on the way: the client waits for its read timeout);
* ``lie``          let the application commit, then answer 200 with a wrong body, by ``lie``: ``empty`` (``{}``, no
                   upload headers), ``replay`` (the first answer this route ever gave, for whatever was asked),
                   ``other_case`` (``case_uuid``/``id`` of another case), ``wrong_number`` (another
                   ``platform_number``), ``wrong_hash`` (another ``body_sha256``), ``cut_json`` (half the body,
                   framed correctly so only the JSON is broken), ``raw`` (``body`` as given: a hostile page).

Each fault applies with ``probability`` to requests whose path starts with ``path`` (default the API prefix) and
whose method is in ``methods`` (default all). Randomness comes from a seeded generator so a failing run repeats.
The middleware is the outermost ASGI layer so it can reach uvicorn's transport and really drop the connection.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import threading
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger("sandbox.faults")

KINDS = ("delay", "status", "drop_before", "drop_after", "truncate", "trickle", "hold", "lie")
LIES = ("empty", "replay", "other_case", "wrong_number", "wrong_hash", "cut_json", "raw")


@dataclass
class Fault:
    kind: str
    probability: float = 1.0
    path: str = "/api/v1"
    methods: tuple[str, ...] = ()
    status: int = 503
    retry_after: float = 1.0
    seconds: float = 0.2
    lie: str = "empty"
    body: str = ""
    hits: int = 0

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}; one of {', '.join(KINDS)}")
        if self.kind == "lie" and self.lie not in LIES:
            raise ValueError(f"unknown lie {self.lie!r}; one of {', '.join(LIES)}")
        self.methods = tuple(m.upper() for m in self.methods)

    def matches(self, method: str, path: str) -> bool:
        return path.startswith(self.path) and (not self.methods or method in self.methods)

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "probability": self.probability, "path": self.path,
                "methods": list(self.methods), "status": self.status, "retry_after": self.retry_after,
                "seconds": self.seconds, "lie": self.lie, "hits": self.hits}


def parse_fault(text: str) -> Fault:
    """``drop_after:probability=0.3,methods=PUT|PATCH`` -> Fault."""
    kind, _, rest = text.partition(":")
    values: dict[str, Any] = {}
    for part in filter(None, rest.split(",")):
        key, _, raw = part.partition("=")
        if key == "methods":
            values[key] = tuple(filter(None, raw.split("|")))
        elif key in ("path", "lie", "body"):
            values[key] = raw
        elif key == "status":
            values[key] = int(raw)
        else:
            values[key] = float(raw)
    return Fault(kind, **values)


@dataclass
class FaultBoard:
    faults: list[Fault] = field(default_factory=list)
    seed: int = 0

    def __post_init__(self) -> None:
        self._random = random.Random(self.seed)
        self._lock = threading.Lock()
        self.first_answers: dict[str, bytes] = {}  # route -> the first body it answered (for ``lie=replay``)

    def replace(self, faults: list[Fault], seed: int | None = None) -> None:
        with self._lock:
            self.faults = faults
            if seed is not None:
                self._random = random.Random(seed)

    def pick(self, method: str, path: str) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.matches(method, path) and self._random.random() < fault.probability:
                    fault.hits += 1
                    return fault
        return None


def _abort(send: Any) -> bool:
    """Close the client connection without an answer, through uvicorn's transport behind ``send``."""
    cycle = getattr(send, "__self__", None)
    transport = getattr(cycle, "transport", None)
    if cycle is None or transport is None:
        return False
    transport.abort()
    # uvicorn must not try to write a 500 on the dead connection (and log it as an application error).
    cycle.disconnected = True
    return True


class FaultMiddleware:
    def __init__(self, app: Any, board: FaultBoard) -> None:
        self.app = app
        self.board = board

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not self.board.faults:
            await self.app(scope, receive, send)
            return
        fault = self.board.pick(scope["method"], scope["path"])
        if fault is None:
            await self.app(scope, receive, send)
            return
        log.info("fault %s on %s %s", fault.kind, scope["method"], scope["path"])
        if fault.kind == "delay":
            await asyncio.sleep(fault.seconds)
            await self.app(scope, receive, send)
        elif fault.kind == "status":
            await _error(send, fault.status, fault.retry_after)
        elif fault.kind == "drop_before":
            if not _abort(send):
                raise ConnectionAbortedError("fault: drop before")
        elif fault.kind == "drop_after":
            await self.app(scope, receive, _swallow)
            if not _abort(send):
                raise ConnectionAbortedError("fault: drop after")
        elif fault.kind == "truncate":
            await self._truncated(scope, receive, send)
        elif fault.kind == "hold":
            await self.app(scope, receive, _swallow)
            await asyncio.sleep(fault.seconds)
            if not _abort(send):
                raise ConnectionAbortedError("fault: hold")
        elif fault.kind == "lie":
            await self._lie(scope, receive, send, fault.lie, fault.body.encode("utf-8", "surrogatepass"))
        else:
            await self.app(scope, receive, _trickle(send, fault.seconds))

    async def _lie(self, scope: dict[str, Any], receive: Any, send: Any, lie: str, raw: bytes) -> None:
        captured: list[dict[str, Any]] = []

        async def capture(message: dict[str, Any]) -> None:
            captured.append(message)

        await self.app(scope, receive, capture)
        body = b"".join(m.get("body", b"") for m in captured if m["type"] == "http.response.body")
        route = scope["method"] + " " + _route(scope["path"])
        headers = [(b"content-type", b"application/json")]
        first = self.board.first_answers.setdefault(route, body)
        if lie == "empty":
            body = b"{}"
        elif lie == "replay":
            body = first
        elif lie == "cut_json":
            body = body[: len(body) // 2]
        elif lie == "raw":
            body = raw
        else:
            body = _edit_answer(body, lie, first)
        await send({"type": "http.response.start", "status": 200,
                    "headers": [*headers, (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})

    async def _truncated(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        cut = body[: len(body) // 2]
        headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"content-length"]
        headers.append((b"content-length", str(len(cut)).encode()))
        sent = False

        async def replay() -> dict[str, Any]:
            nonlocal sent
            if sent:
                return {"type": "http.disconnect"}
            sent = True
            return {"type": "http.request", "body": cut, "more_body": False}

        await self.app({**scope, "headers": headers}, replay, _swallow)
        if not _abort(send):
            raise ConnectionAbortedError("fault: truncated")


def _route(path: str) -> str:
    """``/api/v1/cases/<uuid>/materials`` -> ``/api/v1/cases/*/materials`` (keys replaced)."""
    return "/".join("*" if len(part) >= 32 else part for part in path.split("/"))


def _edit_answer(body: bytes, lie: str, first: bytes) -> bytes:
    import uuid

    try:
        data = json.loads(body)
        earlier = json.loads(first)
    except ValueError:
        return body
    if not isinstance(data, dict):
        return body
    if lie == "other_case":
        other = str(uuid.uuid4())
        for key in ("case_uuid", "id", "sha256"):
            if key in data:
                data[key] = other
    elif lie == "wrong_number" and "platform_number" in data:
        # Another case's number if this route answered one before, else one of an impossible shape.
        number = earlier.get("platform_number") if isinstance(earlier, dict) else None
        data["platform_number"] = number if number and number != data["platform_number"] else "PT-?"
    elif lie == "wrong_hash":
        data["body_sha256"] = "0" * 64
    return json.dumps(data).encode()


async def _swallow(_message: dict[str, Any]) -> None:
    return None


def _trickle(send: Any, seconds: float) -> Any:
    async def slow_send(message: dict[str, Any]) -> None:
        if message["type"] != "http.response.body":
            await send(message)
            return
        body = message.get("body", b"")
        more = message.get("more_body", False)
        step = 16
        for start in range(0, max(len(body), 1), step):
            await asyncio.sleep(seconds / 10)
            last = start + step >= len(body)
            await send({"type": "http.response.body", "body": body[start:start + step],
                        "more_body": more or not last})
    return slow_send


async def _error(send: Any, status: int, retry_after: float) -> None:
    body = json.dumps({"code": "injected_fault", "message": f"test fault: status {status}",
                       "details": {"retry_after": retry_after}}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"retry-after", str(max(0, round(retry_after))).encode())]})
    await send({"type": "http.response.body", "body": body})
