"""What the ``agendas`` job posts, planned from the database (no Slack calls here): each
meeting's agenda once its time has come — one message per invited department channel and a
direct message to each invited head — and, at the first nudge time after a meeting, one direct
message to whoever added it asking for the minutes. Every post is keyed by the meeting in the
delivery ledger, so it goes out once however often and wherever the job runs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from domain.meetings import MAX_AGENDA_DAYS, agenda_time, minutes_time
from domain.schedule import parse_hhmm
from services.jobs.delivery import Post
from services.jobs.plans import channel_target
from storage import meetings, projects
from storage.db import Session
from storage.models import Meeting, Workspace
from ui.meetings import agenda_message, head_message, minutes_ask

KINDS = ("agenda", "agenda_dm", "minutes")
MINUTES_WINDOW = timedelta(days=30)  # a meeting older than this is not asked about any more
# Far enough ahead to find every meeting whose agenda may be due: agenda_days plus the longest
# run of days off (a holiday week) before the agenda day.
LOOK_AHEAD = timedelta(days=MAX_AGENDA_DAYS + 21)


def period(meeting: Meeting) -> str:
    """The ledger period of a meeting's posts: the meeting itself."""
    return meeting.ref


def due_agenda(ws: Workspace, meeting: Meeting, now: datetime) -> bool:
    """Has the time come for the meeting's agenda (and is the meeting still ahead)?"""
    tz = ZoneInfo(ws.timezone)
    at = agenda_time(
        meeting.starts_at,
        days=ws.agenda_days,
        nudge=parse_hhmm(ws.nudge_time),
        tz=tz,
        country=ws.holidays_country,
    )
    return at <= now < meeting.starts_at


def agenda_posts(session: Session, ws: Workspace, meeting: Meeting, now: datetime) -> list[Post]:
    """The agenda of one meeting: a post per invited channel, a direct message per invited head."""
    assert meeting.id is not None
    tz = ZoneInfo(ws.timezone)
    view = meetings.meeting_view(
        session, team_id=ws.team_id, meeting=meeting, today=now.astimezone(tz).date()
    )
    payload = agenda_message(view, lang=ws.lang, tz=tz, today=now.astimezone(tz).date())
    posts = []
    channels_of: dict[str, list[str]] = {}
    for duty in view.departments:
        dept = duty.department
        if not dept.channel_id:
            continue
        posts.append(
            Post(
                team_id=ws.team_id,
                kind="agenda",
                target=f"mtg:{meeting.id}:{channel_target(dept)}",
                period=period(meeting),
                channel=dept.channel_id,
                parts=[payload],
                on_posted=agenda_recorder(ws.team_id, meeting.id, dept.id or 0),
                describe=f"the agenda of {meeting.ref}",
            )
        )
        if dept.head_user_id:
            channels_of.setdefault(dept.head_user_id, []).append(dept.channel_id)
    for head, channels in channels_of.items():
        posts.append(
            Post(
                team_id=ws.team_id,
                kind="agenda_dm",
                target=f"mtg:{meeting.id}:head:{head}",
                period=period(meeting),
                dm_user=head,
                parts=[head_message(view, channels, lang=ws.lang, tz=tz)],
                describe=f"the agenda of {meeting.ref}",
            )
        )
    return posts


def agenda_recorder(
    team_id: str, meeting_id: int, department_id: int
) -> Callable[[Session, int, str, str], None]:
    def record(session: Session, part: int, channel: str, ts: str) -> None:
        meetings.add_agenda_message(
            session,
            team_id=team_id,
            meeting_id=meeting_id,
            department_id=department_id,
            channel_id=channel,
            ts=ts,
        )

    return record


def minutes_post(session: Session, ws: Workspace, meeting: Meeting) -> Post:
    project = projects.get_project_by_id(session, team_id=ws.team_id, project_id=meeting.project_id)
    assert project is not None
    return Post(
        team_id=ws.team_id,
        kind="minutes",
        target=f"mtg:{meeting.id}",
        period=period(meeting),
        dm_user=meeting.created_by,
        parts=[minutes_ask(meeting, project, lang=ws.lang, tz=ZoneInfo(ws.timezone))],
        describe=f"the request for the minutes of {meeting.ref}",
    )


def job_posts(session: Session, ws: Workspace, now: datetime) -> list[Post]:
    """Everything the ``agendas`` job posts at ``now``: the agendas whose time has come, and the
    requests for minutes of the meetings whose first nudge time after them has come."""
    posts: list[Post] = []
    for meeting in meetings.meetings_between(session, team_id=ws.team_id, start=now, end=now + LOOK_AHEAD):
        if due_agenda(ws, meeting, now):
            posts += agenda_posts(session, ws, meeting, now)
    tz = ZoneInfo(ws.timezone)
    nudge = parse_hhmm(ws.nudge_time)
    for meeting in meetings.meetings_between(
        session, team_id=ws.team_id, start=now - MINUTES_WINDOW, end=now, without_minutes=True
    ):
        if minutes_time(meeting.starts_at, nudge=nudge, tz=tz, country=ws.holidays_country) <= now:
            posts.append(minutes_post(session, ws, meeting))
    return posts
