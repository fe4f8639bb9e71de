"""Events API ids already handled, so Slack's retries never count twice."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlmodel import Session, col

from storage.db import dialect_insert
from storage.models import ProcessedEvent


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
