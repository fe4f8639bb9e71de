"""**Show more** on a sync prompt, and its pages: the measures the channel message has no room
for, shown to whoever pressed it."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App, Respond

from handlers.payloads import interaction_ids
from services import prompt_pages
from services.deps import Deps
from ui.weekly import SYNC_MORE_ACTION


def _container(body: dict[str, Any]) -> dict[str, Any]:
    container = body.get("container")
    return container if isinstance(container, dict) else {}


def register(app: App, deps: Deps) -> None:
    def on_more(ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond) -> None:
        ack()
        team_id, _ = interaction_ids(body)
        container = _container(body)
        reply = prompt_pages.page(
            deps,
            team_id=team_id,
            channel_id=str(container.get("channel_id") or ""),
            message_ts=str(container.get("message_ts") or ""),
            value=str(action.get("value") or ""),
        )
        # Pressed on the channel message: a new private page; on a page: that page turns.
        respond(response_type="ephemeral", replace_original=bool(container.get("is_ephemeral")), **reply)

    app.action(re.compile(f"^{SYNC_MORE_ACTION}(:(prev|next))?$"))(on_more)


def redraw(deps: Deps, body: dict[str, Any], action: dict[str, Any], respond: Respond) -> None:
    """After a status button on a page behind Show more: draw that page again (it shows the
    new status; the channel message is kept current by ``services.prompts``)."""
    where = prompt_pages.page_of_block(str(action.get("block_id") or ""))
    if where is None:
        return
    team_id, _ = interaction_ids(body)
    reply = prompt_pages.page(deps, team_id=team_id, channel_id="", message_ts="", value=where)
    respond(response_type="ephemeral", replace_original=True, **reply)
