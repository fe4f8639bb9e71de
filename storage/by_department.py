"""Measures of every department at once, for the weekly jobs: a constant number of queries
whatever the number of departments, and only what a message shows — the first rows of each
department (a window function), counts, the ids a prompt lists — never the whole history."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func
from sqlalchemy import select as columns
from sqlmodel import Session, col, select

from storage.measures import closed_project_ids
from storage.models import OPEN_STATUSES, Department, Measure, MeasureEvent, Problem, Project
from storage.rows import Capped, MeasureRow, StatusChange

# What a department's list is ordered by: its deadline (the sync prompt) or its reference.
BY_DUE = "due"
BY_NUMBER = "number"


def departments_with_channel(session: Session, *, team_id: str) -> list[Department]:
    """The departments scheduled posts go to, by name: not archived, and with a channel (one with
    no channel yet — e.g. imported — has nowhere to go)."""
    stmt = (
        select(Department)
        .where(
            Department.team_id == team_id,
            col(Department.channel_id) != "",
            col(Department.archived_at).is_(None),
        )
        .order_by(col(Department.name_key))
    )
    return list(session.exec(stmt))


def _filters(
    team_id: str,
    *,
    statuses: Iterable[str] | None,
    due_before: date | None,
    due_from: date | None,
    done_between: tuple[datetime, datetime] | None,
) -> list[ColumnElement[bool]]:
    # a closed project's measures leave prompts and digests
    where: list[ColumnElement[bool]] = [
        col(Measure.team_id) == team_id,
        col(Measure.project_id).not_in(closed_project_ids(team_id)),
    ]
    if statuses is not None:
        where.append(col(Measure.status).in_(list(statuses)))
    if due_before is not None:
        where.append(col(Measure.due) < due_before)
    if due_from is not None:
        where.append(col(Measure.due) >= due_from)
    if done_between is not None:
        where.append(col(Measure.done_at).between(*done_between))
    return where


def first_rows(
    session: Session,
    *,
    team_id: str,
    limit: int,
    order: str = BY_NUMBER,
    statuses: Iterable[str] | None = None,
    due_before: date | None = None,
    due_from: date | None = None,
    done_between: tuple[datetime, datetime] | None = None,
) -> dict[int, Capped[MeasureRow]]:
    """Per department id: its first ``limit`` measures under the filters (with their problem,
    project and department), and how many there are in all. One query."""
    where = _filters(
        team_id, statuses=statuses, due_before=due_before, due_from=due_from, done_between=done_between
    )
    order_by = [col(Measure.due), col(Measure.number)] if order == BY_DUE else [col(Measure.number)]
    ranked = (
        columns(
            col(Measure.id).label("measure_id"),
            func.row_number().over(partition_by=col(Measure.department_id), order_by=order_by).label("rank"),
            func.count().over(partition_by=col(Measure.department_id)).label("total"),
        )
        .where(*where)
        .subquery()
    )
    stmt: Any = (
        columns(Measure, Problem, Project, Department, ranked.c.total)
        .join(ranked, ranked.c.measure_id == col(Measure.id))
        .join(Problem, col(Problem.id) == col(Measure.problem_id))
        .join(Project, col(Project.id) == col(Measure.project_id))
        .join(Department, col(Department.id) == col(Measure.department_id))
        .where(ranked.c.rank <= limit)
        .order_by(col(Measure.department_id), ranked.c.rank)
    )
    out: dict[int, Capped[MeasureRow]] = {}
    for measure, problem, project, department, total in session.execute(stmt):
        found = out.setdefault(measure.department_id, Capped([], int(total)))
        found.rows.append(MeasureRow(measure, problem, project, department))
    return out


def status_counts(session: Session, *, team_id: str, today: date) -> dict[int, dict[str, int]]:
    """Per department id: its measures by status, and ``overdue`` (open, due before ``today``).
    Two queries; the first reads only the (team, department, status) index."""
    counts: dict[int, dict[str, int]] = {}
    stmt: Any = (
        columns(col(Measure.department_id), col(Measure.status), func.count())
        .where(col(Measure.team_id) == team_id, col(Measure.project_id).not_in(closed_project_ids(team_id)))
        .group_by(col(Measure.department_id), col(Measure.status))
    )
    for dept_id, status, count in session.execute(stmt):
        counts.setdefault(dept_id, {})[status] = int(count)
    stmt = (
        columns(col(Measure.department_id), func.count())
        .where(*_filters(team_id, statuses=OPEN_STATUSES, due_before=today, due_from=None, done_between=None))
        .group_by(col(Measure.department_id))
    )
    for dept_id, count in session.execute(stmt):
        counts.setdefault(dept_id, {})["overdue"] = int(count)
    return counts


def open_measure_ids(session: Session, *, team_id: str) -> dict[int, list[int]]:
    """Per department id: the ids of its open measures, by deadline (the order a sync prompt
    lists them in)."""
    stmt: Any = (
        columns(col(Measure.department_id), col(Measure.id))
        .where(*_filters(team_id, statuses=OPEN_STATUSES, due_before=None, due_from=None, done_between=None))
        .order_by(col(Measure.department_id), col(Measure.due), col(Measure.number))
    )
    out: dict[int, list[int]] = {}
    for dept_id, measure_id in session.execute(stmt):
        out.setdefault(dept_id, []).append(measure_id)
    return out


def status_changes(
    session: Session, *, team_id: str, since: datetime, until: datetime, limit: int
) -> dict[int, Capped[StatusChange]]:
    """Per department id: the first ``limit`` status changes of its measures in
    ``[since, until)``, in the order they happened, and how many there were. One query."""
    ranked = (
        columns(
            col(MeasureEvent.id).label("event_id"),
            col(Measure.department_id).label("department_id"),
            col(Measure.number).label("number"),
            func.row_number()
            .over(
                partition_by=col(Measure.department_id), order_by=[col(MeasureEvent.at), col(MeasureEvent.id)]
            )
            .label("rank"),
            func.count().over(partition_by=col(Measure.department_id)).label("total"),
        )
        .join(Measure, and_(col(Measure.id) == col(MeasureEvent.measure_id), col(Measure.team_id) == team_id))
        .where(
            col(MeasureEvent.team_id) == team_id,
            col(MeasureEvent.kind) == "status",
            col(MeasureEvent.at) >= since,
            col(MeasureEvent.at) < until,
            col(Measure.project_id).not_in(closed_project_ids(team_id)),
        )
        .subquery()
    )
    stmt = (
        select(MeasureEvent, ranked.c.department_id, ranked.c.number, ranked.c.total)
        .join(ranked, ranked.c.event_id == col(MeasureEvent.id))
        .where(ranked.c.rank <= limit)
        .order_by(ranked.c.department_id, ranked.c.rank)
    )
    out: dict[int, Capped[StatusChange]] = {}
    for event, dept_id, number, total in session.exec(stmt):
        found = out.setdefault(dept_id, Capped([], int(total)))
        found.rows.append(
            StatusChange(number, event.from_value or "", event.to_value or "", event.actor_user_id, event.at)
        )
    return out
