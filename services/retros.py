"""Retrospectives (复盘, ``RET-n``): `retro start` (invitations at once, through the ledger),
**Add my input** (the form; anonymous input stored without its author), `retro show` (the
report as it stands). The reminder and the report are the ``retros`` job's
(``services.jobs.retros``)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta

from domain.errors import InputError
from domain.schedule import is_working_day
from services.charter import lead_or_refusal, project_or_error
from services.deps import Deps
from services.forms import FieldErrors, open_form
from services.milestones import project_facts
from storage import milestones, projects, retros
from storage.db import Session, transaction
from storage.models import Project, Retrospective, Workspace
from ui.blocks import Payload, escape, text_message
from ui.catalogue import t
from ui.forms import Submitted
from ui.retros import ReportData, input_modal, report

logger = logging.getLogger(__name__)

DEFAULT_WORKING_DAYS = 3


def default_until(start: date, *, country: str | None) -> date:
    """Three working days after ``start``."""
    day, left = start, DEFAULT_WORKING_DAYS
    while left:
        day += timedelta(days=1)
        left -= is_working_day(day, country=country)
    return day


def start(
    deps: Deps, *, team_id: str, user_id: str, number: int, until: date | None, usage: str
) -> tuple[Payload, int | None]:
    """`retro start PRJ-n [until=]` by the project's lead or an admin: the answer, and the new
    retrospective's id (``None`` when refused) for the invitations to go out."""
    _, refusal = lead_or_refusal(deps, team_id=team_id, user_id=user_id, number=number, usage=usage)
    if refusal is not None:
        return refusal, None
    with transaction(deps.sessions) as session:
        ws = deps.workspace(session, team_id)
        project = project_or_error(session, team_id=team_id, number=number, usage=usage)
        title = f"{project.ref} {escape(project.name)}"
        if not retros.has_measures(session, team_id=team_id, project_id=project.id or 0):
            raise InputError("ret.no_measures", usage, project=title)
        today = deps.today(ws)
        if until is not None and until < today:
            raise InputError("ret.until_past", usage, until=until.isoformat())
        until = until or default_until(today, country=ws.holidays_country)
        users = retros.participants_of(session, team_id=team_id, project=project)
        retro = retros.start(
            session, team_id=team_id, project=project, until=until, by=user_id, now=deps.clock(), users=users
        )
        answer = t(
            ws.lang, "ret.started", ref=retro.ref, project=title, count=len(users), until=until.isoformat()
        )
        return text_message(answer), retro.id


def _retro_and_project(
    session: Session, *, team_id: str, number: int
) -> tuple[Retrospective, Project] | None:
    retro = retros.get_retro(session, team_id=team_id, number=number)
    if retro is None:
        return None
    project = projects.get_project_by_id(session, team_id=team_id, project_id=retro.project_id)
    return (retro, project) if project is not None else None


def open_input_form(
    deps: Deps, *, team_id: str, number: int, trigger_id: str, channel: str
) -> Payload | None:
    with deps.sessions() as session:
        lang = deps.workspace(session, team_id).lang
        found = _retro_and_project(session, team_id=team_id, number=number)
    if found is None:
        return text_message(t(lang, "cls.gone", ref=f"RET-{number}"))
    retro, project = found
    view = input_modal(retro, project, lang=lang, meta={"channel": channel})
    return open_form(deps, team_id=team_id, trigger_id=trigger_id, view=view, lang=lang)


@dataclass(frozen=True)
class Given:
    lead: str
    confirmation: str


def give_input(deps: Deps, *, team_id: str, user_id: str, number: int, values: Submitted) -> Given:
    """Keep one input; an empty one is :class:`FieldErrors` (nothing saved)."""
    keep, drop, suggestions = values.text("keep"), values.text("drop"), values.text("suggestions")
    with transaction(deps.sessions) as session:
        lang = deps.workspace(session, team_id).lang
        found = _retro_and_project(session, team_id=team_id, number=number)
        if found is None:
            raise FieldErrors({"keep": t(lang, "cls.gone", ref=f"RET-{number}")})
        if not (keep or drop or suggestions):
            raise FieldErrors({"keep": t(lang, "ret.empty_input")})
        retro, project = found
        outcome = retros.give_input(
            session,
            team_id=team_id,
            retro=retro,
            user_id=user_id,
            keep=keep,
            drop=drop,
            suggestions=suggestions,
            anonymous=values.text("name") == "anonymous",
            now=deps.clock(),
        )
        return Given(project.lead_user_id, t(lang, f"ret.saved_{outcome}", ref=retro.ref))


def report_data(session: Session, ws: Workspace, retro: Retrospective, today: date) -> ReportData:
    project = projects.get_project_by_id(session, team_id=ws.team_id, project_id=retro.project_id)
    assert project is not None
    people = retros.participants(session, team_id=ws.team_id, retro_id=retro.id or 0)
    invited = [p for p in people if p.invited]
    return ReportData(
        retro=retro,
        project=project,
        facts=project_facts(session, ws, project, today),
        evaluations=milestones.project_evaluations(session, team_id=ws.team_id, project_id=project.id or 0),
        inputs=retros.inputs(session, team_id=ws.team_id, retro_id=retro.id or 0),
        asked=len(invited),
        answered=sum(p.answered_at is not None for p in invited),
    )


def show(deps: Deps, *, team_id: str, kind: str, number: int, usage: str) -> Payload:
    """`retro show RET-n|PRJ-n` (a project: its latest retrospective): the report as it stands."""
    with deps.sessions() as session:
        ws = deps.workspace(session, team_id)
        if kind == "prj":
            project = project_or_error(session, team_id=team_id, number=number, usage=usage)
            retro = retros.latest_of_project(session, team_id=team_id, project_id=project.id or 0)
            if retro is None:
                raise InputError(
                    "ret.none_for_project", usage, project=f"{project.ref} {escape(project.name)}"
                )
        else:
            retro = retros.get_retro(session, team_id=team_id, number=number)
            if retro is None:
                raise InputError("not_found", usage, ref=f"RET-{number}")
        data = report_data(session, ws, retro, deps.today(ws))
    return report(data, lang=ws.lang)
