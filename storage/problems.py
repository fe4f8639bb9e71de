"""Problems (问题清单)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_
from sqlmodel import Session, col, select

from storage.history import Change, record_changes
from storage.models import Problem, Project
from storage.references import _newest_first, _ref, next_ref


def add_problem(
    session: Session,
    *,
    team_id: str,
    project: Project,
    category: str,
    description: str,
    root_cause: str,
    created_by: str,
    source_link: str = "",
) -> Problem:
    assert project.id is not None and project.team_id == team_id
    problem = Problem(
        team_id=team_id,
        number=next_ref(session, team_id=team_id, kind="PRB"),
        project_id=project.id,
        category=category,
        description=description,
        root_cause=root_cause,
        source_link=source_link,
        created_by=created_by,
    )
    session.add(problem)
    session.flush()
    return problem


def get_problem(session: Session, *, team_id: str, number: int) -> Problem | None:
    stmt = select(Problem).where(Problem.team_id == team_id, Problem.number == number)
    return session.exec(stmt).first()


def list_problems(session: Session, *, team_id: str, project_id: int | None = None) -> list[Problem]:
    stmt = select(Problem).where(Problem.team_id == team_id)
    if project_id is not None:
        stmt = stmt.where(Problem.project_id == project_id)
    return list(session.exec(stmt.order_by(col(Problem.number))))


def search_problems(
    session: Session, *, team_id: str, text: str, limit: int
) -> list[tuple[Problem, Project]]:
    """Problems, with their project, whose reference (``PRB-7``), project reference (``PRJ-2``)
    or description contains ``text`` (case-insensitive, taken literally), newest first, the one
    whose reference is exactly what was typed (``7`` or ``PRB-7``) on top; empty ``text``: the
    newest ones."""
    number = col(Problem.number)
    stmt = (
        select(Problem, Project)
        .join(Project, col(Project.id) == col(Problem.project_id))
        .where(Problem.team_id == team_id, Project.team_id == team_id)
    )
    typed = text.strip()
    if typed:
        stmt = stmt.where(
            or_(
                _ref("PRB", number).icontains(typed, autoescape=True),
                _ref("PRJ", col(Project.number)).icontains(typed, autoescape=True),
                col(Problem.description).icontains(typed, autoescape=True),
            )
        )
    stmt = stmt.order_by(*_newest_first(number, typed, "PRB")).limit(limit)
    return [(pb, pj) for pb, pj in session.exec(stmt).all()]


def update_problem(
    session: Session,
    *,
    problem: Problem,
    actor_user_id: str,
    now: datetime,
    category: str | None = None,
    cause: str | None = None,
    text: str | None = None,
) -> list[Change]:
    """Apply what differs (``text`` is the description), each change kept in the history."""
    assert problem.id is not None
    changes: list[Change] = []
    if category is not None and category != problem.category:
        changes.append(Change("category", problem.category, category))
        problem.category = category
    if cause is not None and cause != problem.root_cause:
        changes.append(Change("cause", problem.root_cause, cause))
        problem.root_cause = cause
    if text is not None and text != problem.description:
        changes.append(Change("text", problem.description, text))
        problem.description = text
    if changes:
        session.add(problem)
        record_changes(
            session,
            team_id=problem.team_id,
            record_kind="problem",
            record_id=problem.id,
            changes=changes,
            actor_user_id=actor_user_id,
            now=now,
        )
    return changes
