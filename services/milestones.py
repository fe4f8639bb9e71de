"""Milestones (``MLS-n``) and evaluations (阶段性评估): `milestone add`, the facts and the chart
of a project, `evaluate MLS-n|PRJ-n` and the **Record evaluation** button (the form), and the
evaluation posted with the chart to the project's department channels after the ack."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from domain.errors import InputError
from domain.evaluations import parse_result
from domain.values import parse_number
from services import home as home_service
from services.charter import lead_or_refusal, project_or_error
from services.deps import Deps
from services.forms import FIELD_ERROR_LIMIT, FieldErrors, open_form
from slack_api.gateway import SlackError
from storage import milestones, projects
from storage.db import Session, transaction
from storage.milestones import Facts
from storage.models import Evaluation, Milestone, Project, Workspace
from ui.blocks import Payload, escape, text_message
from ui.catalogue import error_text, t
from ui.charts import render_chart
from ui.forms import Submitted
from ui.milestones import chart_data, evaluation_message, evaluation_modal, project_title

logger = logging.getLogger(__name__)


def project_facts(session: Session, ws: Workspace, project: Project, today: date) -> Facts:
    return milestones.facts(
        session, team_id=ws.team_id, project=project, today=today, tz=ZoneInfo(ws.timezone)
    )


def chart_png(facts: Facts, *, lang: str, today: date, actual: str | None = None) -> bytes:
    """The project's chart as a PNG (slow-ish: render it off the ack path)."""
    return render_chart(chart_data(facts, lang=lang, today=today, actual=actual))


def chart_name(project: Project) -> str:
    return f"{project.ref.lower()}-chart.png"


def add(
    deps: Deps, *, team_id: str, user_id: str, project_number: int, name: str, due: date, usage: str
) -> Payload:
    """`milestone add PRJ-n "<name>" due=`: by the project's lead or an admin, not in the past."""
    _, refusal = lead_or_refusal(deps, team_id=team_id, user_id=user_id, number=project_number, usage=usage)
    if refusal is not None:
        return refusal
    with transaction(deps.sessions) as session:
        ws = deps.workspace(session, team_id)
        if due < deps.today(ws):
            raise InputError("cls.milestone_past", usage, due=due.isoformat())
        project = project_or_error(session, team_id=team_id, number=project_number, usage=usage)
        milestone = milestones.add_milestone(
            session, team_id=team_id, project=project, name=name, due=due, by=user_id, now=deps.clock()
        )
        return text_message(
            t(
                ws.lang,
                "cls.milestone_added",
                ref=milestone.ref,
                name=escape(name),
                project=project_title(project),
                due=due.isoformat(),
            )
        )


# ---------------------------------------------------------------- evaluations


def _target(
    session: Session, *, team_id: str, kind: str, number: int
) -> tuple[Project, Milestone | None] | None:
    """The project (and milestone) that ``mls:<n>`` / ``prj:<n>`` names, if it is there."""
    if kind == "mls":
        milestone = milestones.get_milestone(session, team_id=team_id, number=number)
        if milestone is None:
            return None
        project = projects.get_project_by_id(session, team_id=team_id, project_id=milestone.project_id)
        return (project, milestone) if project is not None else None
    project = projects.get_project(session, team_id=team_id, number=number)
    return (project, None) if project is not None else None


def open_evaluation_form(
    deps: Deps,
    *,
    team_id: str,
    user_id: str,
    kind: str,
    number: int,
    trigger_id: str,
    channel: str,
    usage: str | None = None,
) -> Payload | None:
    """The evaluation form for ``mls:<n>`` or ``prj:<n>``, for the project's lead or an admin;
    what is not there is :class:`InputError` (from a command) or a private answer (a button)."""
    ref = f"{'MLS' if kind == 'mls' else 'PRJ'}-{number}"
    with deps.sessions() as session:
        lang = deps.workspace(session, team_id).lang
        found = _target(session, team_id=team_id, kind=kind, number=number)
    if found is None:
        if usage is not None:
            raise InputError("not_found", usage, ref=ref)
        return text_message(t(lang, "cls.gone", ref=ref))
    project, milestone = found
    _, refusal = lead_or_refusal(
        deps, team_id=team_id, user_id=user_id, number=project.number, usage=usage or ""
    )
    if refusal is not None:
        return refusal
    meta = {"channel": channel, "target": f"{kind}:{number}"}
    view = evaluation_modal(project, milestone, lang=lang, meta=meta)
    return open_form(deps, team_id=team_id, trigger_id=trigger_id, view=view, lang=lang)


@dataclass(frozen=True)
class Recorded:
    evaluation_id: int
    confirmation: str


def submit(deps: Deps, *, team_id: str, user_id: str, target: str, values: Submitted) -> Recorded:
    """Keep the evaluation; a wrong field is :class:`FieldErrors` and nothing is saved."""
    kind, _, raw = target.partition(":")
    number = int(raw) if raw.isdigit() else 0
    with transaction(deps.sessions) as session:
        lang = deps.workspace(session, team_id).lang
        found = _target(session, team_id=team_id, kind=kind, number=number)
        if found is None:
            raise FieldErrors({"result": t(lang, "cls.gone", ref=target.upper().replace(":", "-"))})
        project, milestone = found
        errors: dict[str, str] = {}
        actual: str | None = None
        if project.metric:
            try:
                actual = str(parse_number(values.text("actual"), field="actual"))
            except InputError:
                errors["actual"] = t(lang, "cls.eval_bad_actual")
        try:
            result = parse_result(values.text("result"))
        except InputError as e:
            errors["result"] = error_text(lang, e)[:FIELD_ERROR_LIMIT]
            result = None
        reasons = values.text("reasons")
        if result is not None and result != "met" and not reasons:
            errors["reasons"] = t(lang, "cls.eval_reasons_needed")
        if errors or result is None:
            raise FieldErrors(errors)
        evaluation = milestones.add_evaluation(
            session,
            Evaluation(
                team_id=team_id,
                project_id=project.id or 0,
                milestone_id=milestone.id if milestone else None,
                actual=actual,
                result=result.value,
                reasons=reasons,
                next_steps=values.text("next_steps"),
                created_by=user_id,
                created_at=deps.clock(),
            ),
        )
        return Recorded(evaluation.id or 0, t(lang, "cls.eval_saved", project=project_title(project)))


def post_evaluation(deps: Deps, *, team_id: str, evaluation_id: int) -> None:
    """After the commit and the ack: the evaluation and the chart in every channel of the
    project's departments (each channel on its own: one failing does not stop the others)."""
    with deps.sessions() as session:
        ws = deps.workspace(session, team_id)
        evaluation = session.get(Evaluation, evaluation_id)
        if evaluation is None or evaluation.team_id != team_id:
            return
        project = projects.get_project_by_id(session, team_id=team_id, project_id=evaluation.project_id)
        assert project is not None
        milestone = (
            milestones.get_milestone_by_id(session, team_id=team_id, milestone_id=evaluation.milestone_id)
            if evaluation.milestone_id
            else None
        )
        channels = [
            d.channel_id
            for d in projects.project_departments(session, team_id=team_id, project_id=project.id or 0)
            if d.channel_id
        ]
        today = deps.today(ws)
        facts = project_facts(session, ws, project, today)
    if milestone is not None:
        home_service.refresh(deps, team_id=team_id, user_ids=[project.lead_user_id])  # no longer waiting
    tz = ZoneInfo(ws.timezone)
    payload = evaluation_message(evaluation, project, milestone, lang=ws.lang, tz=tz)
    png = chart_png(facts, lang=ws.lang, today=today, actual=evaluation.actual)
    slack = deps.slack_for(team_id)
    title = t(ws.lang, "cls.chart_title", project=f"{project.ref} {project.name}")
    for channel in dict.fromkeys(channels):
        try:
            slack.post(channel, payload)
            slack.upload(channel, filename=chart_name(project), content=png, title=title, comment="")
        except SlackError:
            logger.exception("could not post the evaluation of %s in %s", project.ref, channel)
