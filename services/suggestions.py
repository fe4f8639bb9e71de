"""What matches the text typed into a searchable select (``block_suggestion``): one query, no
Slack call (the answer is the request's own HTTP response)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from services.deps import Deps
from storage import departments, problems, projects
from storage.db import Session
from ui.forms import MAX_OPTIONS, department_option, problem_option, project_option

logger = logging.getLogger(__name__)

Option = dict[str, Any]
Search = Callable[[Session, str, str], list[Option]]


def _projects(session: Session, team_id: str, text: str) -> list[Option]:
    found = projects.search_projects(session, team_id=team_id, text=text, limit=MAX_OPTIONS)
    return [project_option(p) for p in found]


def _problems(session: Session, team_id: str, text: str) -> list[Option]:
    found = problems.search_problems(session, team_id=team_id, text=text, limit=MAX_OPTIONS)
    return [problem_option(pb, pj) for pb, pj in found]


def _departments(session: Session, team_id: str, text: str) -> list[Option]:
    found = departments.search_departments(session, team_id=team_id, text=text, limit=MAX_OPTIONS)
    return [department_option(d) for d in found]


SEARCHES: dict[str, Search] = {"projects": _projects, "problems": _problems, "departments": _departments}


def options(deps: Deps, *, team_id: str, kind: str, text: str) -> list[Option]:
    """At most MAX_OPTIONS options; none when the workspace is unknown or on error (the menu
    then shows no results rather than Slack's generic failure)."""
    if not team_id:
        return []
    try:
        with deps.sessions() as session:
            return SEARCHES[kind](session, team_id, text)[:MAX_OPTIONS]
    except Exception:
        logger.exception("options for %s (%r) failed", kind, text[:100])
        return []
