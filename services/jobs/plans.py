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
from ui.weekly import digest_message, nudge_message, sync_prompt_parts


def channel_target(dept: Department) -> str:
    """The ledger target of a department-channel post (the sync prompt, the digest)."""
    return f"dept:{dept.id}:{dept.channel_id}"


def sync_posts(session: Session, ws: Workspace, today: date, period: str, clock: Clock) -> list[Post]:
    posts = []
    for dept in departments.list_departments(session, team_id=ws.team_id):
        rows = measures.measure_rows(
            session, team_id=ws.team_id, department_id=dept.id, statuses=OPEN_STATUSES
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


def nudge_posts(session: Session, ws: Workspace, today: date, period: str) -> list[Post]:
    posts = []
    rows = measures.measure_rows(session, team_id=ws.team_id, statuses=OPEN_STATUSES, due_before=today)
    for row in rows:
        m = row.measure
        days = (today - m.due).days
        posts.append(
            Post(
                team_id=ws.team_id,
                kind="nudge",
                target=f"msr:{m.id}",
                period=period,
                dm_user=m.owner_user_id,
                parts=[nudge_message(row, days=days, lang=ws.lang, today=today, escalation=False)],
                describe=f"the overdue reminder for {m.ref}",
            )
        )
        head = row.department.head_user_id
        if days >= ws.escalate_after and head and head != m.owner_user_id:
            posts.append(
                Post(
                    team_id=ws.team_id,
                    kind="escalate",
                    target=f"msr:{m.id}",
                    period=period,
                    dm_user=head,
                    parts=[nudge_message(row, days=days, lang=ws.lang, today=today, escalation=True)],
                    describe=f"the overdue escalation for {m.ref}",
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
        rows = measures.measure_rows(session, team_id=ws.team_id, department_id=dept.id)
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
