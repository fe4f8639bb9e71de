"""Projects (项目) and the departments involved in them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from storage.models import OPEN_STATUSES, Department, Measure, Problem, Project, ProjectDepartment
from storage.references import _newest_first, _ref, next_ref
from storage.rows import ProjectSummary


def add_project(
    session: Session,
    *,
    team_id: str,
    name: str,
    goal: str,
    due: date,
    lead_user_id: str,
    department_ids: Sequence[int],
    created_by: str,
    responsibilities: dict[int, str] | None = None,
    metric: str = "",
    baseline: str | None = None,
    target: str | None = None,
    unit: str = "",
) -> Project:
    project = Project(
        team_id=team_id,
        number=next_ref(session, team_id=team_id, kind="PRJ"),
        name=name,
        goal=goal,
        due=due,
        lead_user_id=lead_user_id,
        created_by=created_by,
        metric=metric,
        baseline=baseline,
        target=target,
        unit=unit,
    )
    session.add(project)
    session.flush()
    assert project.id is not None
    for dept_id in dict.fromkeys(department_ids):
        session.add(
            ProjectDepartment(
                team_id=team_id,
                project_id=project.id,
                department_id=dept_id,
                responsibility=(responsibilities or {}).get(dept_id, ""),
            )
        )
    session.flush()
    return project


def get_project(session: Session, *, team_id: str, number: int) -> Project | None:
    stmt = select(Project).where(Project.team_id == team_id, Project.number == number)
    return session.exec(stmt).first()


def get_project_by_id(session: Session, *, team_id: str, project_id: int) -> Project | None:
    stmt = select(Project).where(Project.team_id == team_id, Project.id == project_id)
    return session.exec(stmt).first()


def search_projects(session: Session, *, team_id: str, text: str, limit: int) -> list[Project]:
    """Projects whose reference (``PRJ-12``) or name contains ``text`` (case-insensitive, taken
    literally: ``%`` and ``_`` are no wildcards), newest first, the one whose reference is
    exactly what was typed (``12`` or ``PRJ-12``) on top; empty ``text``: the newest ones."""
    number = col(Project.number)
    stmt = select(Project).where(Project.team_id == team_id)
    typed = text.strip()
    if typed:
        stmt = stmt.where(
            or_(
                _ref("PRJ", number).icontains(typed, autoescape=True),
                col(Project.name).icontains(typed, autoescape=True),
            )
        )
    stmt = stmt.order_by(*_newest_first(number, typed, "PRJ")).limit(limit)
    return list(session.exec(stmt))


def project_departments(session: Session, *, team_id: str, project_id: int) -> list[Department]:
    stmt = (
        select(Department)
        .join(ProjectDepartment, col(ProjectDepartment.department_id) == col(Department.id))
        .where(ProjectDepartment.team_id == team_id, ProjectDepartment.project_id == project_id)
        .order_by(col(Department.name_key))
    )
    return list(session.exec(stmt))


def list_projects(session: Session, *, team_id: str) -> list[ProjectSummary]:
    projects = list(
        session.exec(
            select(Project)
            .where(Project.team_id == team_id, col(Project.closed_at).is_(None))
            .order_by(col(Project.number))
        )
    )
    if not projects:
        return []
    dept_rows = session.exec(
        select(ProjectDepartment.project_id, Department.name)
        .join(Department, col(Department.id) == col(ProjectDepartment.department_id))
        .where(ProjectDepartment.team_id == team_id)
        .order_by(col(Department.name_key))
    ).all()
    depts: dict[int, list[str]] = {}
    for project_id, dept_name in dept_rows:
        depts.setdefault(project_id, []).append(dept_name)
    problem_counts = dict(
        session.exec(
            select(Problem.project_id, func.count())
            .where(Problem.team_id == team_id)
            .group_by(col(Problem.project_id))
        ).all()
    )
    measure_counts: dict[int, tuple[int, int]] = {}
    for project_id, status, count in session.exec(
        select(Measure.project_id, Measure.status, func.count())
        .where(Measure.team_id == team_id)
        .group_by(col(Measure.project_id), col(Measure.status))
    ).all():
        total, open_ = measure_counts.get(project_id, (0, 0))
        measure_counts[project_id] = (total + count, open_ + (count if status in OPEN_STATUSES else 0))
    out = []
    for p in projects:
        assert p.id is not None
        total, open_ = measure_counts.get(p.id, (0, 0))
        out.append(
            ProjectSummary(
                project=p,
                departments=depts.get(p.id, []),
                problems=int(problem_counts.get(p.id, 0)),
                measures=total,
                open_measures=open_,
            )
        )
    return out
