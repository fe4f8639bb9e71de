"""Departments (部门): name, head, channel; archived ones are left out of lists and forms."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from storage.db import DuplicateError
from storage.history import Change, record_changes
from storage.models import OPEN_STATUSES, Department, Measure


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


def list_departments(
    session: Session, *, team_id: str, limit: int | None = None, archived: bool | None = False
) -> list[Department]:
    """By name; ``limit``: at most that many (the first ones by name). ``archived``: False (the
    default) the active ones, True the archived ones, None all."""
    stmt = select(Department).where(Department.team_id == team_id).order_by(col(Department.name_key))
    if archived is not None:
        stmt = stmt.where(
            col(Department.archived_at).is_not(None) if archived else col(Department.archived_at).is_(None)
        )
    if limit is not None:
        stmt = stmt.limit(limit)
    return list(session.exec(stmt))


def search_departments(session: Session, *, team_id: str, text: str, limit: int) -> list[Department]:
    """Departments whose name contains ``text`` (case-insensitive, taken literally), newest
    first; empty ``text``: the newest ones. For the options of an external select menu."""
    stmt = select(Department).where(Department.team_id == team_id, col(Department.archived_at).is_(None))
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


def update_department(
    session: Session,
    *,
    dept: Department,
    actor_user_id: str,
    now: datetime,
    name: str | None = None,
    head_user_id: str | None = None,
    channel_id: str | None = None,
) -> list[Change]:
    """Apply what differs, each change kept in the history; renaming onto another department's
    name raises :class:`DuplicateError`."""
    changes: list[Change] = []
    if name is not None and " ".join(name.split()) != dept.name:
        other = find_department(session, team_id=dept.team_id, name=name)
        if other is not None and other.id != dept.id:
            raise DuplicateError(name)
        changes.append(Change("name", dept.name, " ".join(name.split())))
        dept.name = " ".join(name.split())
        dept.name_key = department_key(name)
    if head_user_id is not None and head_user_id != dept.head_user_id:
        changes.append(Change("head", dept.head_user_id, head_user_id))
        dept.head_user_id = head_user_id
    if channel_id is not None and channel_id != dept.channel_id:
        changes.append(Change("channel", dept.channel_id, channel_id))
        dept.channel_id = channel_id
    if changes:
        _save(session, dept, changes, actor_user_id=actor_user_id, now=now)
    return changes


def set_archived(
    session: Session, *, dept: Department, archived: bool, actor_user_id: str, now: datetime
) -> bool:
    """Archive or restore; ``False`` when it already was."""
    if (dept.archived_at is not None) == archived:
        return False
    change = Change("archived", "no" if archived else "yes", "yes" if archived else "no")
    dept.archived_at = now if archived else None
    _save(session, dept, [change], actor_user_id=actor_user_id, now=now)
    return True


def _save(
    session: Session, dept: Department, changes: list[Change], *, actor_user_id: str, now: datetime
) -> None:
    assert dept.id is not None
    session.add(dept)
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError:
        raise DuplicateError(dept.name) from None
    record_changes(
        session,
        team_id=dept.team_id,
        record_kind="department",
        record_id=dept.id,
        changes=changes,
        actor_user_id=actor_user_id,
        now=now,
    )


def open_measure_numbers(session: Session, *, team_id: str, department_id: int) -> list[int]:
    """The numbers of the department's unfinished measures (what keeps it from being archived)."""
    stmt = (
        select(Measure.number)
        .where(
            Measure.team_id == team_id,
            Measure.department_id == department_id,
            col(Measure.status).in_(OPEN_STATUSES),
        )
        .order_by(col(Measure.number))
    )
    return list(session.exec(stmt))
