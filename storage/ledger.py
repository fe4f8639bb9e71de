"""The delivery ledger: claim a (kind, team, target, period) before sending, lease it, finish it.

Exactly-once rests on the unique key: the INSERT that creates the row is the claim. A row whose
holder died keeps ``state='claimed'`` with a lease in the past; the next claimer takes it over
(``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so two takers never both get it) and must reconcile
with Slack before sending again, since the dead holder may have posted already.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from storage.db import dialect_insert
from storage.models import Delivery

FINAL_STATES = ("sent", "failed", "skipped")


@dataclass(frozen=True)
class Claim:
    delivery: Delivery
    recovered: bool  # taken over after a lease ran out: the earlier holder may have posted


def claim(
    session: Session,
    *,
    team_id: str,
    kind: str,
    target: str,
    period: str,
    owner: str,
    now: datetime,
    lease: timedelta,
) -> Claim | None:
    """Claim one delivery. ``None``: already finished, or another live process holds it.

    The caller commits right after, so other processes see the claim.
    """
    stmt = (
        dialect_insert(session, Delivery)
        .values(
            team_id=team_id,
            kind=kind,
            target=target,
            period=period,
            state="claimed",
            claimed_by=owner,
            lease_until=now + lease,
            attempts=1,
            channel_id="",
            ts="",
            error="",
            created_at=now,
            updated_at=now,
        )
        .on_conflict_do_nothing(index_elements=["team_id", "kind", "target", "period"])
        .returning(Delivery.id)
    )
    new_id = session.execute(stmt).scalar_one_or_none()
    if new_id is not None:
        row = session.get(Delivery, new_id)
        assert row is not None
        return Claim(row, recovered=False)
    expired = select(Delivery).where(
        Delivery.team_id == team_id,
        Delivery.kind == kind,
        Delivery.target == target,
        Delivery.period == period,
        Delivery.state == "claimed",
        col(Delivery.lease_until) < now,
    )
    if session.get_bind().dialect.name == "postgresql":
        expired = expired.with_for_update(skip_locked=True)
    row = session.exec(expired).first()
    if row is None:
        return None
    row.claimed_by = owner
    row.lease_until = now + lease
    row.attempts += 1
    row.updated_at = now
    session.add(row)
    session.flush()
    return Claim(row, recovered=True)


def _owned(delivery_id: int, owner: str):  # type: ignore[no-untyped-def]
    return update(Delivery).where(
        col(Delivery.id) == delivery_id, col(Delivery.claimed_by) == owner, col(Delivery.state) == "claimed"
    )


def renew(session: Session, *, delivery_id: int, owner: str, now: datetime, lease: timedelta) -> bool:
    """Extend our lease; ``False`` means we lost it and must stop."""
    result = session.execute(_owned(delivery_id, owner).values(lease_until=now + lease, updated_at=now))
    return bool(result.rowcount)  # type: ignore[attr-defined]


def record_post(
    session: Session, *, delivery_id: int, owner: str, channel_id: str, ts: str, now: datetime
) -> None:
    """Remember where the (first) message went, before the delivery is finished."""
    session.execute(
        _owned(delivery_id, owner)
        .where(col(Delivery.ts) == "")
        .values(channel_id=channel_id, ts=ts, updated_at=now)
    )


def finish(
    session: Session,
    *,
    delivery_id: int,
    owner: str,
    state: str,
    now: datetime,
    error: str = "",
) -> bool:
    assert state in FINAL_STATES
    values: dict[str, object] = {"state": state, "updated_at": now, "error": error[:500], "lease_until": None}
    if state == "sent":
        values["sent_at"] = now
    result = session.execute(_owned(delivery_id, owner).values(**values))
    return bool(result.rowcount)  # type: ignore[attr-defined]


def release(session: Session, *, delivery_id: int, owner: str, now: datetime, error: str) -> None:
    """Give a claim back after a passing failure, so the next run retries it at once."""
    session.execute(_owned(delivery_id, owner).values(lease_until=now, error=error[:500], updated_at=now))


def deliveries(
    session: Session, *, team_id: str, kind: str | None = None, period: str | None = None
) -> list[Delivery]:
    stmt = select(Delivery).where(Delivery.team_id == team_id)
    if kind is not None:
        stmt = stmt.where(Delivery.kind == kind)
    if period is not None:
        stmt = stmt.where(Delivery.period == period)
    return list(session.exec(stmt.order_by(col(Delivery.id))))


def unfinished(
    session: Session, *, team_id: str, kinds: tuple[str, ...], period: str | None
) -> list[Delivery]:
    """Deliveries still claimed, of one period (``None``: of any period)."""
    stmt = select(Delivery).where(
        Delivery.team_id == team_id,
        col(Delivery.kind).in_(kinds),
        Delivery.state == "claimed",
    )
    if period is not None:
        stmt = stmt.where(Delivery.period == period)
    return list(session.exec(stmt))


def count_unfinished(session: Session, *, team_id: str) -> int:
    """Claims of the workspace not finished yet (held, released for a retry, or left by a dead process)."""
    stmt = (
        select(func.count())
        .select_from(Delivery)
        .where(Delivery.team_id == team_id, Delivery.state == "claimed")
    )
    return int(session.exec(stmt).one())
