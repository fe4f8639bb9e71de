"""All queries. Keyword-only, session first, every one filtered by ``team_id``."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from sqlalchemy import ColumnElement, String, case, cast, func, literal, or_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped
from sqlmodel import Session, col, select

from storage.db import dialect_insert
from storage.models import (
    OPEN_STATUSES,
    Counter,
    Department,
    Measure,
    MeasureEvent,
    Problem,
    Project,
    ProjectDepartment,
    Workspace,
)

RefKind = Literal["PRJ", "PRB", "MSR"]


class DuplicateError(Exception):
    """A record with the same unique key already exists."""


# ---------------------------------------------------------------- workspace / references


def get_workspace(
    session: Session, *, team_id: str, default_tz: str = "UTC", default_lang: str = "en"
) -> Workspace:
    """The workspace's settings row, created with defaults on first use."""
    ws = session.get(Workspace, team_id)
    if ws is not None:
        return ws
    stmt = dialect_insert(session, Workspace).values(team_id=team_id, timezone=default_tz, lang=default_lang)
    session.execute(stmt.on_conflict_do_nothing(index_elements=["team_id"]))
    ws = session.get(Workspace, team_id)
    assert ws is not None
    return ws


def list_workspaces(session: Session) -> list[Workspace]:
    """Every workspace the bot knows (the scheduler's outer loop; not a per-team query)."""
    return list(session.exec(select(Workspace).order_by(col(Workspace.team_id))))


def update_workspace(session: Session, *, team_id: str, now: datetime, **changes: object) -> Workspace:
    ws = get_workspace(session, team_id=team_id)
    for key, value in changes.items():
        if not hasattr(ws, key):
            raise AttributeError(key)
        setattr(ws, key, value)
    ws.updated_at = now
    session.add(ws)
    session.flush()
    return ws


def next_ref(session: Session, *, team_id: str, kind: RefKind) -> int:
    """Allocate the next reference number atomically (one upsert ... RETURNING)."""
    stmt = (
        dialect_insert(session, Counter)
        .values(team_id=team_id, kind=kind, value=1)
        .on_conflict_do_update(index_elements=["team_id", "kind"], set_={"value": Counter.value + 1})
        .returning(Counter.value)
    )
    value = session.execute(stmt).scalar_one()
    return int(value)


# ---------------------------------------------------------------- departments


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


# ---------------------------------------------------------------- searching (external select menus)


def _ref(kind: RefKind, number: Mapped[int]) -> ColumnElement[str]:
    """The reference as SQL text, ``'PRJ-' || number``, so typed text can match part of it."""
    return literal(f"{kind}-", String) + cast(number, String)


def _typed_number(text: str, kind: RefKind) -> int | None:
    """``12``, ``PRJ-12``, ``prj12``: the number a user typed for one reference, if that is all."""
    m = re.fullmatch(rf"(?:{kind}\s*-?\s*)?(\d{{1,9}})", text, re.IGNORECASE)
    return int(m.group(1)) if m else None


def _newest_first(number: Mapped[int], text: str, kind: RefKind) -> list[ColumnElement[int]]:
    """Order: the record whose reference is exactly what was typed, then the rest newest first."""
    exact = _typed_number(text, kind)
    if exact is None:
        return [number.desc()]
    return [case((number == exact, 0), else_=1), number.desc()]


# ---------------------------------------------------------------- projects


@dataclass(frozen=True)
class ProjectSummary:
    project: Project
    departments: list[str]
    problems: int
    measures: int
    open_measures: int


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
) -> Project:
    project = Project(
        team_id=team_id,
        number=next_ref(session, team_id=team_id, kind="PRJ"),
        name=name,
        goal=goal,
        due=due,
        lead_user_id=lead_user_id,
        created_by=created_by,
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
        session.exec(select(Project).where(Project.team_id == team_id).order_by(col(Project.number)))
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


# ---------------------------------------------------------------- problems


def add_problem(
    session: Session,
    *,
    team_id: str,
    project: Project,
    category: str,
    description: str,
    root_cause: str,
    created_by: str,
) -> Problem:
    assert project.id is not None and project.team_id == team_id
    problem = Problem(
        team_id=team_id,
        number=next_ref(session, team_id=team_id, kind="PRB"),
        project_id=project.id,
        category=category,
        description=description,
        root_cause=root_cause,
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


# ---------------------------------------------------------------- measures


@dataclass(frozen=True)
class MeasureRow:
    """A measure with what a message about it shows."""

    measure: Measure
    problem: Problem
    project: Project
    department: Department


def add_measure(
    session: Session,
    *,
    team_id: str,
    problem: Problem,
    department: Department,
    owner_user_id: str,
    due: date,
    text: str,
    deliverable: str,
    note: str,
    created_by: str,
    source: str,
    now: datetime,
) -> Measure:
    assert problem.id is not None and department.id is not None
    assert problem.team_id == team_id and department.team_id == team_id
    measure = Measure(
        team_id=team_id,
        number=next_ref(session, team_id=team_id, kind="MSR"),
        problem_id=problem.id,
        project_id=problem.project_id,
        department_id=department.id,
        owner_user_id=owner_user_id,
        due=due,
        text=text,
        deliverable=deliverable,
        note=note,
        created_by=created_by,
        created_at=now,
        updated_at=now,
    )
    session.add(measure)
    session.flush()
    assert measure.id is not None
    session.add(
        MeasureEvent(
            team_id=team_id,
            measure_id=measure.id,
            actor_user_id=created_by,
            at=now,
            kind="created",
            to_value="todo",
            note=note,
            source=source,
        )
    )
    session.flush()
    return measure


def get_measure(session: Session, *, team_id: str, number: int) -> Measure | None:
    stmt = select(Measure).where(Measure.team_id == team_id, Measure.number == number)
    return session.exec(stmt).first()


def get_measure_row(session: Session, *, team_id: str, number: int) -> MeasureRow | None:
    rows = measure_rows(session, team_id=team_id, numbers=[number])
    return rows[0] if rows else None


@dataclass(frozen=True)
class MeasureChange:
    field: str
    from_value: str | None
    to_value: str | None


def update_measure(
    session: Session,
    *,
    team_id: str,
    measure: Measure,
    actor_user_id: str,
    source: str,
    now: datetime,
    status: str | None = None,
    due: date | None = None,
    owner_user_id: str | None = None,
    note: str | None = None,
) -> list[MeasureChange]:
    """Apply the changes that differ from the current values; record each in the history.

    A note given alone (or with changes) is recorded with every change; a note with no other
    change is recorded as a ``note`` event. Returns the changes made (empty: nothing changed).
    """
    assert measure.team_id == team_id and measure.id is not None
    changes: list[MeasureChange] = []
    if status is not None and status != measure.status:
        changes.append(MeasureChange("status", measure.status, status))
        measure.status = status
        measure.done_at = now if status == "done" else None
    if due is not None and due != measure.due:
        changes.append(MeasureChange("due", measure.due.isoformat(), due.isoformat()))
        measure.due = due
    if owner_user_id is not None and owner_user_id != measure.owner_user_id:
        changes.append(MeasureChange("owner", measure.owner_user_id, owner_user_id))
        measure.owner_user_id = owner_user_id
    if note is not None and note != measure.note:
        changes.append(MeasureChange("note", measure.note, note))
        measure.note = note
    if not changes:
        return []
    measure.updated_at = now
    session.add(measure)
    for change in changes:
        session.add(
            MeasureEvent(
                team_id=team_id,
                measure_id=measure.id,
                actor_user_id=actor_user_id,
                at=now,
                kind=change.field,
                from_value=change.from_value,
                to_value=change.to_value,
                note=note or "",
                source=source,
            )
        )
    session.flush()
    return changes


def measure_history(session: Session, *, team_id: str, measure_id: int) -> list[MeasureEvent]:
    stmt = (
        select(MeasureEvent)
        .where(MeasureEvent.team_id == team_id, MeasureEvent.measure_id == measure_id)
        .order_by(col(MeasureEvent.at), col(MeasureEvent.id))
    )
    return list(session.exec(stmt))


def measure_rows(
    session: Session,
    *,
    team_id: str,
    project_id: int | None = None,
    department_id: int | None = None,
    owner_user_id: str | None = None,
    statuses: Iterable[str] | None = None,
    numbers: Iterable[int] | None = None,
    ids: Iterable[int] | None = None,
    due_before: date | None = None,
) -> list[MeasureRow]:
    """Measures with their problem, project and department, in one query, ordered by number."""
    stmt = (
        select(Measure, Problem, Project, Department)
        .join(Problem, col(Problem.id) == col(Measure.problem_id))
        .join(Project, col(Project.id) == col(Measure.project_id))
        .join(Department, col(Department.id) == col(Measure.department_id))
        .where(Measure.team_id == team_id)
    )
    if project_id is not None:
        stmt = stmt.where(Measure.project_id == project_id)
    if department_id is not None:
        stmt = stmt.where(Measure.department_id == department_id)
    if owner_user_id is not None:
        stmt = stmt.where(Measure.owner_user_id == owner_user_id)
    if statuses is not None:
        stmt = stmt.where(col(Measure.status).in_(list(statuses)))
    if numbers is not None:
        stmt = stmt.where(col(Measure.number).in_(list(numbers)))
    if ids is not None:
        stmt = stmt.where(col(Measure.id).in_(list(ids)))
    if due_before is not None:
        stmt = stmt.where(col(Measure.due) < due_before)
    stmt = stmt.order_by(col(Measure.number))
    return [MeasureRow(m, pb, pj, d) for m, pb, pj, d in session.exec(stmt).all()]


# ---------------------------------------------------------------- export


@dataclass(frozen=True)
class ExportRow:
    """One row of the improvement process table (改进流程表): the raw parts of each column."""

    project: Project
    departments: list[str]
    problem: Problem | None  # None: a project with no problem yet
    row: MeasureRow | None  # None: a problem with no measure yet


def export_rows(session: Session, *, team_id: str, project_id: int | None = None) -> list[ExportRow]:
    """One row per measure, ordered by project, problem and measure; a problem with no measure
    yet, and a project with no problem yet, still get one row."""
    problem_stmt = (
        select(Project, Problem)
        .join(Problem, col(Problem.project_id) == col(Project.id), isouter=True)
        .where(Project.team_id == team_id)
        .order_by(col(Project.number), col(Problem.number))
    )
    if project_id is not None:
        problem_stmt = problem_stmt.where(Project.id == project_id)
    problems = session.exec(problem_stmt).all()
    dept_names: dict[int, list[str]] = {}
    for pid, name in session.exec(
        select(ProjectDepartment.project_id, Department.name)
        .join(Department, col(Department.id) == col(ProjectDepartment.department_id))
        .where(ProjectDepartment.team_id == team_id)
        .order_by(col(Department.name_key))
    ).all():
        dept_names.setdefault(pid, []).append(name)
    by_problem: dict[int, list[MeasureRow]] = {}
    for row in measure_rows(session, team_id=team_id, project_id=project_id):
        by_problem.setdefault(row.measure.problem_id, []).append(row)
    out: list[ExportRow] = []
    for project, problem in problems:
        assert project.id is not None
        depts = dept_names.get(project.id, [])
        if problem is None:
            out.append(ExportRow(project=project, departments=depts, problem=None, row=None))
            continue
        assert problem.id is not None
        rows = by_problem.get(problem.id, [])
        if not rows:
            out.append(ExportRow(project=project, departments=depts, problem=problem, row=None))
        out.extend(ExportRow(project=project, departments=depts, problem=problem, row=r) for r in rows)
    return out
