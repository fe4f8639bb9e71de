"""Buttons of meetings and change requests: Add a need (agenda), Write the minutes, Call a
coordination meeting (a blocked measure), Reject (asks for a reason)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, Respond

from handlers.payloads import channel_of, interaction_ids
from services import agendas, change_requests, meetings, minutes
from services.deps import Deps
from ui.blocks import Payload
from ui.changes import REJECT_ACTION
from ui.meetings import CALL_ACTION, MINUTES_ACTION, NEED_ACTION

Opener = Callable[[str, str, int, str, str, dict[str, Any]], Payload | None]


def message_ts(body: dict[str, Any]) -> str:
    return str((body.get("container") or {}).get("message_ts") or (body.get("message") or {}).get("ts") or "")


def register(app: App, deps: Deps) -> None:
    def opener(open_it: Opener) -> Callable[[Ack, dict[str, Any], dict[str, Any], Respond], None]:
        """A button that opens a form; what to say instead (if anything) goes privately."""

        def on_press(ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond) -> None:
            ack()
            team_id, user_id = interaction_ids(body)
            value = str(action.get("value") or "0")
            number = int(value) if value.isdigit() else 0
            reply = open_it(
                team_id, user_id, number, str(body.get("trigger_id") or ""), channel_of(body), body
            )
            if reply is not None:
                respond(response_type="ephemeral", replace_original=False, **reply)

        return on_press

    def need(
        team_id: str, user_id: str, number: int, trigger: str, channel: str, body: dict[str, Any]
    ) -> Payload | None:
        return agendas.open_need_form(
            deps, team_id=team_id, number=number, trigger_id=trigger, channel=channel
        )

    def write_minutes(
        team_id: str, user_id: str, number: int, trigger: str, channel: str, body: dict[str, Any]
    ) -> Payload | None:
        return minutes.open_minutes_form(
            deps, team_id=team_id, number=number, trigger_id=trigger, channel=channel
        )

    def call_meeting(
        team_id: str, user_id: str, number: int, trigger: str, channel: str, body: dict[str, Any]
    ) -> Payload | None:
        lang = deps.settings_of(team_id).lang
        return meetings.open_add_form(
            deps,
            team_id=team_id,
            trigger_id=trigger,
            meta={"channel": channel},
            lang=lang,
            measure_number=number,
        )

    def reject(
        team_id: str, user_id: str, number: int, trigger: str, channel: str, body: dict[str, Any]
    ) -> Payload | None:
        return change_requests.open_reject_form(
            deps,
            team_id=team_id,
            user_id=user_id,
            request_id=number,
            trigger_id=trigger,
            channel=channel,
            ts=message_ts(body),
        )

    app.action(NEED_ACTION)(opener(need))
    app.action(MINUTES_ACTION)(opener(write_minutes))
    app.action(CALL_ACTION)(opener(call_meeting))
    app.action(REJECT_ACTION)(opener(reject))
