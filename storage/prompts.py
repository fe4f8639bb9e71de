"""The weekly sync prompts: their messages and the measures each lists."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlmodel import Session, col, select

from storage.db import dialect_insert
from storage.measures import measure_rows
from storage.models import SyncPrompt, SyncPromptItem, SyncPromptMessage
from storage.rows import MeasureRow


def get_or_create_prompt(
    session: Session, *, team_id: str, department_id: int, channel_id: str, period: str, now: datetime
) -> SyncPrompt:
    stmt = (
        dialect_insert(session, SyncPrompt)
        .values(
            team_id=team_id,
            department_id=department_id,
            channel_id=channel_id,
            period=period,
            thread_ts="",
            created_at=now,
        )
        .on_conflict_do_nothing(index_elements=["team_id", "channel_id", "period"])
    )
    session.execute(stmt)
    prompt = session.exec(
        select(SyncPrompt).where(
            SyncPrompt.team_id == team_id, SyncPrompt.channel_id == channel_id, SyncPrompt.period == period
        )
    ).one()
    return prompt


def add_prompt_message(
    session: Session, *, team_id: str, prompt: SyncPrompt, part: int, ts: str, measure_ids: Iterable[int]
) -> SyncPromptMessage:
    """Record a posted part of a prompt and the measures it lists. Recording a part again
    (a run that reconciled what a crashed one had posted) keeps the first record."""
    assert prompt.id is not None and prompt.team_id == team_id
    existing = session.exec(
        select(SyncPromptMessage).where(
            SyncPromptMessage.team_id == team_id,
            SyncPromptMessage.prompt_id == prompt.id,
            SyncPromptMessage.part == part,
        )
    ).first()
    if existing is not None:
        return existing
    message = SyncPromptMessage(
        team_id=team_id, prompt_id=prompt.id, part=part, channel_id=prompt.channel_id, ts=ts
    )
    session.add(message)
    session.flush()
    assert message.id is not None
    for measure_id in dict.fromkeys(measure_ids):
        session.add(
            SyncPromptItem(team_id=team_id, prompt_id=prompt.id, message_id=message.id, measure_id=measure_id)
        )
    if part == 1 and not prompt.thread_ts:
        prompt.thread_ts = ts
        session.add(prompt)
    session.flush()
    return message


def prompt_messages(session: Session, *, team_id: str, prompt_id: int) -> list[SyncPromptMessage]:
    stmt = (
        select(SyncPromptMessage)
        .where(SyncPromptMessage.team_id == team_id, SyncPromptMessage.prompt_id == prompt_id)
        .order_by(col(SyncPromptMessage.part))
    )
    return list(session.exec(stmt))


def prompt_by_thread(session: Session, *, team_id: str, channel_id: str, thread_ts: str) -> SyncPrompt | None:
    """The prompt whose thread this is (its first message, or any continuation part)."""
    prompt = session.exec(
        select(SyncPrompt).where(
            SyncPrompt.team_id == team_id,
            SyncPrompt.channel_id == channel_id,
            SyncPrompt.thread_ts == thread_ts,
        )
    ).first()
    if prompt is not None:
        return prompt
    return session.exec(
        select(SyncPrompt)
        .join(SyncPromptMessage, col(SyncPromptMessage.prompt_id) == col(SyncPrompt.id))
        .where(
            SyncPromptMessage.team_id == team_id,
            SyncPromptMessage.channel_id == channel_id,
            SyncPromptMessage.ts == thread_ts,
        )
    ).first()


def get_prompt(session: Session, *, team_id: str, prompt_id: int) -> SyncPrompt | None:
    stmt = select(SyncPrompt).where(SyncPrompt.team_id == team_id, SyncPrompt.id == prompt_id)
    return session.exec(stmt).first()


def get_message(session: Session, *, team_id: str, message_id: int) -> SyncPromptMessage | None:
    stmt = select(SyncPromptMessage).where(
        SyncPromptMessage.team_id == team_id, SyncPromptMessage.id == message_id
    )
    return session.exec(stmt).first()


def message_by_ts(session: Session, *, team_id: str, channel_id: str, ts: str) -> SyncPromptMessage | None:
    stmt = select(SyncPromptMessage).where(
        SyncPromptMessage.team_id == team_id,
        SyncPromptMessage.channel_id == channel_id,
        SyncPromptMessage.ts == ts,
    )
    return session.exec(stmt).first()


def message_measure_rows(session: Session, *, team_id: str, message_id: int) -> list[MeasureRow]:
    """The measures a prompt message lists, in the order it lists them."""
    ids = message_measure_ids(session, team_id=team_id, message_id=message_id)
    by_id = {r.measure.id: r for r in measure_rows(session, team_id=team_id, ids=ids)} if ids else {}
    return [by_id[i] for i in ids if i in by_id]


def message_measure_ids(session: Session, *, team_id: str, message_id: int) -> list[int]:
    stmt = (
        select(SyncPromptItem.measure_id)
        .where(SyncPromptItem.team_id == team_id, SyncPromptItem.message_id == message_id)
        .order_by(col(SyncPromptItem.id))
    )
    return list(session.exec(stmt))


def prompt_measure_rows(session: Session, *, team_id: str, prompt_id: int) -> list[MeasureRow]:
    ids = session.exec(
        select(SyncPromptItem.measure_id).where(
            SyncPromptItem.team_id == team_id, SyncPromptItem.prompt_id == prompt_id
        )
    ).all()
    return measure_rows(session, team_id=team_id, ids=list(ids)) if ids else []


def messages_listing(
    session: Session, *, team_id: str, measure_id: int, since: datetime
) -> list[SyncPromptMessage]:
    """Prompt messages (from prompts created since ``since``) that list this measure."""
    stmt = (
        select(SyncPromptMessage)
        .join(SyncPromptItem, col(SyncPromptItem.message_id) == col(SyncPromptMessage.id))
        .join(SyncPrompt, col(SyncPrompt.id) == col(SyncPromptMessage.prompt_id))
        .where(
            SyncPromptItem.team_id == team_id,
            SyncPromptItem.measure_id == measure_id,
            col(SyncPrompt.created_at) >= since,
        )
        .order_by(col(SyncPromptMessage.id))
    )
    return list(session.exec(stmt))


def department_messages(
    session: Session, *, team_id: str, department_id: int, since: datetime
) -> list[SyncPromptMessage]:
    """The messages of the department's prompts created since ``since``."""
    stmt = (
        select(SyncPromptMessage)
        .join(SyncPrompt, col(SyncPrompt.id) == col(SyncPromptMessage.prompt_id))
        .where(
            SyncPrompt.team_id == team_id,
            SyncPrompt.department_id == department_id,
            col(SyncPrompt.created_at) >= since,
        )
        .order_by(col(SyncPromptMessage.id))
    )
    return list(session.exec(stmt))
