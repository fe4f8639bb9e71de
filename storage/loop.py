"""Queries of the weekly loop: sync prompts, thread-reply progress, event de-duplication,
change requests, and what the digest reports."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, update
from sqlmodel import Session, col, select

from storage.db import dialect_insert
from storage.models import (
    ChangeRequest,
    Measure,
    MeasureEvent,
    ProcessedEvent,
    SyncPrompt,
    SyncPromptItem,
    SyncPromptMessage,
)
from storage.queries import MeasureRow, measure_rows

# ---------------------------------------------------------------- sync prompts


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


# ---------------------------------------------------------------- events and progress


def mark_event_processed(session: Session, *, team_id: str, event_id: str, now: datetime) -> bool:
    """``True`` the first time an event id is seen; ``False`` for Slack's retries of it."""
    stmt = (
        dialect_insert(session, ProcessedEvent)
        .values(team_id=team_id, event_id=event_id, received_at=now)
        .on_conflict_do_nothing(index_elements=["team_id", "event_id"])
        .returning(ProcessedEvent.event_id)
    )
    return session.execute(stmt).scalar_one_or_none() is not None


def prune_processed_events(session: Session, *, team_id: str, older_than: datetime) -> int:
    """Forget event ids received before ``older_than`` (Slack retries within minutes)."""
    result = session.execute(
        delete(ProcessedEvent).where(
            col(ProcessedEvent.team_id) == team_id, col(ProcessedEvent.received_at) < older_than
        )
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def add_reply_event(
    session: Session,
    *,
    team_id: str,
    measure: Measure,
    actor_user_id: str,
    kind: str,
    note: str,
    channel_id: str,
    message_ts: str,
    now: datetime,
) -> MeasureEvent:
    """A thread reply kept on a measure: ``progress`` (from someone who may change it) or ``comment``."""
    assert measure.id is not None and measure.team_id == team_id
    event = MeasureEvent(
        team_id=team_id,
        measure_id=measure.id,
        actor_user_id=actor_user_id,
        at=now,
        kind=kind,
        note=note,
        source="thread",
        channel_id=channel_id,
        message_ts=message_ts,
    )
    session.add(event)
    session.flush()
    return event


def events_for_message(
    session: Session, *, team_id: str, channel_id: str, message_ts: str
) -> list[MeasureEvent]:
    stmt = select(MeasureEvent).where(
        MeasureEvent.team_id == team_id,
        MeasureEvent.channel_id == channel_id,
        MeasureEvent.message_ts == message_ts,
    )
    return list(session.exec(stmt.order_by(col(MeasureEvent.id))))


def get_measure_by_id(session: Session, *, team_id: str, measure_id: int) -> Measure | None:
    return session.exec(select(Measure).where(Measure.team_id == team_id, Measure.id == measure_id)).first()


# ---------------------------------------------------------------- change requests


def add_change_request(
    session: Session,
    *,
    team_id: str,
    measure: Measure,
    requested_by: str,
    proposed_due: date,
    reason: str,
    now: datetime,
) -> ChangeRequest:
    assert measure.id is not None and measure.team_id == team_id
    request = ChangeRequest(
        team_id=team_id,
        measure_id=measure.id,
        requested_by=requested_by,
        old_due=measure.due,
        proposed_due=proposed_due,
        reason=reason,
        created_at=now,
    )
    session.add(request)
    session.flush()
    return request


def get_change_request(session: Session, *, team_id: str, request_id: int) -> ChangeRequest | None:
    stmt = select(ChangeRequest).where(ChangeRequest.team_id == team_id, ChangeRequest.id == request_id)
    return session.exec(stmt).first()


def decide_change_request(
    session: Session, *, team_id: str, request: ChangeRequest, approved: bool, decided_by: str, now: datetime
) -> bool:
    """Close an open request; ``False`` when it was already decided (a double click).

    One conditional UPDATE, so two clicks racing on PostgreSQL cannot both decide it."""
    assert request.team_id == team_id and request.id is not None
    result = session.execute(
        update(ChangeRequest)
        .where(
            col(ChangeRequest.team_id) == team_id,
            col(ChangeRequest.id) == request.id,
            col(ChangeRequest.state) == "open",
        )
        .values(state="approved" if approved else "rejected", decided_by=decided_by, decided_at=now)
        .execution_options(synchronize_session=False)
    )
    if not result.rowcount:  # type: ignore[attr-defined]
        return False
    session.refresh(request)
    return True


# ---------------------------------------------------------------- digest


@dataclass(frozen=True)
class StatusChange:
    measure_number: int
    from_status: str
    to_status: str
    actor_user_id: str
    at: datetime


def status_changes_since(
    session: Session, *, team_id: str, department_id: int, since: datetime, until: datetime
) -> list[StatusChange]:
    stmt = (
        select(MeasureEvent, Measure.number)
        .join(Measure, col(Measure.id) == col(MeasureEvent.measure_id))
        .where(
            MeasureEvent.team_id == team_id,
            Measure.department_id == department_id,
            MeasureEvent.kind == "status",
            col(MeasureEvent.at) >= since,
            col(MeasureEvent.at) < until,
        )
        .order_by(col(MeasureEvent.at), col(MeasureEvent.id))
    )
    return [
        StatusChange(number, ev.from_value or "", ev.to_value or "", ev.actor_user_id, ev.at)
        for ev, number in session.exec(stmt).all()
    ]
