"""The improvement process table (改进流程表): one row per measure, for the export, streamed."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select as columns
from sqlmodel import Session, col, select

from storage.models import Department, Measure, Problem, Project, ProjectDepartment
from storage.rows import TableRow

BATCH = 2000


def table_rows(session: Session, *, team_id: str, project_id: int | None = None) -> Iterator[TableRow]:
    """One row per measure, ordered by project, problem and measure; a problem with no measure
    yet, and a project with no problem yet, still get one row. Read in batches (a server-side
    cursor on PostgreSQL): memory does not grow with the table."""
    dept_names: dict[int, list[str]] = {}
    for pid, name in session.exec(
        select(ProjectDepartment.project_id, Department.name)
        .join(Department, col(Department.id) == col(ProjectDepartment.department_id))
        .where(ProjectDepartment.team_id == team_id)
        .order_by(col(Department.name_key))
    ).all():
        dept_names.setdefault(pid, []).append(name)
    stmt = (
        columns(
            col(Project.id),
            col(Project.number),
            col(Project.name),
            col(Project.goal),
            col(Problem.number),
            col(Problem.category),
            col(Problem.description),
            col(Problem.root_cause),
            col(Measure.number),
            col(Measure.text),
            col(Department.name),
            col(Measure.owner_user_id),
            col(Measure.due),
            col(Measure.status),
            col(Measure.deliverable),
            col(Measure.note),
        )
        .select_from(Project)
        # The workspace is the project's (WHERE below); problems and measures follow by their
        # foreign keys. A team_id test in these ON clauses would make SQLite pick the
        # (team_id, number) index and scan the whole workspace once per row: quadratic.
        .outerjoin(Problem, col(Problem.project_id) == col(Project.id))
        .outerjoin(Measure, col(Measure.problem_id) == col(Problem.id))
        .outerjoin(Department, col(Department.id) == col(Measure.department_id))
        .where(col(Project.team_id) == team_id)
        .order_by(col(Project.number), col(Problem.number), col(Measure.number))
    )
    if project_id is not None:
        stmt = stmt.where(col(Project.id) == project_id)
    result = session.execute(stmt.execution_options(yield_per=BATCH))
    for row in result:
        (pid, pnum, pname, goal, bnum, cat, desc, cause, mnum, text, dept, owner, due, status, dlv, note) = (
            row
        )
        yield TableRow(
            project_number=pnum,
            project_name=pname,
            goal=goal,
            departments=dept_names.get(pid, []),
            problem_number=bnum,
            category=cat or "",
            description=desc or "",
            root_cause=cause or "",
            measure_number=mnum,
            text=text or "",
            department=dept or "",
            owner_user_id=owner or "",
            due=due,
            status=status or "",
            deliverable=dlv or "",
            note=note or "",
        )
