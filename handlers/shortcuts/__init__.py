"""Shortcuts: "Log as problem" (message shortcut ``log_problem``) opens the problem form
pre-filled with the message's text and a link to it."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from handlers.payloads import channel_of, interaction_ids
from services import problems
from services.deps import Deps
from slack_api.gateway import tell_privately

LOG_PROBLEM = "log_problem"


def register(app: App, deps: Deps) -> None:
    def on_log_problem(ack: Ack, body: dict[str, Any]) -> None:
        ack()
        team_id, user_id = interaction_ids(body)
        message = body.get("message") or {}
        channel = channel_of(body)
        answer = problems.open_from_message(
            deps,
            team_id=team_id,
            trigger_id=str(body.get("trigger_id") or ""),
            channel_id=channel,
            message_ts=str(message.get("ts") or body.get("message_ts") or ""),
            text=str(message.get("text") or ""),
        )
        if answer is not None:  # no project to log it on yet, or the form did not open
            tell_privately(deps.slack_for(team_id), channel=channel or None, user=user_id, payload=answer)

    app.message_shortcut(LOG_PROBLEM)(on_log_problem)
