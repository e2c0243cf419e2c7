"""A lossy HTTP proxy for benchmarks: forwards every request to the platform, and loses a share of the answers.

    .venv/bin/python bench/fault_proxy.py --upstream http://127.0.0.1:8765 --port 8766 --loss 0.1 [--seed 1]

A lost answer is the realistic kind: the platform handled (and committed) the request, but the answer never
arrives; the connection stays open and silent until the client gives up (its read timeout), then it is closed.
``GET /__proxy/stats`` (answered by the proxy itself) gives the counts. Independent of the sandbox's own faults.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import select
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection"}
HOLD_SECONDS = 300.0


class LossyProxy(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int, upstream: str, loss: float, seed: int) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        parts = urlsplit(upstream)
        self.upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.loss = loss
        self.rng = random.Random(seed)
        self.lock = threading.Lock()
        self.stats = {"requests": 0, "lost": 0}

    def lose(self) -> bool:
        with self.lock:
            self.stats["requests"] += 1
            lost = self.rng.random() < self.loss
            self.stats["lost"] += lost
            return lost


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: LossyProxy

    def log_message(self, *_args: object) -> None:
        return

    def _upstream(self) -> http.client.HTTPConnection:
        conn = getattr(self, "_conn", None)
        if conn is None:
            conn = http.client.HTTPConnection(*self.server.upstream, timeout=120)
            self._conn = conn
        return conn

    def _forward(self) -> None:
        if self.path == "/__proxy/stats":
            body = json.dumps(self.server.stats).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        conn = self._upstream()
        try:
            conn.request(self.command, self.path, body=body, headers=headers)
            answer = conn.getresponse()
            data = answer.read()
        except (OSError, http.client.HTTPException):
            conn.close()
            self._conn = None
            self.close_connection = True
            return
        if self.server.lose():
            self._hold()
            return
        self.send_response_only(answer.status, answer.reason)
        for key, value in answer.getheaders():
            if key.lower() not in HOP_BY_HOP and key.lower() != "content-length":
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _hold(self) -> None:
        """Say nothing until the client closes the connection (or HOLD_SECONDS pass), then close it."""
        self.close_connection = True
        try:
            ready, _, _ = select.select([self.connection], [], [], HOLD_SECONDS)
        except (OSError, ValueError):
            return
        del ready

    do_GET = do_PUT = do_POST = do_PATCH = do_HEAD = do_DELETE = _forward  # noqa: N815


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--upstream", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--loss", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    LossyProxy(args.port, args.upstream, args.loss, args.seed).serve_forever()


if __name__ == "__main__":
    main()
