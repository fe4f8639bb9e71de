"""A fake Slack Socket Mode endpoint for tests: a real WebSocket server on a free local port.

Slack's side of Socket Mode: the app calls ``apps.connections.open`` with its app-level token
(``xapp-…``) and gets a ``wss://…/link?ticket=…`` URL; it opens a WebSocket there, Slack says
``{"type": "hello", …}`` and then delivers *envelopes* — ``{"envelope_id", "type", "payload",
"accepts_response_payload"}`` — which the app acknowledges by sending back
``{"envelope_id": …}`` (plus ``"payload"`` for e.g. a modal's ``response_action``).

    with FakeSlack() as fake, FakeSocketMode() as sockets:
        fake.socket_mode_url = sockets.url          # apps.connections.open answers with it
        ...start the app in Socket Mode against fake.api_url...
        sockets.wait_connected()
        envelope_id = sockets.push("slash_commands", {...the slash command's fields...})
        assert sockets.wait_for_ack(envelope_id) == {"envelope_id": envelope_id}
        sockets.assert_no_errors()

The WebSocket protocol (handshake, masking, ping/pong, close) is the ``websockets`` library's
server, so whatever the client gets wrong in the framing fails here as it would against Slack.
"""

from __future__ import annotations

import itertools
import json
import threading
from http import HTTPStatus
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlsplit

from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response
from websockets.sync.server import Server, ServerConnection, serve

__all__ = ["FakeSocketMode"]


class FakeSocketMode:
    """In-process fake of Slack's Socket Mode WebSocket endpoint."""

    def __init__(self, *, app_id: str = "A1") -> None:
        self.app_id = app_id
        self._cond = threading.Condition()
        self._server: Server | None = None
        self._thread: threading.Thread | None = None
        self._envelope_ids = itertools.count(1)
        # recorded state
        self.tickets: list[str] = []  # ?ticket= of every accepted connection, in order
        self.connections: list[ServerConnection] = []  # those that got their hello
        self.envelopes: dict[str, dict[str, Any]] = {}  # pushed, by envelope_id
        self.acks: list[dict[str, Any]] = []  # what the client sent back, in order
        self.errors: list[str] = []  # protocol problems seen

    # -- lifecycle ----------------------------------------------------------------------------

    def start(self) -> FakeSocketMode:
        if self._server is not None:
            return self
        self._server = serve(
            self._handle,
            "127.0.0.1",
            0,
            process_request=self._check_request,
            compression=None,
            close_timeout=2,
        )
        self._thread = threading.Thread(target=self._server.serve_forever, name="fakesocket", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Close the listening socket and every connection (close code 1001, as Slack does when
        it goes away), waiting for their handlers."""
        server, thread = self._server, self._thread
        if server is not None:
            server.shutdown()
        if thread is not None:
            thread.join(timeout=5)

    def __enter__(self) -> FakeSocketMode:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """Where ``apps.connections.open`` points the app (FakeSlack adds ``?ticket=…``)."""
        if self._server is None:
            raise RuntimeError("FakeSocketMode is not started")
        port = self._server.socket.getsockname()[1]
        return f"ws://127.0.0.1:{port}/link"

    # -- what a test does ---------------------------------------------------------------------

    def wait_connected(self, count: int = 1, timeout: float = 5.0) -> ServerConnection:
        """Block until ``count`` connections got their hello; returns the latest."""
        with self._cond:
            if not self._cond.wait_for(lambda: len(self.connections) >= count, timeout):
                raise AssertionError(
                    f"FakeSocketMode: no Socket Mode connection #{count} within {timeout}s "
                    f"(tickets seen: {self.tickets}, errors: {self.errors})"
                )
            return self.connections[-1]

    def push(
        self, envelope_type: str, payload: dict[str, Any], *, accepts_response_payload: bool = True
    ) -> str:
        """Deliver an envelope on the newest connection, as Slack does; returns its envelope_id."""
        envelope_id = f"fake-envelope-{next(self._envelope_ids)}"
        envelope = {
            "envelope_id": envelope_id,
            "type": envelope_type,
            "payload": payload,
            "accepts_response_payload": accepts_response_payload,
        }
        with self._cond:
            if not self.connections:
                raise AssertionError("FakeSocketMode: push() before any connection; wait_connected() first")
            connection = self.connections[-1]
            self.envelopes[envelope_id] = envelope
        connection.send(json.dumps(envelope))
        return envelope_id

    def slash_command(self, fields: dict[str, str]) -> str:
        """A slash command: ``fields`` as Slack would have POSTed them in HTTP mode."""
        return self.push("slash_commands", fields)

    def interactive(self, payload: dict[str, Any]) -> str:
        """A button press, modal submission, …: the JSON that HTTP mode sends as ``payload=``."""
        return self.push("interactive", payload)

    def wait_for_ack(self, envelope_id: str, timeout: float = 5.0) -> dict[str, Any]:
        """Block until the client acknowledged the envelope; returns the acknowledgement."""

        def found() -> list[dict[str, Any]]:
            return [a for a in self.acks if a.get("envelope_id") == envelope_id]

        with self._cond:
            if not self._cond.wait_for(found, timeout):
                raise AssertionError(
                    f"FakeSocketMode: envelope {envelope_id} not acknowledged within {timeout}s "
                    f"(acks: {self.acks}, errors: {self.errors})"
                )
            return found()[0]

    def assert_no_errors(self) -> None:
        with self._cond:
            if self.errors:
                raise AssertionError("FakeSocketMode recorded problems:\n  " + "\n  ".join(self.errors))

    # -- the server side ----------------------------------------------------------------------

    def _check_request(self, connection: ServerConnection, request: Request) -> Response | None:
        """Only ``/link?ticket=…`` URLs handed out by apps.connections.open are let in."""
        url = urlsplit(request.path)
        tickets = parse_qs(url.query).get("ticket", [])
        if url.path != "/link" or len(tickets) != 1 or not tickets[0]:
            with self._cond:
                self.errors.append(f"WebSocket request for {request.path!r}: not a /link?ticket= URL")
            return connection.respond(HTTPStatus.UNAUTHORIZED, "invalid ticket\n")
        with self._cond:
            self.tickets.append(tickets[0])
        return None

    def _handle(self, connection: ServerConnection) -> None:
        with self._cond:
            number = len(self.connections) + 1
        connection.send(
            json.dumps(
                {
                    "type": "hello",
                    "num_connections": number,
                    "debug_info": {
                        "host": "applink-fake",
                        "build_number": 1,
                        "approximate_connection_time": 18060,
                    },
                    "connection_info": {"app_id": self.app_id},
                }
            )
        )
        with self._cond:
            self.connections.append(connection)
            self._cond.notify_all()
        try:
            for raw in connection:
                self._received(raw)
        except ConnectionClosed:  # the client dropped the TCP connection without a close frame
            pass

    def _received(self, raw: str | bytes) -> None:
        with self._cond:
            try:
                message = json.loads(raw)
            except ValueError:
                self.errors.append(f"not JSON: {raw!r}")
                return
            if not isinstance(message, dict) or not isinstance(message.get("envelope_id"), str):
                self.errors.append(f"not an acknowledgement: {raw!r}")
                return
            envelope_id = message["envelope_id"]
            envelope = self.envelopes.get(envelope_id)
            if envelope is None:
                self.errors.append(f"acknowledgement of an unknown envelope: {raw!r}")
            elif any(a["envelope_id"] == envelope_id for a in self.acks):
                self.errors.append(f"envelope {envelope_id} acknowledged twice: {raw!r}")
            elif "payload" in message and not envelope["accepts_response_payload"]:
                self.errors.append(f"payload in the acknowledgement of {envelope_id}, which accepts none")
            self.acks.append(message)
            self._cond.notify_all()
