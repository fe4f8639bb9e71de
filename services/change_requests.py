"""Change requests (需求变更申请) for a measure's deadline: proposed from an overdue nudge, decided
once by the project lead (or an admin); approving moves the deadline (kept in its history)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.policy import may_decide_change
from services import home as home_service
from services import prompts as prompt_service
from services.deps import Deps
from services.forms import FieldErrors, form_date, open_form
from services.measures import may_change
from services.permissions import is_admin
from slack_api.gateway import tell_privately
from storage import change_requests, measures, projects
from storage.db import Session, transaction
from storage.models import ChangeRequest, Measure
from ui.answers import measure_not_allowed, not_allowed_message
from ui.blocks import Payload, escape, mention, text_message
from ui.catalogue import t
from ui.forms import Submitted, change_request_modal
from ui.weekly import change_request_ask


def open_proposal_form(
    deps: Deps, *, team_id: str, user_id: str, number: int, trigger_id: str, channel: str
) -> Payload | None:
    """The "Propose a new date" form, for whoever may change the measure."""
    lang = deps.settings_of(team_id).lang
    measure, allowed = may_change(deps, team_id=team_id, number=number, user_id=user_id)
    if measure is None or not allowed:
        return measure_not_allowed(lang, f"MSR-{number}")
    view = change_request_modal(ref=measure.ref, number=number, lang=lang, meta={"channel": channel})
    return open_form(deps, team_id=team_id, trigger_id=trigger_id, view=view, lang=lang)


@dataclass(frozen=True)
class Proposal:
    """A stored change request and who is to be told: the lead (to decide) and the requester."""

    lead: str
    ask: Payload
    requester: str
    sent: Payload
    channel: str


def propose(
    deps: Deps, *, team_id: str, user_id: str, number: int, values: Submitted, channel: str
) -> Proposal:
    """Keep the proposal; :class:`FieldErrors` when the form is wrong. Nothing is sent yet:
    the form is acknowledged first, then :func:`announce` tells the people."""
    with transaction(deps.sessions) as session:
        ws = deps.workspace(session, team_id)
        lang = ws.lang
        measure = measures.get_measure(session, team_id=team_id, number=number)
        if measure is None:
            raise FieldErrors({"due": t(lang, "measure_gone")})
        due = form_date(values, "due", today=deps.today(ws), lang=lang)
        if due == measure.due:
            raise FieldErrors({"due": t(lang, "already_due", ref=measure.ref, due=due.isoformat())})
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
    ask = t(
        lang,
        "cr_ask",
        user=mention(user_id),
        ref=measure.ref,
        old=old,
        new=due.isoformat(),
        reason=escape(request.reason or "—"),
    )
    sent = t(lang, "cr_sent", ref=measure.ref, old=old, new=due.isoformat(), lead=mention(lead))
    return Proposal(
        lead=lead,
        ask=change_request_ask(ask, request_id=request.id or 0, lang=lang),
        requester=user_id,
        sent=text_message(sent),
        channel=channel,
    )


def announce(deps: Deps, *, team_id: str, proposal: Proposal) -> None:
    slack = deps.slack_for(team_id)
    if proposal.lead:
        tell_privately(slack, channel=None, user=proposal.lead, payload=proposal.ask)
    tell_privately(slack, channel=proposal.channel or None, user=proposal.requester, payload=proposal.sent)
    home_service.refresh(deps, team_id=team_id, user_ids=[proposal.lead])  # a request waits for them


@dataclass(frozen=True)
class Decision:
    """What deciding did: ``answer`` replaces the lead's message, or is ``private`` to the
    person who pressed (not allowed, already decided)."""

    answer: Payload
    private: bool


def _request_and_measure(
    session: Session, *, team_id: str, request_id: int
) -> tuple[ChangeRequest | None, Measure | None]:
    request = change_requests.get_change_request(session, team_id=team_id, request_id=request_id)
    if request is None:
        return None, None
    return request, measures.get_measure_by_id(session, team_id=team_id, measure_id=request.measure_id)


def decide(deps: Deps, *, team_id: str, user_id: str, request_id: int, approved: bool) -> Decision | None:
    """Approve or reject once; ``None`` when there is no such request."""
    ws = deps.settings_of(team_id)
    lang = ws.lang
    with deps.sessions() as session:
        request = change_requests.get_change_request(session, team_id=team_id, request_id=request_id)
        measure = (
            measures.get_measure_by_id(session, team_id=team_id, measure_id=request.measure_id)
            if request
            else None
        )
        if request is None or measure is None:
            return None
        project = projects.get_project_by_id(session, team_id=team_id, project_id=measure.project_id)
        lead = project.lead_user_id if project else ""
    slack = deps.slack_for(team_id)
    admin = user_id != lead and is_admin(deps, slack, ws, user_id)
    if not may_decide_change(user_id, lead=lead, admin=admin):
        refusal = not_allowed_message(lang, action=t(lang, "action_decide_cr"), who=mention(lead))
        return Decision(refusal, private=True)
    with transaction(deps.sessions) as session:
        request = change_requests.get_change_request(session, team_id=team_id, request_id=request_id)
        measure = (
            measures.get_measure_by_id(session, team_id=team_id, measure_id=request.measure_id)
            if request
            else None
        )
        if request is None or measure is None:
            return None
        if not change_requests.decide_change_request(
            session, team_id=team_id, request=request, approved=approved, decided_by=user_id, now=deps.clock()
        ):
            return Decision(text_message(t(lang, "cr_decided")), private=True)
        if approved:
            measures.update_measure(
                session,
                team_id=team_id,
                measure=measure,
                actor_user_id=user_id,
                source="change",
                now=deps.clock(),
                due=request.proposed_due,
            )  # the reason stays on the change request; the measure's own note (备注) is kept
            text = t(
                lang,
                "cr_approved",
                user=mention(user_id),
                ref=measure.ref,
                new=request.proposed_due.isoformat(),
            )
        else:
            text = t(lang, "cr_rejected", user=mention(user_id), ref=measure.ref, old=measure.due.isoformat())
        requester = request.requested_by
    tell_privately(slack, channel=None, user=requester, payload=text_message(text))
    if approved:
        prompt_service.refresh(deps, team_id=team_id, measure_ids=[measure.id or 0])
    home_service.measures_changed(
        deps, team_id=team_id, measure_ids=[measure.id or 0], also=[user_id, requester]
    )
    return Decision(text_message(text), private=False)
