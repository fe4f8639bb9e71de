"""What the fake Slack holds: its identity, users and channels, and what it recorded.

``SlackState`` is the base of ``FakeSlack``: the other modules add to it as mixins (the
workspace's messages, fault injection and rate limits, queries, the Web API methods, the HTTP
server). State is read and written with ``_lock`` held.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar


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
class Fault:
    """An answer injected by fail_next / rate_limit_next for the next calls of a method."""

    kind: str  # "error" | "ratelimit"
    remaining: int
    error: str = ""
    retry_after: int = 1
    when: Callable[[dict[str, Any]], bool] | None = None


@dataclass
class PendingUpload:
    """A file between files.getUploadURLExternal and files.completeUploadExternal."""

    filename: str
    length: int | None
    content: bytes | None = None


class SlackState:
    """Identity, behaviour switches, configuration and recorded state of a ``FakeSlack``."""

    DEFAULT_TOKEN: ClassVar[str] = "xoxb-fake-token"

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._cond = threading.Condition(self._lock)
        self._port = 0
        # Set by mount(): the fake is served by another HTTP server (the sandbox's one port).
        self._mounted_url: str | None = None
        # The wall clock of this Slack (message timestamps); the sandbox sets its own clock.
        self.now: Callable[[], float] = time.time
        # What a person sees changed (a message, a view, a reaction): version + listeners.
        self.version = 0
        self._change_listeners: list[Callable[[], None]] = []

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
        # The slash commands installed in this workspace (command -> the app's request URL), and
        # the app's message shortcuts (callback_id -> name, as its manifest lists them)
        self.commands: dict[str, str] = {}
        self.message_shortcuts: dict[str, str] = {}

        # recorded state (cleared by reset())
        self._init_recorded_state()

    def _init_recorded_state(self) -> None:
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
        self._by_channel: dict[str, list[dict[str, Any]]] = {}
        self._replies: dict[tuple[str, str], list[str]] = {}
        self._last_ts_us = 0
        self._faults: dict[str, list[Fault]] = {}
        self._delays: dict[str, float] = {}
        self._hooks: dict[str, list[Callable[[Call], None]]] = {}
        self._channel_rate: float | None = None
        self._workspace_rate: float | None = None
        self._channel_posts: dict[str, deque[float]] = {}
        self._workspace_posts: deque[float] = deque()
        self._expired_triggers: set[str] = set()
        self._uploads: dict[str, PendingUpload] = {}
        self._response_uses: dict[str, int] = {}
        self._opened_dms: set[str] = set()
        self._ids = itertools.count(1)
        # The Slack client's side: who a trigger_id belongs to, each person's open modals (view
        # ids, the top one last), and where a response_url answers (slackfake/responses.py).
        self.trigger_users: dict[str, str] = {}
        self.modal_stacks: dict[str, list[str]] = {}
        self.response_contexts: dict[str, dict[str, Any]] = {}

    @property
    def port(self) -> int:
        return self._port

    @property
    def base_url(self) -> str:
        if self._mounted_url is not None:
            return self._mounted_url
        if not self._port:
            raise RuntimeError("FakeSlack is not started")
        return f"http://127.0.0.1:{self._port}/"

    def mount(self, base_url: str) -> None:
        """Be served by another HTTP server at ``base_url`` (which passes its requests to
        ``handle_http``) instead of starting a server of its own."""
        with self._lock:
            self._mounted_url = base_url if base_url.endswith("/") else base_url + "/"

    def on_change(self, listener: Callable[[], None]) -> None:
        """Call ``listener()`` (it must not block) whenever something a person sees changed."""
        with self._lock:
            self._change_listeners.append(listener)

    def _changed(self) -> None:
        """Something a person sees changed (called with the lock held)."""
        self.version += 1
        self._cond.notify_all()
        for listener in self._change_listeners:
            listener()

    @property
    def api_url(self) -> str:
        return self.base_url + "api/"

    def reset(self) -> None:
        """Forget calls, messages, files, views, responses, faults, delays, hooks and rate limits.

        Users, channels (incl. membership) and identity settings are kept."""
        with self._lock:
            self._init_recorded_state()

    def _next_ts(self) -> str:
        now_us = int(self.now() * 1_000_000)
        self._last_ts_us = max(now_us, self._last_ts_us + 1)
        return f"{self._last_ts_us // 1_000_000}.{self._last_ts_us % 1_000_000:06d}"

    def _new_id(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids):010d}"
