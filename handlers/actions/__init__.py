"""Buttons."""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt import Ack, App, Respond

from handlers.blocks import error_message
from handlers.commands.router import status_page
from handlers.deps import Deps
from handlers.parse import ParseError

logger = logging.getLogger(__name__)


def register(app: App, deps: Deps) -> None:
    def on_status_page(ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond) -> None:
        ack()
        team_id = str((body.get("team") or {}).get("id") or "")
        scope, _, page = str(action.get("value") or "").rpartition("|")
        with deps.sessions() as session:
            lang = deps.workspace(session, team_id).lang
        try:
            reply = status_page(deps, team_id=team_id, scope=scope, page=int(page or 1), lang=lang)
        except ParseError as e:
            reply = error_message(lang, e.message, e.usage)
        respond(replace_original=True, response_type="ephemeral", **reply)

    app.action(re.compile(r"^status_page_(next|prev)$"))(on_status_page)
