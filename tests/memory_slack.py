"""An in-memory Slack gateway for the service tests: no HTTP, every call recorded.

It also holds the bot to a rule: no Slack call while a database transaction is open on the
calling thread (``transactions_open`` is counted by :func:`watch_transactions`).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

from slack_api.gateway import Payload, SlackError

_open = threading.local()


def transactions_open() -> int:
    return int(getattr(_open, "count", 0))


_watched: set[int] = set()


def watch_transactions(engine: Engine) -> None:
    """Count the transactions open on each thread (begin → commit/rollback); once per engine,
    however many test modules ask."""
    if id(engine) in _watched:
        return
    _watched.add(id(engine))

    def began(_conn: Any) -> None:
        _open.count = transactions_open() + 1

    def ended(_conn: Any) -> None:
        _open.count = max(0, transactions_open() - 1)

    event.listen(engine, "begin", began)
    event.listen(engine, "commit", ended)
    event.listen(engine, "rollback", ended)


@dataclass
class Call:
    method: str
    args: dict[str, Any]


@dataclass
class MemorySlack:
    """Answers like Slack for the calls the services make; ``fail[method] = "error"`` makes that
    method fail with Slack's error code."""

    team_id: str = "T1"
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    fail: dict[str, str] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    _ts: int = 0

    def add_user(self, user_id: str, name: str, *, is_admin: bool = False) -> None:
        self.users[user_id] = {
            "id": user_id,
            "name": name,
            "profile": {"display_name": name},
            "is_admin": is_admin,
        }

    def _call(self, method: str, **args: Any) -> None:
        assert transactions_open() == 0, f"{method} called inside a database transaction"
        self.calls.append(Call(method, args))
        if method in self.fail:
            raise SlackError(self.fail[method], method)

    def called(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def post(
        self,
        channel: str,
        payload: Payload,
        *,
        thread_ts: str | None = None,
        metadata: Payload | None = None,
        paced: bool = False,
    ) -> str:
        self._call("chat.postMessage", channel=channel, thread_ts=thread_ts, metadata=metadata, **payload)
        self._ts += 1
        return f"1700000000.{self._ts:06d}"

    def post_ephemeral(self, channel: str, user: str, payload: Payload) -> None:
        self._call("chat.postEphemeral", channel=channel, user=user, **payload)

    def update(self, channel: str, ts: str, payload: Payload) -> None:
        self._call("chat.update", channel=channel, ts=ts, **payload)

    def react(self, channel: str, ts: str, name: str) -> None:
        self._call("reactions.add", channel=channel, timestamp=ts, name=name)

    def open_view(self, trigger_id: str, view: Payload) -> None:
        self._call("views.open", trigger_id=trigger_id, view=view)

    def upload(self, channel: str, *, filename: str, content: bytes | Path, title: str, comment: str) -> None:
        data = content.read_bytes() if isinstance(content, Path) else content
        self._call("files.upload", channel=channel, filename=filename, content=data, comment=comment)

    def open_dm(self, user: str) -> str:
        self._call("conversations.open", users=user)
        return "D" + user

    def join(self, channel: str) -> None:
        self._call("conversations.join", channel=channel)

    def history(self, channel: str, *, oldest: str, cursor: str | None) -> tuple[list[Payload], str | None]:
        self._call("conversations.history", channel=channel, oldest=oldest)
        return [], None

    def user_info(self, user: str) -> Payload | None:
        self._call("users.info", user=user)
        return self.users.get(user)

    def users_page(self, cursor: str | None) -> tuple[list[Payload], str | None]:
        self._call("users.list")
        return list(self.users.values()), None

    def publish_home(self, user: str, view: Payload) -> None:
        self._call("views.publish", user_id=user, view=view)

    def permalink(self, channel: str, ts: str) -> str:
        self._call("chat.getPermalink", channel=channel, message_ts=ts)
        return f"https://acme.slack.com/archives/{channel}/p{ts.replace('.', '')}"
