"""Buttons: status paging, status buttons on sync prompts and nudges, change-request decisions."""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from handlers import modals
from handlers.blocks import error_message, measure_not_allowed, mention, not_allowed_message, text_message
from handlers.commands.router import status_page
from handlers.common import interaction_ids, post_private
from handlers.deps import Deps
from handlers.parse import ParseError
from handlers.texts import status_label, t
from services.progress import refresh_prompts, set_status
from storage import change_requests, measures, projects
from storage.db import transaction

logger = logging.getLogger(__name__)


def register(app: App, deps: Deps) -> None:
    def lang_of(team_id: str) -> str:
        with deps.sessions() as session:
            return deps.workspace(session, team_id).lang

    def on_status_page(
        ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, client: WebClient
    ) -> None:
        ack()
        team_id, _ = interaction_ids(body)
        scope, _, page = str(action.get("value") or "").rpartition("|")
        lang = lang_of(team_id)
        try:
            reply = status_page(deps, client, team_id=team_id, scope=scope, page=int(page or 1), lang=lang)
        except ParseError as e:
            reply = error_message(lang, e.text(lang), e.usage)
        respond(replace_original=True, response_type="ephemeral", **reply)

    def change_status(
        body: dict[str, Any], respond: Respond, client: WebClient, number: int, status: str, source: str
    ) -> None:
        team_id, user_id = interaction_ids(body)
        lang = lang_of(team_id)
        applied = set_status(
            deps, client, team_id=team_id, number=number, status=status, user_id=user_id, source=source
        )
        if applied is None:
            respond(
                response_type="ephemeral",
                replace_original=False,
                **text_message(t(lang, "not_found", ref=f"MSR-{number}")),
            )
        elif not applied.allowed:
            respond(
                response_type="ephemeral",
                replace_original=False,
                **measure_not_allowed(lang, f"MSR-{number}"),
            )
        elif source == "nudge":
            respond(
                replace_original=True,
                **text_message(
                    t(
                        lang,
                        "status_set",
                        user=mention(user_id),
                        ref=applied.measure.ref,
                        status=status_label(status, lang),
                    )
                ),
            )

    def on_sync_status(
        ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, client: WebClient
    ) -> None:
        ack()
        number, _, status = str(action.get("value") or "").partition(":")
        change_status(body, respond, client, int(number), status, "button")

    def on_nudge_done(
        ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, client: WebClient
    ) -> None:
        ack()
        change_status(body, respond, client, int(action.get("value") or 0), "done", "nudge")

    def on_nudge_new_date(
        ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient, respond: Respond
    ) -> None:
        ack()
        team_id, user_id = interaction_ids(body)
        number = int(action.get("value") or 0)
        with deps.sessions() as session:
            ws = deps.workspace(session, team_id)
            measure = measures.get_measure(session, team_id=team_id, number=number)
            allowed = measure is not None and deps.can_change_measure(client, session, ws, measure, user_id)
        if measure is None or not allowed:
            respond(
                response_type="ephemeral",
                replace_original=False,
                **measure_not_allowed(ws.lang, f"MSR-{number}"),
            )
            return
        channel = str((body.get("channel") or {}).get("id") or "")
        view = modals.change_request_modal(
            ref=measure.ref, number=number, lang=ws.lang, meta={"channel": channel}
        )
        try:
            client.views_open(trigger_id=body["trigger_id"], view=view)
        except SlackApiError:
            logger.exception("views.open for a change request failed")

    def on_decide(
        ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, client: WebClient
    ) -> None:
        ack()
        team_id, user_id = interaction_ids(body)
        approved = action.get("action_id") == "cr_approve"
        request_id = int(action.get("value") or 0)
        with transaction(deps.sessions) as session:
            ws = deps.workspace(session, team_id)
            lang = ws.lang
            request = change_requests.get_change_request(session, team_id=team_id, request_id=request_id)
            measure = (
                measures.get_measure_by_id(session, team_id=team_id, measure_id=request.measure_id)
                if request
                else None
            )
            if request is None or measure is None:
                return
            project = projects.get_project_by_id(session, team_id=team_id, project_id=measure.project_id)
            lead = project.lead_user_id if project else ""
            if user_id != lead and not deps.is_admin(client, ws, user_id):
                respond(
                    response_type="ephemeral",
                    replace_original=False,
                    **not_allowed_message(lang, action=t(lang, "action_decide_cr"), who=mention(lead)),
                )
                return
            if not change_requests.decide_change_request(
                session,
                team_id=team_id,
                request=request,
                approved=approved,
                decided_by=user_id,
                now=deps.clock(),
            ):
                respond(
                    response_type="ephemeral", replace_original=False, **text_message(t(lang, "cr_decided"))
                )
                return
            if approved:
                measures.update_measure(
                    session,
                    team_id=team_id,
                    measure=measure,
                    actor_user_id=user_id,
                    source="change",
                    now=deps.clock(),
                    due=request.proposed_due,
                )  # the reason stays on the change request; the measure's own note (备注) is kept
                text = t(
                    lang,
                    "cr_approved",
                    user=mention(user_id),
                    ref=measure.ref,
                    new=request.proposed_due.isoformat(),
                )
            else:
                text = t(
                    lang, "cr_rejected", user=mention(user_id), ref=measure.ref, old=measure.due.isoformat()
                )
            requester = request.requested_by
        respond(replace_original=True, **text_message(text))
        post_private(client, channel=None, user=requester, payload=text_message(text))
        if approved:
            refresh_prompts(deps, client, team_id=team_id, measure_ids=[measure.id or 0])

    app.action(re.compile(r"^status_page_(next|prev)$"))(on_status_page)
    app.action(re.compile(r"^sync_status:"))(on_sync_status)
    app.action("nudge_done")(on_nudge_done)
    app.action("nudge_new_date")(on_nudge_new_date)
    app.action(re.compile(r"^cr_(approve|reject)$"))(on_decide)
