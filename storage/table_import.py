"""Importing the improvement process table: what a workspace already holds (to match a file's
rows against, compactly), and writing many records at once (multi-row INSERTs) in the
caller's one transaction."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, insert, literal
from sqlalchemy import select as columns
from sqlmodel import Session, col, select

from storage.db import dialect_insert
from storage.departments import department_key
from storage.models import Counter, Department, Measure, MeasureEvent, Problem, Project, ProjectDepartment
from storage.types import UTCDateTime

IMPORT_SOURCE = "import"  # the source of the history events of imported measures
BATCH = 1000


def text_key(text: str) -> int:
    """How two texts compare (spaces collapsed), as a small number: the index keeps no text."""
    return hash(" ".join(text.split()).casefold())


@dataclass
class Existing:
    """What the workspace holds, by reference number and by text key."""

    departments: dict[str, int] = field(default_factory=dict)  # name key → id
    projects: dict[int, tuple[int, str]] = field(default_factory=dict)  # number → id, name key
    project_names: dict[str, int] = field(default_factory=dict)  # name key → number
    project_departments: dict[int, list[str]] = field(default_factory=dict)  # number → names
    problems: dict[int, tuple[int, int, int]] = field(default_factory=dict)  # number → id, PRJ n, key
    problem_texts: dict[tuple[int, int], int] = field(default_factory=dict)  # (PRJ n, key) → number
    measures: dict[int, tuple[int, int]] = field(default_factory=dict)  # number → PRB n, text key
    measure_texts: set[tuple[int, int]] = field(default_factory=set)  # (PRB n, text key)
    counters: dict[str, int] = field(default_factory=dict)  # PRJ/PRB/MSR → the last number given


def existing(session: Session, *, team_id: str) -> Existing:
    """The workspace's records, compactly (a few queries, whatever its size)."""
    found = Existing()
    for dept_id, name_key in session.exec(
        select(Department.id, Department.name_key).where(Department.team_id == team_id)
    ):
        found.departments[name_key] = dept_id or 0
    project_numbers: dict[int, int] = {}
    for project_id, number, name in session.exec(
        select(Project.id, Project.number, Project.name).where(Project.team_id == team_id)
    ):
        found.projects[number] = (project_id or 0, department_key(name))
        found.project_names.setdefault(department_key(name), number)
        project_numbers[project_id or 0] = number
    for project_id, name in session.exec(
        select(ProjectDepartment.project_id, Department.name)
        .join(Department, col(Department.id) == col(ProjectDepartment.department_id))
        .where(ProjectDepartment.team_id == team_id)
        .order_by(col(Department.name_key))
    ):
        found.project_departments.setdefault(project_numbers.get(project_id, 0), []).append(name)
    problem_numbers: dict[int, int] = {}
    for problem_id, number, project_id, description in session.exec(
        select(Problem.id, Problem.number, Problem.project_id, Problem.description).where(
            Problem.team_id == team_id
        )
    ):
        prj = project_numbers.get(project_id, 0)
        key = text_key(description)
        found.problems[number] = (problem_id or 0, prj, key)
        found.problem_texts.setdefault((prj, key), number)
        problem_numbers[problem_id or 0] = number
    for number, problem_id, text in session.exec(
        select(Measure.number, Measure.problem_id, Measure.text)
        .where(Measure.team_id == team_id)
        .execution_options(yield_per=5000)
    ):
        prb = problem_numbers.get(problem_id, 0)
        found.measures[number] = (prb, text_key(text))
        found.measure_texts.add((prb, text_key(text)))
    for kind, value in session.exec(select(Counter.kind, Counter.value).where(Counter.team_id == team_id)):
        found.counters[kind] = value
    for kind, model in (("PRJ", Project), ("PRB", Problem), ("MSR", Measure)):
        top = session.exec(select(func.max(model.number)).where(model.team_id == team_id)).one()
        found.counters[kind] = max(found.counters.get(kind, 0), int(top or 0))
    return found


def _ids(session: Session, model: Any, rows: Sequence[dict[str, Any]], key: str) -> dict[Any, int]:
    """Insert ``rows`` (one executemany per batch: a pipeline on PostgreSQL) and read back each
    row's id by its unique ``key`` (a workspace's reference number or name key)."""
    out: dict[Any, int] = {}
    column = getattr(model, key)
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        session.execute(insert(model), batch)
        team_id = batch[0]["team_id"]
        stmt = select(col(model.id), column).where(
            col(model.team_id) == team_id, col(column).in_([row[key] for row in batch])
        )
        out.update({found: int(new_id) for new_id, found in session.exec(stmt)})
    return out


def add_departments(session: Session, *, team_id: str, names: Iterable[str], now: datetime) -> dict[str, int]:
    """New departments, with no head and no channel until an admin sets them: name key → id."""
    rows = [
        {
            "team_id": team_id,
            "name": name,
            "name_key": department_key(name),
            "head_user_id": "",
            "channel_id": "",
            "created_by": "",
            "created_at": now,
        }
        for name in names
    ]
    return _ids(session, Department, rows, "name_key")


def add_projects(
    session: Session,
    *,
    team_id: str,
    projects: Sequence[tuple[int, str, str, date]],
    departments: dict[int, list[int]],
    now: datetime,
) -> dict[int, int]:
    """New projects ``(number, name, goal, due)`` with their departments (number → ids):
    number → id. Nobody leads them until an admin names a lead."""
    rows = [
        {
            "team_id": team_id,
            "number": number,
            "name": name,
            "goal": goal,
            "due": due,
            "lead_user_id": "",
            "created_by": "",
            "created_at": now,
        }
        for number, name, goal, due in projects
    ]
    ids = _ids(session, Project, rows, "number")
    links = [
        {"team_id": team_id, "project_id": ids[number], "department_id": dept_id, "responsibility": ""}
        for number, dept_ids in departments.items()
        for dept_id in dict.fromkeys(dept_ids)
    ]
    for start in range(0, len(links), BATCH):
        session.execute(insert(ProjectDepartment), links[start : start + BATCH])
    return ids


def add_problems(
    session: Session, *, team_id: str, problems: Sequence[dict[str, Any]], now: datetime
) -> dict[int, int]:
    """New problems (``number``, ``project_id``, ``category``, ``description``, ``root_cause``):
    number → id."""
    rows = [{**p, "team_id": team_id, "created_by": "", "created_at": now} for p in problems]
    return _ids(session, Problem, rows, "number")


def add_measures(
    session: Session, *, team_id: str, measures: Sequence[dict[str, Any]], now: datetime
) -> None:
    """New measures (``number``, ``problem_id``, ``project_id``, ``department_id``,
    ``owner_user_id``, ``text``, ``deliverable``, ``note``, ``due``, ``status``), each with its
    ``created`` history event (source ``import``)."""
    rows = [
        {**m, "team_id": team_id, "created_by": "", "created_at": now, "updated_at": now, "done_at": None}
        for m in measures
    ]
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        session.execute(insert(Measure), batch)
        created = columns(
            col(Measure.team_id),
            col(Measure.id),
            literal(""),
            literal(now, UTCDateTime()),
            literal("created"),
            col(Measure.status),
            col(Measure.note),
            literal(IMPORT_SOURCE),
            literal(""),
            literal(""),
        ).where(col(Measure.team_id) == team_id, col(Measure.number).in_([m["number"] for m in batch]))
        session.execute(
            insert(MeasureEvent).from_select(
                [
                    "team_id",
                    "measure_id",
                    "actor_user_id",
                    "at",
                    "kind",
                    "to_value",
                    "note",
                    "source",
                    "channel_id",
                    "message_ts",
                ],
                created,
            )
        )


def raise_counters(session: Session, *, team_id: str, last: dict[str, int]) -> None:
    """Make the next reference of each kind come after ``last[kind]``."""
    for kind, value in last.items():
        stmt = (
            dialect_insert(session, Counter)
            .values(team_id=team_id, kind=kind, value=value)
            .on_conflict_do_update(
                index_elements=["team_id", "kind"],
                set_={"value": func.max(col(Counter.value), value)}
                if session.get_bind().dialect.name == "sqlite"
                else {"value": func.greatest(col(Counter.value), value)},
            )
        )
        session.execute(stmt)
