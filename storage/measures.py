"""Improvement measures (改进措施) and their history."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import case, func
from sqlmodel import Session, col, select

from storage.history import Change
from storage.models import OPEN_STATUSES, Department, Measure, MeasureEvent, Problem, Project
from storage.references import next_ref
from storage.rows import MeasureRow


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


def get_measure_by_id(session: Session, *, team_id: str, measure_id: int) -> Measure | None:
    return session.exec(select(Measure).where(Measure.team_id == team_id, Measure.id == measure_id)).first()


def get_measure_row(session: Session, *, team_id: str, number: int) -> MeasureRow | None:
    rows = measure_rows(session, team_id=team_id, numbers=[number])
    return rows[0] if rows else None


MeasureChange = Change  # a field of a measure changed: kept as a ``measure_event``


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
    text: str | None = None,
    deliverable: str | None = None,
    department: Department | None = None,
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
    if text is not None and text != measure.text:
        changes.append(MeasureChange("text", measure.text, text))
        measure.text = text
    if deliverable is not None and deliverable != measure.deliverable:
        changes.append(MeasureChange("deliverable", measure.deliverable, deliverable))
        measure.deliverable = deliverable
    if department is not None and department.id != measure.department_id:
        assert department.id is not None and department.team_id == team_id
        before = session.exec(
            select(Department).where(Department.team_id == team_id, Department.id == measure.department_id)
        ).first()
        changes.append(MeasureChange("dept", before.name if before else "", department.name))
        measure.department_id = department.id
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
    open_projects: bool = False,
) -> list[MeasureRow]:
    """Measures with their problem, project and department, in one query, ordered by number;
    with ``open_projects``, only those of projects that are not closed."""
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
    if open_projects:
        stmt = stmt.where(col(Project.closed_at).is_(None))
    # Ordered here, not in SQL: an ORDER BY number makes SQLite walk the (team, number) index
    # through the whole workspace instead of the index that fits the filter.
    rows = [MeasureRow(m, pb, pj, d) for m, pb, pj, d in session.exec(stmt).all()]
    rows.sort(key=lambda r: r.measure.number)
    return rows


def scope_counts(
    session: Session,
    *,
    team_id: str,
    today: date,
    project_id: int | None = None,
    department_id: int | None = None,
    owner_user_id: str | None = None,
    open_projects: bool = False,
) -> dict[str, int]:
    """Measures of one project, department or owner by status, and ``overdue`` (open, due
    before ``today``): two small aggregate queries."""
    where = _scope(
        team_id,
        project_id=project_id,
        department_id=department_id,
        owner_user_id=owner_user_id,
        open_projects=open_projects,
    )
    counts = {
        status: int(n)
        for status, n in session.exec(
            select(Measure.status, func.count()).where(*where).group_by(col(Measure.status))
        )
    }
    overdue = session.exec(
        select(func.count()).where(*where, col(Measure.status).in_(OPEN_STATUSES), col(Measure.due) < today)
    ).one()
    return {**counts, "overdue": int(overdue)}


def scope_page(
    session: Session,
    *,
    team_id: str,
    offset: int,
    limit: int,
    project_id: int | None = None,
    department_id: int | None = None,
    owner_user_id: str | None = None,
    open_projects: bool = False,
) -> list[MeasureRow]:
    """One page of the measures of a project, department or owner: open ones first, then by
    deadline and reference (what ``/collab status`` shows)."""
    where = _scope(
        team_id,
        project_id=project_id,
        department_id=department_id,
        owner_user_id=owner_user_id,
        open_projects=open_projects,
    )
    stmt = (
        select(Measure, Problem, Project, Department)
        .join(Problem, col(Problem.id) == col(Measure.problem_id))
        .join(Project, col(Project.id) == col(Measure.project_id))
        .join(Department, col(Department.id) == col(Measure.department_id))
        .where(*where)
        .order_by(case((col(Measure.status) == "done", 1), else_=0), col(Measure.due), col(Measure.number))
        .offset(offset)
        .limit(limit)
    )
    return [MeasureRow(m, pb, pj, d) for m, pb, pj, d in session.exec(stmt).all()]


def closed_project_ids(team_id: str) -> Any:
    """The ids of the workspace's closed projects, as a subquery (their measures leave lists,
    prompts, nudges and digests)."""
    return select(Project.id).where(col(Project.team_id) == team_id, col(Project.closed_at).is_not(None))


def _scope(
    team_id: str,
    *,
    project_id: int | None,
    department_id: int | None,
    owner_user_id: str | None,
    open_projects: bool = False,
) -> list[Any]:
    where: list[Any] = [col(Measure.team_id) == team_id]
    if open_projects:
        where.append(col(Measure.project_id).not_in(closed_project_ids(team_id)))
    if project_id is not None:
        where.append(col(Measure.project_id) == project_id)
    if department_id is not None:
        where.append(col(Measure.department_id) == department_id)
    if owner_user_id is not None:
        where.append(col(Measure.owner_user_id) == owner_user_id)
    return where


def add_reply_event(
    session: Session,
    *,
    team_id: str,
    measure: Measure,
    actor_user_id: str,
    kind: str,
    note: str,
    channel_id: str,
    message_ts: str,
    now: datetime,
) -> MeasureEvent:
    """A thread reply kept on a measure: ``progress`` (from someone who may change it) or ``comment``."""
    assert measure.id is not None and measure.team_id == team_id
    event = MeasureEvent(
        team_id=team_id,
        measure_id=measure.id,
        actor_user_id=actor_user_id,
        at=now,
        kind=kind,
        note=note,
        source="thread",
        channel_id=channel_id,
        message_ts=message_ts,
    )
    session.add(event)
    session.flush()
    return event


def events_for_message(
    session: Session, *, team_id: str, channel_id: str, message_ts: str
) -> list[MeasureEvent]:
    stmt = select(MeasureEvent).where(
        MeasureEvent.team_id == team_id,
        MeasureEvent.channel_id == channel_id,
        MeasureEvent.message_ts == message_ts,
    )
    return list(session.exec(stmt.order_by(col(MeasureEvent.id))))


def lock_measure(session: Session, measure: Measure) -> None:
    """Re-read the measure holding its row lock (PostgreSQL; SQLite serialises writers anyway),
    so that two racing requests change it one after the other."""
    session.refresh(measure, with_for_update=True)


def edit_reply_notes(session: Session, *, team_id: str, channel_id: str, message_ts: str, text: str) -> int:
    """An edited thread reply: the notes it left (progress or comment) take its new text."""
    events = events_for_message(session, team_id=team_id, channel_id=channel_id, message_ts=message_ts)
    for event in events:
        if event.kind in ("progress", "comment") and event.note != text:
            event.note = text
            session.add(event)
    session.flush()
    return len(events)
