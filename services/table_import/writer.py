"""The second pass of an import: write what the planner decided, all of it in one transaction
(all or nothing), in batches of multi-row INSERTs read back from its spool."""

from __future__ import annotations

from datetime import date
from typing import Any

from services.deps import Deps
from services.table_import.planner import Planner
from storage import table_import
from storage.db import transaction
from ui.catalogue import t


def write(deps: Deps, *, team_id: str, planner: Planner, owners: dict[str, str | None], lang: str) -> None:
    numbers = planner.numbers()

    def number(kind: str, ident: int) -> int:
        return numbers[kind].get(ident, ident)

    existing = planner.existing
    now = deps.clock()
    with transaction(deps.sessions) as session:
        today = deps.today(deps.workspace(session, team_id))
        dept_ids = dict(existing.departments)
        dept_ids.update(
            table_import.add_departments(
                session, team_id=team_id, names=planner.new_departments.values(), now=now
            )
        )
        project_ids = {n: project_id for n, (project_id, _) in existing.projects.items()}
        new_projects: list[tuple[int, str, str, date]] = []
        links: dict[int, list[int]] = {}
        for project in planner.projects.values():
            n = number("PRJ", project.ident)
            new_projects.append((n, project.name, project.goal, project.due or today))
            links[n] = [dept_ids[key] for key in project.departments]
        project_ids.update(
            table_import.add_projects(
                session, team_id=team_id, projects=new_projects, departments=links, now=now
            )
        )
        problem_ids = {n: problem_id for n, (problem_id, _, _) in existing.problems.items()}
        batch: list[dict[str, Any]] = []

        def flush_problems() -> None:
            problem_ids.update(table_import.add_problems(session, team_id=team_id, problems=batch, now=now))
            batch.clear()

        for record in planner.problems:
            batch.append(
                {
                    "number": number("PRB", record["ident"]),
                    "project_id": project_ids[number("PRJ", record["project"])],
                    "category": record["category"],
                    "description": record["description"],
                    "root_cause": record["root_cause"],
                }
            )
            if len(batch) >= table_import.BATCH:
                flush_problems()
        flush_problems()

        def flush_measures() -> None:
            table_import.add_measures(session, team_id=team_id, measures=batch, now=now)
            batch.clear()

        for record in planner.measures:
            written = record["owner"]
            owner = owners.get(written) if written else ""
            note = record["note"]
            if owner is None:  # not matched: kept in the notes
                note = "\n".join(part for part in (note, t(lang, "import.owner_note", owner=written)) if part)
            batch.append(
                {
                    "number": number("MSR", record["ident"]),
                    "problem_id": problem_ids[number("PRB", record["problem"])],
                    "project_id": project_ids[number("PRJ", record["project"])],
                    "department_id": dept_ids[record["dept"]],
                    "owner_user_id": owner or "",
                    "text": record["text"],
                    "deliverable": record["deliverable"],
                    "note": note,
                    "due": date.fromisoformat(record["due"]),
                    "status": record["status"],
                }
            )
            if len(batch) >= table_import.BATCH:
                flush_measures()
        flush_measures()
        last = {kind: max(found.values(), default=0) for kind, found in numbers.items()}
        table_import.raise_counters(session, team_id=team_id, last={k: v for k, v in last.items() if v})
