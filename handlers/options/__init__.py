"""Options of the external select menus (``block_suggestion``): what matches the typed text.

A form whose list has more entries than a static select holds (``MAX_OPTIONS``) uses an external
select instead (``handlers/modals.py``); Slack then asks for its options, by the element's
action_id, every time the user types. The answer is the request's HTTP response, so it is one
database query and no Slack API call.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App
from sqlmodel import Session

from handlers import modals
from handlers.common import interaction_ids
from handlers.deps import Deps
from storage import departments, problems, projects

logger = logging.getLogger(__name__)

# Options matching the typed text, in one workspace: (session, team_id, text) -> options.
Search = Callable[[Session, str, str], list[dict[str, Any]]]


def register(app: App, deps: Deps) -> None:
    def on_project_search(ack: Ack, body: dict[str, Any]) -> None:
        suggest(deps, ack, body, project_options)

    def on_problem_search(ack: Ack, body: dict[str, Any]) -> None:
        suggest(deps, ack, body, problem_options)

    def on_dept_search(ack: Ack, body: dict[str, Any]) -> None:
        suggest(deps, ack, body, department_options)

    app.options(modals.PROJECT_SEARCH)(on_project_search)
    app.options(modals.PROBLEM_SEARCH)(on_problem_search)
    app.options(modals.DEPT_SEARCH)(on_dept_search)


def suggest(deps: Deps, ack: Ack, body: dict[str, Any], search: Search) -> None:
    """Answer with at most MAX_OPTIONS options; none when the workspace is unknown or on error
    (the menu then shows no results rather than Slack's generic failure)."""
    team_id, _ = interaction_ids(body)
    text = str(body.get("value") or "")
    options: list[dict[str, Any]] = []
    if team_id:
        try:
            with deps.sessions() as session:
                options = search(session, team_id, text)
        except Exception:
            logger.exception("options for %s (%r) failed", body.get("action_id"), text[:100])
    ack(options=options[: modals.MAX_OPTIONS])


def project_options(session: Session, team_id: str, text: str) -> list[dict[str, Any]]:
    found = projects.search_projects(session, team_id=team_id, text=text, limit=modals.MAX_OPTIONS)
    return [modals.project_option(p) for p in found]


def problem_options(session: Session, team_id: str, text: str) -> list[dict[str, Any]]:
    found = problems.search_problems(session, team_id=team_id, text=text, limit=modals.MAX_OPTIONS)
    return [modals.problem_option(pb, pj) for pb, pj in found]


def department_options(session: Session, team_id: str, text: str) -> list[dict[str, Any]]:
    found = departments.search_departments(session, team_id=team_id, text=text, limit=modals.MAX_OPTIONS)
    return [modals.department_option(d) for d in found]
