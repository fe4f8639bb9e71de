"""The practice library: report items kept as practices (固化) or dropped as steps (淘汰)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from storage.models import Practice, Project, Retrospective


def decide(
    session: Session, *, team_id: str, retro: Retrospective, kind: str, text: str, by: str, now: datetime
) -> bool:
    """Keep or drop an item; ``False`` when the library already has it (from this retrospective)."""
    assert retro.id is not None
    found = session.exec(
        select(Practice.id).where(
            Practice.team_id == team_id,
            Practice.retro_id == retro.id,
            Practice.kind == kind,
            Practice.text == text,
        )
    ).first()
    if found is not None:
        return False
    session.add(
        Practice(
            team_id=team_id,
            kind=kind,
            text=text,
            project_id=retro.project_id,
            retro_id=retro.id,
            decided_by=by,
            created_at=now,
        )
    )
    session.flush()
    return True


def library(session: Session, *, team_id: str, kind: str | None = None) -> list[tuple[Practice, Project]]:
    """The library (or one kind of it), oldest first, each with its project."""
    stmt = (
        select(Practice, Project)
        .join(Project, col(Project.id) == col(Practice.project_id))
        .where(Practice.team_id == team_id)
        .order_by(col(Practice.id))
    )
    if kind is not None:
        stmt = stmt.where(Practice.kind == kind)
    return [(p, j) for p, j in session.exec(stmt).all()]
