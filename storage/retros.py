"""Retrospectives (复盘, ``RET-n``): who was asked, who answered, the inputs (an anonymous one
stored without its author)."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, col, select

from storage.models import (
    Department,
    Measure,
    Project,
    ProjectDepartment,
    RetroInput,
    RetroParticipant,
    Retrospective,
)
from storage.references import next_ref


def participants_of(session: Session, *, team_id: str, project: Project) -> list[str]:
    """Everyone who took part: the lead, the heads of the project's departments, every measure owner."""
    assert project.id is not None
    heads = session.exec(
        select(Department.head_user_id)
        .join(ProjectDepartment, col(ProjectDepartment.department_id) == col(Department.id))
        .where(ProjectDepartment.team_id == team_id, ProjectDepartment.project_id == project.id)
    ).all()
    owners = session.exec(
        select(Measure.owner_user_id)
        .where(Measure.team_id == team_id, Measure.project_id == project.id)
        .order_by(col(Measure.number))
    ).all()
    return [u for u in dict.fromkeys([project.lead_user_id, *heads, *owners]) if u]


def has_measures(session: Session, *, team_id: str, project_id: int) -> bool:
    found = session.exec(
        select(Measure.id).where(Measure.team_id == team_id, Measure.project_id == project_id).limit(1)
    ).first()
    return found is not None


def start(
    session: Session, *, team_id: str, project: Project, until: date, by: str, now: datetime, users: list[str]
) -> Retrospective:
    assert project.id is not None
    retro = Retrospective(
        team_id=team_id,
        number=next_ref(session, team_id=team_id, kind="RET"),
        project_id=project.id,
        until=until,
        started_by=by,
        created_at=now,
    )
    session.add(retro)
    session.flush()
    assert retro.id is not None
    for user in users:
        session.add(RetroParticipant(team_id=team_id, retro_id=retro.id, user_id=user))
    session.flush()
    return retro


def get_retro(session: Session, *, team_id: str, number: int) -> Retrospective | None:
    return session.exec(
        select(Retrospective).where(Retrospective.team_id == team_id, Retrospective.number == number)
    ).first()


def get_retro_by_id(session: Session, *, team_id: str, retro_id: int) -> Retrospective | None:
    found = session.get(Retrospective, retro_id)
    return found if found is not None and found.team_id == team_id else None


def latest_of_project(session: Session, *, team_id: str, project_id: int) -> Retrospective | None:
    return session.exec(
        select(Retrospective)
        .where(Retrospective.team_id == team_id, Retrospective.project_id == project_id)
        .order_by(col(Retrospective.number).desc())
    ).first()


def retros_between(session: Session, *, team_id: str, start: date, end: date) -> list[Retrospective]:
    """Retrospectives whose ``until`` is ``start`` … ``end`` (both included)."""
    return list(
        session.exec(
            select(Retrospective)
            .where(
                Retrospective.team_id == team_id,
                col(Retrospective.until) >= start,
                col(Retrospective.until) <= end,
            )
            .order_by(col(Retrospective.number))
        )
    )


def participants(session: Session, *, team_id: str, retro_id: int) -> list[RetroParticipant]:
    return list(
        session.exec(
            select(RetroParticipant)
            .where(RetroParticipant.team_id == team_id, RetroParticipant.retro_id == retro_id)
            .order_by(col(RetroParticipant.id))
        )
    )


def inputs(session: Session, *, team_id: str, retro_id: int) -> list[RetroInput]:
    return list(
        session.exec(
            select(RetroInput)
            .where(RetroInput.team_id == team_id, RetroInput.retro_id == retro_id)
            .order_by(col(RetroInput.id))
        )
    )


def give_input(
    session: Session,
    *,
    team_id: str,
    retro: Retrospective,
    user_id: str,
    keep: str,
    drop: str,
    suggestions: str,
    anonymous: bool,
    now: datetime,
) -> str:
    """Keep a person's input and record *that* they answered. Returns ``"new"``, ``"replaced"``
    (their earlier named input is replaced) or ``"added"`` (they answered before anonymously:
    that input cannot be found again, so this one is kept beside it)."""
    assert retro.id is not None
    participant = session.exec(
        select(RetroParticipant).where(
            RetroParticipant.team_id == team_id,
            RetroParticipant.retro_id == retro.id,
            RetroParticipant.user_id == user_id,
        )
    ).first()
    if participant is None:
        participant = RetroParticipant(team_id=team_id, retro_id=retro.id, user_id=user_id, invited=False)
    answered_before = participant.answered_at is not None
    participant.answered_at = now
    session.add(participant)
    earlier = session.exec(
        select(RetroInput).where(
            RetroInput.team_id == team_id,
            RetroInput.retro_id == retro.id,
            RetroInput.author_user_id == user_id,
        )
    ).first()
    if earlier is not None:
        session.delete(earlier)
    session.add(
        RetroInput(
            team_id=team_id,
            retro_id=retro.id,
            author_user_id="" if anonymous else user_id,
            keep=keep,
            drop=drop,
            suggestions=suggestions,
            created_at=now,
        )
    )
    session.flush()
    if earlier is not None:
        return "replaced"
    return "added" if answered_before else "new"


def waiting_for(
    session: Session, *, team_id: str, user_id: str, today: date
) -> list[tuple[Retrospective, Project]]:
    """The retrospectives still open (``until`` not past) that asked ``user_id`` and have no answer."""
    stmt = (
        select(Retrospective, Project)
        .join(RetroParticipant, col(RetroParticipant.retro_id) == col(Retrospective.id))
        .join(Project, col(Project.id) == col(Retrospective.project_id))
        .where(
            Retrospective.team_id == team_id,
            RetroParticipant.team_id == team_id,
            RetroParticipant.user_id == user_id,
            col(RetroParticipant.answered_at).is_(None),
            col(Retrospective.until) >= today,
        )
        .order_by(col(Retrospective.until), col(Retrospective.number))
    )
    return [(r, p) for r, p in session.exec(stmt).all()]
