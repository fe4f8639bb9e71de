"""``/collab status``: measures of a person, a project or a department, paged."""

from __future__ import annotations

from domain.errors import InputError
from services import departments as department_service
from services.deps import Deps
from storage import measures, projects
from ui.answers import status_report
from ui.blocks import Payload
from ui.catalogue import t
from ui.usage import USAGE as _USAGE

USAGE = _USAGE["status"]


def page(deps: Deps, *, team_id: str, scope: str, page: int, lang: str) -> Payload:
    """One page of a status query; ``scope`` is ``me:U…``, ``user:U…``, ``prj:<n>`` or
    ``dept:<name>`` (as the paging buttons carry it)."""
    kind, _, value = scope.partition(":")
    slack = deps.slack_for(team_id)
    with deps.sessions() as session:
        ws = deps.workspace(session, team_id)
        today = deps.today(ws)
        if kind in ("me", "user"):
            rows = measures.measure_rows(session, team_id=team_id, owner_user_id=value, open_projects=True)
            title = t(lang, "scope_me") if kind == "me" else ""
        elif kind == "prj":
            project = projects.get_project(session, team_id=team_id, number=int(value))
            if project is None:
                raise InputError("not_found", USAGE, ref=f"PRJ-{value}")
            rows = measures.measure_rows(session, team_id=team_id, project_id=project.id)
            title = f"{project.ref} {project.name}"
        else:
            [dept] = department_service.resolve(session, team_id=team_id, names=[value], lang=lang)
            rows = measures.measure_rows(session, team_id=team_id, department_id=dept.id, open_projects=True)
            title = dept.name
    if kind == "user":  # Slack is asked for the name after the database is done with
        title = f"@{deps.users.display_name(slack, value)}"
    rows.sort(key=lambda r: (r.measure.status == "done", r.measure.due, r.measure.number))
    return status_report(rows, scope=title, lang=lang, today=today, page=page, nav_value=scope[:1900])
