"""What each scheduled job posts: the targets and messages of one period, planned from the
database (no Slack calls here) and handed to the deliverer."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from services.deps import Clock
from services.jobs.delivery import Post
from storage import by_department, measures, prompts
from storage.db import Session
from storage.models import OPEN_STATUSES, Department, Workspace
from storage.rows import Capped
from ui.nudges import Overdue, overdue_parts
from ui.weekly import DIGEST_LINES, SYNC_PER_PART, digest_message, sync_prompt_part


def channel_target(dept: Department) -> str:
    """The ledger target of a department-channel post (the sync prompt, the digest)."""
    return f"dept:{dept.id}:{dept.channel_id}"


def sync_posts(session: Session, ws: Workspace, today: date, period: str, clock: Clock) -> list[Post]:
    """One prompt per department channel with open measures: the first page, the rest behind
    Show more; the prompt records every open measure it stands for. Four queries in all."""
    team_id = ws.team_id
    pages = by_department.first_rows(
        session, team_id=team_id, limit=SYNC_PER_PART, order=by_department.BY_DUE, statuses=OPEN_STATUSES
    )
    listed = by_department.open_measure_ids(session, team_id=team_id)
    posts = []
    for dept in by_department.departments_with_channel(session, team_id=team_id):
        first = pages.get(dept.id or 0)
        if first is None:
            continue
        payload = sync_prompt_part(
            first.rows,
            dept=dept.name,
            period=period,
            part=1,
            parts=1,
            lang=ws.lang,
            today=today,
            total=first.total,
        )
        posts.append(
            Post(
                team_id=team_id,
                kind="sync",
                target=channel_target(dept),
                period=period,
                channel=dept.channel_id,
                parts=[payload],
                on_posted=prompt_recorder(
                    clock, team_id, dept.id or 0, period, [listed.get(dept.id or 0, [])]
                ),
                describe="weekly sync prompt",
            )
        )
    return posts


def prompt_recorder(
    clock: Clock, team_id: str, department_id: int, period: str, measure_ids: list[list[int]]
) -> Callable[[Session, int, str, str], None]:
    """Records a posted part of a prompt and the measures it stands for (``measure_ids`` by part)."""

    def record(session: Session, part: int, channel: str, ts: str) -> None:
        prompt = prompts.get_or_create_prompt(
            session,
            team_id=team_id,
            department_id=department_id,
            channel_id=channel,
            period=period,
            now=clock(),
        )
        prompts.add_prompt_message(
            session, team_id=team_id, prompt=prompt, part=part, ts=ts, measure_ids=measure_ids[part - 1]
        )

    return record


def person_target(user_id: str) -> str:
    """The ledger target of a direct message to one person (their nudge, their escalation)."""
    return f"user:{user_id}"


def nudge_posts(session: Session, ws: Workspace, today: date, period: str) -> list[Post]:
    """One nudge per owner listing all their overdue measures, and one escalation per head
    listing their departments' measures overdue for ``escalate_after`` days or more (not the
    head's own: those are in the head's nudge) — each once per person and day."""
    rows = measures.measure_rows(
        session, team_id=ws.team_id, statuses=OPEN_STATUSES, due_before=today, open_projects=True
    )
    owned: dict[str, list[Overdue]] = {}
    headed: dict[str, list[Overdue]] = {}
    for row in rows:
        item = Overdue(row, days=(today - row.measure.due).days)
        owned.setdefault(row.measure.owner_user_id, []).append(item)
        head = row.department.head_user_id
        if item.days >= ws.escalate_after and head and head != row.measure.owner_user_id:
            headed.setdefault(head, []).append(item)
    posts = []
    for kind, people, escalation in (("nudge", owned, False), ("escalate", headed, True)):
        for user, items in people.items():
            refs = ", ".join(i.row.measure.ref for i in items)
            posts.append(
                Post(
                    team_id=ws.team_id,
                    kind=kind,
                    target=person_target(user),
                    period=period,
                    dm_user=user,
                    parts=overdue_parts(items, lang=ws.lang, today=today, escalation=escalation),
                    describe=f"the overdue {'escalation' if escalation else 'reminder'} for {refs}"[:300],
                )
            )
    return posts


def digest_posts(session: Session, ws: Workspace, now: datetime, tz: ZoneInfo, period: str) -> list[Post]:
    """The 协作进度跟踪表 of every department channel, from six queries whatever the number of
    departments: counts by status, and the first lines of each list."""
    team_id = ws.team_id
    today = now.astimezone(tz).date()
    # The week the digest looks back on: the 7 days before it (on a Monday morning the
    # calendar week has only just begun).
    last_week = now - timedelta(days=7)
    first = functools.partial(by_department.first_rows, session, team_id=team_id, limit=DIGEST_LINES)
    counts = by_department.status_counts(session, team_id=team_id, today=today)
    overdue = first(statuses=OPEN_STATUSES, due_before=today)
    done = first(statuses=["done"], done_between=(last_week, now))
    open_rows = first(statuses=OPEN_STATUSES, due_from=today)
    changes = by_department.status_changes(
        session, team_id=team_id, since=last_week, until=now, limit=DIGEST_LINES
    )
    posts = []
    for dept in by_department.departments_with_channel(session, team_id=team_id):
        key = dept.id or 0
        payload = digest_message(
            dept=dept.name,
            period=period,
            counts=counts.get(key, {}),
            overdue=overdue.get(key, Capped()),
            done_this_week=done.get(key, Capped()),
            changes=changes.get(key, Capped()),
            open_rows=open_rows.get(key, Capped()),
            lang=ws.lang,
        )
        posts.append(
            Post(
                team_id=team_id,
                kind="digest",
                target=channel_target(dept),
                period=period,
                channel=dept.channel_id,
                parts=[payload],
                describe="weekly digest",
            )
        )
    return posts
