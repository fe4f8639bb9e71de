"""Reading what the bot sent to Slack: texts of messages, blocks and views."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from slackfake import FakeSlack


def text_objects(obj: Any) -> Iterator[dict[str, Any]]:
    """Every Block Kit text object (``{"type": "mrkdwn"|"plain_text", "text": …}``) inside ``obj``."""
    if isinstance(obj, dict):
        if obj.get("type") in ("mrkdwn", "plain_text") and isinstance(obj.get("text"), str):
            yield obj
        for value in obj.values():
            yield from text_objects(value)
    elif isinstance(obj, list):
        for value in obj:
            yield from text_objects(value)


def mrkdwn_texts(payload: dict[str, Any]) -> list[str]:
    """The texts Slack parses as mrkdwn: the top-level ``text`` and every mrkdwn text object."""
    out = [payload["text"]] if isinstance(payload.get("text"), str) else []
    out += [o["text"] for o in text_objects(payload.get("blocks") or []) if o["type"] == "mrkdwn"]
    if isinstance(payload.get("initial_comment"), str):
        out.append(payload["initial_comment"])
    return out


def all_texts(payload: dict[str, Any]) -> list[str]:
    out = [payload["text"]] if isinstance(payload.get("text"), str) else []
    out += [o["text"] for o in text_objects(payload.get("blocks") or [])]
    return out


def body(payload: dict[str, Any]) -> str:
    """Everything readable in a message, joined by newlines (for ``in`` checks)."""
    return "\n".join(all_texts(payload))


def sections(payload: dict[str, Any]) -> list[str]:
    return [b["text"]["text"] for b in payload.get("blocks") or [] if b.get("type") == "section"]


def sent_payloads(fake: FakeSlack) -> list[dict[str, Any]]:
    """Every message-like payload the bot sent: response_url posts, Web API call params
    (chat.*, files.completeUploadExternal) and views."""
    out = [dict(r) for r in fake.responses]
    for call in fake.calls:
        if call.method.startswith("chat.") or call.method == "files.completeUploadExternal":
            out.append(dict(call.params))
        elif call.method.startswith("views.") and isinstance(call.params.get("view"), dict):
            out.append({"blocks": call.params["view"].get("blocks", [])})
    return out
