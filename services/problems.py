"""Problems (问题清单): log one on a project, by command or form."""

from __future__ import annotations

from domain.errors import InputError
from services.deps import Deps
from services.forms import FieldErrors, open_form
from storage import problems, projects
from storage.db import transaction
from storage.models import CATEGORIES
from ui.blocks import Payload, escape, text_message
from ui.catalogue import t
from ui.forms import MAX_OPTIONS, Submitted, problem_modal


def add(
    deps: Deps,
    *,
    team_id: str,
    user_id: str,
    project_number: int,
    category: str,
    description: str,
    cause: str,
) -> Payload:
    with transaction(deps.sessions) as session:
        lang = deps.workspace(session, team_id).lang
        project = projects.get_project(session, team_id=team_id, number=project_number)
        if project is None:
            raise InputError("not_found", "/collab project list", ref=f"PRJ-{project_number}")
        problem = problems.add_problem(
            session,
            team_id=team_id,
            project=project,
            category=category,
            description=description,
            root_cause=cause,
            created_by=user_id,
        )
    return text_message(
        t(
            lang,
            "problem_added",
            ref=problem.ref,
            project=project.ref,
            description=escape(problem.description),
        )
    )


def open_add_form(
    deps: Deps, *, team_id: str, trigger_id: str, meta: dict[str, str], lang: str
) -> Payload | None:
    with deps.sessions() as session:
        found = projects.search_projects(session, team_id=team_id, text="", limit=MAX_OPTIONS + 1)
    if not found:
        return text_message(t(lang, "need_projects"))
    view = problem_modal(found, lang=lang, meta=meta)
    return open_form(deps, team_id=team_id, trigger_id=trigger_id, view=view, lang=lang)


def submit_add_form(deps: Deps, *, team_id: str, user_id: str, values: Submitted) -> str:
    with transaction(deps.sessions) as session:
        lang = deps.workspace(session, team_id).lang
        project = projects.get_project(session, team_id=team_id, number=values.number("project"))
        errors: dict[str, str] = {}
        if project is None:
            errors["project"] = t(lang, "field_project")
        category = values.text("category")
        if category not in CATEGORIES:
            errors["category"] = t(lang, "field_category")
        if not values.text("description"):
            errors["description"] = t(lang, "field_description")
        if errors or project is None:
            raise FieldErrors(errors)
        problem = problems.add_problem(
            session,
            team_id=team_id,
            project=project,
            category=category,
            description=values.text("description"),
            root_cause=values.text("cause"),
            created_by=user_id,
        )
    return t(
        lang, "problem_added", ref=problem.ref, project=project.ref, description=escape(problem.description)
    )
