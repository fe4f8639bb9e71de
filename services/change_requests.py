"""Change requests (需求变更申请, ``CHG-n``): filed by command, form or an overdue nudge's
"Propose a new date"; decided once by the project lead (or an admin), a rejection with its
reason; the requester is told, the responsible department's channel gets a notice, and an
approved new deadline moves the measure (kept in its history)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from domain.errors import InputError
from domain.policy import check_deadline, may_decide_change
from domain.values import RefKind, parse_ref
from services import departments as department_service
from services import home as home_service
from services import prompts as prompt_service
from services.charter import project_id_or_none, project_or_error
from services.deps import Deps
from services.forms import FieldErrors, form_date, open_form
from services.measures import may_change
from services.permissions import is_admin
from slack_api.gateway import SlackError, tell_privately
from storage import change_requests, departments, measures, projects
from storage.db import Session, transaction
from storage.models import ChangeRequest
from storage.rows import ChangeRow
from ui.answers import measure_not_allowed, not_allowed_message
from ui.blocks import Payload, mention, text_message
from ui.catalogue import t
from ui.changes import (
    already_decided,
    ask_message,
    change_list,
    change_modal,
    decided_message,
    filed_message,
    notice_message,
    reject_modal,
)
from ui.forms import MAX_OPTIONS, Submitted, change_request_modal

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Filed:
    """A stored change request and who is to be told: the lead (to decide) and the requester."""

    lead: str
    ask: Payload
    requester: str
    sent: Payload
    channel: str


def _filed(session: Session, request: ChangeRequest, *, lang: str, channel: str) -> Filed:
    [row] = change_requests.change_rows(session, team_id=request.team_id, ids=[request.id or 0])
    return Filed(
        lead=row.project.lead_user_id,
        ask=ask_message(row, lang=lang),
        requester=request.requested_by,
        sent=filed_message(row, lang=lang),
        channel=channel,
    )


def announce(deps: Deps, *, team_id: str, proposal: Filed, tell_requester: bool = True) -> None:
    """After the commit (and the ack): the lead gets Approve / Reject, the requester a receipt
    (unless the receipt is the answer to their command)."""
    slack = deps.slack_for(team_id)
    if proposal.lead:
        tell_privately(slack, channel=None, user=proposal.lead, payload=proposal.ask)
    if tell_requester:
        tell_privately(
            slack, channel=proposal.channel or None, user=proposal.requester, payload=proposal.sent
        )
    home_service.refresh(deps, team_id=team_id, user_ids=[proposal.lead])  # a request waits for them


# ---------------------------------------------------------------- filing


def add(
    deps: Deps,
    *,
    team_id: str,
    user_id: str,
    project_number: int,
    text: str,
    impact: str,
    dept_name: str,
    measure_number: int | None,
    due: date | None,
    channel: str,
    usage: str,
    unquoted: tuple[str, str, list[str]] | None = None,
) -> Filed:
    """`change add`: file CHG-n; :class:`InputError` when the input is wrong (nothing stored)."""
    if due is not None and measure_number is None:
        raise InputError("chg.due_needs_measure", usage)
    with transaction(deps.sessions) as session:
        ws = deps.workspace(session, team_id)
        project = project_or_error(session, team_id=team_id, number=project_number, usage=usage)
        [dept] = department_service.resolve(
            session, team_id=team_id, names=[dept_name], lang=ws.lang, unquoted=unquoted, usage=usage
        )
        measure = None
        if measure_number is not None:
            measure = measures.get_measure(session, team_id=team_id, number=measure_number)
            if measure is None:
                raise InputError("not_found", usage, ref=f"MSR-{measure_number}")
            if measure.project_id != project.id:
                other = projects.get_project_by_id(session, team_id=team_id, project_id=measure.project_id)
                raise InputError(
                    "chg.measure_elsewhere",
                    usage,
                    measure=measure.ref,
                    other=other.ref if other else "?",
                    project=project.ref,
                )
        if due is not None:
            check_deadline(due, today=deps.today(ws))
        request = change_requests.add_change_request(
            session,
            team_id=team_id,
            project=project,
            requested_by=user_id,
            now=deps.clock(),
            text=text,
            impact=impact,
            department=dept,
            measure=measure,
            proposed_due=due,
        )
        return _filed(session, request, lang=ws.lang, channel=channel)


def open_add_form(
    deps: Deps, *, team_id: str, trigger_id: str, meta: dict[str, str], lang: str
) -> Payload | None:
    with deps.sessions() as session:
        found = projects.search_projects(session, team_id=team_id, text="", limit=MAX_OPTIONS + 1)
        depts = departments.list_departments(session, team_id=team_id, limit=MAX_OPTIONS)
    if not depts:
        return text_message(t(lang, "need_departments"))
    if not found:
        return text_message(t(lang, "need_projects"))
    view = change_modal(found, depts, lang=lang, meta=meta)
    return open_form(deps, team_id=team_id, trigger_id=trigger_id, view=view, lang=lang)


def submit_add_form(deps: Deps, *, team_id: str, user_id: str, values: Submitted, channel: str) -> Filed:
    with transaction(deps.sessions) as session:
        ws = deps.workspace(session, team_id)
        lang = ws.lang
        errors: dict[str, str] = {}
        project = projects.get_project(session, team_id=team_id, number=int(values.text("project") or 0))
        if project is None:
            errors["project"] = t(lang, "field_project")
        dept = departments.get_department(
            session, team_id=team_id, department_id=int(values.text("dept") or 0)
        )
        if dept is None:
            errors["dept"] = t(lang, "field_dept")
        for key in ("text", "impact"):
            if not values.text(key):
                errors[key] = t(lang, f"chg.field_{key}")
        measure = None
        if values.text("measure"):
            try:
                number = parse_ref(values.text("measure"), kind=RefKind.MEASURE)
            except InputError:
                number = 0
            measure = measures.get_measure(session, team_id=team_id, number=number)
            if measure is None or project is None or measure.project_id != project.id:
                errors["measure"] = t(lang, "chg.field_measure")
        due = None
        if values.text("due"):
            if not values.text("measure"):
                errors["due"] = t(lang, "chg.field_due_measure")
            else:
                try:
                    due = form_date(values, "due", today=deps.today(ws), lang=lang)
                except FieldErrors as e:
                    errors.update(e.errors)
        if errors or project is None or dept is None:
            raise FieldErrors(errors)
        request = change_requests.add_change_request(
            session,
            team_id=team_id,
            project=project,
            requested_by=user_id,
            now=deps.clock(),
            text=values.text("text"),
            impact=values.text("impact"),
            department=dept,
            measure=measure,
            proposed_due=due,
        )
        return _filed(session, request, lang=lang, channel=channel)


def open_proposal_form(
    deps: Deps, *, team_id: str, user_id: str, number: int, trigger_id: str, channel: str
) -> Payload | None:
    """The "Propose a new date" form of an overdue nudge, for whoever may change the measure."""
    lang = deps.settings_of(team_id).lang
    measure, allowed = may_change(deps, team_id=team_id, number=number, user_id=user_id)
    if measure is None or not allowed:
        return measure_not_allowed(lang, f"MSR-{number}")
    view = change_request_modal(ref=measure.ref, number=number, lang=lang, meta={"channel": channel})
    return open_form(deps, team_id=team_id, trigger_id=trigger_id, view=view, lang=lang)


def propose(deps: Deps, *, team_id: str, user_id: str, number: int, values: Submitted, channel: str) -> Filed:
    """ "Propose a new date": file a CHG-n for the measure's new deadline; :class:`FieldErrors`
    when the form is wrong. Nothing is sent yet: the form is acknowledged first, then
    :func:`announce` tells the people."""
    with transaction(deps.sessions) as session:
        ws = deps.workspace(session, team_id)
        lang = ws.lang
        measure = measures.get_measure(session, team_id=team_id, number=number)
        if measure is None:
            raise FieldErrors({"due": t(lang, "measure_gone")})
        due = form_date(values, "due", today=deps.today(ws), lang=lang)
        if due == measure.due:
            raise FieldErrors({"due": t(lang, "already_due", ref=measure.ref, due=due.isoformat())})
        project = projects.get_project_by_id(session, team_id=team_id, project_id=measure.project_id)
        assert project is not None
        request = change_requests.add_change_request(
            session,
            team_id=team_id,
            project=project,
            requested_by=user_id,
            now=deps.clock(),
            measure=measure,
            proposed_due=due,
            reason=values.text("reason"),
        )
        return _filed(session, request, lang=lang, channel=channel)


# ---------------------------------------------------------------- deciding


@dataclass(frozen=True)
class Decision:
    """What a press did: ``answer`` replaces the lead's message, or is ``private`` to the person
    who pressed (not allowed, already decided). ``row`` is set when this press decided it:
    then :func:`announce_decision` tells the others."""

    answer: Payload
    private: bool
    row: ChangeRow | None = None


def _refusal(
    deps: Deps, *, team_id: str, user_id: str, request_id: int
) -> tuple[ChangeRequest | None, Payload | None]:
    """The request, and what to tell ``user_id`` when they may not decide it now (else ``None``)."""
    with transaction(deps.sessions) as session:
        ws = deps.workspace(session, team_id)
        request = change_requests.get_change_request(session, team_id=team_id, request_id=request_id)
        project = (
            projects.get_project_by_id(session, team_id=team_id, project_id=request.project_id)
            if request
            else None
        )
    if request is None or project is None:
        return None, None
    lang = ws.lang
    if request.state != "open":
        return request, already_decided(request, lang=lang, tz_name=ws.timezone)
    lead = project.lead_user_id
    admin = user_id != lead and is_admin(deps, deps.slack_for(team_id), ws, user_id)
    if not may_decide_change(user_id, lead=lead, admin=admin):
        return request, not_allowed_message(
            lang, action=t(lang, "chg.action_decide", ref=request.ref), who=mention(lead)
        )
    return request, None


def decide(
    deps: Deps, *, team_id: str, user_id: str, request_id: int, approved: bool, note: str = ""
) -> Decision | None:
    """Approve or reject once; ``None`` when there is no such request."""
    request, refusal = _refusal(deps, team_id=team_id, user_id=user_id, request_id=request_id)
    if request is None:
        return None
    if refusal is not None:
        return Decision(refusal, private=True)
    with transaction(deps.sessions) as session:
        ws = deps.workspace(session, team_id)
        found = change_requests.get_change_request(session, team_id=team_id, request_id=request_id)
        if found is None:
            return None
        if not change_requests.decide_change_request(
            session,
            team_id=team_id,
            request=found,
            approved=approved,
            decided_by=user_id,
            now=deps.clock(),
            note=note,
        ):
            return Decision(already_decided(found, lang=ws.lang, tz_name=ws.timezone), private=True)
        if approved and found.measure_id is not None and found.proposed_due is not None:
            measure = measures.get_measure_by_id(session, team_id=team_id, measure_id=found.measure_id)
            if measure is not None:
                measures.lock_measure(session, measure)
                measures.update_measure(
                    session,
                    team_id=team_id,
                    measure=measure,
                    actor_user_id=user_id,
                    source="change",
                    now=deps.clock(),
                    due=found.proposed_due,
                )  # the reason stays on the change request; the measure's own note (备注) is kept
        [row] = change_requests.change_rows(session, team_id=team_id, ids=[request_id])
    return Decision(decided_message(row, lang=ws.lang), private=False, row=row)


def announce_decision(
    deps: Deps, *, team_id: str, decision: Decision, lead_message: tuple[str, str] | None = None
) -> None:
    """After the commit: the lead's message shows the decision (when it is not the message the
    press replaces), the requester is told, the responsible department's channel gets a notice,
    and the sync prompts listing a moved measure are updated."""
    row = decision.row
    if row is None:
        return
    lang = deps.settings_of(team_id).lang
    slack = deps.slack_for(team_id)
    if lead_message is not None and all(lead_message):
        try:
            slack.update(lead_message[0], lead_message[1], decision.answer)
        except SlackError:
            logger.exception("could not update the lead's message of %s", row.request.ref)
    tell_privately(
        slack, channel=None, user=row.request.requested_by, payload=decided_message(row, lang=lang)
    )
    if row.department is not None and row.department.channel_id:
        try:
            slack.post(row.department.channel_id, notice_message(row, lang=lang))
        except SlackError:
            logger.exception("could not tell %s about %s", row.department.channel_id, row.request.ref)
    if row.request.state == "approved" and row.measure is not None and row.request.proposed_due is not None:
        prompt_service.refresh(deps, team_id=team_id, measure_ids=[row.measure.id or 0])
    people = [row.request.requested_by, row.request.decided_by, row.project.lead_user_id]
    if row.measure is not None:
        home_service.measures_changed(deps, team_id=team_id, measure_ids=[row.measure.id or 0], also=people)
    else:
        home_service.refresh(deps, team_id=team_id, user_ids=people)


def open_reject_form(
    deps: Deps, *, team_id: str, user_id: str, request_id: int, trigger_id: str, channel: str, ts: str
) -> Payload | None:
    """Reject asks for a reason: the form, for the lead (or an admin) of an open request; else
    what to tell the person privately."""
    request, refusal = _refusal(deps, team_id=team_id, user_id=user_id, request_id=request_id)
    if request is None:
        return None
    if refusal is not None:
        return refusal
    lang = deps.settings_of(team_id).lang
    view = reject_modal(request, lang=lang, meta={"channel": channel, "ts": ts})
    return open_form(deps, team_id=team_id, trigger_id=trigger_id, view=view, lang=lang)


def rejection_reason(deps: Deps, *, team_id: str, values: Submitted) -> str:
    """The reason of the reject form; :class:`FieldErrors` when it is blank (no Slack call)."""
    reason = values.text("reason")
    if not reason:
        raise FieldErrors({"reason": t(deps.settings_of(team_id).lang, "chg.field_reason")})
    return reason


# ---------------------------------------------------------------- listing


def listing(deps: Deps, *, team_id: str, project_number: int | None, usage: str) -> Payload:
    """`change list`: pending ones first, with their ages, then the decided ones."""
    with deps.sessions() as session:
        ws = deps.workspace(session, team_id)
        project_id = project_id_or_none(session, team_id=team_id, number=project_number, usage=usage)
        rows = change_requests.change_rows(session, team_id=team_id, project_id=project_id)
    return change_list(rows, lang=ws.lang, now=deps.clock())
