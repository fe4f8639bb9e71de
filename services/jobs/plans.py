"""What each scheduled job posts: the targets and messages of one period, planned from the
database (no Slack calls here) and handed to the deliverer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from services.deps import Clock
from services.jobs.delivery import Post
from storage import departments, measures, prompts
from storage.db import Session
from storage.models import OPEN_STATUSES, Department, Workspace
from storage.rows import MeasureRow
from ui.nudges import Overdue, overdue_parts
from ui.weekly import digest_message, sync_prompt_parts


def channel_target(dept: Department) -> str:
    """The ledger target of a department-channel post (the sync prompt, the digest)."""
    return f"dept:{dept.id}:{dept.channel_id}"


def sync_posts(session: Session, ws: Workspace, today: date, period: str, clock: Clock) -> list[Post]:
    posts = []
    for dept in departments.list_departments(session, team_id=ws.team_id):
        rows = measures.measure_rows(
            session, team_id=ws.team_id, department_id=dept.id, statuses=OPEN_STATUSES, open_projects=True
        )
        if not rows:
            continue
        rows.sort(key=lambda r: (r.measure.due, r.measure.number))
        parts = sync_prompt_parts(rows, dept=dept.name, period=period, lang=ws.lang, today=today)
        posts.append(
            Post(
                team_id=ws.team_id,
                kind="sync",
                target=channel_target(dept),
                period=period,
                channel=dept.channel_id,
                parts=[payload for _, payload in parts],
                on_posted=prompt_recorder(clock, ws.team_id, dept.id or 0, period, [c for c, _ in parts]),
                describe="weekly sync prompt",
            )
        )
    return posts


def prompt_recorder(
    clock: Clock, team_id: str, department_id: int, period: str, chunks: list[list[MeasureRow]]
) -> Callable[[Session, int, str, str], None]:
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
            session,
            team_id=team_id,
            prompt=prompt,
            part=part,
            ts=ts,
            measure_ids=[r.measure.id or 0 for r in chunks[part - 1]],
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
    today = now.astimezone(tz).date()
    # The week the digest looks back on: the 7 days before it (on a Monday morning the
    # calendar week has only just begun).
    last_week = now - timedelta(days=7)
    posts = []
    for dept in departments.list_departments(session, team_id=ws.team_id):
        rows = measures.measure_rows(session, team_id=ws.team_id, department_id=dept.id, open_projects=True)
        done = [
            r
            for r in rows
            if r.measure.status == "done" and r.measure.done_at and last_week <= r.measure.done_at <= now
        ]
        changes = [
            (c.measure_number, c.from_status, c.to_status, c.actor_user_id)
            for c in measures.status_changes_since(
                session, team_id=ws.team_id, department_id=dept.id or 0, since=last_week, until=now
            )
        ]
        payload = digest_message(
            dept=dept.name,
            period=period,
            rows=rows,
            done_this_week=done,
            changes=changes,
            lang=ws.lang,
            today=today,
        )
        posts.append(
            Post(
                team_id=ws.team_id,
                kind="digest",
                target=channel_target(dept),
                period=period,
                channel=dept.channel_id,
                parts=[payload],
                describe="weekly digest",
            )
        )
    return posts
