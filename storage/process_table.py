"""The improvement process table (改进流程表): one row per measure, for the export."""

from __future__ import annotations

from sqlmodel import Session, col, select

from storage.measures import measure_rows
from storage.models import Department, Problem, Project, ProjectDepartment
from storage.rows import ExportRow, MeasureRow


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
