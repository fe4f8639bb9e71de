"""`project close` / `project reopen` (the project's lead or an admin): a closed project's
measures leave the sync prompts, nudges, digests, Home and the lists (``open_projects`` in
``storage.measures.measure_rows``); its history stays and exports still include it."""

from __future__ import annotations

from services import home as home_service
from services.charter import lead_or_refusal, project_or_error
from services.deps import Deps
from storage import charter
from storage.db import transaction
from ui.blocks import Payload, escape, text_message
from ui.catalogue import t


def set_closed(deps: Deps, *, team_id: str, user_id: str, number: int, closed: bool, usage: str) -> Payload:
    _, refusal = lead_or_refusal(deps, team_id=team_id, user_id=user_id, number=number, usage=usage)
    if refusal is not None:
        return refusal
    with transaction(deps.sessions) as session:
        ws = deps.workspace(session, team_id)
        project = project_or_error(session, team_id=team_id, number=number, usage=usage)
        title = f"{project.ref} {escape(project.name)}"
        if (project.closed_at is not None) == closed:
            return text_message(
                t(ws.lang, "cls.already_closed" if closed else "cls.not_closed", project=title)
            )
        charter.update_project(
            session, team_id=team_id, project=project, closed_at=deps.clock() if closed else None
        )
        lead, lang = project.lead_user_id, ws.lang
    home_service.refresh(deps, team_id=team_id, user_ids=[lead])
    return text_message(
        t(lang, "cls.closed" if closed else "cls.reopened", project=title, ref=f"PRJ-{number}")
    )
