"""The learnt pace of a workspace's scheduled posts (``post_pace``), kept across runs."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from storage.db import dialect_insert
from storage.models import PostPace


def get_pace(session: Session, *, team_id: str) -> PostPace | None:
    return session.exec(select(PostPace).where(PostPace.team_id == team_id)).first()


def save_pace(
    session: Session, *, team_id: str, rate: float, limit_seen: float | None, now: datetime
) -> None:
    values = {"rate": rate, "limit_seen": limit_seen, "updated_at": now}
    stmt = (
        dialect_insert(session, PostPace)
        .values(team_id=team_id, **values)
        .on_conflict_do_update(index_elements=["team_id"], set_=values)
    )
    session.execute(stmt)
