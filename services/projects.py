"""Projects (项目): add (by command or form), list."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from domain.charter import check_metric
from domain.errors import InputError
from domain.policy import check_deadline
from domain.values import parse_number
from services import departments as department_service
from services.deps import Deps
from services.forms import FieldErrors, form_date, open_form
from storage import departments, projects
from storage.db import transaction
from ui.answers import project_list
from ui.blocks import Payload, escape, text_message
from ui.catalogue import t
from ui.forms import MAX_OPTIONS, Submitted, project_modal


def add(
    deps: Deps,
    *,
    team_id: str,
    user_id: str,
    name: str,
    goal: str,
    due: date,
    lead: str,
    dept_names: Sequence[str],
    unquoted: tuple[str, str, Sequence[str]] | None = None,
    usage: str | None = None,
    metric: str = "",
    baseline: Decimal | None = None,
    target: Decimal | None = None,
    unit: str = "",
) -> Payload:
    check_metric(metric, baseline, target, usage=usage)
    with transaction(deps.sessions) as session:
        ws = deps.workspace(session, team_id)
        check_deadline(due, today=deps.today(ws))
        depts = department_service.resolve(
            session, team_id=team_id, names=dept_names, lang=ws.lang, unquoted=unquoted, usage=usage
        )
        project = projects.add_project(
            session,
            team_id=team_id,
            name=name,
            goal=goal,
            due=due,
            lead_user_id=lead,
            department_ids=[d.id for d in depts if d.id is not None],
            created_by=user_id,
            metric=metric,
            baseline=None if baseline is None else str(baseline),
            target=None if target is None else str(target),
            unit=unit,
        )
    return text_message(t(ws.lang, "project_added", ref=project.ref, name=escape(project.name)))


def listing(deps: Deps, *, team_id: str) -> Payload:
    with deps.sessions() as session:
        ws = deps.workspace(session, team_id)
        return project_list(
            projects.list_projects(session, team_id=team_id), lang=ws.lang, today=deps.today(ws)
        )


def open_add_form(
    deps: Deps, *, team_id: str, user_id: str, trigger_id: str, meta: dict[str, str], lang: str
) -> Payload | None:
    with deps.sessions() as session:
        # one more than a static select holds: with more, the form searches them instead
        depts = departments.list_departments(session, team_id=team_id, limit=MAX_OPTIONS + 1)
    if not depts:
        return text_message(t(lang, "need_departments"))
    view = project_modal(depts, lang=lang, lead=user_id, meta=meta)
    return open_form(deps, team_id=team_id, trigger_id=trigger_id, view=view, lang=lang)


def submit_add_form(deps: Deps, *, team_id: str, user_id: str, values: Submitted) -> str:
    """Store the project of a submitted form; the confirmation, or :class:`FieldErrors`."""
    with transaction(deps.sessions) as session:
        ws = deps.workspace(session, team_id)
        lang = ws.lang
        errors: dict[str, str] = {}
        try:
            due = form_date(values, "due", today=deps.today(ws), lang=lang)
        except FieldErrors as e:
            errors.update(e.errors)
        dept_ids = values.numbers("depts")
        found = [departments.get_department(session, team_id=team_id, department_id=d) for d in dept_ids]
        if not dept_ids or any(d is None or d.archived_at is not None for d in found):
            errors["depts"] = t(lang, "field_depts")
        if not values.text("name"):
            errors["name"] = t(lang, "field_name")
        if not values.text("goal"):
            errors["goal"] = t(lang, "field_goal")
        metric = form_metric(values, lang, errors)
        if errors:
            raise FieldErrors(errors)
        project = projects.add_project(
            session,
            team_id=team_id,
            name=values.text("name"),
            goal=values.text("goal"),
            due=due,
            lead_user_id=values.text("lead") or user_id,
            department_ids=dept_ids,
            created_by=user_id,
            **metric,
        )
    return t(lang, "project_added", ref=project.ref, name=escape(project.name))


def form_metric(values: Submitted, lang: str, errors: dict[str, str]) -> dict[str, Any]:
    """The measurable goal of the project form (metric, baseline, target, unit); what is wrong
    goes into ``errors``."""
    numbers: dict[str, str | None] = {}
    for key in ("baseline", "target"):
        numbers[key] = None
        if values.text(key):
            try:
                numbers[key] = str(parse_number(values.text(key), field=key))
            except InputError:
                errors[key] = t(lang, "chr.field_number")
    metric = values.text("metric")
    if not errors.keys() & numbers.keys():
        try:
            check_metric(metric, numbers["baseline"], numbers["target"])
        except InputError:
            errors["metric"] = t(lang, "chr.field_metric")
    return {"metric": metric, "unit": values.text("unit"), **numbers}
