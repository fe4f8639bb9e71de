"""Change requests (需求变更申请)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import update
from sqlmodel import Session, col, select

from storage.models import ChangeRequest, Measure


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


def open_for_lead(session: Session, *, team_id: str, user_id: str) -> list[tuple[ChangeRequest, Measure]]:
    """Open change requests on the projects ``user_id`` leads (theirs to decide), oldest first."""
    from storage.models import Project

    stmt = (
        select(ChangeRequest, Measure)
        .join(Measure, col(Measure.id) == col(ChangeRequest.measure_id))
        .join(Project, col(Project.id) == col(Measure.project_id))
        .where(
            ChangeRequest.team_id == team_id,
            ChangeRequest.state == "open",
            Project.lead_user_id == user_id,
        )
        .order_by(col(ChangeRequest.created_at), col(ChangeRequest.id))
    )
    return [(request, measure) for request, measure in session.exec(stmt).all()]
