"""``app_home_opened``: the person opened the bot's Home tab; publish it for them."""

from __future__ import annotations

from typing import Any

from slack_bolt import App

from services import home
from services.deps import Deps


def register(app: App, deps: Deps) -> None:
    def on_home_opened(body: dict[str, Any], event: dict[str, Any]) -> None:
        if event.get("tab", "home") != "home" or not event.get("user"):
            return  # the Messages tab
        team_id = str(body.get("team_id") or event.get("team") or "")
        home.publish(deps, team_id=team_id, user_id=str(event["user"]), opened=True)

    app.event("app_home_opened")(on_home_opened)
