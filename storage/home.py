"""What the Home tab needs: who has opened it, and the progress of the projects a person leads."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import case, func
from sqlmodel import Session, col, select

from storage.db import dialect_insert
from storage.models import HomeTab, Measure, Project


def mark_opened(session: Session, *, team_id: str, user_id: str, now: datetime) -> None:
    stmt = dialect_insert(session, HomeTab).values(team_id=team_id, user_id=user_id, opened_at=now)
    session.execute(
        stmt.on_conflict_do_update(index_elements=["team_id", "user_id"], set_={"opened_at": now})
    )


def with_home(session: Session, *, team_id: str, user_ids: Iterable[str]) -> list[str]:
    """Those of ``user_ids`` who have opened the Home tab (their tab is worth republishing)."""
    wanted = sorted({u for u in user_ids if u})
    if not wanted:
        return []
    stmt = select(HomeTab.user_id).where(HomeTab.team_id == team_id, col(HomeTab.user_id).in_(wanted))
    return sorted(session.exec(stmt))


def concerned_by_measures(session: Session, *, team_id: str, measure_ids: Iterable[int]) -> set[str]:
    """The owners of these measures and the leads of their projects."""
    ids = sorted(set(measure_ids))
    if not ids:
        return set()
    stmt = (
        select(Measure.owner_user_id, Project.lead_user_id)
        .join(Project, col(Project.id) == col(Measure.project_id))
        .where(Measure.team_id == team_id, col(Measure.id).in_(ids))
    )
    return {user for pair in session.exec(stmt).all() for user in pair if user}


def led_projects(session: Session, *, team_id: str, user_id: str) -> list[tuple[Project, int, int]]:
    """The projects ``user_id`` leads, by deadline, each with its measures done and in all."""
    projects = list(
        session.exec(
            select(Project)
            .where(
                Project.team_id == team_id, Project.lead_user_id == user_id, col(Project.closed_at).is_(None)
            )
            .order_by(col(Project.due), col(Project.number))
        )
    )
    if not projects:
        return []
    done = func.sum(case((col(Measure.status) == "done", 1), else_=0))
    counts = {
        project_id: (int(finished or 0), int(total))
        for project_id, finished, total in session.exec(
            select(Measure.project_id, done, func.count())
            .where(Measure.team_id == team_id, col(Measure.project_id).in_([p.id for p in projects]))
            .group_by(col(Measure.project_id))
        ).all()
    }
    return [(p, *counts.get(p.id or 0, (0, 0))) for p in projects]
