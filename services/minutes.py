"""Minutes (会议纪要) of a meeting: the form (from the reminder's button or `meeting minutes
MTG-n`, at any time), the problems raised — one ``<category>: <description>`` per line, each
becoming a ``PRB-n`` of the project linked to the meeting, all or nothing — and the minutes
posted in the thread under every agenda message of the meeting."""

from __future__ import annotations

import logging

from domain.command_text import shown
from domain.errors import InputError
from domain.limits import TEXT_LIMIT
from domain.meetings import MinutesLineError, parse_minutes_problems
from services.agendas import Saved
from services.deps import Deps
from services.forms import FIELD_ERROR_LIMIT, FieldErrors, open_form
from slack_api.gateway import SlackError
from storage import meetings, problems, projects
from storage.db import transaction
from ui.blocks import Payload, text_message
from ui.catalogue import t
from ui.forms import Submitted
from ui.meetings import minutes_message, minutes_modal

logger = logging.getLogger(__name__)


def open_minutes_form(
    deps: Deps, *, team_id: str, number: int, trigger_id: str, channel: str, usage: str | None = None
) -> Payload | None:
    """The minutes form; a meeting that is not there is :class:`InputError` (with ``usage``,
    from a command) or a private answer (from a button)."""
    with deps.sessions() as session:
        lang = deps.workspace(session, team_id).lang
        meeting = meetings.get_meeting(session, team_id=team_id, number=number)
        if meeting is None:
            if usage is not None:
                raise InputError("not_found", usage, ref=f"MTG-{number}")
            return text_message(t(lang, "mtg.gone", ref=f"MTG-{number}"))
        logged = meetings.meeting_problems(session, team_id=team_id, meeting_id=meeting.id or 0)
    view = minutes_modal(meeting, logged, lang=lang, meta={"channel": channel})
    return open_form(deps, team_id=team_id, trigger_id=trigger_id, view=view, lang=lang)


def submit(deps: Deps, *, team_id: str, user_id: str, number: int, values: Submitted) -> Saved:
    """Keep the minutes and turn each problem line into a ``PRB-n``; a line that cannot be read
    is :class:`FieldErrors` and nothing is saved."""
    with transaction(deps.sessions) as session:
        lang = deps.workspace(session, team_id).lang
        meeting = meetings.get_meeting(session, team_id=team_id, number=number)
        if meeting is None:
            raise FieldErrors({"decisions": t(lang, "mtg.gone", ref=f"MTG-{number}")})
        try:
            raised = parse_minutes_problems(values.text("problems"))
        except MinutesLineError as e:
            error = t(lang, "mtg.field_line", line=e.line, text=shown(e.text, 30))
            raise FieldErrors({"problems": error[:FIELD_ERROR_LIMIT]}) from None
        for number_in_form, (_, description) in enumerate(raised, start=1):
            if len(description) > TEXT_LIMIT:
                error = t(lang, "mtg.field_line", line=number_in_form, text=shown(description, 30))
                raise FieldErrors({"problems": error[:FIELD_ERROR_LIMIT]})
        project = projects.get_project_by_id(session, team_id=team_id, project_id=meeting.project_id)
        assert project is not None
        created = [
            problems.add_problem(
                session,
                team_id=team_id,
                project=project,
                category=category.value,
                description=description,
                root_cause="",
                created_by=user_id,
            )
            for category, description in raised
        ]
        meetings.record_minutes(
            session,
            team_id=team_id,
            meeting=meeting,
            attendees=values.items("attendees"),
            decisions=values.text("decisions"),
            by=user_id,
            now=deps.clock(),
            problems=created,
        )
    logged = t(lang, "mtg.problems_logged", refs=", ".join(p.ref for p in created)) if created else ""
    return Saved(meeting.id or 0, t(lang, "mtg.minutes_saved", ref=meeting.ref, problems=logged))


def post(deps: Deps, *, team_id: str, meeting_id: int) -> None:
    """The minutes in the thread under each agenda message of the meeting (after the commit)."""
    with deps.sessions() as session:
        lang = deps.workspace(session, team_id).lang
        meeting = meetings.get_meeting_by_id(session, team_id=team_id, meeting_id=meeting_id)
        if meeting is None:
            return
        raised = meetings.meeting_problems(session, team_id=team_id, meeting_id=meeting_id)
        messages = meetings.agenda_messages(session, team_id=team_id, meeting_id=meeting_id)
    payload = minutes_message(meeting, raised, lang=lang)
    slack = deps.slack_for(team_id)
    for msg in messages:
        try:
            slack.post(msg.channel_id, payload, thread_ts=msg.ts)
        except SlackError:
            logger.exception("could not post the minutes of %s in %s", meeting.ref, msg.channel_id)
