"""The practice library (固化 / 淘汰): **Keep as practice** / **Drop this step** on a
retrospective report's items (the project's lead and admins), and `/collab practices`. Kept
practices appear in every new kickoff agenda (``storage.meetings.meeting_view``)."""

from __future__ import annotations

from services.deps import Deps
from services.permissions import may_change_project
from storage import practices, projects, retros
from storage.db import transaction
from ui.answers import not_allowed_message
from ui.blocks import Payload, escape, header, mention, message, section, text_message, truncate
from ui.catalogue import t
from ui.retros import item_key, items


def decide(deps: Deps, *, team_id: str, user_id: str, kind: str, value: str) -> Payload:
    """A press of Keep as practice / Drop this step (``value``: ``<RET number>:<item key>``)."""
    raw_number, _, key = value.partition(":")
    number = int(raw_number) if raw_number.isdigit() else 0
    with deps.sessions() as session:
        ws = deps.workspace(session, team_id)
        lang = ws.lang
        retro = retros.get_retro(session, team_id=team_id, number=number)
        project = (
            projects.get_project_by_id(session, team_id=team_id, project_id=retro.project_id)
            if retro
            else None
        )
    if retro is None or project is None:
        return text_message(t(lang, "cls.gone", ref=f"RET-{number}"))
    if not may_change_project(deps, ws, user_id, lead=project.lead_user_id):
        return not_allowed_message(
            lang,
            action=t(lang, "prc.action", ref=retro.ref),
            who=t(lang, "chr.who_project", lead=mention(project.lead_user_id)),
        )
    with transaction(deps.sessions) as session:
        given = retros.inputs(session, team_id=team_id, retro_id=retro.id or 0)
        texts = items([i.keep if kind == "keep" else i.drop for i in given])
        found = [x for x in texts if item_key(x) == key]
        if not found:
            return text_message(t(lang, "prc.item_gone", ref=retro.ref))
        text = found[0]
        added = practices.decide(
            session, team_id=team_id, retro=retro, kind=kind, text=text, by=user_id, now=deps.clock()
        )
    shown = escape(truncate(text, 500))
    if not added:
        return text_message(t(lang, "prc.already", text=shown))
    key_word = "prc.kept" if kind == "keep" else "prc.dropped"
    return text_message(t(lang, key_word, text=shown, project=f"{project.ref} {escape(project.name)}"))


def listing(deps: Deps, *, team_id: str) -> Payload:
    """`/collab practices`: the kept practices and the dropped steps, each with its project."""
    with deps.sessions() as session:
        lang = deps.workspace(session, team_id).lang
        found = practices.library(session, team_id=team_id)
    title = t(lang, "prc.title")
    if not found:
        return text_message(t(lang, "prc.empty"))
    blocks = [header(title)]
    for kind, heading in (("keep", "prc.kept_title"), ("drop", "prc.dropped_title")):
        lines = [
            t(lang, "prc.line", text=escape(truncate(p.text, 300)), project=f"{j.ref} {escape(j.name)}")
            for p, j in found
            if p.kind == kind
        ]
        if lines:
            text = "\n".join([t(lang, heading), *lines])
            blocks.append(section(truncate(text, 3000)))
    return message(title, blocks)
