"""``/collab status``: measures of a person, a project or a department, paged."""

from __future__ import annotations

from typing import Any

from domain.errors import InputError
from services import departments as department_service
from services.deps import Deps
from storage import measures, projects
from ui.answers import MEASURES_PER_PAGE, page_count, status_report
from ui.blocks import Payload
from ui.catalogue import t
from ui.usage import USAGE as _USAGE

USAGE = _USAGE["status"]


def page(deps: Deps, *, team_id: str, scope: str, page: int, lang: str) -> Payload:
    """One page of a status query; ``scope`` is ``me:U…``, ``user:U…``, ``prj:<n>`` or
    ``dept:<name>`` (as the paging buttons carry it). Only that page is read: counts come from
    the database's aggregates, whatever the number of measures."""
    kind, _, value = scope.partition(":")
    slack = deps.slack_for(team_id)
    with deps.sessions() as session:
        ws = deps.workspace(session, team_id)
        today = deps.today(ws)
        where: dict[str, Any]
        if kind in ("me", "user"):
            where = {"owner_user_id": value, "open_projects": True}
            title = t(lang, "scope_me") if kind == "me" else ""
        elif kind == "prj":
            project = projects.get_project(session, team_id=team_id, number=int(value))
            if project is None:
                raise InputError("not_found", USAGE, ref=f"PRJ-{value}")
            where = {"project_id": project.id}
            title = f"{project.ref} {project.name}"
        else:
            [dept] = department_service.resolve(session, team_id=team_id, names=[value], lang=lang)
            where = {"department_id": dept.id, "open_projects": True}
            title = dept.name
        counts = measures.scope_counts(session, team_id=team_id, today=today, **where)
        total = sum(n for status, n in counts.items() if status != "overdue")
        page = min(max(page, 1), page_count(total))
        rows = measures.scope_page(
            session, team_id=team_id, offset=(page - 1) * MEASURES_PER_PAGE, limit=MEASURES_PER_PAGE, **where
        )
    if kind == "user":  # Slack is asked for the name after the database is done with
        title = f"@{deps.users.display_name(slack, value)}"
    return status_report(
        rows,
        scope=title,
        lang=lang,
        page=page,
        total=total,
        counts=counts,
        nav_value=scope[:1900],
        today=today,
    )
