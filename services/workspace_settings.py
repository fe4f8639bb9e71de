"""``/collab config``: show the workspace's settings, or change them (admins)."""

from __future__ import annotations

from services.deps import Deps
from services.permissions import is_admin
from storage import workspaces
from storage.db import transaction
from storage.models import Workspace
from ui.answers import not_allowed_message
from ui.blocks import Payload, mention, text_message
from ui.catalogue import t

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def describe(ws: Workspace, lang: str) -> Payload:
    admins = ", ".join(mention(a) for a in ws.admin_ids) or "—"
    lines = [
        f"*{t(lang, 'config_title')}*",
        f"• tz = `{ws.timezone}`",
        f"• lang = `{ws.lang}`",
        f'• sync = `"{WEEKDAYS[ws.sync_weekday]} {ws.sync_time}"`',
        f'• nudge = `"{ws.nudge_time}"` {t(lang, "config_weekdays")}',
        f'• digest = `"{WEEKDAYS[ws.digest_weekday]} {ws.digest_time}"`',
        f"• escalate_after = `{ws.escalate_after}` {t(lang, 'config_days')}",
        f"• agenda_days = `{ws.agenda_days}` {t(lang, 'config_days')}",
        f"• holidays = `{ws.holidays_country or 'none'}`",
        f"• admins = {admins}",
    ]
    return text_message("\n".join(lines))


def show_or_change(deps: Deps, *, team_id: str, user_id: str, changes: dict[str, object]) -> Payload:
    """No changes: the settings. Changes: saved when the person is an admin."""
    ws = deps.settings_of(team_id)
    lang = ws.lang
    if not changes:
        return describe(ws, lang)
    if not is_admin(deps, deps.slack_for(team_id), ws, user_id):
        return not_allowed_message(lang, action="`/collab config`", who=t(lang, "who_admins"))
    with transaction(deps.sessions) as session:
        ws = workspaces.update_workspace(session, team_id=team_id, now=deps.clock(), **changes)
    reply = describe(ws, ws.lang)
    reply["text"] = t(ws.lang, "config_saved") + "\n" + reply["text"]
    reply["blocks"][0]["text"]["text"] = reply["text"]
    return reply
