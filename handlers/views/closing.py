"""Form submissions of step 5: the evaluation and a retrospective input. Each acks first (errors
under the fields), then posts (the evaluation with the chart to the project's channels) and
tells the person."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from handlers.payloads import form_origin
from services import home, milestones, retros
from services.deps import Deps
from services.forms import FieldErrors
from slack_api.gateway import tell_privately
from ui.blocks import text_message
from ui.forms import Submitted
from ui.milestones import EVALUATION_MODAL
from ui.retros import INPUT_MODAL


def register(app: App, deps: Deps) -> None:
    def on_evaluation(ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        team_id, user_id, meta = form_origin(body, view)
        try:
            recorded = milestones.submit(
                deps,
                team_id=team_id,
                user_id=user_id,
                target=str(meta.get("target") or ""),
                values=Submitted.from_view(view),
            )
        except FieldErrors as e:
            ack(response_action="errors", errors=e.errors)
            return
        ack()
        milestones.post_evaluation(deps, team_id=team_id, evaluation_id=recorded.evaluation_id)
        tell_privately(
            deps.slack_for(team_id),
            channel=meta.get("channel"),
            user=user_id,
            payload=text_message(recorded.confirmation),
        )

    def on_input(ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        team_id, user_id, meta = form_origin(body, view)
        retro = str(meta.get("retro") or "")
        try:
            given = retros.give_input(
                deps,
                team_id=team_id,
                user_id=user_id,
                number=int(retro) if retro.isdigit() else 0,
                values=Submitted.from_view(view),
            )
        except FieldErrors as e:
            ack(response_action="errors", errors=e.errors)
            return
        ack()
        tell_privately(
            deps.slack_for(team_id),
            channel=meta.get("channel"),
            user=user_id,
            payload=text_message(given.confirmation),
        )
        home.refresh(deps, team_id=team_id, user_ids=[user_id])  # no longer waiting for them

    app.view(EVALUATION_MODAL)(on_evaluation)
    app.view(INPUT_MODAL)(on_input)
