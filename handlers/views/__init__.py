"""Form submissions: the use case checks and stores; errors go back under the fields, the
confirmation privately to the person."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import Any

from slack_bolt import Ack, App

from handlers.payloads import form_origin, number_in
from handlers.views import closing, meetings
from services import change_requests, measures, problems, projects
from services.deps import Deps
from services.forms import FieldErrors
from slack_api.gateway import tell_privately
from ui import forms
from ui.blocks import text_message
from ui.catalogue import t

logger = logging.getLogger(__name__)

# Checks a submitted form and stores the record; returns the confirmation to show.
Submit = Callable[..., str]


def register(app: App, deps: Deps) -> None:
    def on_project(ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        submit(deps, ack, body, view, projects.submit_add_form)

    def on_problem(ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        link = form_origin(body, view)[2].get("link") or ""  # opened by "Log as problem"
        submit(deps, ack, body, view, partial(problems.submit_add_form, link=link))

    def on_measure(ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        submit(deps, ack, body, view, measures.submit_add_form)

    def on_change_request(ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        team_id, user_id, meta = form_origin(body, view)
        try:
            proposal = change_requests.propose(
                deps,
                team_id=team_id,
                user_id=user_id,
                number=number_in(meta.get("measure")),
                values=forms.Submitted.from_view(view),
                channel=meta.get("channel") or "",
            )
        except FieldErrors as e:
            ack(response_action="errors", errors=e.errors)
            return
        ack()
        change_requests.announce(deps, team_id=team_id, proposal=proposal)

    app.view(forms.CHANGE_REQUEST_MODAL)(on_change_request)
    app.view(forms.PROJECT_MODAL)(on_project)
    app.view(forms.PROBLEM_MODAL)(on_problem)
    app.view(forms.MEASURE_MODAL)(on_measure)
    meetings.register(app, deps)
    closing.register(app, deps)


def submit(deps: Deps, ack: Ack, body: dict[str, Any], view: dict[str, Any], store: Submit) -> None:
    team_id, user_id, meta = form_origin(body, view)
    values = forms.Submitted.from_view(view)
    try:
        confirmation = store(deps, team_id=team_id, user_id=user_id, values=values)
    except FieldErrors as e:
        ack(response_action="errors", errors=e.errors)
        return
    except Exception:
        logger.exception("form %s failed", view.get("callback_id"))
        lang = deps.settings_of(team_id).lang
        ack(response_action="errors", errors={next(iter(values.values), "name"): t(lang, "field_failed")})
        return
    ack()
    tell_privately(
        deps.slack_for(team_id), channel=meta.get("channel"), user=user_id, payload=text_message(confirmation)
    )
