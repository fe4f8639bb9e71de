"""The Slack gateway: the handful of Web API calls the bot makes, for one workspace.

Services talk to :class:`Gateway` (a protocol), never to ``slack_sdk``: :class:`WebGateway` is
the real one over a ``WebClient``; the service tests use an in-memory one. Every Slack error
comes out as :class:`SlackError` with Slack's error code.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol, TypeVar

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from slack_api import telemetry

logger = logging.getLogger(__name__)

Payload = dict[str, Any]
T = TypeVar("T")


class SlackError(Exception):
    """A Web API call failed; ``error`` is Slack's code (``channel_not_found``, …); a ``429``
    is ``ratelimited`` with Slack's ``Retry-After`` in ``retry_after`` (seconds)."""

    def __init__(self, error: str, method: str = "", *, retry_after: float | None = None) -> None:
        super().__init__(f"{method}: {error}" if method else error)
        self.error = error
        self.method = method
        self.retry_after = retry_after


class Gateway(Protocol):
    """What the services may ask of Slack, in one workspace."""

    team_id: str

    def post(
        self,
        channel: str,
        payload: Payload,
        *,
        thread_ts: str | None = None,
        metadata: Payload | None = None,
        paced: bool = False,
    ) -> str: ...

    def post_ephemeral(self, channel: str, user: str, payload: Payload) -> None: ...

    def update(self, channel: str, ts: str, payload: Payload) -> None: ...

    def react(self, channel: str, ts: str, name: str) -> None: ...

    def open_view(self, trigger_id: str, view: Payload) -> None: ...

    def upload(
        self, channel: str, *, filename: str, content: bytes | Path, title: str, comment: str
    ) -> None: ...

    def open_dm(self, user: str) -> str: ...

    def join(self, channel: str) -> None: ...

    def history(
        self, channel: str, *, oldest: str, cursor: str | None
    ) -> tuple[list[Payload], str | None]: ...

    def user_info(self, user: str) -> Payload | None: ...

    def users_page(self, cursor: str | None) -> tuple[list[Payload], str | None]: ...

    def publish_home(self, user: str, view: Payload) -> None: ...

    def permalink(self, channel: str, ts: str) -> str: ...


@contextmanager
def _translated(method: str) -> Iterator[None]:
    try:
        yield
    except SlackApiError as e:
        retry_after = None
        if e.response.status_code == 429:
            headers = {k.lower(): v for k, v in (e.response.headers or {}).items()}
            value: Any = headers.get("retry-after")
            if isinstance(value, list):
                value = value[0] if value else None
            try:
                retry_after = float(value) if value is not None else 1.0
            except (TypeError, ValueError):
                retry_after = 1.0
        raise SlackError(
            str(e.response.get("error") or "unknown_error"), method, retry_after=retry_after
        ) from e


class WebGateway:
    """The gateway over a real ``WebClient`` (its base URL, token and retry handlers are the
    client's). DM channel ids are remembered: ``conversations.open`` once per person."""

    def __init__(self, client: WebClient, *, team_id: str) -> None:
        self.client = client
        self.team_id = team_id
        self._dms: dict[str, str] = {}
        self._opening: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()
        self._paced: WebClient | None = None

    def _paced_client(self) -> WebClient:
        """The same client without its own 429 retries: a paced caller handles the 429 itself."""
        with self._lock:
            if self._paced is None:
                c = self.client
                self._paced = WebClient(token=c.token, base_url=c.base_url, timeout=c.timeout)
                self._paced.retry_handlers = [
                    h for h in c.retry_handlers if not isinstance(h, RateLimitErrorRetryHandler)
                ]
            return self._paced

    def _call(self, method: str, call: Callable[[], T]) -> T:
        with _translated(method):
            return call()

    def post(
        self,
        channel: str,
        payload: Payload,
        *,
        thread_ts: str | None = None,
        metadata: Payload | None = None,
        paced: bool = False,
    ) -> str:
        """Post a message; its ts. ``paced``: a 429 is not retried here but raised (``SlackError``
        ``ratelimited`` with ``retry_after``), for a caller that paces itself by them."""
        extra: Payload = {}
        if thread_ts:
            extra["thread_ts"] = thread_ts
        if metadata is not None:
            extra["metadata"] = metadata
        client = self._paced_client() if paced else self.client
        try:
            resp = self._call(
                "chat.postMessage", lambda: client.chat_postMessage(channel=channel, **extra, **payload)
            )
        except SlackError as e:
            if e.error != "ratelimited":  # a 429 is counted as such (telemetry.RateLimitCounter)
                telemetry.count_post("failed")
            raise
        except Exception:
            telemetry.count_post("failed")
            raise
        telemetry.count_post("sent")
        return str(resp["ts"])

    def post_ephemeral(self, channel: str, user: str, payload: Payload) -> None:
        self._call(
            "chat.postEphemeral",
            lambda: self.client.chat_postEphemeral(channel=channel, user=user, **payload),
        )

    def update(self, channel: str, ts: str, payload: Payload) -> None:
        self._call("chat.update", lambda: self.client.chat_update(channel=channel, ts=ts, **payload))

    def react(self, channel: str, ts: str, name: str) -> None:
        self._call(
            "reactions.add", lambda: self.client.reactions_add(channel=channel, timestamp=ts, name=name)
        )

    def open_view(self, trigger_id: str, view: Payload) -> None:
        self._call("views.open", lambda: self.client.views_open(trigger_id=trigger_id, view=view))

    def upload(self, channel: str, *, filename: str, content: bytes | Path, title: str, comment: str) -> None:
        """Upload bytes, or a file on disk (``content`` a path: read from there, not held here)."""
        source: Payload = {"file": str(content)} if isinstance(content, Path) else {"content": content}
        self._call(
            "files.upload",
            lambda: self.client.files_upload_v2(
                channel=channel, filename=filename, title=title, initial_comment=comment, **source
            ),
        )

    def open_dm(self, user: str) -> str:
        """The direct message channel with ``user``: ``conversations.open`` once per person, also
        when several threads (a job's fan-out) ask at the same time."""
        with self._lock:
            known = self._dms.get(user)
            opening = self._opening.setdefault(user, threading.Lock())
        if known:
            return known
        with opening:
            with self._lock:
                known = self._dms.get(user)
            if known:
                return known
            resp = self._call("conversations.open", lambda: self.client.conversations_open(users=user))
            channel = str(resp["channel"]["id"])
            with self._lock:
                self._dms[user] = channel
        return channel

    def join(self, channel: str) -> None:
        self._call("conversations.join", lambda: self.client.conversations_join(channel=channel))

    def history(self, channel: str, *, oldest: str, cursor: str | None) -> tuple[list[Payload], str | None]:
        resp = self._call(
            "conversations.history",
            lambda: self.client.conversations_history(
                channel=channel, oldest=oldest, limit=200, include_all_metadata=True, cursor=cursor
            ),
        )
        return list(resp.get("messages") or []), (resp.get("response_metadata") or {}).get(
            "next_cursor"
        ) or None

    def user_info(self, user: str) -> Payload | None:
        """The user, or ``None`` when Slack does not know them (not found, not visible)."""
        try:
            resp = self._call("users.info", lambda: self.client.users_info(user=user))
        except SlackError as e:
            if e.error in ("user_not_found", "user_not_visible"):
                return None
            raise
        found: Payload = resp.get("user") or {}
        return found

    def users_page(self, cursor: str | None) -> tuple[list[Payload], str | None]:
        resp = self._call("users.list", lambda: self.client.users_list(limit=200, cursor=cursor))
        return list(resp.get("members") or []), (resp.get("response_metadata") or {}).get(
            "next_cursor"
        ) or None

    def publish_home(self, user: str, view: Payload) -> None:
        """Set the person's Home tab (``views.publish``)."""
        self._call("views.publish", lambda: self.client.views_publish(user_id=user, view=view))

    def permalink(self, channel: str, ts: str) -> str:
        """A link to a message (``chat.getPermalink``)."""
        resp = self._call(
            "chat.getPermalink", lambda: self.client.chat_getPermalink(channel=channel, message_ts=ts)
        )
        return str(resp["permalink"])


def tell_privately(slack: Gateway, *, channel: str | None, user: str, payload: Payload) -> None:
    """Tell one person something: ephemeral in the channel they were in, else by DM. A failure
    is logged (with its traceback) and swallowed: the person's action itself has succeeded."""
    if channel:
        try:
            slack.post_ephemeral(channel, user, payload)
            return
        except SlackError as e:
            logger.info("chat.postEphemeral to %s failed (%s); sending a DM", channel, e.error)
    try:
        slack.post(user, payload)
    except SlackError:
        logger.exception("could not tell %s privately", user)
