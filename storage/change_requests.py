"""Change requests (需求变更申请, ``CHG-n``)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import case, update
from sqlmodel import Session, col, select

from storage.models import ChangeRequest, Department, Measure, Project
from storage.references import next_ref
from storage.rows import ChangeRow


def add_change_request(
    session: Session,
    *,
    team_id: str,
    project: Project,
    requested_by: str,
    now: datetime,
    text: str = "",
    impact: str = "",
    department: Department | None = None,
    measure: Measure | None = None,
    proposed_due: date | None = None,
    reason: str = "",
) -> ChangeRequest:
    """File ``CHG-n``. With a measure, its department is the responsible one unless another is
    given, and its current deadline is kept as ``old_due``."""
    assert project.id is not None and project.team_id == team_id
    if measure is not None:
        assert measure.team_id == team_id and measure.project_id == project.id
    department_id = department.id if department is not None else measure.department_id if measure else None
    request = ChangeRequest(
        team_id=team_id,
        number=next_ref(session, team_id=team_id, kind="CHG"),
        project_id=project.id,
        department_id=department_id,
        text=text,
        impact=impact,
        measure_id=measure.id if measure is not None else None,
        requested_by=requested_by,
        old_due=measure.due if measure is not None and proposed_due is not None else None,
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


def get_by_number(session: Session, *, team_id: str, number: int) -> ChangeRequest | None:
    stmt = select(ChangeRequest).where(ChangeRequest.team_id == team_id, ChangeRequest.number == number)
    return session.exec(stmt).first()


def decide_change_request(
    session: Session,
    *,
    team_id: str,
    request: ChangeRequest,
    approved: bool,
    decided_by: str,
    now: datetime,
    note: str = "",
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
        .values(
            state="approved" if approved else "rejected",
            decided_by=decided_by,
            decided_at=now,
            decision_note=note,
        )
        .execution_options(synchronize_session=False)
    )
    if not result.rowcount:  # type: ignore[attr-defined]
        session.refresh(request)
        return False
    session.refresh(request)
    return True


def change_rows(
    session: Session,
    *,
    team_id: str,
    project_id: int | None = None,
    ids: list[int] | None = None,
    open_only: bool = False,
    lead_user_id: str | None = None,
) -> list[ChangeRow]:
    """Change requests with their project, department and measure: open ones first (oldest
    first), then the decided ones (newest decision first)."""
    stmt = (
        select(ChangeRequest, Project, Department, Measure)
        .join(Project, col(Project.id) == col(ChangeRequest.project_id))
        .outerjoin(Department, col(Department.id) == col(ChangeRequest.department_id))
        .outerjoin(Measure, col(Measure.id) == col(ChangeRequest.measure_id))
        .where(ChangeRequest.team_id == team_id)
    )
    if project_id is not None:
        stmt = stmt.where(ChangeRequest.project_id == project_id)
    if ids is not None:
        stmt = stmt.where(col(ChangeRequest.id).in_(ids))
    if open_only:
        stmt = stmt.where(ChangeRequest.state == "open")
    if lead_user_id is not None:
        stmt = stmt.where(Project.lead_user_id == lead_user_id)
    stmt = stmt.order_by(
        case((col(ChangeRequest.state) == "open", 0), else_=1),
        case(
            (col(ChangeRequest.state) == "open", col(ChangeRequest.number)), else_=-col(ChangeRequest.number)
        ),
    )
    return [ChangeRow(r, p, d, m) for r, p, d, m in session.exec(stmt).all()]


def open_for_lead(session: Session, *, team_id: str, user_id: str) -> list[ChangeRow]:
    """Open change requests on the projects ``user_id`` leads (theirs to decide), oldest first."""
    return change_rows(session, team_id=team_id, open_only=True, lead_user_id=user_id)
