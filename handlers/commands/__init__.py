"""The ``/collab`` slash command."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from handlers.blocks import error_message, text_message
from handlers.commands.router import Invocation, dispatch
from handlers.deps import Deps
from handlers.parse import ParseError
from handlers.texts import t

logger = logging.getLogger(__name__)


def register(app: App, deps: Deps) -> None:
    def on_collab(ack: Ack, command: dict[str, Any], respond: Respond, client: WebClient) -> None:
        ack()
        handle_command(deps, command, respond, client)

    app.command("/collab")(on_collab)


def handle_command(deps: Deps, command: dict[str, Any], respond: Respond, client: WebClient) -> None:
    inv = Invocation(
        deps=deps,
        client=client,
        team_id=str(command.get("team_id") or ""),
        user_id=str(command.get("user_id") or ""),
        channel_id=str(command.get("channel_id") or ""),
        trigger_id=str(command.get("trigger_id") or ""),
        text=str(command.get("text") or ""),
    )
    lang = deps.settings.lang
    try:
        with deps.sessions() as session:
            lang = deps.workspace(session, inv.team_id).lang
            session.commit()
        reply = dispatch(inv, lang)
    except ParseError as e:
        reply = error_message(lang, e.text(lang), e.usage)
    except Exception:
        logger.exception("/collab %r failed", inv.text)
        reply = text_message(t(lang, "internal_error"))
    if reply is not None:
        respond(response_type="ephemeral", **reply)
