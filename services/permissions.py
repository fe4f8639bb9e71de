"""Answering "may this person do that?" with the facts from the database and, only when those
do not decide, Slack's word on whether the person is a workspace admin — asked outside any
database transaction (on SQLite a transaction holds the write lock)."""

from __future__ import annotations

from domain.policy import MeasureFacts, is_named_admin, may_change_measure
from domain.policy import may_change_project as may_change_project_rule
from services.deps import Deps
from slack_api.gateway import Gateway
from storage import departments, projects
from storage.db import Session
from storage.models import Measure, Workspace


def is_admin(deps: Deps, slack: Gateway, ws: Workspace, user_id: str) -> bool:
    """Named in config or the environment, or a Slack workspace admin/owner (users.info)."""
    if is_named_admin(user_id, configured=ws.admin_ids, settings=deps.defaults.admins):
        return True
    return deps.users.is_slack_admin(slack, user_id)


def measure_facts(session: Session, measure: Measure) -> MeasureFacts:
    dept = departments.get_department(session, team_id=measure.team_id, department_id=measure.department_id)
    project = projects.get_project_by_id(session, team_id=measure.team_id, project_id=measure.project_id)
    return MeasureFacts(
        owner=measure.owner_user_id,
        head=dept.head_user_id if dept else "",
        lead=project.lead_user_id if project else "",
    )


def admin_if_needed(deps: Deps, slack: Gateway, ws: Workspace, user_id: str, facts: MeasureFacts) -> bool:
    """Whether to treat ``user_id`` as an admin for a measure: Slack is asked only when being
    the owner, head or lead does not already allow it."""
    if may_change_measure(user_id, facts, admin=False):
        return False
    return is_admin(deps, slack, ws, user_id)


def may_change_project(
    deps: Deps, ws: Workspace, user_id: str, *, lead: str, also: tuple[str, ...] = ()
) -> bool:
    """The project's lead (or one of ``also``, e.g. a risk's owner), else an admin: Slack is
    asked only when being the lead does not already allow it. Never inside a transaction."""
    if may_change_project_rule(user_id, lead=lead, admin=False) or (user_id and user_id in also):
        return True
    return may_change_project_rule(
        user_id, lead=lead, admin=is_admin(deps, deps.slack_for(ws.team_id), ws, user_id)
    )
