"""The project charter (前期准备): `project show`, `project set`, `duty`. Only the project's lead
and admins change a project (``domain.policy.may_change_project``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

from domain.charter import check_metric
from domain.errors import InputError
from domain.policy import check_deadline
from services import departments as department_service
from services.deps import Deps
from services.permissions import may_change_project
from storage import charter, milestones, projects
from storage.db import Session, transaction
from storage.models import Project
from ui.answers import not_allowed_message
from ui.blocks import Payload, escape, mention, text_message
from ui.catalogue import t
from ui.charter import charter_message, field_names
from ui.milestones import evaluation_lines


def project_or_error(session: Session, *, team_id: str, number: int, usage: str | None) -> Project:
    """The project ``PRJ-<number>``; one that is not there (or another workspace's) is an
    :class:`InputError` showing ``usage``."""
    project = projects.get_project(session, team_id=team_id, number=number)
    if project is None:
        raise InputError("not_found", usage, ref=f"PRJ-{number}")
    return project


def project_id_or_none(session: Session, *, team_id: str, number: int | None, usage: str) -> int | None:
    """For the lists that take an optional ``PRJ-n``: its id, or ``None`` when none was given."""
    return (
        None if number is None else project_or_error(session, team_id=team_id, number=number, usage=usage).id
    )


def show(deps: Deps, *, team_id: str, number: int, usage: str) -> Payload:
    with deps.sessions() as session:
        ws = deps.workspace(session, team_id)
        project = project_or_error(session, team_id=team_id, number=number, usage=usage)
        now = deps.clock()
        tz = ZoneInfo(ws.timezone)
        found = charter.charter(session, team_id=team_id, project=project, today=now.astimezone(tz).date())
        lines = evaluation_lines(
            milestones.project_evaluations(session, team_id=team_id, project_id=project.id or 0),
            milestones.project_milestones(session, team_id=team_id, project_id=project.id or 0),
            lang=ws.lang,
            tz=tz,
        )
    return charter_message(found, lang=ws.lang, tz=tz, now=now, evaluations=lines)


def lead_or_refusal(
    deps: Deps, *, team_id: str, user_id: str, number: int, usage: str
) -> tuple[Project, Payload | None]:
    """The project, and the refusal to show when ``user_id`` may not change it (else ``None``)."""
    with transaction(deps.sessions) as session:
        ws = deps.workspace(session, team_id)
        project = project_or_error(session, team_id=team_id, number=number, usage=usage)
    if may_change_project(deps, ws, user_id, lead=project.lead_user_id):
        return project, None
    lang = ws.lang
    refusal = not_allowed_message(
        lang,
        action=t(lang, "chr.action_change_project", ref=project.ref),
        who=t(lang, "chr.who_project", lead=mention(project.lead_user_id)),
    )
    return project, refusal


@dataclass(frozen=True)
class ProjectChanges:
    """What `project set` changes (``None``: left as it is)."""

    name: str | None = None
    goal: str | None = None
    due: date | None = None
    lead: str | None = None
    dept_names: Sequence[str] | None = None
    metric: str | None = None
    baseline: Decimal | None = None
    target: Decimal | None = None
    unit: str | None = None


def set_project(
    deps: Deps,
    *,
    team_id: str,
    user_id: str,
    number: int,
    changes: ProjectChanges,
    usage: str,
    unquoted: tuple[str, str, Sequence[str]] | None = None,
) -> Payload:
    _, refusal = lead_or_refusal(deps, team_id=team_id, user_id=user_id, number=number, usage=usage)
    if refusal is not None:
        return refusal
    with transaction(deps.sessions) as session:
        ws = deps.workspace(session, team_id)
        lang = ws.lang
        project = project_or_error(session, team_id=team_id, number=number, usage=usage)
        values: dict[str, object] = {}
        if changes.name is not None:
            values["name"] = changes.name
        if changes.goal is not None:
            values["goal"] = changes.goal
        if changes.due is not None and changes.due != project.due:
            values["due"] = check_deadline(changes.due, today=deps.today(ws))
        if changes.lead is not None:
            values["lead_user_id"] = changes.lead
        if changes.metric is not None:
            values["metric"] = changes.metric
            if not changes.metric:  # metric="" removes the measurable goal
                values.update(baseline=None, target=None, unit="")
        if changes.baseline is not None:
            values["baseline"] = str(changes.baseline)
        if changes.target is not None:
            values["target"] = str(changes.target)
        if changes.unit is not None:
            values["unit"] = changes.unit
        check_metric(
            str(values.get("metric", project.metric)),
            values.get("baseline", project.baseline),
            values.get("target", project.target),
            usage=usage,
        )
        changed = charter.update_project(session, team_id=team_id, project=project, **values)
        if changes.dept_names is not None:
            depts = department_service.resolve(
                session, team_id=team_id, names=changes.dept_names, lang=lang, unquoted=unquoted, usage=usage
            )
            before = [
                d.id or 0
                for d in projects.project_departments(session, team_id=team_id, project_id=project.id or 0)
            ]
            after = [d.id for d in depts if d.id is not None]
            if sorted(before) != sorted(dict.fromkeys(after)):
                charter.set_departments(session, team_id=team_id, project=project, department_ids=after)
                changed.append("departments")
    if not changed:
        return text_message(t(lang, "chr.project_unchanged", ref=project.ref))
    return text_message(t(lang, "chr.project_updated", ref=project.ref, fields=field_names(changed, lang)))


def set_duty(
    deps: Deps,
    *,
    team_id: str,
    user_id: str,
    number: int,
    dept_name: str,
    text: str,
    usage: str,
) -> Payload:
    """`duty`: the department's responsibility in the project; a second one replaces the first."""
    _, refusal = lead_or_refusal(deps, team_id=team_id, user_id=user_id, number=number, usage=usage)
    if refusal is not None:
        return refusal
    with transaction(deps.sessions) as session:
        lang = deps.workspace(session, team_id).lang
        project = project_or_error(session, team_id=team_id, number=number, usage=usage)
        [dept] = department_service.resolve(
            session, team_id=team_id, names=[dept_name], lang=lang, usage=usage
        )
        joined = charter.set_duty(session, team_id=team_id, project=project, department=dept, text=text)
    answer = t(lang, "chr.duty_set", dept=escape(dept.name), ref=project.ref, text=escape(text))
    if joined:
        answer += "\n" + t(lang, "chr.duty_joined", dept=escape(dept.name), ref=project.ref)
    return text_message(answer)
