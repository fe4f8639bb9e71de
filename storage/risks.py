"""Risks and their plans (风险与预案, ``RSK-n``)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from storage.models import Project, Risk
from storage.references import next_ref


def add_risk(
    session: Session,
    *,
    team_id: str,
    project: Project,
    text: str,
    plan: str,
    owner_user_id: str,
    created_by: str,
    now: datetime,
) -> Risk:
    assert project.id is not None and project.team_id == team_id
    risk = Risk(
        team_id=team_id,
        number=next_ref(session, team_id=team_id, kind="RSK"),
        project_id=project.id,
        text=text,
        plan=plan,
        owner_user_id=owner_user_id,
        created_by=created_by,
        created_at=now,
        updated_at=now,
    )
    session.add(risk)
    session.flush()
    return risk


def get_risk(session: Session, *, team_id: str, number: int) -> Risk | None:
    return session.exec(select(Risk).where(Risk.team_id == team_id, Risk.number == number)).first()


def update_risk(session: Session, *, team_id: str, risk: Risk, now: datetime, **changes: str) -> list[str]:
    """Apply the changes that differ (``status``, ``plan``, ``owner_user_id``); the fields changed."""
    assert risk.team_id == team_id
    changed = []
    for key, value in changes.items():
        if key not in ("status", "plan", "owner_user_id"):
            raise AttributeError(key)
        if getattr(risk, key) != value:
            setattr(risk, key, value)
            changed.append(key)
    if changed:
        risk.updated_at = now
        session.add(risk)
        session.flush()
    return changed


def open_risks(session: Session, *, team_id: str, project_id: int) -> list[Risk]:
    stmt = select(Risk).where(Risk.team_id == team_id, Risk.project_id == project_id, Risk.status == "open")
    return list(session.exec(stmt.order_by(col(Risk.number))))
