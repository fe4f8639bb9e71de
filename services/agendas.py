"""A meeting's agenda after it was planned: sent at once when the meeting is added later than
its agenda day (through the delivery ledger, like the ``agendas`` job, so it still goes out
once), the departments' needs added from its **Add a need** button, and every agenda message of
the meeting kept current (``chat.update``)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from domain.limits import TEXT_LIMIT
from services.deps import Deps
from services.forms import FieldErrors, open_form
from services.jobs.agendas import agenda_posts, due_agenda
from services.jobs.delivery import Report, deliver_now
from slack_api.gateway import SlackError
from storage import departments, meetings
from storage.db import transaction
from ui.blocks import Payload, escape, text_message
from ui.catalogue import t
from ui.forms import Submitted
from ui.meetings import agenda_message, need_modal

logger = logging.getLogger(__name__)

POST_RATE = 5.0  # posts a second for an agenda sent at once (a handful of channels)


def send_now(deps: Deps, *, team_id: str, meeting_id: int) -> Report | None:
    """Post the meeting's agenda now if its time has come (``None`` when it has not)."""
    with deps.sessions() as session:
        ws = deps.workspace(session, team_id)
        meeting = meetings.get_meeting_by_id(session, team_id=team_id, meeting_id=meeting_id)
        now = deps.clock()
        if meeting is None or not due_agenda(ws, meeting, now):
            return None
        posts = agenda_posts(session, ws, meeting, now)
    return deliver_now(
        posts,
        slack_for=deps.slack_for,
        sessions=deps.sessions,
        clock=deps.clock,
        rate=POST_RATE,
        what=f"the agenda of meeting {meeting_id}",
    )


def refresh(deps: Deps, *, team_id: str, meeting_id: int) -> None:
    """Re-render every posted agenda message of the meeting (after the commit)."""
    with deps.sessions() as session:
        ws = deps.workspace(session, team_id)
        meeting = meetings.get_meeting_by_id(session, team_id=team_id, meeting_id=meeting_id)
        if meeting is None:
            return
        tz = ZoneInfo(ws.timezone)
        today = deps.today(ws)
        view = meetings.meeting_view(session, team_id=team_id, meeting=meeting, today=today)
        payload = agenda_message(view, lang=ws.lang, tz=tz, today=today)
    slack = deps.slack_for(team_id)
    for msg in view.messages:
        try:
            slack.update(msg.channel_id, msg.ts, payload)
        except SlackError:
            logger.exception("could not update the agenda of %s in %s", meeting.ref, msg.channel_id)


def open_need_form(deps: Deps, *, team_id: str, number: int, trigger_id: str, channel: str) -> Payload | None:
    with deps.sessions() as session:
        lang = deps.workspace(session, team_id).lang
        meeting = meetings.get_meeting(session, team_id=team_id, number=number)
        if meeting is None:
            return text_message(t(lang, "mtg.gone", ref=f"MTG-{number}"))
        depts = meetings.invited(session, team_id=team_id, meeting_id=meeting.id or 0)
    view = need_modal(meeting, depts, lang=lang, meta={"channel": channel})
    return open_form(deps, team_id=team_id, trigger_id=trigger_id, view=view, lang=lang)


@dataclass(frozen=True)
class Saved:
    """Something saved on a meeting from a form (a need, the minutes): which meeting, and the
    confirmation for the person; what to tell the others follows after the ack."""

    meeting_id: int
    confirmation: str


def submit_need(deps: Deps, *, team_id: str, user_id: str, number: int, values: Submitted) -> Saved:
    """Keep a department's need on the meeting; :class:`FieldErrors` when the form is wrong."""
    with transaction(deps.sessions) as session:
        lang = deps.workspace(session, team_id).lang
        meeting = meetings.get_meeting(session, team_id=team_id, number=number)
        if meeting is None:
            raise FieldErrors({"text": t(lang, "mtg.gone", ref=f"MTG-{number}")})
        errors = {}
        text = values.text("text")
        if not text:
            errors["text"] = t(lang, "mtg.field_need")
        elif len(text) > TEXT_LIMIT:
            errors["text"] = t(
                lang, "input.too_long", field=t(lang, "form.need_text"), length=len(text), limit=TEXT_LIMIT
            )
        dept = departments.get_department(
            session, team_id=team_id, department_id=int(values.text("dept") or 0)
        )
        if dept is None:
            errors["dept"] = t(lang, "mtg.field_need_dept")
        if errors or dept is None:
            raise FieldErrors(errors)
        meetings.add_need(
            session,
            team_id=team_id,
            meeting=meeting,
            department=dept,
            text=text,
            created_by=user_id,
            now=deps.clock(),
        )
    return Saved(meeting.id or 0, t(lang, "mtg.need_added", dept=escape(dept.name), ref=meeting.ref))
