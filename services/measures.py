"""Improvement measures (改进措施): add (command or form), change (``measure set``), and set a
status from a button. Whoever may change a measure: its owner, the owner's department head,
the project lead, or an admin (``domain.policy``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.errors import InputError
from domain.policy import check_deadline, may_change_measure
from services import departments as department_service
from services import home as home_service
from services import prompts as prompt_service
from services.deps import Deps
from services.forms import FieldErrors, form_date, open_form
from services.permissions import admin_if_needed, measure_facts
from storage import departments, measures, problems
from storage.db import transaction
from storage.measures import MeasureChange
from storage.models import Measure
from ui.answers import measure_not_allowed
from ui.blocks import Payload, escape, mention, text_message, truncate
from ui.catalogue import t
from ui.forms import MAX_OPTIONS, Submitted, measure_modal
from ui.labels import status_label


def add(
    deps: Deps,
    *,
    team_id: str,
    user_id: str,
    problem_number: int,
    text: str,
    owner: str,
    dept_name: str,
    due: date,
    deliverable: str,
    note: str,
    unquoted: tuple[str, str, list[str]] | None = None,
    usage: str | None = None,
) -> Payload:
    with transaction(deps.sessions) as session:
        ws = deps.workspace(session, team_id)
        check_deadline(due, today=deps.today(ws))
        problem = problems.get_problem(session, team_id=team_id, number=problem_number)
        if problem is None:
            raise InputError("not_found", usage, ref=f"PRB-{problem_number}")
        [dept] = department_service.resolve(
            session, team_id=team_id, names=[dept_name], lang=ws.lang, unquoted=unquoted, usage=usage
        )
        measure = measures.add_measure(
            session,
            team_id=team_id,
            problem=problem,
            department=dept,
            owner_user_id=owner,
            due=due,
            text=text,
            deliverable=deliverable,
            note=note,
            created_by=user_id,
            source="command",
            now=deps.clock(),
        )
    home_service.measures_changed(deps, team_id=team_id, measure_ids=[measure.id or 0])
    return text_message(
        t(
            ws.lang,
            "measure_added",
            ref=measure.ref,
            problem=problem.ref,
            owner=mention(owner),
            due=due.isoformat(),
        )
    )


def open_add_form(
    deps: Deps, *, team_id: str, trigger_id: str, meta: dict[str, str], lang: str
) -> Payload | None:
    with deps.sessions() as session:
        depts = departments.list_departments(session, team_id=team_id, limit=MAX_OPTIONS + 1)
        found = problems.search_problems(session, team_id=team_id, text="", limit=MAX_OPTIONS + 1)
    if not depts:
        return text_message(t(lang, "need_departments"))
    if not found:
        return text_message(t(lang, "need_problems"))
    view = measure_modal(found, depts, lang=lang, meta=meta)
    return open_form(deps, team_id=team_id, trigger_id=trigger_id, view=view, lang=lang)


def submit_add_form(deps: Deps, *, team_id: str, user_id: str, values: Submitted) -> str:
    with transaction(deps.sessions) as session:
        ws = deps.workspace(session, team_id)
        lang = ws.lang
        errors: dict[str, str] = {}
        problem = problems.get_problem(session, team_id=team_id, number=values.number("problem"))
        if problem is None:
            errors["problem"] = t(lang, "field_problem")
        dept = departments.get_department(session, team_id=team_id, department_id=values.number("dept"))
        if dept is None or dept.archived_at is not None:
            errors["dept"] = t(lang, "field_dept")
        if not values.text("text"):
            errors["text"] = t(lang, "field_text")
        owner = values.text("owner")
        if not owner:
            errors["owner"] = t(lang, "field_owner")
        try:
            due = form_date(values, "due", today=deps.today(ws), lang=lang)
        except FieldErrors as e:
            errors.update(e.errors)
        if errors or problem is None or dept is None:
            raise FieldErrors(errors)
        measure = measures.add_measure(
            session,
            team_id=team_id,
            problem=problem,
            department=dept,
            owner_user_id=owner,
            due=due,
            text=values.text("text"),
            deliverable=values.text("deliverable"),
            note=values.text("note"),
            created_by=user_id,
            source="modal",
            now=deps.clock(),
        )
    home_service.measures_changed(deps, team_id=team_id, measure_ids=[measure.id or 0])
    return t(
        lang, "measure_added", ref=measure.ref, problem=problem.ref, owner=mention(owner), due=due.isoformat()
    )


def may_change(deps: Deps, *, team_id: str, number: int, user_id: str) -> tuple[Measure | None, bool]:
    """The measure and whether ``user_id`` may change it; Slack is asked (users.info) only
    when needed, and never inside a transaction."""
    with transaction(deps.sessions) as session:
        ws = deps.workspace(session, team_id)
        measure = measures.get_measure(session, team_id=team_id, number=number)
        if measure is None:
            return None, False
        facts = measure_facts(session, measure)
    admin = admin_if_needed(deps, deps.slack_for(team_id), ws, user_id, facts)
    return measure, may_change_measure(user_id, facts, admin=admin) or admin


def update(
    deps: Deps,
    *,
    team_id: str,
    user_id: str,
    number: int,
    usage: str,
    status: str | None = None,
    due: date | None = None,
    owner: str | None = None,
    note: str | None = None,
    text: str | None = None,
    deliverable: str | None = None,
    dept_name: str | None = None,
) -> Payload:
    """``measure set``: apply the changes that differ, each kept in the history."""
    lang = deps.settings_of(team_id).lang
    found, allowed = may_change(deps, team_id=team_id, number=number, user_id=user_id)
    if found is None:
        raise InputError("not_found", usage, ref=f"MSR-{number}")
    if not allowed:
        return measure_not_allowed(lang, found.ref)
    with transaction(deps.sessions) as session:
        ws = deps.workspace(session, team_id)
        measure = measures.get_measure(session, team_id=team_id, number=number)
        if measure is None:
            raise InputError("not_found", usage, ref=f"MSR-{number}")
        if due is not None and due != measure.due:
            check_deadline(due, today=deps.today(ws))
        dept = None
        if dept_name is not None:
            [dept] = department_service.resolve(
                session, team_id=team_id, names=[dept_name], lang=lang, usage=usage
            )
        previous_owner = measure.owner_user_id
        changes = measures.update_measure(
            session,
            team_id=team_id,
            measure=measure,
            actor_user_id=user_id,
            source="command",
            now=deps.clock(),
            status=status,
            due=due,
            owner_user_id=owner,
            note=note,
            text=text,
            deliverable=deliverable,
            department=dept,
        )
    if not changes:
        return text_message(t(lang, "measure_unchanged", ref=measure.ref))
    prompt_service.refresh(deps, team_id=team_id, measure_ids=[measure.id or 0])
    home_service.measures_changed(
        deps, team_id=team_id, measure_ids=[measure.id or 0], also=[user_id, previous_owner]
    )
    return text_message(t(lang, "measure_updated", ref=measure.ref, changes=describe_changes(changes, lang)))


def describe_changes(changes: list[MeasureChange], lang: str) -> str:
    parts = []
    for c in changes:
        if c.field == "status":
            parts.append(
                f"{status_label(c.from_value or '', lang)} → *{status_label(c.to_value or '', lang)}*"
            )
        elif c.field == "owner":
            parts.append(f"{mention(c.from_value or '')} → {mention(c.to_value or '')}")
        elif c.field == "note":
            parts.append(t(lang, "change_note", note=escape(c.to_value or "")))
        elif c.field in ("text", "deliverable", "dept"):
            parts.append(t(lang, f"edit.change_{c.field}", value=escape(truncate(c.to_value or "", 300))))
        else:  # due
            parts.append(t(lang, "change_due", old=c.from_value, new=c.to_value))
    return " · ".join(parts)


@dataclass(frozen=True)
class StatusSet:
    measure: Measure
    changed: bool
    allowed: bool


def set_status(
    deps: Deps, *, team_id: str, number: int, status: str, user_id: str, source: str
) -> StatusSet | None:
    """Set a measure's status for a person, if they may (a button). ``None``: no such measure."""
    found, allowed = may_change(deps, team_id=team_id, number=number, user_id=user_id)
    if found is None:
        return None
    if not allowed:
        return StatusSet(found, changed=False, allowed=False)
    with transaction(deps.sessions) as session:
        measure = measures.get_measure(session, team_id=team_id, number=number)
        if measure is None:
            return None
        # Lock the row (PostgreSQL; SQLite serialises writers anyway): a double click's two
        # requests then change the status once, and the second sees the first's result.
        measures.lock_measure(session, measure)
        changes = measures.update_measure(
            session,
            team_id=team_id,
            measure=measure,
            actor_user_id=user_id,
            source=source,
            now=deps.clock(),
            status=status,
        )
    if changes:
        prompt_service.refresh(deps, team_id=team_id, measure_ids=[measure.id or 0])
        home_service.measures_changed(deps, team_id=team_id, measure_ids=[measure.id or 0], also=[user_id])
    return StatusSet(measure, changed=bool(changes), allowed=True)
