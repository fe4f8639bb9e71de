"""Buttons: status paging, status buttons on sync prompts and nudges, change-request decisions."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App, Respond

from domain.errors import InputError
from domain.vocabulary import Status
from handlers.actions import closing, home, meetings, sync_pages
from handlers.payloads import channel_of, interaction_ids, number_in
from services import change_requests, measures
from services import status as status_service
from services.deps import Deps
from ui.answers import input_error, measure_not_allowed
from ui.blocks import mention, text_message
from ui.catalogue import t
from ui.labels import status_label
from ui.nudges import after_done


def register(app: App, deps: Deps) -> None:
    def on_status_page(ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond) -> None:
        ack()
        team_id, _ = interaction_ids(body)
        scope, _, page = str(action.get("value") or "").rpartition("|")
        lang = deps.settings_of(team_id).lang
        try:
            reply = status_service.page(
                deps, team_id=team_id, scope=scope, page=number_in(page) or 1, lang=lang
            )
        except InputError as e:
            reply = input_error(lang, e)
        respond(replace_original=True, response_type="ephemeral", **reply)

    def change_status(body: dict[str, Any], respond: Respond, number: int, status: str, source: str) -> None:
        team_id, user_id = interaction_ids(body)
        lang = deps.settings_of(team_id).lang
        done = measures.set_status(
            deps, team_id=team_id, number=number, status=status, user_id=user_id, source=source
        )
        if done is None:
            respond(
                response_type="ephemeral",
                replace_original=False,
                **text_message(t(lang, "not_found", ref=f"MSR-{number}")),
            )
        elif not done.allowed:
            respond(
                response_type="ephemeral",
                replace_original=False,
                **measure_not_allowed(lang, f"MSR-{number}"),
            )
        elif source == "nudge":
            text = t(
                lang,
                "status_set",
                user=mention(user_id),
                ref=done.measure.ref,
                status=status_label(status, lang),
            )
            # a nudge lists several measures: only this one's buttons give way to the answer
            blocks = (body.get("message") or {}).get("blocks") or []
            respond(replace_original=True, **(after_done(blocks, number, text) or text_message(text)))

    def on_sync_status(ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond) -> None:
        ack()
        number, _, status = str(action.get("value") or "").partition(":")
        known = status in {s.value for s in Status}  # (a value this bot never sends changes nothing)
        change_status(body, respond, number_in(number) if known else 0, status, "button")
        sync_pages.redraw(deps, body, action, respond)  # a page behind Show more shows the change

    def on_nudge_done(ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond) -> None:
        ack()
        change_status(body, respond, number_in(action.get("value")), "done", "nudge")

    def on_nudge_new_date(ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond) -> None:
        ack()
        team_id, user_id = interaction_ids(body)
        reply = change_requests.open_proposal_form(
            deps,
            team_id=team_id,
            user_id=user_id,
            number=number_in(action.get("value")),
            trigger_id=str(body.get("trigger_id") or ""),
            channel=channel_of(body),
        )
        if reply is not None:
            respond(response_type="ephemeral", replace_original=False, **reply)

    def on_decide(ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond) -> None:
        ack()
        team_id, user_id = interaction_ids(body)
        decision = change_requests.decide(
            deps,
            team_id=team_id,
            user_id=user_id,
            request_id=number_in(action.get("value")),
            approved=True,
        )
        if decision is None:
            return
        if decision.private:
            respond(response_type="ephemeral", replace_original=False, **decision.answer)
        else:
            respond(replace_original=True, **decision.answer)
            change_requests.announce_decision(deps, team_id=team_id, decision=decision)

    app.action(re.compile(r"^status_page_(next|prev)$"))(on_status_page)
    app.action(re.compile(r"^sync_status:"))(on_sync_status)
    app.action("nudge_done")(on_nudge_done)
    app.action("nudge_new_date")(on_nudge_new_date)
    app.action("cr_approve")(on_decide)  # cr_reject asks for a reason: handlers/actions/meetings.py
    meetings.register(app, deps)
    closing.register(app, deps)
    home.register(app, deps)
    sync_pages.register(app, deps)
