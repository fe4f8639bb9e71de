"""Buttons of the Home tab: a measure's status, the New problem / measure / project forms, and
deciding change requests. A Home tab has no ``response_url``: what the person is told goes to
them privately (a direct message), and the tab itself is republished after the change."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App

from handlers.payloads import interaction_ids
from services import change_requests, home, measures, problems, projects
from services.deps import Deps
from slack_api.gateway import tell_privately
from ui import home as home_ui
from ui.answers import measure_not_allowed
from ui.blocks import Payload, text_message
from ui.catalogue import t

OpenForm = Callable[[Deps, str, str, str, str], Payload | None]


def _tell(deps: Deps, team_id: str, user_id: str, payload: Payload) -> None:
    tell_privately(deps.slack_for(team_id), channel=None, user=user_id, payload=payload)


def register(app: App, deps: Deps) -> None:
    def on_status(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        ack()
        team_id, user_id = interaction_ids(body)
        number, _, status = str(action.get("value") or "").partition(":")
        done = measures.set_status(
            deps, team_id=team_id, number=int(number or 0), status=status, user_id=user_id, source="home"
        )
        lang = deps.settings_of(team_id).lang
        if done is None:
            _tell(deps, team_id, user_id, text_message(t(lang, "not_found", ref=f"MSR-{number}")))
        elif not done.allowed:
            _tell(deps, team_id, user_id, measure_not_allowed(lang, f"MSR-{number}"))
        elif not done.changed:
            home.refresh(deps, team_id=team_id, user_ids=[user_id])  # a stale tab: show it as it is

    def opener(form: OpenForm) -> Callable[[Ack, dict[str, Any]], None]:
        def on_new(ack: Ack, body: dict[str, Any]) -> None:
            ack()
            team_id, user_id = interaction_ids(body)
            lang = deps.settings_of(team_id).lang
            answer = form(deps, team_id, user_id, str(body.get("trigger_id") or ""), lang)
            if answer is not None:
                _tell(deps, team_id, user_id, answer)

        return on_new

    def new_problem(deps: Deps, team_id: str, user_id: str, trigger_id: str, lang: str) -> Payload | None:
        return problems.open_add_form(deps, team_id=team_id, trigger_id=trigger_id, meta={}, lang=lang)

    def new_measure(deps: Deps, team_id: str, user_id: str, trigger_id: str, lang: str) -> Payload | None:
        return measures.open_add_form(deps, team_id=team_id, trigger_id=trigger_id, meta={}, lang=lang)

    def new_project(deps: Deps, team_id: str, user_id: str, trigger_id: str, lang: str) -> Payload | None:
        return projects.open_add_form(
            deps, team_id=team_id, user_id=user_id, trigger_id=trigger_id, meta={}, lang=lang
        )

    def on_decide(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        """Approve decides at once; Reject asks for the reason first (the change-request form)."""
        ack()
        team_id, user_id = interaction_ids(body)
        request_id = int(action.get("value") or 0)
        if action.get("action_id") == home_ui.CR_REJECT:
            refusal = change_requests.open_reject_form(
                deps,
                team_id=team_id,
                user_id=user_id,
                request_id=request_id,
                trigger_id=str(body.get("trigger_id") or ""),
                channel="",
                ts="",
            )
            if refusal is not None:
                _tell(deps, team_id, user_id, refusal)
            return
        decision = change_requests.decide(
            deps, team_id=team_id, user_id=user_id, request_id=request_id, approved=True
        )
        if decision is not None:
            _tell(deps, team_id, user_id, decision.answer)
            change_requests.announce_decision(deps, team_id=team_id, decision=decision)
        home.refresh(deps, team_id=team_id, user_ids=[user_id])

    app.action(re.compile(rf"^{home_ui.HOME_STATUS}:"))(on_status)
    app.action(home_ui.NEW_PROBLEM)(opener(new_problem))
    app.action(home_ui.NEW_MEASURE)(opener(new_measure))
    app.action(home_ui.NEW_PROJECT)(opener(new_project))
    app.action(re.compile(rf"^({home_ui.CR_APPROVE}|{home_ui.CR_REJECT})$"))(on_decide)
