"""What the ``retros`` job posts, planned from the database (no Slack calls here), each keyed
by its retrospective in the delivery ledger so it goes out once:

- the invitations (a direct message to each person asked, a message per department channel)
  — sent at once by `retro start`, and by the job should that have failed;
- one reminder to those asked who have not answered, at the nudge time of the working day
  before ``until``;
- at ``until``, at the digest time, the report (复盘报告) to the department channels and the lead.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from domain.schedule import is_working_day, local_at, parse_hhmm
from services.deps import Deps
from services.jobs.delivery import Post, deliver_now
from services.jobs.plans import channel_target
from services.retros import report_data
from storage import projects, retros
from storage.db import Session
from storage.models import Retrospective, Workspace
from ui.retros import invitation, reminder, report

KINDS = ("retro_invite", "retro_remind", "retro_report")
RECENT = timedelta(days=14)  # a report missed (the bot was down) still goes out within this
AHEAD = timedelta(days=400)
POST_RATE = 20.0


def working_day_before(day: date, *, country: str | None) -> date:
    day -= timedelta(days=1)
    while not is_working_day(day, country=country):
        day -= timedelta(days=1)
    return day


def _channels(session: Session, ws: Workspace, project_id: int) -> list[tuple[str, str]]:
    """(ledger target, channel) of the project's department channels."""
    return [
        (channel_target(d), d.channel_id)
        for d in projects.project_departments(session, team_id=ws.team_id, project_id=project_id)
        if d.channel_id
    ]


def invitation_posts(session: Session, ws: Workspace, retro: Retrospective) -> list[Post]:
    project = projects.get_project_by_id(session, team_id=ws.team_id, project_id=retro.project_id)
    assert project is not None
    payload = invitation(retro, project, lang=ws.lang)
    about = f"the invitation to {retro.ref}"
    posts = [
        Post(
            ws.team_id,
            "retro_invite",
            f"ret:{retro.id}:user:{p.user_id}",
            retro.ref,
            [payload],
            dm_user=p.user_id,
            describe=about,
        )
        for p in retros.participants(session, team_id=ws.team_id, retro_id=retro.id or 0)
        if p.invited
    ]
    posts += [
        Post(
            ws.team_id,
            "retro_invite",
            f"ret:{retro.id}:{target}",
            retro.ref,
            [payload],
            channel=channel,
            describe=about,
        )
        for target, channel in _channels(session, ws, project.id or 0)
    ]
    return posts


def reminder_posts(session: Session, ws: Workspace, retro: Retrospective) -> list[Post]:
    project = projects.get_project_by_id(session, team_id=ws.team_id, project_id=retro.project_id)
    assert project is not None
    payload = reminder(retro, project, lang=ws.lang)
    return [
        Post(
            ws.team_id,
            "retro_remind",
            f"ret:{retro.id}:user:{p.user_id}",
            retro.ref,
            [payload],
            dm_user=p.user_id,
            describe=f"the reminder of {retro.ref}",
        )
        for p in retros.participants(session, team_id=ws.team_id, retro_id=retro.id or 0)
        if p.invited and p.answered_at is None
    ]


def report_posts(session: Session, ws: Workspace, retro: Retrospective, today: date) -> list[Post]:
    data = report_data(session, ws, retro, today)
    payload = report(data, lang=ws.lang)
    about = f"the report of {retro.ref}"
    posts = [
        Post(
            ws.team_id,
            "retro_report",
            f"ret:{retro.id}:{target}",
            retro.ref,
            [payload],
            channel=channel,
            describe=about,
        )
        for target, channel in _channels(session, ws, data.project.id or 0)
    ]
    lead = data.project.lead_user_id
    if lead:
        posts.append(
            Post(
                ws.team_id,
                "retro_report",
                f"ret:{retro.id}:user:{lead}",
                retro.ref,
                [payload],
                dm_user=lead,
                describe=about,
            )
        )
    return posts


def job_posts(session: Session, ws: Workspace, now: datetime) -> list[Post]:
    tz = ZoneInfo(ws.timezone)
    today = now.astimezone(tz).date()
    nudge, digest = parse_hhmm(ws.nudge_time), parse_hhmm(ws.digest_time)
    posts: list[Post] = []
    for retro in retros.retros_between(session, team_id=ws.team_id, start=today - RECENT, end=today + AHEAD):
        report_at = local_at(retro.until, digest, tz)
        if now >= report_at:
            posts += report_posts(session, ws, retro, today)
            continue
        posts += invitation_posts(session, ws, retro)
        remind_day = working_day_before(retro.until, country=ws.holidays_country)
        remind_at = local_at(remind_day, nudge, tz)
        if remind_at <= now and remind_at > retro.created_at:  # not when started after that time
            posts += reminder_posts(session, ws, retro)
    return posts


def send_invitations(deps: Deps, *, team_id: str, retro_id: int) -> None:
    """After `retro start`'s commit: the invitations, at once (each once, through the ledger)."""
    with deps.sessions() as session:
        ws = deps.workspace(session, team_id)
        retro = retros.get_retro_by_id(session, team_id=team_id, retro_id=retro_id)
        if retro is None:
            return
        posts = invitation_posts(session, ws, retro)
    deliver_now(
        posts,
        slack_for=deps.slack_for,
        sessions=deps.sessions,
        clock=deps.clock,
        rate=POST_RATE,
        what=f"the invitations of retrospective {retro_id}",
    )
