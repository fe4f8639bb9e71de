"""Modal submissions: validate, answer with inline errors or store and confirm privately."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import date
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient
from sqlmodel import Session

from handlers import modals
from handlers.blocks import actions, button, escape, mention, message, section, text_message
from handlers.common import check_future, interaction_ids, post_private
from handlers.deps import Deps
from handlers.modals import Submitted
from handlers.parse import ParseError
from handlers.texts import t
from storage import change_requests, departments, measures, problems, projects
from storage.db import transaction

logger = logging.getLogger(__name__)


# Validates a submitted form and stores the record; returns the confirmation to show.
Creator = Callable[[Deps, Session, str, str, Submitted, str, date], str]


class FieldErrors(Exception):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(errors)
        self.errors = errors


def register(app: App, deps: Deps) -> None:
    def on_project(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
        submit(deps, ack, body, view, client, create_project)

    def on_problem(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
        submit(deps, ack, body, view, client, create_problem)

    def on_measure(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
        submit(deps, ack, body, view, client, create_measure)

    def on_change_request(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
        submit_change_request(deps, ack, body, view, client)

    app.view(modals.CHANGE_REQUEST_MODAL)(on_change_request)
    app.view(modals.PROJECT_MODAL)(on_project)
    app.view(modals.PROBLEM_MODAL)(on_problem)
    app.view(modals.MEASURE_MODAL)(on_measure)


def _origin(body: dict[str, Any], view: dict[str, Any]) -> tuple[str, str, dict[str, str]]:
    """Who submitted a modal, in which workspace, and the private metadata we opened it with."""
    team_id, user_id = interaction_ids(body)
    try:
        meta = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        meta = {}
    return team_id, user_id, meta if isinstance(meta, dict) else {}


def submit(
    deps: Deps, ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, create: Creator
) -> None:
    team_id, user_id, meta = _origin(body, view)
    values = Submitted.from_view(view)
    lang = deps.settings.lang
    try:
        with transaction(deps.sessions) as session:
            ws = deps.workspace(session, team_id)
            lang = ws.lang
            confirmation = create(deps, session, team_id, user_id, values, lang, deps.today(ws))
    except FieldErrors as e:
        ack(response_action="errors", errors=e.errors)
        return
    except Exception:
        logger.exception("modal %s failed", view.get("callback_id"))
        ack(
            response_action="errors",
            errors={next(iter(values.values), "name"): t(lang, "field_failed")},
        )
        return
    ack()
    post_private(client, channel=meta.get("channel"), user=user_id, payload=text_message(confirmation))


def _date(values: Submitted, key: str, today: date, lang: str) -> date:
    raw = values.text(key)
    try:
        return check_future(date.fromisoformat(raw), today=today, lang=lang, field="Deadline")
    except ValueError:
        raise FieldErrors({key: t(lang, "field_date")}) from None
    except ParseError as e:
        raise FieldErrors({key: e.text(lang)[:150]}) from None


def create_project(
    deps: Deps, session: Session, team_id: str, user_id: str, values: Submitted, lang: str, today: date
) -> str:
    errors: dict[str, str] = {}
    try:
        due = _date(values, "due", today, lang)
    except FieldErrors as e:
        errors.update(e.errors)
    dept_ids = [int(v) for v in values.items("depts")]
    depts = [departments.get_department(session, team_id=team_id, department_id=d) for d in dept_ids]
    if not dept_ids or any(d is None for d in depts):
        errors["depts"] = t(lang, "field_depts")
    if not values.text("name"):
        errors["name"] = t(lang, "field_name")
    if not values.text("goal"):
        errors["goal"] = t(lang, "field_goal")
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
    )
    return t(lang, "project_added", ref=project.ref, name=escape(project.name))


def create_problem(
    deps: Deps, session: Session, team_id: str, user_id: str, values: Submitted, lang: str, today: date
) -> str:
    project = projects.get_project(session, team_id=team_id, number=int(values.text("project") or 0))
    errors: dict[str, str] = {}
    if project is None:
        errors["project"] = t(lang, "field_project")
    category = values.text("category")
    if category not in ("info", "roles", "process", "resources"):
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


def create_measure(
    deps: Deps, session: Session, team_id: str, user_id: str, values: Submitted, lang: str, today: date
) -> str:
    errors: dict[str, str] = {}
    problem = problems.get_problem(session, team_id=team_id, number=int(values.text("problem") or 0))
    if problem is None:
        errors["problem"] = t(lang, "field_problem")
    dept = departments.get_department(session, team_id=team_id, department_id=int(values.text("dept") or 0))
    if dept is None:
        errors["dept"] = t(lang, "field_dept")
    if not values.text("text"):
        errors["text"] = t(lang, "field_text")
    owner = values.text("owner")
    if not owner:
        errors["owner"] = t(lang, "field_owner")
    try:
        due = _date(values, "due", today, lang)
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
    return t(
        lang, "measure_added", ref=measure.ref, problem=problem.ref, owner=mention(owner), due=due.isoformat()
    )


def submit_change_request(
    deps: Deps, ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient
) -> None:
    """A proposed new deadline from an overdue nudge: kept as a change request (需求变更申请),
    and the project lead asked to approve or reject it."""
    team_id, user_id, meta = _origin(body, view)
    values = Submitted.from_view(view)
    with transaction(deps.sessions) as session:
        ws = deps.workspace(session, team_id)
        lang = ws.lang
        measure = measures.get_measure(session, team_id=team_id, number=int(meta.get("measure") or 0))
        if measure is None:
            ack(response_action="errors", errors={"due": t(lang, "measure_gone")})
            return
        try:
            due = _date(values, "due", deps.today(ws), lang)
        except FieldErrors as e:
            ack(response_action="errors", errors=e.errors)
            return
        if due == measure.due:
            ack(
                response_action="errors",
                errors={"due": t(lang, "already_due", ref=measure.ref, due=due.isoformat())},
            )
            return
        request = change_requests.add_change_request(
            session,
            team_id=team_id,
            measure=measure,
            requested_by=user_id,
            proposed_due=due,
            reason=values.text("reason"),
            now=deps.clock(),
        )
        project = projects.get_project_by_id(session, team_id=team_id, project_id=measure.project_id)
        lead = project.lead_user_id if project else ""
        old = measure.due.isoformat()
    ack()
    ask = t(
        lang,
        "cr_ask",
        user=mention(user_id),
        ref=measure.ref,
        old=old,
        new=due.isoformat(),
        reason=escape(request.reason or "—"),
    )
    payload = message(
        ask,
        [
            section(ask),
            actions(
                button(t(lang, "cr_approve"), action_id="cr_approve", value=str(request.id), style="primary"),
                button(t(lang, "cr_reject"), action_id="cr_reject", value=str(request.id), style="danger"),
                block_id=f"cr-{request.id}",
            ),
        ],
    )
    if lead:
        post_private(client, channel=None, user=lead, payload=payload)
    sent = t(lang, "cr_sent", ref=measure.ref, old=old, new=due.isoformat(), lead=mention(lead))
    post_private(client, channel=meta.get("channel") or None, user=user_id, payload=text_message(sent))
