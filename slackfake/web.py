"""The local Slack on one port: the page people use (``/``, ``/sandbox/…``), the Web API, upload
URLs, response_urls and file downloads of the fake (``/api/…`` and so on), and — for every other
path — the app, mounted beside it (the bot's own ASGI app: ``POST /slack/events``).

An ASGI app: uvicorn serves it. Work that blocks (the fake, the Slack client's signed requests,
rendering, moving the clock) runs in a thread pool; the page waits for changes by long-polling
``/sandbox/state``, woken by the fake's change listener."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import mimetypes
from collections.abc import Awaitable, Callable, MutableMapping
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from importlib import resources
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import parse_qs, quote, unquote

from slackfake.files import file_reply
from slackfake.interactions import Raw
from slackfake.render_page import ClockControls, Screen, Viewer, page_html
from slackfake.user_actions import Outcome, SlackClient, Where
from slackfake.wire import Reply

if TYPE_CHECKING:
    from slackfake.server import FakeSlack

logger = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LONG_POLL_SECONDS = 25.0
MAX_BODY = 2 * 1024 * 1024
_FAKE_PREFIXES = ("/api/", "/upload/", "/response/", "/files/")
_STATIC = {"sandbox.js": "text/javascript; charset=utf-8", "sandbox.css": "text/css; charset=utf-8"}


class LocalSlack:
    """The ASGI app of the local Slack; ``attach(app)`` mounts the app under test beside it."""

    def __init__(
        self,
        fake: FakeSlack,
        client: SlackClient,
        *,
        clock: ClockControls | None = None,
        title: str = "Local Slack",
        default_user: str = "",
        default_channel: str = "",
    ) -> None:
        self.fake = fake
        self.client = client
        self.clock = clock
        self.screen = Screen(fake, clock=clock)
        self.title = title
        self.default_user = default_user
        self.default_channel = default_channel
        self.app: ASGIApp | None = None
        self._pool = ThreadPoolExecutor(max_workers=32, thread_name_prefix="local-slack")
        self._loop: asyncio.AbstractEventLoop | None = None
        self._changed: asyncio.Event | None = None

    def attach(self, app: ASGIApp) -> None:
        self.app = app

    def set_clock(self, clock: ClockControls) -> None:
        self.clock = self.screen.clock = clock

    # ------------------------------------------------------------ ASGI

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        self._listen()
        path: str = scope["path"]
        if path.startswith(_FAKE_PREFIXES):
            await self._fake_http(scope, receive, send)
        elif path.startswith("/archives/"):  # a permalink: the channel on the page
            channel = path.split("/")[2]
            await _reply(send, Reply(302, b"", "text/plain", headers={"Location": f"/?c={quote(channel)}"}))
        elif path == "/" or path.startswith("/sandbox/"):
            try:
                await self._page(scope, receive, send, path)
            except Exception:
                logger.exception("the local Slack failed to answer %s", path)
                await _reply(send, Reply(500, b"Internal Server Error", "text/plain; charset=utf-8"))
        elif self.app is not None:
            await self.app(scope, receive, send)
        else:
            await _reply(send, Reply(503, b"The app is starting", "text/plain; charset=utf-8"))

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                self._listen()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                self._pool.shutdown(wait=False, cancel_futures=True)
                await send({"type": "lifespan.shutdown.complete"})
                return

    def _listen(self) -> None:
        if self._loop is not None:
            return
        loop = asyncio.get_running_loop()
        self._loop, self._changed = loop, asyncio.Event()

        def wake() -> None:  # on the event loop: wake every waiter, then wait anew
            assert self._changed is not None
            self._changed.set()
            self._changed = asyncio.Event()

        def changed() -> None:  # in whichever thread changed the fake
            loop.call_soon_threadsafe(wake)

        self.fake.on_change(changed)

    async def _run(self, fn: Callable[..., Any], *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._pool, fn, *args)

    async def _fake_http(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = await _body(receive)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers") or []}
        target = scope["path"] + (
            "?" + scope["query_string"].decode("latin-1") if scope.get("query_string") else ""
        )
        reply, after = await self._run(self.fake.handle_http, scope["method"], target, headers, body)
        await _reply(send, reply)
        await self._run(after)

    # ------------------------------------------------------------ the page

    def _viewer(self, q: dict[str, Any]) -> Viewer:
        user = str(q.get("as") or self.default_user)
        channel = str(q.get("c") or q.get("channel") or self.default_channel)
        return Viewer(
            user=user,
            channel=channel,
            thread_ts=str(q.get("thread") or ""),
            tab=str(q.get("tab") or "messages"),
        )

    async def _page(self, scope: Scope, receive: Receive, send: Send, path: str) -> None:
        method = scope["method"]
        query = {k: v[-1] for k, v in parse_qs(scope.get("query_string", b"").decode("utf-8")).items()}
        if method == "GET" and path == "/":
            viewer = self._viewer(query)
            parts = await self._run(self.screen.render, viewer)
            page = page_html(parts, viewer, title=self.title, static=lambda name: f"/sandbox/static/{name}")
            await _reply(send, Reply(200, page.encode("utf-8"), "text/html; charset=utf-8"))
        elif method == "GET" and path.startswith("/sandbox/static/"):
            await _reply(send, _static(path.rsplit("/", 1)[-1]))
        elif method == "GET" and path == "/sandbox/state":
            await self._state(query, send)
        elif method == "GET" and path.startswith("/sandbox/files/"):
            file_id = unquote(path[len("/sandbox/files/") :]).split("/", 1)[0]
            with self.fake._lock:
                found = self.fake.files.get(file_id)
            await _reply(send, file_reply(found) if found else Reply(404, b"Not Found", "text/plain"))
        elif method == "POST" and path.startswith("/sandbox/"):
            try:
                data = json.loads((await _body(receive)).decode("utf-8") or "{}")
            except ValueError:
                await _reply(send, _json(400, {"ok": False, "error": "not JSON"}))
                return
            handler = self._actions.get(path[len("/sandbox/") :])
            if handler is None or not isinstance(data, dict):
                await _reply(send, _json(404, {"ok": False, "error": "no such action"}))
                return
            outcome: Outcome = await self._run(handler, self, data)
            await _reply(send, _json(200, outcome.as_json()))
        else:
            await _reply(send, Reply(404, b"Not Found", "text/plain; charset=utf-8"))

    async def _state(self, query: dict[str, Any], send: Send) -> None:
        """The page's parts once something changed after version ``since`` (or at once)."""
        since = int(query.get("since") or -1)
        if self.fake.version <= since and self._changed is not None:
            changed = self._changed
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(changed.wait(), LONG_POLL_SECONDS)
        version = self.fake.version
        parts = await self._run(self.screen.render, self._viewer(query))
        await _reply(send, _json(200, {"version": version, "parts": parts}))

    # ------------------------------------------------------------ what the page asks

    def _send(self, data: dict[str, Any]) -> Outcome:
        text = str(data.get("text") or "")
        return self.client.send(
            str(data["as"]), str(data["channel"]), text, thread_ts=data.get("thread_ts") or None
        )

    def _act(self, data: dict[str, Any]) -> Outcome:
        where = Where(
            channel=data.get("channel") or None,
            message_ts=data.get("ts") or None,
            ephemeral=bool(data.get("ephemeral")),
            view_id=data.get("view") or None,
        )
        return self.client.act(
            str(data["as"]),
            where,
            block_id=str(data.get("block") or ""),
            action_id=str(data.get("action") or ""),
            raw=Raw.from_json(data.get("raw")),
        )

    def _submit(self, data: dict[str, Any]) -> Outcome:
        values = {
            str(block): {str(action): Raw.from_json(raw) for action, raw in (actions or {}).items()}
            for block, actions in (data.get("values") or {}).items()
        }
        return self.client.submit(str(data["as"]), str(data.get("view") or ""), values)

    def _close(self, data: dict[str, Any]) -> Outcome:
        return self.client.close(str(data["as"]), str(data.get("view") or ""))

    def _suggest(self, data: dict[str, Any]) -> Outcome:
        return self.client.suggest(
            str(data["as"]),
            str(data.get("view") or ""),
            block_id=str(data.get("block") or ""),
            action_id=str(data.get("action") or ""),
            value=str(data.get("value") or ""),
        )

    def _shortcut(self, data: dict[str, Any]) -> Outcome:
        return self.client.shortcut(
            str(data["as"]),
            str(data.get("channel") or ""),
            str(data.get("ts") or ""),
            str(data.get("callback") or ""),
        )

    def _home(self, data: dict[str, Any]) -> Outcome:
        outcome = self.client.open_home(str(data["as"]))
        # Slack says nothing when an app does not handle app_home_opened: neither does the page
        return Outcome() if outcome.error and "404" in outcome.error else outcome

    def _jump(self, data: dict[str, Any]) -> Outcome:
        if self.clock is None:
            return Outcome(ok=False, error="this Slack has no clock to move")
        try:
            at = datetime.fromisoformat(str(data.get("at") or ""))
        except ValueError:
            return Outcome(ok=False, error="write the time as YYYY-MM-DDTHH:MM")
        if at.tzinfo is None:
            at = at.replace(tzinfo=self.clock.now().tzinfo)
        if at < self.clock.now() - timedelta(minutes=1):
            return Outcome(ok=False, error="the sandbox clock only moves forward")
        self.clock.jump(at)
        with self.fake._lock:
            self.fake._changed()
        return Outcome()

    _actions: ClassVar[dict[str, Callable[[LocalSlack, dict[str, Any]], Outcome]]] = {
        "send": _send,
        "act": _act,
        "submit": _submit,
        "close": _close,
        "suggest": _suggest,
        "home": _home,
        "shortcut": _shortcut,
        "jump": _jump,
    }


def _static(name: str) -> Reply:
    if name not in _STATIC:
        return Reply(404, b"Not Found", "text/plain; charset=utf-8")
    content: bytes = resources.files("slackfake").joinpath("static", name).read_bytes()
    return Reply(200, content, _STATIC[name] or mimetypes.guess_type(name)[0] or "text/plain")


def _json(status: int, payload: dict[str, Any]) -> Reply:
    return Reply(status, json.dumps(payload, ensure_ascii=False).encode("utf-8"))


async def _body(receive: Receive) -> bytes:
    body = b""
    while True:
        message = await receive()
        body += bytes(message.get("body", b""))
        if len(body) > MAX_BODY or not message.get("more_body"):
            return body


async def _reply(send: Send, reply: Reply) -> None:
    headers = [(b"content-type", reply.content_type.encode("latin-1"))]
    headers += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in reply.headers.items()]
    headers.append((b"cache-control", b"no-store"))
    headers.append((b"content-length", str(len(reply.body)).encode("latin-1")))
    await send({"type": "http.response.start", "status": reply.status, "headers": headers})
    await send({"type": "http.response.body", "body": reply.body})
