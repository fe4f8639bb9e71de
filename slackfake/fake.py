"""A fake Slack Web API server for tests and benchmarks.

Start it, point a ``slack_sdk.WebClient`` (or a Bolt app's client) at ``fake.api_url`` and
the bot talks real HTTP to an in-process server that keeps channel/message state, answers
with Slack-shaped JSON, validates Block Kit payloads the way Slack does, and lets a test
inject failures (``fail_next``), HTTP 429s (``rate_limit_next`` / ``enforce_rate_limits``),
latency (``delay``) and hooks (``on_call``).

    with FakeSlack() as fake:
        client = WebClient(token="xoxb-test", base_url=fake.api_url)
        client.chat_postMessage(channel="C1", text="hi")
        fake.wait_for("chat.postMessage")
        assert fake.messages("C1")[0]["text"] == "hi"
        assert fake.validation_errors == []

Only the standard library plus slack_sdk (for Block Kit validation) is used.
"""

from __future__ import annotations

import base64
import bisect
import contextlib
import copy
import itertools
import json
import math
import mimetypes
import re
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, ClassVar
from urllib.parse import parse_qsl, urlsplit
from zoneinfo import ZoneInfo

from slack_sdk import WebClient
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

__all__ = ["Call", "FakeSlack", "UploadedFile"]

# Parameters that slack_sdk / Bolt JSON-encode when they travel in a form (or multipart) body.
JSON_ENCODED_FIELDS = frozenset(
    {"blocks", "attachments", "view", "metadata", "files", "outputs", "unfurls", "user_auth_blocks"}
)

MAX_MESSAGE_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
MAX_MESSAGE_TEXT = 40_000
MAX_TEXT_OBJECT = 3_000
MAX_SECTION_FIELD_TEXT = 2_000
MAX_HEADER_TEXT = 150
MAX_BLOCK_ID = 255
MAX_VIEW_TITLE = 24
MAX_PRIVATE_METADATA = 3_000
MAX_CALLBACK_ID = 255

_TEXT_OBJECT_TYPES = ("plain_text", "mrkdwn")
_APP_LEVEL_METHODS = frozenset({"apps.connections.open"})
_DISPOSITION_PARAM = re.compile(r';\s*([\w*-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))')


@dataclass
class Call:
    """One Web API request received by the fake (recorded after it was processed)."""

    method: str
    params: dict[str, Any]
    headers: dict[str, str]  # header names lower-cased
    at: float  # time.monotonic() when the request arrived
    status: int = 200  # HTTP status answered
    response: dict[str, Any] = field(default_factory=dict)  # JSON body answered

    @property
    def ok(self) -> bool:
        return self.status == 200 and bool(self.response.get("ok"))

    @property
    def error(self) -> str | None:
        err = self.response.get("error")
        return str(err) if err is not None else None


@dataclass
class UploadedFile:
    """A file uploaded with files.getUploadURLExternal + POST + files.completeUploadExternal."""

    filename: str
    title: str | None
    content: bytes
    channel_id: str | None
    initial_comment: str | None
    thread_ts: str | None = None
    file_id: str = ""


@dataclass
class _Fault:
    kind: str  # "error" | "ratelimit"
    remaining: int
    error: str = ""
    retry_after: int = 1
    when: Callable[[dict[str, Any]], bool] | None = None


@dataclass
class _PendingUpload:
    filename: str
    length: int | None
    content: bytes | None = None


class _ApiError(Exception):
    def __init__(self, error: str, **extra: Any) -> None:
        super().__init__(error)
        self.error = error
        self.extra = extra


class _RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(f"ratelimited (retry after {retry_after}s)")
        self.retry_after = retry_after


@dataclass
class _Reply:
    status: int
    body: bytes
    content_type: str = "application/json; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


def _json_reply(status: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> _Reply:
    return _Reply(status, json.dumps(payload).encode("utf-8"), headers=headers or {})


# ---------------------------------------------------------------------------------------------
# small helpers
# ---------------------------------------------------------------------------------------------


def _ts_key(ts: Any, error: str = "invalid_ts") -> int:
    """'1700000000.000100' -> integer microseconds (comparable)."""
    s = str(ts).strip()
    if not s:
        return 0
    sec, _, frac = s.partition(".")
    try:
        return int(sec or "0") * 1_000_000 + int((frac + "000000")[:6] or "0")
    except ValueError:
        raise _ApiError(error) from None


def _truthy(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    return str(value).strip().lower() in ("1", "true", "yes", "on")


def _as_int(value: Any, default: int) -> int:
    if value is None or value == "":
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        raise _ApiError("invalid_arguments") from None


def _encode_cursor(value: str) -> str:
    return base64.urlsafe_b64encode(value.encode("utf-8")).decode("ascii")


def _decode_cursor(cursor: Any, prefix: str) -> str | None:
    if cursor in (None, ""):
        return None
    try:
        raw = base64.urlsafe_b64decode(str(cursor).encode("ascii")).decode("utf-8")
    except ValueError:
        raise _ApiError("invalid_cursor") from None
    if not raw.startswith(prefix):
        raise _ApiError("invalid_cursor")
    return raw[len(prefix) :]


def _split_csv(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v.strip() for v in str(value).split(",") if v.strip()]


def _decode_json_fields(params: dict[str, Any]) -> None:
    for key in JSON_ENCODED_FIELDS:
        value = params.get(key)
        if isinstance(value, str):
            stripped = value.strip()
            if stripped.startswith(("[", "{")):
                # left as a string when it is not valid JSON; validators reject it where it matters
                with contextlib.suppress(ValueError):
                    params[key] = json.loads(stripped)


def _parse_multipart(body: bytes, boundary: str) -> list[tuple[dict[str, str], bytes]]:
    """Returns [(content-disposition params + 'content-type', payload)]."""
    parts: list[tuple[dict[str, str], bytes]] = []
    delimiter = b"\r\n--" + boundary.encode("latin-1")
    segments = (b"\r\n" + body).split(delimiter)
    for segment in segments[1:]:
        if segment.startswith(b"--"):
            break
        # skip transport padding up to the CRLF that ends the delimiter line
        _, _, rest = segment.partition(b"\r\n")
        head, sep, content = rest.partition(b"\r\n\r\n")
        if not sep:  # a part without a body
            head, content = rest, b""
        info: dict[str, str] = {}
        for line in head.decode("utf-8", "replace").split("\r\n"):
            name, _, value = line.partition(":")
            lname = name.strip().lower()
            if lname == "content-disposition":
                for m in _DISPOSITION_PARAM.finditer(value):
                    info[m.group(1).lower()] = m.group(2) if m.group(2) is not None else m.group(3)
            elif lname == "content-type":
                info["content-type"] = value.strip()
        parts.append((info, content))
    return parts


def _content_type_param(content_type: str, param: str) -> str | None:
    for piece in content_type.split(";")[1:]:
        key, _, value = piece.strip().partition("=")
        if key.strip().lower() == param:
            return value.strip().strip('"')
    return None


def _walk(obj: Any) -> Iterable[Any]:
    yield obj
    if isinstance(obj, dict):
        for v in obj.values():
            yield from _walk(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _walk(v)


def _contains_none_in_list(obj: Any) -> bool:
    if isinstance(obj, dict):
        return any(_contains_none_in_list(v) for v in obj.values())
    if isinstance(obj, list):
        return any(v is None or _contains_none_in_list(v) for v in obj)
    return False


# ---------------------------------------------------------------------------------------------
# Block Kit validation
# ---------------------------------------------------------------------------------------------


def validate_blocks(blocks: Any, *, max_blocks: int = MAX_MESSAGE_BLOCKS, where: str = "blocks") -> list[str]:
    """Validate a list of Block Kit blocks like Slack does; returns a list of problems (empty = ok)."""
    if isinstance(blocks, str):
        return [f"{where}: not a JSON array (invalid_blocks_format)"]
    if not isinstance(blocks, list):
        return [f"{where}: must be an array, got {type(blocks).__name__} (invalid_blocks_format)"]
    errors: list[str] = []
    if len(blocks) > max_blocks:
        errors.append(f"{where}: no more than {max_blocks} items allowed, got {len(blocks)}")
    seen_block_ids: set[str] = set()
    for i, raw in enumerate(blocks):
        errors.extend(_validate_block(raw, f"{where}[{i}]", seen_block_ids))
    return errors


def _validate_block(raw: Any, where: str, seen_block_ids: set[str]) -> list[str]:
    if not isinstance(raw, dict):
        return [f"{where}: must be an object, got {type(raw).__name__}"]
    btype = raw.get("type")
    errors: list[str] = []
    block_id = raw.get("block_id")
    if block_id is not None:
        if not isinstance(block_id, str) or not block_id:
            errors.append(f"{where}: block_id must be a non-empty string")
        elif len(block_id) > MAX_BLOCK_ID:
            errors.append(f"{where}: block_id longer than {MAX_BLOCK_ID} characters")
        elif block_id in seen_block_ids:
            errors.append(f"{where}: duplicate block_id {block_id!r}")
        else:
            seen_block_ids.add(block_id)
    try:
        parsed = Block.parse(raw)
    except Exception as exc:  # the SDK raises assorted errors for malformed input
        return [*errors, f"{where} ({btype}): {type(exc).__name__}: {exc}"]
    if parsed is None:
        return [*errors, f"{where}: unknown block type {btype!r}"]
    try:
        parsed.validate_json()
        as_dict = parsed.to_dict()
    except Exception as exc:
        return [*errors, f"{where} ({btype}): {exc}"]
    if _contains_none_in_list(as_dict):
        errors.append(f"{where} ({btype}): contains an element of unknown type")
    # Checks the SDK leaves to the server.
    if btype in ("section", "header") and "text" in raw and not isinstance(raw["text"], dict):
        errors.append(f"{where} ({btype}): text must be a text object, not {type(raw['text']).__name__}")
    if btype == "header":
        text = raw.get("text")
        if isinstance(text, dict):
            if text.get("type") != "plain_text":
                errors.append(f"{where} (header): text must be plain_text")
            if isinstance(text.get("text"), str) and len(text["text"]) > MAX_HEADER_TEXT:
                errors.append(f"{where} (header): text longer than {MAX_HEADER_TEXT} characters")
    if btype == "section":
        for j, fld in enumerate(raw.get("fields") or []):
            if not isinstance(fld, dict):
                errors.append(f"{where}.fields[{j}]: must be a text object")
            elif isinstance(fld.get("text"), str) and len(fld["text"]) > MAX_SECTION_FIELD_TEXT:
                errors.append(f"{where}.fields[{j}]: text longer than {MAX_SECTION_FIELD_TEXT} characters")
    if btype in ("actions", "input", "section"):
        action_ids: set[str] = set()
        for node in _walk({k: v for k, v in raw.items() if k in ("elements", "element", "accessory")}):
            if isinstance(node, dict) and isinstance(node.get("action_id"), str):
                if node["action_id"] in action_ids:
                    errors.append(f"{where} ({btype}): duplicate action_id {node['action_id']!r}")
                action_ids.add(node["action_id"])
    for node in _walk(raw):
        if isinstance(node, dict) and node.get("type") in _TEXT_OBJECT_TYPES and "text" in node:
            text = node["text"]
            if not isinstance(text, str):
                errors.append(f"{where} ({btype}): text object text must be a string")
            elif not text:
                errors.append(f"{where} ({btype}): text object text must be at least 1 character")
            elif len(text) > MAX_TEXT_OBJECT:
                errors.append(f"{where} ({btype}): text object longer than {MAX_TEXT_OBJECT} characters")
    return errors


def validate_view(view: Any) -> list[str]:
    """Validate a modal/home view like views.open/update/push/publish does."""
    if not isinstance(view, dict):
        return [f"view: must be a JSON object, got {type(view).__name__}"]
    errors: list[str] = []
    vtype = view.get("type")
    if vtype not in ("modal", "home", "workflow_step"):
        errors.append(f"view: type must be modal or home, got {vtype!r}")
    blocks = view.get("blocks")
    if blocks is None:
        errors.append("view: blocks is required")
    else:
        errors.extend(validate_blocks(blocks, max_blocks=MAX_VIEW_BLOCKS, where="view.blocks"))
    title = view.get("title")
    if vtype == "modal" and title is None:
        errors.append("view: modal requires a title")
    for key, limit in (("title", MAX_VIEW_TITLE), ("submit", MAX_VIEW_TITLE), ("close", MAX_VIEW_TITLE)):
        obj = view.get(key)
        if obj is None:
            continue
        if (
            not isinstance(obj, dict)
            or obj.get("type") != "plain_text"
            or not isinstance(obj.get("text"), str)
        ):
            errors.append(f"view: {key} must be a plain_text object")
        elif not 1 <= len(obj["text"]) <= limit:
            errors.append(f"view: {key} must be between 1 and {limit} characters")
    pm = view.get("private_metadata")
    if pm is not None and (not isinstance(pm, str) or len(pm) > MAX_PRIVATE_METADATA):
        errors.append(f"view: private_metadata must be a string of at most {MAX_PRIVATE_METADATA} characters")
    cb = view.get("callback_id")
    if cb is not None and (not isinstance(cb, str) or len(cb) > MAX_CALLBACK_ID):
        errors.append(f"view: callback_id must be a string of at most {MAX_CALLBACK_ID} characters")
    if (
        vtype == "modal"
        and isinstance(blocks, list)
        and any(isinstance(b, dict) and b.get("type") == "input" for b in blocks)
        and view.get("submit") is None
    ):
        errors.append("view: a modal with input blocks must have a submit button")
    if not errors:
        try:
            View(**view).validate_json()
        except Exception as exc:
            errors.append(f"view: {exc}")
    return errors


def validate_metadata(metadata: Any) -> list[str]:
    if not isinstance(metadata, dict):
        return [f"metadata: must be an object, got {type(metadata).__name__}"]
    errors = []
    if not isinstance(metadata.get("event_type"), str) or not metadata.get("event_type"):
        errors.append("metadata: event_type (non-empty string) is required")
    if not isinstance(metadata.get("event_payload"), dict):
        errors.append("metadata: event_payload (object) is required")
    return errors


# ---------------------------------------------------------------------------------------------
# HTTP plumbing
# ---------------------------------------------------------------------------------------------


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

    def send(self, reply: _Reply) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        for k, v in reply.headers.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(reply.body)
        self.wfile.flush()


# ---------------------------------------------------------------------------------------------
# the fake
# ---------------------------------------------------------------------------------------------


class FakeSlack:
    """In-process fake of the Slack Web API (plus upload URLs and response_urls)."""

    DEFAULT_TOKEN: ClassVar[str] = "xoxb-fake-token"

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._cond = threading.Condition(self._lock)
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._port = 0

        # identity (auth.test)
        self.team_id = "T1"
        self.team_name = "Fake Team"
        self.team_domain = "fake-team"
        self.bot_user_id = "UBOT"
        self.bot_id = "BBOT"
        self.bot_name = "collab-bot"
        self.app_id = "AAPP"
        self.token = self.DEFAULT_TOKEN
        # None = any "xoxb-" token is accepted; otherwise only these (others -> invalid_auth)
        self.valid_tokens: set[str] | None = None
        # apps.connections.open (Socket Mode, app-level "xapp-" token) answers with this WebSocket
        # URL plus a fresh ?ticket=…; None answers socket_mode_not_enabled (slackfake/socket_mode.py)
        self.socket_mode_url: str | None = None

        # behaviour switches
        self.strict_channels = False
        self.response_url_max_uses: int | None = 5

        # configuration state (kept by reset())
        self.users: dict[str, dict[str, Any]] = {}
        self.channels: dict[str, dict[str, Any]] = {}

        # recorded state (cleared by reset())
        self.calls: list[Call] = []
        self.ephemerals: list[dict[str, Any]] = []
        self.responses: list[dict[str, Any]] = []
        self.files: dict[str, UploadedFile] = {}
        self.views: dict[str, dict[str, Any]] = {}
        self.home_views: dict[str, str] = {}  # user id -> view id
        self.validation_errors: list[str] = []
        self.unknown_methods: list[str] = []
        self.internal_errors: list[str] = []
        self.hook_errors: list[str] = []
        self.rate_limited_count = 0
        self._init_recorded_state()

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

    def _init_recorded_state(self) -> None:
        self.calls = []
        self.ephemerals = []
        self.responses = []
        self.files = {}
        self.views = {}
        self.home_views = {}
        self.validation_errors = []
        self.unknown_methods = []
        self.internal_errors = []
        self.hook_errors = []
        self.rate_limited_count = 0
        self._by_channel: dict[str, list[dict[str, Any]]] = {}
        self._replies: dict[tuple[str, str], list[str]] = {}
        self._last_ts_us = 0
        self._faults: dict[str, list[_Fault]] = {}
        self._delays: dict[str, float] = {}
        self._hooks: dict[str, list[Callable[[Call], None]]] = {}
        self._channel_rate: float | None = None
        self._workspace_rate: float | None = None
        self._channel_posts: dict[str, deque[float]] = {}
        self._workspace_posts: deque[float] = deque()
        self._expired_triggers: set[str] = set()
        self._uploads: dict[str, _PendingUpload] = {}
        self._response_uses: dict[str, int] = {}
        self._opened_dms: set[str] = set()
        self._ids = itertools.count(1)

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

    @property
    def port(self) -> int:
        return self._port

    @property
    def base_url(self) -> str:
        if not self._port:
            raise RuntimeError("FakeSlack is not started")
        return f"http://127.0.0.1:{self._port}/"

    @property
    def api_url(self) -> str:
        return self.base_url + "api/"

    def client(self, token: str | None = None, **kwargs: Any) -> WebClient:
        """A slack_sdk WebClient pointed at this fake."""
        return WebClient(token=token or self.token, base_url=self.api_url, **kwargs)

    def reset(self) -> None:
        """Forget calls, messages, files, views, responses, faults, delays, hooks and rate limits.

        Users, channels (incl. membership) and identity settings are kept."""
        with self._lock:
            self._init_recorded_state()

    # -- configuration --------------------------------------------------------------------------

    def add_user(
        self,
        user_id: str,
        name: str | None = None,
        is_admin: bool = False,
        is_owner: bool = False,
        deleted: bool = False,
        tz: str = "UTC",
        team_id: str | None = None,
        *,
        real_name: str | None = None,
        email: str | None = None,
        is_bot: bool = False,
        **extra: Any,
    ) -> dict[str, Any]:
        name = name or user_id.lower()
        try:
            offset = ZoneInfo(tz).utcoffset(datetime.now(UTC))
            tz_offset = int(offset.total_seconds()) if offset is not None else 0
        except (KeyError, ValueError):
            tz_offset = 0
        profile: dict[str, Any] = {
            "real_name": real_name or name,
            "display_name": name,
            "real_name_normalized": real_name or name,
            "display_name_normalized": name,
            "team": team_id or self.team_id,
        }
        if email:
            profile["email"] = email
        user: dict[str, Any] = {
            "id": user_id,
            "team_id": team_id or self.team_id,
            "name": name,
            "real_name": real_name or name,
            "deleted": deleted,
            "is_admin": is_admin,
            "is_owner": is_owner,
            "is_primary_owner": False,
            "is_restricted": False,
            "is_ultra_restricted": False,
            "is_bot": is_bot,
            "is_app_user": False,
            "tz": tz,
            "tz_label": tz,
            "tz_offset": tz_offset,
            "updated": int(time.time()),
            "profile": profile,
            **extra,
        }
        with self._lock:
            self.users[user_id] = user
        return user

    def add_channel(
        self,
        channel_id: str,
        name: str | None = None,
        is_member: bool = True,
        is_archived: bool = False,
        is_private: bool = False,
        *,
        members: list[str] | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        name = name or channel_id.lower()
        member_list = list(members or [])
        if is_member and self.bot_user_id not in member_list:
            member_list.append(self.bot_user_id)
        info: dict[str, Any] = {
            "id": channel_id,
            "name": name,
            "name_normalized": name,
            "is_channel": not is_private,
            "is_group": is_private,
            "is_im": False,
            "is_mpim": False,
            "is_private": is_private,
            "is_archived": is_archived,
            "is_general": False,
            "is_shared": False,
            "is_ext_shared": False,
            "is_org_shared": False,
            "is_member": is_member,
            "created": int(time.time()),
            "creator": "U0",
            "context_team_id": self.team_id,
            "members": member_list,
            **extra,
        }
        with self._lock:
            self.channels[channel_id] = info
        return info

    def add_message(
        self,
        channel: str,
        text: str = "",
        user: str = "U1",
        *,
        ts: str | None = None,
        thread_ts: str | None = None,
        blocks: list[dict[str, Any]] | None = None,
        metadata: dict[str, Any] | None = None,
        bot_id: str | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        """Seed a message (e.g. one written by a human) without going through the API."""
        with self._lock:
            msg: dict[str, Any] = {
                "type": "message",
                "channel": self._normalize_channel(channel),
                "ts": ts or self._next_ts(),
                "user": user,
                "text": text,
                "team": self.team_id,
                **extra,
            }
            if ts is not None:
                self._last_ts_us = max(self._last_ts_us, _ts_key(ts))
            if bot_id:
                msg["bot_id"] = bot_id
            if blocks is not None:
                msg["blocks"] = blocks
            if metadata is not None:
                msg["metadata"] = metadata
            if thread_ts:
                msg["thread_ts"] = self._thread_root(msg["channel"], thread_ts)
            self._store_message(msg)
            return copy.deepcopy(msg)

    def expire_trigger(self, trigger_id: str) -> None:
        with self._lock:
            self._expired_triggers.add(trigger_id)

    def new_trigger_id(self) -> str:
        with self._lock:
            return f"{next(self._ids)}.{self.team_id}.fake{next(self._ids):08x}"

    def new_response_url(self) -> str:
        with self._lock:
            return f"{self.base_url}response/{next(self._ids)}"

    # -- fault injection ----------------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        error: str,
        count: int = 1,
        when: Callable[[dict[str, Any]], bool] | None = None,
    ) -> None:
        """The next `count` calls of `method` (matching `when(params)` if given) answer ok=false/error.

        `method` may be "*" for any method."""
        with self._lock:
            self._faults.setdefault(method, []).append(_Fault("error", count, error=error, when=when))

    def rate_limit_next(
        self,
        method: str,
        retry_after: int = 1,
        count: int = 1,
        when: Callable[[dict[str, Any]], bool] | None = None,
    ) -> None:
        """The next `count` calls of `method` answer HTTP 429 + Retry-After (nothing is stored)."""
        with self._lock:
            self._faults.setdefault(method, []).append(
                _Fault("ratelimit", count, error="ratelimited", retry_after=retry_after, when=when)
            )

    def delay(self, method: str, seconds: float) -> None:
        """Sleep `seconds` before processing each call of `method` ("*" = all); 0 removes."""
        with self._lock:
            if seconds > 0:
                self._delays[method] = seconds
            else:
                self._delays.pop(method, None)

    def enforce_rate_limits(
        self, per_channel_per_sec: float | None = 1.0, workspace_per_sec: float | None = None
    ) -> None:
        """Make chat.postMessage answer 429 when a channel (or the workspace) posts too fast.

        Sliding window: at most max(1, int(rate)) posts per max(1, int(rate))/rate seconds.
        Pass None for both to switch off."""
        with self._lock:
            self._channel_rate = per_channel_per_sec
            self._workspace_rate = workspace_per_sec
            self._channel_posts = {}
            self._workspace_posts = deque()

    def on_call(self, method: str, callback: Callable[[Call], None]) -> None:
        """Call `callback(call)` in the server thread after a call of `method` ("*" = any) was answered."""
        with self._lock:
            self._hooks.setdefault(method, []).append(callback)

    # -- queries ------------------------------------------------------------------------------------

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def posts_to(self, channel: str, *, ok_only: bool = False) -> list[Call]:
        """chat.postMessage calls addressed to `channel` (a U… id also matches its D… DM)."""
        want = {channel, self._normalize_channel(channel)}
        with self._lock:
            return [
                c
                for c in self.calls
                if c.method == "chat.postMessage"
                and (
                    str(c.params.get("channel")) in want
                    or self._normalize_channel(str(c.params.get("channel"))) in want
                )
                and (c.ok or not ok_only)
            ]

    def messages(
        self, channel: str | None = None, thread_ts: str | None = None, top_level_only: bool = False
    ) -> list[dict[str, Any]]:
        """Stored messages, oldest first (copies, each with a "channel" key).

        thread_ts=X returns the whole thread: the parent (ts == X) and its replies."""
        with self._lock:
            if channel is not None:
                pool = list(self._by_channel.get(self._normalize_channel(channel), []))
            else:
                pool = sorted(
                    (m for msgs in self._by_channel.values() for m in msgs), key=lambda m: _ts_key(m["ts"])
                )
            out = []
            for m in pool:
                if thread_ts is not None and thread_ts not in (m["ts"], m.get("thread_ts")):
                    continue
                if top_level_only and not self._is_top_level(m):
                    continue
                out.append(copy.deepcopy(m))
            return out

    def message(self, channel: str, ts: str) -> dict[str, Any] | None:
        with self._lock:
            found = self._find(self._normalize_channel(channel), ts)
            return copy.deepcopy(found) if found else None

    def wait_for(
        self,
        method: str,
        count: int = 1,
        timeout: float = 5.0,
        predicate: Callable[[Call], bool] | None = None,
    ) -> list[Call]:
        """Block until at least `count` calls of `method` (matching `predicate`) were processed."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = [c for c in self.calls if c.method == method and (predicate is None or predicate(c))]
                if len(found) >= count:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"FakeSlack: timed out after {timeout}s waiting for {count} call(s) to {method}"
                        f"{' matching predicate' if predicate else ''}; got {len(found)}.\n"
                        f"{self._describe_calls()}"
                    )
                self._cond.wait(min(remaining, 0.1))

    def wait_for_response(
        self,
        count: int = 1,
        timeout: float = 5.0,
        predicate: Callable[[dict[str, Any]], bool] | None = None,
    ) -> list[dict[str, Any]]:
        """Block until at least `count` response_url payloads (matching `predicate`) were received."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = [r for r in self.responses if predicate is None or predicate(r)]
                if len(found) >= count:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"FakeSlack: timed out after {timeout}s waiting for {count} response_url post(s)"
                        f"{' matching predicate' if predicate else ''}; got {len(found)} "
                        f"(of {len(self.responses)} recorded).\n{self._describe_calls()}"
                    )
                self._cond.wait(min(remaining, 0.1))

    def assert_no_validation_errors(self) -> None:
        with self._lock:
            problems = self.validation_errors + self.internal_errors + self.hook_errors
        if problems:
            raise AssertionError("FakeSlack recorded problems:\n  " + "\n  ".join(problems))

    def _describe_calls(self) -> str:
        lines = [f"  {c.method} -> {'ok' if c.ok else (c.error or c.status)}" for c in self.calls[-50:]]
        text = f"Recorded calls ({len(self.calls)}, last 50 shown):\n" + ("\n".join(lines) or "  (none)")
        if self.validation_errors:
            text += "\nValidation errors:\n  " + "\n  ".join(self.validation_errors)
        if self.internal_errors:
            text += "\nInternal errors:\n  " + "\n  ".join(self.internal_errors)
        return text

    # -- HTTP entry point ---------------------------------------------------------------------------

    def _serve(self, handler: _Handler) -> None:
        arrived = time.monotonic()
        try:
            body = handler.read_body()
            path = urlsplit(handler.path)
            headers = {k.lower(): v for k, v in handler.headers.items()}
            call: Call | None = None
            if path.path.startswith("/api/"):
                reply, call, hooks = self._handle_api(
                    path.path[len("/api/") :], path.query, headers, body, arrived
                )
            elif path.path.startswith("/upload/"):
                reply, hooks = self._handle_upload(path.path[len("/upload/") :], headers, body), []
            elif path.path.startswith("/response/"):
                reply, hooks = self._handle_response_url(handler.path, headers, body), []
            else:
                reply, hooks = _Reply(404, b"Not Found", "text/plain; charset=utf-8"), []
            handler.send(reply)
        except (BrokenPipeError, ConnectionResetError):
            return
        for hook in hooks:
            assert call is not None
            try:
                hook(call)
            except Exception:
                with self._lock:
                    self.hook_errors.append(f"on_call hook for {call.method}: {traceback.format_exc()}")

    def _handle_api(
        self, method: str, query: str, headers: dict[str, str], body: bytes, arrived: float
    ) -> tuple[_Reply, Call, list[Callable[[Call], None]]]:
        try:
            params = self._parse_params(query, headers.get("content-type", ""), body)
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
            self._cond.notify_all()
            hooks = [*self._hooks.get(method, []), *self._hooks.get("*", [])]
        return _json_reply(status, payload, extra_headers), call, hooks

    @staticmethod
    def _parse_params(query: str, content_type: str, body: bytes) -> dict[str, Any]:
        params: dict[str, Any] = dict(parse_qsl(query, keep_blank_values=True))
        ctype = content_type.split(";")[0].strip().lower()
        if body:
            if ctype == "application/json":
                data = json.loads(body.decode(_content_type_param(content_type, "charset") or "utf-8"))
                if not isinstance(data, dict):
                    raise ValueError("JSON body must be an object")
                params.update({k: v for k, v in data.items() if v is not None})
            elif ctype == "multipart/form-data":
                boundary = _content_type_param(content_type, "boundary")
                if not boundary:
                    raise ValueError("multipart body without boundary")
                for info, content in _parse_multipart(body, boundary):
                    name = info.get("name")
                    if not name:
                        continue
                    if "filename" in info:
                        params[name] = content
                    else:
                        params[name] = content.decode("utf-8")
            else:
                params.update(dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True)))
        _decode_json_fields(params)
        return params

    def _process(
        self, method: str, params: dict[str, Any], headers: dict[str, str]
    ) -> tuple[int, dict[str, Any], dict[str, str]]:
        auth_error = self._check_auth(headers, params, app_level=method in _APP_LEVEL_METHODS)
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
        except _ApiError as exc:
            return 200, {"ok": False, "error": exc.error, **exc.extra}, {}
        except _RateLimited as exc:
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

    def _take_fault(self, method: str, params: dict[str, Any]) -> _Fault | None:
        for key in (method, "*"):
            faults = self._faults.get(key)
            if not faults:
                continue
            for fault in faults:
                if fault.remaining > 0 and (fault.when is None or fault.when(params)):
                    fault.remaining -= 1
                    if fault.remaining <= 0:
                        faults.remove(fault)
                    return fault
        return None

    def _handle_upload(self, file_id: str, headers: dict[str, str], body: bytes) -> _Reply:
        content_type = headers.get("content-type", "")
        content = body
        if content_type.lower().startswith("multipart/form-data"):
            boundary = _content_type_param(content_type, "boundary")
            parts = _parse_multipart(body, boundary) if boundary else []
            with_file = [c for info, c in parts if "filename" in info]
            if with_file or parts:
                content = (with_file or [parts[0][1]])[0]
        with self._cond:
            pending = self._uploads.get(file_id)
            if pending is None:
                return _Reply(404, b"Not Found", "text/plain; charset=utf-8")
            pending.content = content
            self._cond.notify_all()
        return _Reply(200, f"OK - {len(content)}".encode(), "text/plain; charset=utf-8")

    def _handle_response_url(self, url_path: str, headers: dict[str, str], body: bytes) -> _Reply:
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
            return _json_reply(400, {"ok": False, "error": "invalid_payload"})
        _decode_json_fields(payload)
        with self._cond:
            uses = self._response_uses.get(url, 0)
            if self.response_url_max_uses is not None and uses >= self.response_url_max_uses:
                self.validation_errors.append(
                    f"response_url {url}: used more than {self.response_url_max_uses} times"
                )
                return _json_reply(404, {"ok": False, "error": "used_url"})
            errors = self._message_problems(
                payload, require_content=not _truthy(payload.get("delete_original"))
            )
            if errors:
                self.validation_errors.extend(f"response_url: {e}" for e in errors)
                return _json_reply(400, {"ok": False, "error": "invalid_blocks", "errors": errors})
            self._response_uses[url] = uses + 1
            self.responses.append({**payload, "_url": url})
            self._cond.notify_all()
        return _json_reply(200, {"ok": True})

    # -- state helpers (called with the lock held) --------------------------------------------------

    def _next_ts(self) -> str:
        now_us = int(time.time() * 1_000_000)
        self._last_ts_us = max(now_us, self._last_ts_us + 1)
        return f"{self._last_ts_us // 1_000_000}.{self._last_ts_us % 1_000_000:06d}"

    def _new_id(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids):010d}"

    def _normalize_channel(self, channel: str) -> str:
        if channel[:1] in ("U", "W") and channel not in self.channels:
            return "D" + channel
        return channel

    def _channel_info(self, channel: str) -> dict[str, Any]:
        if channel.startswith("D"):
            return {
                "id": channel,
                "created": int(time.time()),
                "is_im": True,
                "is_org_shared": False,
                "user": channel[1:],
                "is_user_deleted": False,
                "priority": 0,
                "is_open": True,
            }
        info = self.channels.get(channel)
        if info is None:
            raise _ApiError("channel_not_found")
        public = {k: v for k, v in info.items() if k != "members"}
        public["num_members"] = len(info.get("members", []))
        return public

    def _resolve_channel(self, raw_channel: Any, action: str) -> str:
        """action: "post" (write), "read" (history/replies), "info"."""
        if not raw_channel or not isinstance(raw_channel, str):
            raise _ApiError("channel_not_found")
        channel = self._normalize_channel(raw_channel)
        if channel.startswith("D"):
            return channel
        info = self.channels.get(channel)
        if info is None:
            if self.strict_channels:
                raise _ApiError("channel_not_found")
            info = self.add_channel(channel)
        if action == "info":
            return channel
        if action == "post" and info.get("is_archived"):
            raise _ApiError("is_archived")
        if not info.get("is_member"):
            raise _ApiError("not_in_channel")
        return channel

    def _find(self, channel: str, ts: Any) -> dict[str, Any] | None:
        if not ts:
            return None
        msgs = self._by_channel.get(channel, [])
        key = _ts_key(ts)
        i = bisect.bisect_left(msgs, key, key=lambda m: _ts_key(m["ts"]))
        if i < len(msgs) and _ts_key(msgs[i]["ts"]) == key:
            return msgs[i]
        return None

    def _thread_root(self, channel: str, thread_ts: str) -> str:
        parent = self._find(channel, thread_ts)
        if parent is not None and parent.get("thread_ts") and parent["thread_ts"] != parent["ts"]:
            return str(parent["thread_ts"])
        return thread_ts

    @staticmethod
    def _is_top_level(msg: dict[str, Any]) -> bool:
        thread_ts = msg.get("thread_ts")
        return not thread_ts or thread_ts == msg["ts"] or msg.get("subtype") == "thread_broadcast"

    def _store_message(self, msg: dict[str, Any]) -> None:
        msgs = self._by_channel.setdefault(msg["channel"], [])
        bisect.insort(msgs, msg, key=lambda m: _ts_key(m["ts"]))
        thread_ts = msg.get("thread_ts")
        if thread_ts and thread_ts != msg["ts"]:
            self._replies.setdefault((msg["channel"], thread_ts), []).append(msg["ts"])

    def _remove_message(self, msg: dict[str, Any]) -> None:
        self._by_channel[msg["channel"]].remove(msg)
        thread_ts = msg.get("thread_ts")
        replies = self._replies.get((msg["channel"], thread_ts)) if thread_ts else None
        if replies and msg["ts"] in replies:
            replies.remove(msg["ts"])

    def _public_message(self, msg: dict[str, Any], include_metadata: bool = True) -> dict[str, Any]:
        out = copy.deepcopy(msg)
        out.pop("channel", None)
        if not include_metadata:
            out.pop("metadata", None)
        replies = self._replies.get((msg["channel"], msg["ts"]))
        if replies:
            reply_msgs = [r for r in (self._find(msg["channel"], ts) for ts in replies) if r is not None]
            users = sorted({str(r.get("user")) for r in reply_msgs})
            out.update(
                thread_ts=msg["ts"],
                reply_count=len(reply_msgs),
                reply_users=users,
                reply_users_count=len(users),
                latest_reply=max((r["ts"] for r in reply_msgs), key=_ts_key, default=msg["ts"]),
            )
        elif msg.get("thread_ts") and msg["thread_ts"] != msg["ts"]:
            parent = self._find(msg["channel"], msg["thread_ts"])
            if parent is not None:
                out["parent_user_id"] = parent.get("user")
        return out

    def _message_problems(self, params: dict[str, Any], *, require_content: bool = True) -> list[str]:
        errors: list[str] = []
        blocks = params.get("blocks")
        if blocks is not None and blocks != []:
            errors.extend(validate_blocks(blocks))
        text = params.get("text")
        if text is not None and not isinstance(text, str):
            errors.append(f"text: must be a string, got {type(text).__name__}")
        elif isinstance(text, str) and len(text) > MAX_MESSAGE_TEXT:
            errors.append(f"text: longer than {MAX_MESSAGE_TEXT} characters ({len(text)})")
        if "metadata" in params and params["metadata"] is not None:
            errors.extend(validate_metadata(params["metadata"]))
        if require_content and not (text or blocks or params.get("attachments")):
            errors.append("message has no text, blocks or attachments (no_text)")
        return errors

    def _validate_message(self, method: str, params: dict[str, Any], *, require_content: bool = True) -> None:
        errors = self._message_problems(params, require_content=require_content)
        if not errors:
            return
        self.validation_errors.extend(f"{method}: {e}" for e in errors)
        if all(e.startswith("metadata:") for e in errors):
            error = "invalid_metadata"
        elif errors == ["message has no text, blocks or attachments (no_text)"]:
            error = "no_text"
        elif all(e.startswith("text:") for e in errors):
            error = "msg_too_long"
        elif any("invalid_blocks_format" in e for e in errors):
            error = "invalid_blocks_format"
        else:
            error = "invalid_blocks"
        raise _ApiError(
            error,
            errors=errors,
            response_metadata={"messages": [f"[ERROR] {e}" for e in errors]},
        )

    def _check_rate_limit(self, channel: str) -> None:
        now = time.monotonic()
        checks: list[tuple[deque[float], float]] = []
        if self._channel_rate:
            checks.append((self._channel_posts.setdefault(channel, deque()), self._channel_rate))
        if self._workspace_rate:
            checks.append((self._workspace_posts, self._workspace_rate))
        waits = []
        for times, rate in checks:
            limit = max(1, int(rate))
            window = limit / rate
            while times and times[0] <= now - window:
                times.popleft()
            if len(times) >= limit:
                waits.append(times[0] + window - now)
        if waits:
            raise _RateLimited(max(1, math.ceil(max(waits))))
        for times, _ in checks:
            times.append(now)

    def _bot_message(self, channel: str, params: dict[str, Any]) -> dict[str, Any]:
        msg: dict[str, Any] = {
            "type": "message",
            "channel": channel,
            "ts": self._next_ts(),
            "user": self.bot_user_id,
            "bot_id": self.bot_id,
            "app_id": self.app_id,
            "team": self.team_id,
            "text": params.get("text") or "",
        }
        for key in ("blocks", "attachments", "metadata", "username", "icon_emoji", "icon_url"):
            if params.get(key) not in (None, []):
                msg[key] = params[key]
        msg["bot_profile"] = {
            "id": self.bot_id,
            "app_id": self.app_id,
            "name": self.bot_name,
            "team_id": self.team_id,
        }
        return msg

    # -- API methods (called with the lock held) ----------------------------------------------------

    def _api_test(self, p: dict[str, Any]) -> dict[str, Any]:
        if p.get("error"):
            raise _ApiError(str(p["error"]))
        return {"ok": True, "args": {k: v for k, v in p.items() if k != "token"}}

    def _apps_connections_open(self, p: dict[str, Any]) -> dict[str, Any]:
        if self.socket_mode_url is None:
            raise _ApiError("socket_mode_not_enabled")
        sep = "&" if "?" in self.socket_mode_url else "?"
        return {"ok": True, "url": f"{self.socket_mode_url}{sep}ticket={self._new_id('ticket-')}"}

    def _auth_test(self, p: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "url": f"https://{self.team_domain}.slack.com/",
            "team": self.team_name,
            "user": self.bot_name,
            "team_id": self.team_id,
            "user_id": self.bot_user_id,
            "bot_id": self.bot_id,
            "is_enterprise_install": False,
        }

    def _team_info(self, p: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "team": {"id": self.team_id, "name": self.team_name, "domain": self.team_domain},
        }

    def _users_info(self, p: dict[str, Any]) -> dict[str, Any]:
        user = self.users.get(str(p.get("user") or ""))
        if user is None:
            raise _ApiError("user_not_found")
        return {"ok": True, "user": copy.deepcopy(user)}

    def _users_list(self, p: dict[str, Any]) -> dict[str, Any]:
        return self._paginate(list(self.users.values()), p, "members", default_limit=0)

    def _users_lookup_by_email(self, p: dict[str, Any]) -> dict[str, Any]:
        email = str(p.get("email") or "").lower()
        for user in self.users.values():
            if str(user.get("profile", {}).get("email", "")).lower() == email and email:
                return {"ok": True, "user": copy.deepcopy(user)}
        raise _ApiError("users_not_found")

    def _paginate(
        self, items: list[dict[str, Any]], p: dict[str, Any], key: str, default_limit: int = 100
    ) -> dict[str, Any]:
        limit = _as_int(p.get("limit"), default_limit)
        offset = int(_decode_cursor(p.get("cursor"), "offset:") or 0)
        page = items[offset : offset + limit] if limit > 0 else items[offset:]
        more = limit > 0 and offset + limit < len(items)
        return {
            "ok": True,
            key: copy.deepcopy(page),
            "response_metadata": {"next_cursor": _encode_cursor(f"offset:{offset + limit}") if more else ""},
        }

    def _conversations_open(self, p: dict[str, Any]) -> dict[str, Any]:
        if p.get("channel"):
            channel = str(p["channel"])
            return {"ok": True, "no_op": True, "already_open": True, "channel": {"id": channel}}
        users = _split_csv(p.get("users"))
        if not users:
            raise _ApiError("users_list_not_supplied")
        for uid in users:
            user = self.users.get(uid)
            if user is not None and user.get("deleted"):
                raise _ApiError("user_disabled")
        if len(users) == 1:
            channel = "D" + users[0]
        else:
            channel = "G" + "".join(sorted(users))
            if channel not in self.channels:
                self.add_channel(
                    channel, name="mpdm-" + "--".join(sorted(users)), is_private=True, members=users
                )
                self.channels[channel].update(is_mpim=True, is_group=False)
        already = channel in self._opened_dms
        self._opened_dms.add(channel)
        out: dict[str, Any] = {"ok": True, "channel": {"id": channel}}
        if already:
            out.update(no_op=True, already_open=True)
        if _truthy(p.get("return_im")):
            out["channel"] = self._channel_info(channel)
        return out

    def _conversations_join(self, p: dict[str, Any]) -> dict[str, Any]:
        channel = p.get("channel")
        if not channel or not isinstance(channel, str):
            raise _ApiError("channel_not_found")
        if channel[:1] in ("D", "U", "W"):
            raise _ApiError("method_not_supported_for_channel_type")
        info = self.channels.get(channel)
        if info is None:
            if self.strict_channels:
                raise _ApiError("channel_not_found")
            info = self.add_channel(channel, is_member=False)
        if info.get("is_private") or info.get("is_mpim"):
            raise _ApiError("method_not_supported_for_channel_type")
        if info.get("is_archived"):
            raise _ApiError("is_archived")
        out: dict[str, Any] = {"ok": True}
        if info.get("is_member"):
            out["warning"] = "already_in_channel"
            out["response_metadata"] = {"warnings": ["already_in_channel"]}
        info["is_member"] = True
        if self.bot_user_id not in info.setdefault("members", []):
            info["members"].append(self.bot_user_id)
        out["channel"] = self._channel_info(channel)
        return out

    def _conversations_info(self, p: dict[str, Any]) -> dict[str, Any]:
        channel = self._resolve_channel(p.get("channel"), "info")
        return {"ok": True, "channel": self._channel_info(channel)}

    def _conversations_list(self, p: dict[str, Any]) -> dict[str, Any]:
        types = set(_split_csv(p.get("types")) or ["public_channel"])
        exclude_archived = _truthy(p.get("exclude_archived"))
        out = []
        for cid, info in self.channels.items():
            kind = (
                "mpim"
                if info.get("is_mpim")
                else "private_channel"
                if info.get("is_private")
                else "public_channel"
            )
            if kind not in types or (exclude_archived and info.get("is_archived")):
                continue
            out.append(self._channel_info(cid))
        return self._paginate(out, p, "channels")

    def _conversations_members(self, p: dict[str, Any]) -> dict[str, Any]:
        channel = self._resolve_channel(p.get("channel"), "info")
        if channel.startswith("D"):
            members = [self.bot_user_id, channel[1:]]
        else:
            members = list(self.channels[channel].get("members", []))
        limit = _as_int(p.get("limit"), 100)
        offset = int(_decode_cursor(p.get("cursor"), "offset:") or 0)
        more = limit > 0 and offset + limit < len(members)
        return {
            "ok": True,
            "members": members[offset : offset + limit] if limit > 0 else members[offset:],
            "response_metadata": {"next_cursor": _encode_cursor(f"offset:{offset + limit}") if more else ""},
        }

    def _conversations_history(self, p: dict[str, Any]) -> dict[str, Any]:
        channel = self._resolve_channel(p.get("channel"), "read")
        inclusive = _truthy(p.get("inclusive"))
        oldest = _ts_key(p.get("oldest") or "0", "invalid_ts_oldest")
        latest_raw = p.get("latest")
        latest = _ts_key(latest_raw, "invalid_ts_latest") if latest_raw not in (None, "", "0") else None
        limit = _as_int(p.get("limit"), 100) or 100
        limit = min(limit, 999)
        before = _decode_cursor(p.get("cursor"), "before:")
        before_key = _ts_key(before) if before else None
        include_metadata = _truthy(p.get("include_all_metadata"))
        selected = []
        for msg in reversed(self._by_channel.get(channel, [])):
            if not self._is_top_level(msg):
                continue
            key = _ts_key(msg["ts"])
            if before_key is not None and key >= before_key:
                continue
            if key < oldest or (key == oldest and not inclusive and oldest):
                continue
            if latest is not None and (key > latest or (key == latest and not inclusive)):
                continue
            selected.append(msg)
            if len(selected) > limit:
                break
        page, more = selected[:limit], len(selected) > limit
        return {
            "ok": True,
            "messages": [self._public_message(m, include_metadata) for m in page],
            "has_more": more,
            "pin_count": 0,
            "channel_actions_ts": None,
            "channel_actions_count": 0,
            "response_metadata": {"next_cursor": _encode_cursor(f"before:{page[-1]['ts']}") if more else ""},
        }

    def _conversations_replies(self, p: dict[str, Any]) -> dict[str, Any]:
        channel = self._resolve_channel(p.get("channel"), "read")
        ts = p.get("ts")
        if not ts:
            raise _ApiError("invalid_arguments")
        target = self._find(channel, ts)
        if target is None:
            raise _ApiError("thread_not_found")
        root_ts = self._thread_root(channel, str(ts))
        root = self._find(channel, root_ts)
        thread = [root] if root is not None else []
        for reply_ts in self._replies.get((channel, root_ts), []):
            reply = self._find(channel, reply_ts)
            if reply is not None:
                thread.append(reply)
        thread.sort(key=lambda m: _ts_key(m["ts"]))
        inclusive = _truthy(p.get("inclusive"))
        oldest = _ts_key(p.get("oldest") or "0", "invalid_ts_oldest")
        latest_raw = p.get("latest")
        latest = _ts_key(latest_raw, "invalid_ts_latest") if latest_raw not in (None, "", "0") else None
        after = _decode_cursor(p.get("cursor"), "after:")
        after_key = _ts_key(after) if after else None
        limit = min(_as_int(p.get("limit"), 1000) or 1000, 1000)
        include_metadata = _truthy(p.get("include_all_metadata"))
        selected = []
        for msg in thread:
            key = _ts_key(msg["ts"])
            is_root = msg is root
            if after_key is not None and key <= after_key and not is_root:
                continue
            if not is_root and (key < oldest or (key == oldest and not inclusive and oldest)):
                continue
            if not is_root and latest is not None and (key > latest or (key == latest and not inclusive)):
                continue
            selected.append(msg)
        page, more = selected[:limit], len(selected) > limit
        return {
            "ok": True,
            "messages": [self._public_message(m, include_metadata) for m in page],
            "has_more": more,
            "response_metadata": {"next_cursor": _encode_cursor(f"after:{page[-1]['ts']}") if more else ""},
        }

    def _chat_post_message(self, p: dict[str, Any]) -> dict[str, Any]:
        channel = self._resolve_channel(p.get("channel"), "post")
        self._check_rate_limit(channel)
        self._validate_message("chat.postMessage", p)
        msg = self._bot_message(channel, p)
        if p.get("thread_ts"):
            msg["thread_ts"] = self._thread_root(channel, str(p["thread_ts"]))
            if _truthy(p.get("reply_broadcast")):
                msg["subtype"] = "thread_broadcast"
        self._store_message(msg)
        return {"ok": True, "channel": channel, "ts": msg["ts"], "message": self._public_message(msg)}

    def _chat_post_ephemeral(self, p: dict[str, Any]) -> dict[str, Any]:
        channel = self._resolve_channel(p.get("channel"), "post")
        if not p.get("user"):
            raise _ApiError("user_not_in_channel")
        self._validate_message("chat.postEphemeral", p)
        message_ts = self._next_ts()
        entry: dict[str, Any] = {
            "channel": channel,
            "user": p["user"],
            "text": p.get("text") or "",
            "message_ts": message_ts,
        }
        for key in ("blocks", "attachments", "thread_ts"):
            if p.get(key) not in (None, []):
                entry[key] = p[key]
        self.ephemerals.append(entry)
        return {"ok": True, "message_ts": message_ts}

    def _existing_message(self, p: dict[str, Any], ts_key: str = "ts") -> dict[str, Any]:
        channel = self._resolve_channel(p.get("channel"), "post")
        msg = self._find(channel, p.get(ts_key))
        if msg is None:
            raise _ApiError("message_not_found")
        return msg

    def _chat_update(self, p: dict[str, Any]) -> dict[str, Any]:
        msg = self._existing_message(p)
        if msg.get("user") != self.bot_user_id:
            raise _ApiError("cant_update_message")
        self._validate_message("chat.update", p, require_content=False)
        for key in ("text", "blocks", "attachments", "metadata"):
            if key in p and p[key] is not None:
                if p[key] == [] and key in ("blocks", "attachments"):
                    msg.pop(key, None)
                else:
                    msg[key] = p[key]
        msg["edited"] = {"user": self.bot_user_id, "ts": self._next_ts()}
        return {
            "ok": True,
            "channel": msg["channel"],
            "ts": msg["ts"],
            "text": msg.get("text", ""),
            "message": self._public_message(msg),
        }

    def _chat_delete(self, p: dict[str, Any]) -> dict[str, Any]:
        msg = self._existing_message(p)
        if msg.get("user") != self.bot_user_id:
            raise _ApiError("cant_delete_message")
        self._remove_message(msg)
        return {"ok": True, "channel": msg["channel"], "ts": msg["ts"]}

    def _chat_get_permalink(self, p: dict[str, Any]) -> dict[str, Any]:
        channel = self._resolve_channel(p.get("channel"), "info")
        msg = self._find(channel, p.get("message_ts"))
        if msg is None:
            raise _ApiError("message_not_found")
        return {
            "ok": True,
            "channel": channel,
            "permalink": f"https://{self.team_domain}.slack.com/archives/{channel}/p{msg['ts'].replace('.', '')}",
        }

    def _reactions_add(self, p: dict[str, Any]) -> dict[str, Any]:
        name = str(p.get("name") or "").strip(":")
        if not name:
            raise _ApiError("invalid_name")
        msg = self._existing_message(p, "timestamp")
        reactions = msg.setdefault("reactions", [])
        for reaction in reactions:
            if reaction["name"] == name:
                if self.bot_user_id in reaction["users"]:
                    raise _ApiError("already_reacted")
                reaction["users"].append(self.bot_user_id)
                reaction["count"] += 1
                return {"ok": True}
        reactions.append({"name": name, "users": [self.bot_user_id], "count": 1})
        return {"ok": True}

    def _reactions_remove(self, p: dict[str, Any]) -> dict[str, Any]:
        name = str(p.get("name") or "").strip(":")
        msg = self._existing_message(p, "timestamp")
        for reaction in msg.get("reactions", []):
            if reaction["name"] == name and self.bot_user_id in reaction["users"]:
                reaction["users"].remove(self.bot_user_id)
                reaction["count"] -= 1
                if reaction["count"] <= 0:
                    msg["reactions"].remove(reaction)
                return {"ok": True}
        raise _ApiError("no_reaction")

    # views

    def _check_trigger(self, p: dict[str, Any]) -> None:
        trigger = p.get("trigger_id") or p.get("interactivity_pointer")
        if not trigger:
            raise _ApiError(
                "invalid_arguments", response_metadata={"messages": ["[ERROR] missing trigger_id"]}
            )
        if trigger in self._expired_triggers:
            raise _ApiError("expired_trigger_id")

    def _checked_view(self, method: str, p: dict[str, Any]) -> dict[str, Any]:
        view = p.get("view")
        if view is None:
            raise _ApiError("invalid_arguments", response_metadata={"messages": ["[ERROR] missing view"]})
        errors = validate_view(view)
        if errors:
            self.validation_errors.extend(f"{method}: {e}" for e in errors)
            raise _ApiError(
                "invalid_blocks",
                errors=errors,
                response_metadata={"messages": [f"[ERROR] {e}" for e in errors]},
            )
        assert isinstance(view, dict)
        return view

    def _store_view(
        self,
        view: dict[str, Any],
        *,
        view_id: str | None = None,
        root_view_id: str | None = None,
        previous_view_id: str | None = None,
    ) -> dict[str, Any]:
        view_id = view_id or self._new_id("V")
        stored: dict[str, Any] = {
            "id": view_id,
            "team_id": self.team_id,
            "type": view.get("type"),
            "private_metadata": "",
            "callback_id": "",
            "external_id": "",
            "clear_on_close": False,
            "notify_on_close": False,
            **{k: v for k, v in view.items() if k not in ("id", "hash", "state")},
            "state": {"values": {}},
            "hash": f"{int(time.time())}.{next(self._ids):08x}",
            "root_view_id": root_view_id or view_id,
            "previous_view_id": previous_view_id,
            "app_id": self.app_id,
            "bot_id": self.bot_id,
        }
        self.views[view_id] = stored
        return copy.deepcopy(stored)

    def _views_open(self, p: dict[str, Any]) -> dict[str, Any]:
        self._check_trigger(p)
        view = self._checked_view("views.open", p)
        return {"ok": True, "view": self._store_view(view)}

    def _views_push(self, p: dict[str, Any]) -> dict[str, Any]:
        self._check_trigger(p)
        view = self._checked_view("views.push", p)
        return {"ok": True, "view": self._store_view(view)}

    def _views_update(self, p: dict[str, Any]) -> dict[str, Any]:
        view_id, external_id = p.get("view_id"), p.get("external_id")
        if not view_id and not external_id:
            raise _ApiError("invalid_arguments", response_metadata={"messages": ["[ERROR] view_id required"]})
        view = self._checked_view("views.update", p)
        current = None
        if view_id:
            current = self.views.get(str(view_id))
        else:
            current = next((v for v in self.views.values() if v.get("external_id") == external_id), None)
        if current is None:
            raise _ApiError("not_found")
        if p.get("hash") and p["hash"] != current["hash"]:
            raise _ApiError("hash_conflict")
        return {
            "ok": True,
            "view": self._store_view(
                view,
                view_id=current["id"],
                root_view_id=current.get("root_view_id"),
                previous_view_id=current.get("previous_view_id"),
            ),
        }

    def _views_publish(self, p: dict[str, Any]) -> dict[str, Any]:
        user_id = str(p.get("user_id") or "")
        if not user_id:
            raise _ApiError("invalid_arguments")
        view = self._checked_view("views.publish", p)
        if view.get("type") != "home":
            self.validation_errors.append("views.publish: view type must be home")
            raise _ApiError("invalid_arguments")
        existing = self.home_views.get(user_id)
        if existing and p.get("hash") and p["hash"] != self.views[existing]["hash"]:
            raise _ApiError("hash_conflict")
        stored = self._store_view(view, view_id=existing)
        self.home_views[user_id] = stored["id"]
        return {"ok": True, "view": stored}

    # files

    def _files_get_upload_url_external(self, p: dict[str, Any]) -> dict[str, Any]:
        filename = p.get("filename")
        if not filename:
            raise _ApiError("invalid_arguments")
        length = _as_int(p.get("length"), -1)
        if length < 0:
            raise _ApiError("invalid_arguments")
        file_id = self._new_id("F")
        self._uploads[file_id] = _PendingUpload(str(filename), length)
        return {"ok": True, "upload_url": f"{self.base_url}upload/{file_id}", "file_id": file_id}

    def _file_object(self, file_id: str, f: UploadedFile) -> dict[str, Any]:
        mimetype = mimetypes.guess_type(f.filename)[0] or "application/octet-stream"
        return {
            "id": file_id,
            "created": int(time.time()),
            "timestamp": int(time.time()),
            "name": f.filename,
            "title": f.title or f.filename,
            "mimetype": mimetype,
            "filetype": f.filename.rsplit(".", 1)[-1] if "." in f.filename else "binary",
            "user": self.bot_user_id,
            "size": len(f.content),
            "channels": [f.channel_id] if f.channel_id else [],
            "url_private": f"{self.base_url}files/{file_id}/{f.filename}",
            "permalink": f"https://{self.team_domain}.slack.com/files/{self.bot_user_id}/{file_id}/{f.filename}",
        }

    def _files_complete_upload_external(self, p: dict[str, Any]) -> dict[str, Any]:
        files = p.get("files")
        if not isinstance(files, list) or not files:
            raise _ApiError("invalid_arguments")
        channel_id = p.get("channel_id") or next(iter(_split_csv(p.get("channels"))), None)
        channel = self._resolve_channel(channel_id, "post") if channel_id else None
        thread_ts = str(p["thread_ts"]) if p.get("thread_ts") else None
        completed: list[tuple[str, UploadedFile]] = []
        for entry in files:
            if not isinstance(entry, dict) or not entry.get("id"):
                raise _ApiError("invalid_arguments")
            file_id = str(entry["id"])
            pending = self._uploads.get(file_id)
            if pending is None or pending.content is None:
                raise _ApiError("file_not_found", detail=f"no bytes were uploaded for {file_id}")
            completed.append(
                (
                    file_id,
                    UploadedFile(
                        filename=pending.filename,
                        title=entry.get("title"),
                        content=pending.content,
                        channel_id=channel,
                        initial_comment=p.get("initial_comment"),
                        thread_ts=thread_ts,
                        file_id=file_id,
                    ),
                )
            )
        objects = []
        for file_id, uploaded in completed:
            del self._uploads[file_id]
            self.files[file_id] = uploaded
            objects.append(self._file_object(file_id, uploaded))
        if channel is not None:
            msg = self._bot_message(channel, {"text": p.get("initial_comment") or ""})
            msg["files"] = copy.deepcopy(objects)
            msg["upload"] = True
            if thread_ts:
                msg["thread_ts"] = self._thread_root(channel, thread_ts)
            self._store_message(msg)
        return {"ok": True, "files": objects}

    def _files_info(self, p: dict[str, Any]) -> dict[str, Any]:
        file_id = str(p.get("file") or "")
        f = self.files.get(file_id)
        if f is None:
            raise _ApiError("file_not_found")
        return {"ok": True, "file": self._file_object(file_id, f)}
