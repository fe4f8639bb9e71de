"""The history of departments and problems (``record_change``): who changed what, when."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from storage.models import RecordChange


@dataclass(frozen=True)
class Change:
    """One field changed: its name, the value before and after."""

    field: str
    from_value: str | None
    to_value: str | None


def record_changes(
    session: Session,
    *,
    team_id: str,
    record_kind: str,
    record_id: int,
    changes: Sequence[Change],
    actor_user_id: str,
    now: datetime,
) -> None:
    for change in changes:
        session.add(
            RecordChange(
                team_id=team_id,
                record_kind=record_kind,
                record_id=record_id,
                field=change.field,
                from_value=change.from_value,
                to_value=change.to_value,
                actor_user_id=actor_user_id,
                at=now,
            )
        )
    session.flush()


def record_history(session: Session, *, team_id: str, record_kind: str, record_id: int) -> list[RecordChange]:
    stmt = (
        select(RecordChange)
        .where(
            RecordChange.team_id == team_id,
            RecordChange.record_kind == record_kind,
            RecordChange.record_id == record_id,
        )
        .order_by(col(RecordChange.at), col(RecordChange.id))
    )
    return list(session.exec(stmt))
