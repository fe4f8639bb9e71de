"""Form submissions of meetings (a meeting, a need, the minutes) and change requests (a
request, a rejection's reason). Each acks first — errors under the fields — and only then
tells people (the agenda, its updates, the minutes in its threads, the lead, the requester)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App

from handlers.payloads import form_origin
from services import agendas, change_requests, meetings, minutes
from services.agendas import Saved
from services.deps import Deps
from services.forms import FieldErrors
from slack_api.gateway import tell_privately
from ui.blocks import text_message
from ui.changes import CHANGE_MODAL, REJECT_MODAL
from ui.forms import Submitted
from ui.meetings import MEETING_MODAL, MINUTES_MODAL, NEED_MODAL

logger = logging.getLogger(__name__)

SaveOnMeeting = Callable[..., Saved]  # (deps, *, team_id, user_id, number, values) -> Saved
AfterSave = Callable[..., None]  # (deps, *, team_id, meeting_id)


def _number(meta: dict[str, str], key: str) -> int:
    value = str(meta.get(key) or "")
    return int(value) if value.isdigit() else 0


def register(app: App, deps: Deps) -> None:
    def tell(team_id: str, user_id: str, meta: dict[str, str], text: str) -> None:
        tell_privately(
            deps.slack_for(team_id), channel=meta.get("channel"), user=user_id, payload=text_message(text)
        )

    def on_meeting(ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        team_id, user_id, meta = form_origin(body, view)
        measure = _number(meta, "measure") or None
        try:
            added = meetings.submit_add_form(
                deps, team_id=team_id, user_id=user_id, values=Submitted.from_view(view), measure=measure
            )
        except FieldErrors as e:
            ack(response_action="errors", errors=e.errors)
            return
        ack()
        if added.agenda_due:
            agendas.send_now(deps, team_id=team_id, meeting_id=added.meeting_id)
        tell(team_id, user_id, meta, added.confirmation)

    def meeting_form(
        store: SaveOnMeeting, then: AfterSave
    ) -> Callable[[Ack, dict[str, Any], dict[str, Any]], None]:
        """A form that saves something on a meeting (a need, the minutes), then — after the
        ack — tells the channels (``then``) and the person."""

        def on_submit(ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
            team_id, user_id, meta = form_origin(body, view)
            try:
                saved = store(
                    deps,
                    team_id=team_id,
                    user_id=user_id,
                    number=_number(meta, "meeting"),
                    values=Submitted.from_view(view),
                )
            except FieldErrors as e:
                ack(response_action="errors", errors=e.errors)
                return
            ack()
            then(deps, team_id=team_id, meeting_id=saved.meeting_id)
            tell(team_id, user_id, meta, saved.confirmation)

        return on_submit

    def on_change(ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        team_id, user_id, meta = form_origin(body, view)
        try:
            filed = change_requests.submit_add_form(
                deps,
                team_id=team_id,
                user_id=user_id,
                values=Submitted.from_view(view),
                channel=meta.get("channel") or "",
            )
        except FieldErrors as e:
            ack(response_action="errors", errors=e.errors)
            return
        ack()
        change_requests.announce(deps, team_id=team_id, proposal=filed)

    def on_reject(ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        team_id, user_id, meta = form_origin(body, view)
        try:
            reason = change_requests.rejection_reason(deps, team_id=team_id, values=Submitted.from_view(view))
        except FieldErrors as e:
            ack(response_action="errors", errors=e.errors)
            return
        ack()
        decision = change_requests.decide(
            deps,
            team_id=team_id,
            user_id=user_id,
            request_id=_number(meta, "request"),
            approved=False,
            note=reason,
        )
        if decision is None:
            return
        if decision.private:
            tell_privately(deps.slack_for(team_id), channel=None, user=user_id, payload=decision.answer)
            return
        change_requests.announce_decision(
            deps,
            team_id=team_id,
            decision=decision,
            lead_message=(meta.get("channel") or "", meta.get("ts") or ""),
        )

    app.view(MEETING_MODAL)(on_meeting)
    app.view(NEED_MODAL)(meeting_form(agendas.submit_need, agendas.refresh))
    app.view(MINUTES_MODAL)(meeting_form(minutes.submit, minutes.post))
    app.view(CHANGE_MODAL)(on_change)
    app.view(REJECT_MODAL)(on_reject)
