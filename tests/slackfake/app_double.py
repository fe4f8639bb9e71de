"""An app for the Slack client to talk to: an HTTP server that checks Slack's signature on every
request, records it, and answers what the test queued (else 200 with an empty body)."""

from __future__ import annotations

import json
import threading
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

from slack_sdk.signature import SignatureVerifier

SECRET = "app-double-secret"


@dataclass
class Received:
    headers: dict[str, str]
    body: str
    signed: bool

    @property
    def form(self) -> dict[str, str]:
        return dict(parse_qsl(self.body, keep_blank_values=True))

    @property
    def payload(self) -> dict[str, Any]:
        """An interaction (``payload=…``) or an event (JSON)."""
        if self.headers.get("content-type", "").startswith("application/json"):
            data: dict[str, Any] = json.loads(self.body)
            return data
        loaded: dict[str, Any] = json.loads(self.form["payload"])
        return loaded


@dataclass
class AppDouble:
    received: list[Received] = field(default_factory=list)
    answers: deque[tuple[int, str]] = field(default_factory=deque)
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/slack/events"

    def answer(self, status: int = 200, body: Any = "") -> None:
        self.answers.append((status, body if isinstance(body, str) else json.dumps(body)))

    def last(self) -> Received:
        return self.received[-1]


def serve(double: AppDouble) -> ThreadingHTTPServer:
    verifier = SignatureVerifier(SECRET)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
            headers = {k.lower(): v for k, v in self.headers.items()}
            double.received.append(Received(headers, body, verifier.is_valid_request(body, headers)))
            status, answer = double.answers.popleft() if double.answers else (200, "")
            data = answer.encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json" if answer.startswith("{") else "text/plain")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    double.port = int(server.server_address[1])
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server
