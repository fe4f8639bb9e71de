"""Buttons of step 5: **Record evaluation** (the milestone message, Home) and **Add my input**
(a retrospective's invitation, reminder, Home) open their forms."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, Respond

from handlers.payloads import channel_of, interaction_ids
from services import milestones, practices, retros
from services.deps import Deps
from ui.milestones import EVALUATE_ACTION
from ui.retros import DROP_ACTION, INPUT_ACTION, KEEP_ACTION


def register(app: App, deps: Deps) -> None:
    def on_evaluate(ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond) -> None:
        ack()
        team_id, user_id = interaction_ids(body)
        kind, _, raw = str(action.get("value") or "").partition(":")
        reply = milestones.open_evaluation_form(
            deps,
            team_id=team_id,
            user_id=user_id,
            kind="mls" if kind == "mls" else "prj",
            number=int(raw) if raw.isdigit() else 0,
            trigger_id=str(body.get("trigger_id") or ""),
            channel=channel_of(body),
        )
        if reply is not None:
            respond(response_type="ephemeral", replace_original=False, **reply)

    def on_input(ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond) -> None:
        ack()
        team_id, _ = interaction_ids(body)
        raw = str(action.get("value") or "")
        reply = retros.open_input_form(
            deps,
            team_id=team_id,
            number=int(raw) if raw.isdigit() else 0,
            trigger_id=str(body.get("trigger_id") or ""),
            channel=channel_of(body),
        )
        if reply is not None:
            respond(response_type="ephemeral", replace_original=False, **reply)

    def decider(kind: str) -> Callable[[Ack, dict[str, Any], dict[str, Any], Respond], None]:
        def on_press(ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond) -> None:
            ack()
            team_id, user_id = interaction_ids(body)
            reply = practices.decide(
                deps, team_id=team_id, user_id=user_id, kind=kind, value=str(action.get("value") or "")
            )
            respond(response_type="ephemeral", replace_original=False, **reply)

        return on_press

    app.action(KEEP_ACTION)(decider("keep"))
    app.action(DROP_ACTION)(decider("drop"))
    app.action(EVALUATE_ACTION)(on_evaluate)
    app.action(INPUT_ACTION)(on_input)
