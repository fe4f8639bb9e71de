"""The project charter (前期准备): changing a project, its departments' duties, and reading
everything ``project show`` shows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from storage.change_requests import change_rows
from storage.models import Department, Measure, Meeting, Problem, Project, ProjectDepartment, Risk
from storage.rows import Charter, Duty


def duties(session: Session, *, team_id: str, project_id: int) -> list[Duty]:
    """The project's departments with their responsibility, by name."""
    stmt = (
        select(Department, ProjectDepartment.responsibility)
        .join(ProjectDepartment, col(ProjectDepartment.department_id) == col(Department.id))
        .where(ProjectDepartment.team_id == team_id, ProjectDepartment.project_id == project_id)
        .order_by(col(Department.name_key))
    )
    return [Duty(d, r) for d, r in session.exec(stmt).all()]


def set_duty(session: Session, *, team_id: str, project: Project, department: Department, text: str) -> bool:
    """The department's responsibility in the project (one per department: a second replaces
    the first). A department not yet involved joins the project. ``True`` when it joined."""
    assert project.id is not None and department.id is not None and project.team_id == team_id
    row = session.exec(
        select(ProjectDepartment).where(
            ProjectDepartment.team_id == team_id,
            ProjectDepartment.project_id == project.id,
            ProjectDepartment.department_id == department.id,
        )
    ).first()
    joined = row is None
    if row is None:
        row = ProjectDepartment(team_id=team_id, project_id=project.id, department_id=department.id)
    row.responsibility = text
    session.add(row)
    session.flush()
    return joined


def set_departments(
    session: Session, *, team_id: str, project: Project, department_ids: Sequence[int]
) -> None:
    """The project's departments become ``department_ids``; those that stay keep their duty."""
    assert project.id is not None and project.team_id == team_id
    rows = session.exec(
        select(ProjectDepartment).where(
            ProjectDepartment.team_id == team_id, ProjectDepartment.project_id == project.id
        )
    ).all()
    keep = dict.fromkeys(department_ids)
    for row in rows:
        if row.department_id not in keep:
            session.delete(row)
    have = {row.department_id for row in rows}
    for dept_id in keep:
        if dept_id not in have:
            session.add(ProjectDepartment(team_id=team_id, project_id=project.id, department_id=dept_id))
    session.flush()


def update_project(session: Session, *, team_id: str, project: Project, **changes: object) -> list[str]:
    """Apply the changes that differ; the names of the fields changed."""
    assert project.team_id == team_id
    changed = []
    for key, value in changes.items():
        if not hasattr(project, key) or key in ("id", "team_id", "number"):
            raise AttributeError(key)
        if getattr(project, key) != value:
            setattr(project, key, value)
            changed.append(key)
    if changed:
        session.add(project)
        session.flush()
    return changed


def charter(session: Session, *, team_id: str, project: Project, today: date) -> Charter:
    assert project.id is not None and project.team_id == team_id
    risks = list(
        session.exec(
            select(Risk)
            .where(Risk.team_id == team_id, Risk.project_id == project.id)
            .order_by(col(Risk.number))
        )
    )
    meetings = list(
        session.exec(
            select(Meeting)
            .where(Meeting.team_id == team_id, Meeting.project_id == project.id)
            .order_by(col(Meeting.starts_at), col(Meeting.number))
        )
    )
    by_category = dict(
        session.exec(
            select(Problem.category, func.count())
            .where(Problem.team_id == team_id, Problem.project_id == project.id)
            .group_by(col(Problem.category))
        ).all()
    )
    by_status = dict(
        session.exec(
            select(Measure.status, func.count())
            .where(Measure.team_id == team_id, Measure.project_id == project.id)
            .group_by(col(Measure.status))
        ).all()
    )
    overdue = session.exec(
        select(func.count()).where(
            Measure.team_id == team_id,
            Measure.project_id == project.id,
            Measure.status != "done",
            col(Measure.due) < today,
        )
    ).one()
    return Charter(
        project=project,
        duties=duties(session, team_id=team_id, project_id=project.id),
        risks=risks,
        meetings=meetings,
        problems_by_category={str(k): int(v) for k, v in by_category.items()},
        measures_by_status={str(k): int(v) for k, v in by_status.items()},
        overdue=int(overdue),
        changes=change_rows(session, team_id=team_id, project_id=project.id, open_only=True),
    )
