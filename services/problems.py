"""Problems (问题清单): log one on a project, by command, form or from a message; change one."""

from __future__ import annotations

import logging

from domain.command_text import unescape_slack
from domain.errors import InputError
from domain.limits import TEXT_LIMIT
from domain.policy import may_change_problem
from services.deps import Deps
from services.forms import FieldErrors, open_form
from services.permissions import is_admin
from slack_api.gateway import SlackError
from storage import problems, projects
from storage.db import transaction
from storage.models import CATEGORIES
from ui.answers import not_allowed_message
from ui.blocks import Payload, escape, text_message, truncate
from ui.catalogue import t
from ui.forms import MAX_OPTIONS, Submitted, problem_modal
from ui.labels import category_label

logger = logging.getLogger(__name__)

LINK_LIMIT = 1000  # problem.source_link


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
    deps: Deps,
    *,
    team_id: str,
    trigger_id: str,
    meta: dict[str, str],
    lang: str,
    description: str = "",
    shortened: bool = False,
) -> Payload | None:
    with deps.sessions() as session:
        found = projects.search_projects(session, team_id=team_id, text="", limit=MAX_OPTIONS + 1)
    if not found:
        return text_message(t(lang, "need_projects"))
    view = problem_modal(
        found,
        lang=lang,
        meta=meta,
        description=description,
        link=meta.get("link", ""),
        shortened=shortened,
    )
    return open_form(deps, team_id=team_id, trigger_id=trigger_id, view=view, lang=lang)


def open_from_message(
    deps: Deps, *, team_id: str, trigger_id: str, channel_id: str, message_ts: str, text: str
) -> Payload | None:
    """ "Log as problem" on a message: the problem form with the message's text (Slack's escaping
    undone, cut to the field's limit with a note) and its permalink, kept on the problem."""
    lang = deps.settings_of(team_id).lang
    link = ""
    try:
        link = deps.slack_for(team_id).permalink(channel_id, message_ts)
    except SlackError as e:
        logger.info("no permalink for %s/%s: %s", channel_id, message_ts, e.error)
    description = unescape_slack(text).strip()
    return open_add_form(
        deps,
        team_id=team_id,
        trigger_id=trigger_id,
        meta={"channel": channel_id, "link": link[:LINK_LIMIT]},
        lang=lang,
        description=description[:TEXT_LIMIT],
        shortened=len(description) > TEXT_LIMIT,
    )


def submit_add_form(deps: Deps, *, team_id: str, user_id: str, values: Submitted, link: str = "") -> str:
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
            source_link=link[:LINK_LIMIT],
        )
    added = t(
        lang, "problem_added", ref=problem.ref, project=project.ref, description=escape(problem.description)
    )
    return added + ("\n" + t(lang, "shortcut.linked", link=link) if link else "")


def change(
    deps: Deps,
    *,
    team_id: str,
    user_id: str,
    number: int,
    usage: str,
    category: str | None = None,
    cause: str | None = None,
    text: str | None = None,
) -> Payload:
    """``problem set``: its project's lead or an admin changes the category, cause or text;
    every change is kept in the problem's history."""
    ws = deps.settings_of(team_id)
    with deps.sessions() as session:
        problem = problems.get_problem(session, team_id=team_id, number=number)
        project = (
            projects.get_project_by_id(session, team_id=team_id, project_id=problem.project_id)
            if problem
            else None
        )
    if problem is None:
        raise InputError("not_found", usage, ref=f"PRB-{number}")
    lead = project.lead_user_id if project else ""
    admin = user_id != lead and is_admin(deps, deps.slack_for(team_id), ws, user_id)
    if not may_change_problem(user_id, lead=lead, admin=admin):
        return not_allowed_message(
            ws.lang,
            action=t(ws.lang, "edit.action_problem", ref=problem.ref),
            who=t(ws.lang, "edit.who_problem"),
        )
    with transaction(deps.sessions) as session:
        found = problems.get_problem(session, team_id=team_id, number=number)
        if found is None:
            raise InputError("not_found", usage, ref=f"PRB-{number}")
        changes = problems.update_problem(
            session,
            problem=found,
            actor_user_id=user_id,
            now=deps.clock(),
            category=category,
            cause=cause,
            text=text,
        )
    if not changes:
        return text_message(t(ws.lang, "edit.problem_unchanged", ref=found.ref))
    described = []
    for c in changes:
        if c.field == "category":
            described.append(
                t(
                    ws.lang,
                    "edit.change_category",
                    old=category_label(c.from_value or "", ws.lang),
                    new=category_label(c.to_value or "", ws.lang),
                )
            )
        else:
            described.append(
                t(ws.lang, f"edit.change_{c.field}", value=escape(truncate(c.to_value or "", 300)))
            )
    return text_message(t(ws.lang, "edit.problem_updated", ref=found.ref, changes=" · ".join(described)))
