"""Where a ``response_url`` answer goes, as in Slack: an ephemeral message for the person who
ran the command or pressed the button (the default), a message in the channel
(``response_type: in_channel``), or a change to the message the button was on
(``replace_original`` / ``delete_original``) — an ephemeral one or a real one.

A response_url made with :meth:`ResponseUrls.register_response_url` knows where it was made; one
made with ``new_response_url`` (most tests) is only recorded in ``responses``.
"""

from __future__ import annotations

import copy
from typing import Any

from slackfake.params import truthy
from slackfake.workspace import Workspace

_CONTENT_KEYS = ("text", "blocks", "attachments")


class ResponseUrls(Workspace):
    """Ephemeral messages and the effects of response_url answers."""

    def register_response_url(
        self,
        *,
        channel: str,
        user: str,
        message_ts: str | None = None,
        ephemeral: bool = False,
        thread_ts: str | None = None,
        origin: str = "",
    ) -> str:
        """A fresh response_url for ``user`` in ``channel``; ``message_ts`` names the message
        a button was on (``ephemeral`` when that message was one); ``origin``: the command
        typed (the page shows it above the answer)."""
        url = self.new_response_url()
        with self._lock:
            self.response_contexts[url] = {
                "channel": self._normalize_channel(channel),
                "user": user,
                "message_ts": message_ts,
                "ephemeral": ephemeral,
                "thread_ts": thread_ts,
                "origin": origin,
            }
        return url

    def add_ephemeral(
        self,
        channel: str,
        user: str,
        payload: dict[str, Any],
        *,
        thread_ts: str | None = None,
        via: str = "chat.postEphemeral",
        **extra: Any,
    ) -> dict[str, Any]:
        """Store a message only ``user`` sees in ``channel``; returns it (with its ``message_ts``)."""
        with self._lock:
            entry: dict[str, Any] = {
                "channel": self._normalize_channel(channel),
                "user": user,
                "text": payload.get("text") or "",
                "message_ts": self._next_ts(),
                "via": via,
                **extra,
            }
            for key in ("blocks", "attachments"):
                if payload.get(key) not in (None, []):
                    entry[key] = copy.deepcopy(payload[key])
            if thread_ts:
                entry["thread_ts"] = thread_ts
            self.ephemerals.append(entry)
            self._changed()
            return copy.deepcopy(entry)

    def ephemerals_for(self, user: str, channel: str) -> list[dict[str, Any]]:
        """What ``user`` alone sees in ``channel``, oldest first (copies)."""
        with self._lock:
            channel = self._normalize_channel(channel)
            return [
                copy.deepcopy(e) for e in self.ephemerals if e["user"] == user and e["channel"] == channel
            ]

    def _find_ephemeral(self, user: str, message_ts: str) -> dict[str, Any] | None:
        return next((e for e in self.ephemerals if e["user"] == user and e["message_ts"] == message_ts), None)

    def _apply_response(self, url: str, payload: dict[str, Any]) -> None:
        """What Slack does with a response_url answer (called with the lock held)."""
        ctx = self.response_contexts.get(url)
        if ctx is None:
            return
        channel, user, original = ctx["channel"], ctx["user"], ctx.get("message_ts")
        content = {k: payload[k] for k in _CONTENT_KEYS if k in payload}
        if original and (truthy(payload.get("delete_original")) or truthy(payload.get("replace_original"))):
            delete = truthy(payload.get("delete_original"))
            if ctx.get("ephemeral"):
                found = self._find_ephemeral(user, original)
                if found is not None:
                    if delete:
                        self.ephemerals.remove(found)
                    else:
                        _replace_content(found, content)
            else:
                msg = self._find(channel, original)
                if msg is not None and msg.get("user") == self.bot_user_id:
                    if delete:
                        self._remove_message(msg)
                    else:
                        _replace_content(msg, content)
                        msg["edited"] = {"user": self.bot_user_id, "ts": self._next_ts()}
            return
        if payload.get("response_type") == "in_channel":
            msg = self._bot_message(channel, content)
            if ctx.get("thread_ts"):
                msg["thread_ts"] = self._thread_root(channel, str(ctx["thread_ts"]))
            self._store_message(msg)
            return
        self.add_ephemeral(
            channel,
            user,
            content,
            thread_ts=ctx.get("thread_ts"),
            via="response_url",
            origin=ctx.get("origin"),
        )


def _replace_content(target: dict[str, Any], content: dict[str, Any]) -> None:
    """The original message's text, blocks and attachments become the answer's."""
    target["text"] = content.get("text") or ""
    for key in ("blocks", "attachments"):
        if content.get(key) not in (None, []):
            target[key] = copy.deepcopy(content[key])
        else:
            target.pop(key, None)
