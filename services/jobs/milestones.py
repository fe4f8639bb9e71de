"""What the ``milestones`` job posts, planned from the database (no Slack calls here): on a
milestone's date, at the nudge time, one direct message to the project's lead with the facts,
the chart (rendered while it is delivered) and **Record evaluation**. Keyed by the milestone in
the delivery ledger, so it goes out once; a milestone on a day off (or while the bot was down)
goes out at the next run within two weeks."""

from __future__ import annotations

from datetime import datetime
from functools import partial
from zoneinfo import ZoneInfo

from domain.schedule import local_at, parse_hhmm
from services.jobs.delivery import Post
from services.milestones import chart_name, chart_png, project_facts
from storage import milestones, projects
from storage.db import Session
from storage.milestones import RECENT
from storage.models import Workspace
from ui.catalogue import t
from ui.milestones import milestone_message

KINDS = ("milestone",)


def job_posts(session: Session, ws: Workspace, now: datetime) -> list[Post]:
    tz = ZoneInfo(ws.timezone)
    today = now.astimezone(tz).date()
    if now < local_at(today, parse_hhmm(ws.nudge_time), tz):
        today = today.fromordinal(today.toordinal() - 1)  # today's go out at the nudge time
    posts = []
    for milestone in milestones.milestones_between(
        session, team_id=ws.team_id, start=today - RECENT, end=today
    ):
        project = projects.get_project_by_id(session, team_id=ws.team_id, project_id=milestone.project_id)
        if project is None or not project.lead_user_id or project.closed_at is not None:
            continue
        facts = project_facts(session, ws, project, today)
        title = t(ws.lang, "cls.chart_title", project=f"{project.ref} {project.name}")
        posts.append(
            Post(
                team_id=ws.team_id,
                kind="milestone",
                target=f"mls:{milestone.id}:{project.lead_user_id}",
                period=milestone.ref,
                dm_user=project.lead_user_id,
                parts=[milestone_message(milestone, facts, lang=ws.lang)],
                upload=(chart_name(project), title, partial(chart_png, facts, lang=ws.lang, today=today)),
                describe=f"the milestone {milestone.ref} of {project.ref}",
            )
        )
    return posts
