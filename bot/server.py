"""The production HTTP server: a small ASGI app under uvicorn.

``POST /slack/events`` goes to Bolt (signature checked there), ``GET /healthz`` answers 200.
``GET /readyz`` answers 200 when the database is reachable and migrated, else 503; ``GET /metrics``
is the Prometheus text (``bot/metrics.py``). With OAuth, ``GET /slack/install`` and
``GET /slack/oauth_redirect`` go to Bolt's install flow.
Bolt's sync ``dispatch`` runs in a thread pool, so a slow request never blocks the event loop.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse

from bot import metrics

logger = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

MAX_BODY = 1024 * 1024


class SlackASGI:
    def __init__(
        self,
        app: App,
        *,
        path: str = "/slack/events",
        workers: int = 32,
        ready: Callable[[], str | None] | None = None,
    ) -> None:
        self.app = app
        self.path = path
        self.ready = ready
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="bolt-dispatch")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    self._executor.shutdown(wait=False)
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        if scope["type"] != "http":
            return
        method, path = scope["method"], scope["path"]
        if path == "/healthz" and method in ("GET", "HEAD"):
            await _send(send, 200, b"ok", "text/plain; charset=utf-8")
            return
        if method in ("GET", "HEAD") and path in ("/readyz", "/metrics"):
            await self._operate(path, send)
            return
        flow = self.app.oauth_flow
        if flow is not None and method == "GET" and path in (flow.install_path, flow.redirect_uri_path):
            handle = flow.handle_installation if path == flow.install_path else flow.handle_callback
            await self._respond(send, await self._run(handle, self._request(scope, b"")))
            return
        if path != self.path:
            await _send(send, 404, b"Not Found", "text/plain; charset=utf-8")
            return
        if method != "POST":
            await _send(send, 405, b"Method Not Allowed", "text/plain; charset=utf-8")
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if len(body) > MAX_BODY:
                await _send(send, 413, b"Payload Too Large", "text/plain; charset=utf-8")
                return
            if not message.get("more_body"):
                break
        try:
            request = self._request(scope, body)
        except Exception as e:  # a body Bolt cannot read (not Slack's): refused, not a 500
            logger.warning("refused a request Bolt cannot read (%s: %s)", type(e).__name__, str(e)[:200])
            await _send(send, 400, b"Bad Request", "text/plain; charset=utf-8")
            return
        with metrics.acked(request):
            response = await self._run(self.app.dispatch, request)
        await self._respond(send, response)

    @staticmethod
    def _request(scope: Scope, body: bytes) -> BoltRequest:
        headers: dict[str, str | Sequence[str]] = {}
        for k, v in scope.get("headers") or []:
            headers[k.decode("latin-1").lower()] = v.decode("latin-1")
        query = scope.get("query_string", b"").decode("latin-1")
        # Slack sends UTF-8; anything else cannot carry a valid signature and is refused by Bolt.
        return BoltRequest(body=body.decode("utf-8", errors="replace"), query=query, headers=headers)

    async def _run(self, handle: Callable[[BoltRequest], BoltResponse], request: BoltRequest) -> BoltResponse:
        return await asyncio.get_running_loop().run_in_executor(self._executor, handle, request)

    @staticmethod
    async def _respond(send: Send, response: BoltResponse) -> None:
        out_headers = [
            (name.encode("latin-1"), value.encode("latin-1"))
            for name, values in response.headers.items()
            for value in values
        ]
        await send({"type": "http.response.start", "status": response.status, "headers": out_headers})
        await send({"type": "http.response.body", "body": (response.body or "").encode("utf-8")})

    async def _operate(self, path: str, send: Send) -> None:
        """``/readyz`` and ``/metrics``: they read the database, so off the event loop, bounded in time."""
        loop = asyncio.get_running_loop()
        if path == "/metrics":
            text = await loop.run_in_executor(self._executor, metrics.render)
            await _send(send, 200, text, metrics.CONTENT_TYPE)
            return
        problem: str | None = None
        if self.ready is not None:
            try:
                problem = await asyncio.wait_for(loop.run_in_executor(self._executor, self.ready), 5.0)
            except TimeoutError:
                problem = "database did not answer within 5 s"
        if problem is None:
            await _send(send, 200, b"ready", "text/plain; charset=utf-8")
        else:
            await _send(send, 503, f"not ready: {problem}".encode(), "text/plain; charset=utf-8")


async def _send(send: Send, status: int, body: bytes, content_type: str) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", content_type.encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


def make_server(
    app: App,
    *,
    host: str,
    port: int,
    log_level: str = "info",
    ready: Callable[[], str | None] | None = None,
    json_logs: bool = False,
) -> Any:
    import uvicorn

    extra: dict[str, Any] = {"log_config": None} if json_logs else {}  # uvicorn's lines through ours
    config = uvicorn.Config(
        SlackASGI(app, ready=ready),
        host=host,
        port=port,
        log_level=log_level,
        access_log=False,
        lifespan="on",
        **extra,
    )
    return uvicorn.Server(config)
