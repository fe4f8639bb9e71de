"""Events API: replies in the thread of a sync prompt are progress on its measures."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App

from domain.command_text import unescape_slack
from handlers.events import home
from services import thread_replies
from services.deps import Deps

logger = logging.getLogger(__name__)


def register(app: App, deps: Deps) -> None:
    def on_message(body: dict[str, Any], event: dict[str, Any]) -> None:
        team_id = str(body.get("team_id") or event.get("team") or "")
        subtype = event.get("subtype")
        if subtype == "message_changed":
            edited = event.get("message")
            if (
                isinstance(edited, dict)
                and edited.get("thread_ts")
                and edited.get("thread_ts") != edited.get("ts")
                and not edited.get("bot_id")
            ):
                thread_replies.record_edit(
                    deps,
                    team_id=team_id,
                    channel_id=str(event.get("channel") or ""),
                    ts=str(edited.get("ts") or ""),
                    text=unescape_slack(str(edited.get("text") or "")),
                )
            return
        # file_share: a reply with the deliverable attached is still the owner's reply
        if subtype not in (None, "thread_broadcast", "file_share") or event.get("bot_id"):
            return
        thread_ts = event.get("thread_ts")
        if not thread_ts or thread_ts == event.get("ts") or not event.get("user"):
            return
        outcome = thread_replies.record(
            deps,
            team_id=team_id,
            event_id=str(body.get("event_id") or f"{event.get('channel')}:{event.get('ts')}"),
            channel_id=str(event.get("channel") or ""),
            thread_ts=str(thread_ts),
            ts=str(event.get("ts") or ""),
            user_id=str(event.get("user") or ""),
            text=unescape_slack(str(event.get("text") or "")),
        )
        logger.debug("thread reply %s: %s", event.get("ts"), outcome)

    app.event("message")(on_message)
    home.register(app, deps)
