"""Departments (部门): name, head, channel."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from storage.db import DuplicateError
from storage.models import Department


def department_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def add_department(
    session: Session, *, team_id: str, name: str, head_user_id: str, channel_id: str, created_by: str
) -> Department:
    if find_department(session, team_id=team_id, name=name) is not None:
        raise DuplicateError(name)
    dept = Department(
        team_id=team_id,
        name=" ".join(name.split()),
        name_key=department_key(name),
        head_user_id=head_user_id,
        channel_id=channel_id,
        created_by=created_by,
    )
    session.add(dept)
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError:
        raise DuplicateError(name) from None
    return dept


def list_departments(session: Session, *, team_id: str, limit: int | None = None) -> list[Department]:
    """By name; ``limit``: at most that many (the first ones by name)."""
    stmt = select(Department).where(Department.team_id == team_id).order_by(col(Department.name_key))
    if limit is not None:
        stmt = stmt.limit(limit)
    return list(session.exec(stmt))


def search_departments(session: Session, *, team_id: str, text: str, limit: int) -> list[Department]:
    """Departments whose name contains ``text`` (case-insensitive, taken literally), newest
    first; empty ``text``: the newest ones. For the options of an external select menu."""
    stmt = select(Department).where(Department.team_id == team_id)
    typed = text.strip()
    if typed:
        stmt = stmt.where(col(Department.name).icontains(typed, autoescape=True))
    return list(session.exec(stmt.order_by(col(Department.id).desc()).limit(limit)))


def find_department(session: Session, *, team_id: str, name: str) -> Department | None:
    stmt = select(Department).where(
        Department.team_id == team_id, Department.name_key == department_key(name)
    )
    return session.exec(stmt).first()


def get_department(session: Session, *, team_id: str, department_id: int) -> Department | None:
    stmt = select(Department).where(Department.team_id == team_id, Department.id == department_id)
    return session.exec(stmt).first()


def departments_headed_by(session: Session, *, team_id: str, user_id: str) -> list[Department]:
    stmt = select(Department).where(Department.team_id == team_id, Department.head_user_id == user_id)
    return list(session.exec(stmt))
