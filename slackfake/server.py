"""``FakeSlack``: the HTTP server on a free local port that answers the Web API, the file
upload URLs and the ``response_url``s, and records every call."""

from __future__ import annotations

import json
import threading
import time
import traceback
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from slack_sdk import WebClient

from slackfake.blocks import message_problems
from slackfake.errors import ApiError, RateLimited
from slackfake.files import FileMethods
from slackfake.limits import Limits
from slackfake.methods_chat import ChatMethods
from slackfake.methods_conversations import ConversationMethods
from slackfake.methods_team import TeamMethods
from slackfake.methods_views import ViewMethods
from slackfake.oauth import AUTHORIZE_PATH, OAuthMethods
from slackfake.params import truthy
from slackfake.queries import Queries
from slackfake.state import Call
from slackfake.wire import Reply, decode_json_fields, json_reply, parse_params

_APP_LEVEL_METHODS = frozenset({"apps.connections.open"})
_CLIENT_CREDENTIAL_METHODS = frozenset({"oauth.v2.access"})  # the app's client id and secret, no token
# Methods that change nothing a person sees (the others bump ``version`` when they succeed).
_READ_ONLY_METHODS = frozenset(
    {
        "api.test",
        "apps.connections.open",
        "auth.test",
        "team.info",
        "users.info",
        "users.list",
        "users.lookupByEmail",
        "conversations.info",
        "conversations.list",
        "conversations.members",
        "conversations.history",
        "conversations.replies",
        "chat.getPermalink",
        "files.getUploadURLExternal",
        "files.info",
    }
)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True

    def __init__(self, fake: FakeSlack) -> None:
        self.fake = fake
        super().__init__(("127.0.0.1", 0), _Handler)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FakeSlack/1.0"
    timeout = 60

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass

    def do_POST(self) -> None:
        server = self.server
        assert isinstance(server, _Server)
        server.fake._serve(self)

    do_GET = do_POST
    do_PUT = do_POST

    def read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                line = self.rfile.readline()
                size = int(line.split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def send(self, reply: Reply) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        for k, v in reply.headers.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(reply.body)
        self.wfile.flush()


class FakeSlack(
    OAuthMethods, Queries, TeamMethods, ConversationMethods, ChatMethods, ViewMethods, FileMethods, Limits
):
    """In-process fake of the Slack Web API (plus upload URLs and response_urls)."""

    def __init__(self) -> None:
        super().__init__()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

        self.add_user(self.bot_user_id, name=self.bot_name, is_bot=True)

        self._api: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
            "api.test": self._api_test,
            "apps.connections.open": self._apps_connections_open,
            "auth.test": self._auth_test,
            "team.info": self._team_info,
            "users.info": self._users_info,
            "users.list": self._users_list,
            "users.lookupByEmail": self._users_lookup_by_email,
            "conversations.open": self._conversations_open,
            "conversations.join": self._conversations_join,
            "conversations.info": self._conversations_info,
            "conversations.list": self._conversations_list,
            "conversations.members": self._conversations_members,
            "conversations.history": self._conversations_history,
            "conversations.replies": self._conversations_replies,
            "chat.postMessage": self._chat_post_message,
            "chat.postEphemeral": self._chat_post_ephemeral,
            "chat.update": self._chat_update,
            "chat.delete": self._chat_delete,
            "chat.getPermalink": self._chat_get_permalink,
            "reactions.add": self._reactions_add,
            "reactions.remove": self._reactions_remove,
            "views.open": self._views_open,
            "views.push": self._views_push,
            "views.update": self._views_update,
            "views.publish": self._views_publish,
            "files.getUploadURLExternal": self._files_get_upload_url_external,
            "files.completeUploadExternal": self._files_complete_upload_external,
            "files.info": self._files_info,
        }

    # -- lifecycle ----------------------------------------------------------------------------

    def start(self) -> FakeSlack:
        if self._server is not None:
            return self
        self._server = _Server(self)
        self._port = int(self._server.server_address[1])
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="fakeslack", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        self._server = self._thread = None
        if server is not None:
            server.shutdown()
            server.server_close()
        if thread is not None:
            thread.join(timeout=5)

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def client(self, token: str | None = None, **kwargs: Any) -> WebClient:
        """A slack_sdk WebClient pointed at this fake."""
        return WebClient(token=token or self.token, base_url=self.api_url, **kwargs)

    # -- HTTP entry point ---------------------------------------------------------------------------

    def _serve(self, handler: _Handler) -> None:
        try:
            body = handler.read_body()
            headers = {k.lower(): v for k, v in handler.headers.items()}
            reply, after = self.handle_http(handler.command, handler.path, headers, body)
            handler.send(reply)
        except (BrokenPipeError, ConnectionResetError):
            return
        after()

    def handle_http(
        self, method: str, target: str, headers: dict[str, str], body: bytes
    ) -> tuple[Reply, Callable[[], None]]:
        """Answer one HTTP request (``headers`` lower-cased): the Web API, the upload URLs, the
        response_urls and file downloads. Whoever serves it — the fake's own server, or another
        one it is mounted on — sends the reply, then calls ``after()`` (the ``on_call`` hooks)."""
        arrived = time.monotonic()
        path = urlsplit(target)
        call: Call | None = None
        hooks: list[Callable[[Call], None]] = []
        if path.path.startswith("/api/"):
            reply, call, hooks = self._handle_api(
                path.path[len("/api/") :], path.query, headers, body, arrived
            )
        elif path.path.startswith("/upload/"):
            reply = self._handle_upload(path.path[len("/upload/") :], headers, body)
        elif path.path.startswith("/response/"):
            with self._lock:
                pause = self._delays.get("response_url", 0.0)
            if pause > 0:
                time.sleep(pause)  # a slow Slack (bench/ack.py --slow)
            reply = self._handle_response_url(target, headers, body)
        elif path.path.startswith("/files/") and method in ("GET", "HEAD"):
            reply = self._download(path.path[len("/files/") :], headers)
        elif path.path == AUTHORIZE_PATH:
            reply = self._handle_oauth_page(method, path.query, body)
        else:
            reply = Reply(404, b"Not Found", "text/plain; charset=utf-8")

        def after() -> None:
            for hook in hooks:
                assert call is not None
                try:
                    hook(call)
                except Exception:
                    with self._lock:
                        self.hook_errors.append(f"on_call hook for {call.method}: {traceback.format_exc()}")

        return reply, after

    def _handle_api(
        self, method: str, query: str, headers: dict[str, str], body: bytes, arrived: float
    ) -> tuple[Reply, Call, list[Callable[[Call], None]]]:
        try:
            params = parse_params(query, headers.get("content-type", ""), body)
            parse_error = None
        except ValueError as exc:
            params, parse_error = {}, str(exc)
        with self._lock:
            pause = self._delays.get(method, self._delays.get("*", 0.0))
        if pause > 0:
            time.sleep(pause)
        extra_headers: dict[str, str] = {}
        with self._cond:
            if parse_error is not None:
                status, payload = 200, {"ok": False, "error": "invalid_form_data"}
            else:
                status, payload, extra_headers = self._process(method, params, headers)
            call = Call(method, params, headers, arrived, status, payload)
            self.calls.append(call)
            if call.ok and method not in _READ_ONLY_METHODS:
                self._changed()
            self._cond.notify_all()
            hooks = [*self._hooks.get(method, []), *self._hooks.get("*", [])]
        return json_reply(status, payload, extra_headers), call, hooks

    def _process(
        self, method: str, params: dict[str, Any], headers: dict[str, str]
    ) -> tuple[int, dict[str, Any], dict[str, str]]:
        if method in _CLIENT_CREDENTIAL_METHODS:
            try:
                return 200, self._oauth_v2_access(params, headers), {}
            except ApiError as exc:
                return 200, {"ok": False, "error": exc.error}, {}
        auth_error = self._check_auth(
            headers, params, app_level=method in _APP_LEVEL_METHODS
        ) or self._note_caller(headers, params)
        if auth_error:
            return 200, {"ok": False, "error": auth_error}, {}
        fault = self._take_fault(method, params)
        if fault is not None:
            if fault.kind == "ratelimit":
                self.rate_limited_count += 1
                return 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(fault.retry_after)}
            return 200, {"ok": False, "error": fault.error}, {}
        api = self._api.get(method)
        if api is None:
            if method not in self.unknown_methods:
                self.unknown_methods.append(method)
            return 200, {"ok": True}, {}
        try:
            return 200, api(params), {}
        except ApiError as exc:
            return 200, {"ok": False, "error": exc.error, **exc.extra}, {}
        except RateLimited as exc:
            self.rate_limited_count += 1
            return 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(exc.retry_after)}
        except Exception:
            self.internal_errors.append(f"{method}: {traceback.format_exc()}")
            return 500, {"ok": False, "error": "fatal_error"}, {}

    def _check_auth(self, headers: dict[str, str], params: dict[str, Any], *, app_level: bool) -> str | None:
        auth = headers.get("authorization", "")
        token = auth[len("Bearer ") :].strip() if auth.lower().startswith("bearer ") else ""
        if app_level:  # app-level tokens travel in the Authorization header only
            return None if token.startswith("xapp-") else "not_authed"
        token = token or str(params.get("token") or "")
        if not token.startswith("xoxb-"):
            return "not_authed"
        if self.valid_tokens is not None and token not in self.valid_tokens:
            return "invalid_auth"
        return None

    def _handle_response_url(self, url_path: str, headers: dict[str, str], body: bytes) -> Reply:
        url = self.base_url.rstrip("/") + url_path
        try:
            if headers.get("content-type", "").lower().startswith("application/json"):
                payload = json.loads(body.decode("utf-8") or "{}")
            else:
                form = dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
                payload = json.loads(form["payload"]) if "payload" in form else form
            if not isinstance(payload, dict):
                raise ValueError("payload must be a JSON object")
        except (ValueError, KeyError) as exc:
            with self._lock:
                self.validation_errors.append(f"response_url {url}: invalid JSON body: {exc}")
            return json_reply(400, {"ok": False, "error": "invalid_payload"})
        decode_json_fields(payload)
        with self._cond:
            uses = self._response_uses.get(url, 0)
            if self.response_url_max_uses is not None and uses >= self.response_url_max_uses:
                self.validation_errors.append(
                    f"response_url {url}: used more than {self.response_url_max_uses} times"
                )
                return json_reply(404, {"ok": False, "error": "used_url"})
            errors = message_problems(payload, require_content=not truthy(payload.get("delete_original")))
            if errors:
                self.validation_errors.extend(f"response_url: {e}" for e in errors)
                return json_reply(400, {"ok": False, "error": "invalid_blocks", "errors": errors})
            self._response_uses[url] = uses + 1
            self.responses.append({**payload, "_url": url})
            self._apply_response(url, payload)
            self._changed()
        return json_reply(200, {"ok": True})
