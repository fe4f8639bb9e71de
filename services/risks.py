"""Risks and their plans (风险与预案, ``RSK-n``): added by the project's lead or an admin; changed
by them or the risk's owner."""

from __future__ import annotations

from domain.errors import InputError
from services.charter import lead_or_refusal, project_or_error
from services.deps import Deps
from services.permissions import may_change_project
from storage import projects, risks
from storage.db import transaction
from ui.answers import not_allowed_message
from ui.blocks import Payload, escape, mention, text_message
from ui.catalogue import t
from ui.charter import field_names


def add(
    deps: Deps, *, team_id: str, user_id: str, number: int, text: str, plan: str, owner: str, usage: str
) -> Payload:
    _, refusal = lead_or_refusal(deps, team_id=team_id, user_id=user_id, number=number, usage=usage)
    if refusal is not None:
        return refusal
    with transaction(deps.sessions) as session:
        lang = deps.workspace(session, team_id).lang
        project = project_or_error(session, team_id=team_id, number=number, usage=usage)
        risk = risks.add_risk(
            session,
            team_id=team_id,
            project=project,
            text=text,
            plan=plan,
            owner_user_id=owner,
            created_by=user_id,
            now=deps.clock(),
        )
    return text_message(t(lang, "chr.risk_added", ref=risk.ref, project=project.ref, text=escape(text)))


def update(
    deps: Deps,
    *,
    team_id: str,
    user_id: str,
    number: int,
    usage: str,
    status: str | None = None,
    plan: str | None = None,
    owner: str | None = None,
) -> Payload:
    with transaction(deps.sessions) as session:
        ws = deps.workspace(session, team_id)
        risk = risks.get_risk(session, team_id=team_id, number=number)
        if risk is None:
            raise InputError("not_found", usage, ref=f"RSK-{number}")
        project = projects.get_project_by_id(session, team_id=team_id, project_id=risk.project_id)
        lead = project.lead_user_id if project else ""
    lang = ws.lang
    if not may_change_project(deps, ws, user_id, lead=lead, also=(risk.owner_user_id,)):
        return not_allowed_message(
            lang,
            action=t(lang, "chr.action_change_risk", ref=risk.ref),
            who=t(lang, "chr.who_risk", lead=mention(lead)),
        )
    changes = {
        key: value
        for key, value in (("status", status), ("plan", plan), ("owner_user_id", owner))
        if value is not None
    }
    with transaction(deps.sessions) as session:
        found = risks.get_risk(session, team_id=team_id, number=number)
        if found is None:
            raise InputError("not_found", usage, ref=f"RSK-{number}")
        changed = risks.update_risk(session, team_id=team_id, risk=found, now=deps.clock(), **changes)
    if not changed:
        return text_message(t(lang, "chr.risk_unchanged", ref=risk.ref))
    return text_message(t(lang, "chr.risk_updated", ref=risk.ref, fields=field_names(changed, lang)))
