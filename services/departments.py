"""Departments (部门): add (admins), list, and finding them by the names people type."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from domain.command_text import split_list, unescape_slack
from domain.errors import InputError
from services.deps import Deps
from services.permissions import is_admin
from slack_api.gateway import SlackError
from storage import departments
from storage.db import DuplicateError, Session, transaction
from storage.models import Department
from ui.answers import department_list, not_allowed_message
from ui.blocks import Payload, escape, mention, text_message
from ui.catalogue import t

logger = logging.getLogger(__name__)


def add(deps: Deps, *, team_id: str, user_id: str, name: str, head: str, channel: str) -> Payload:
    """Add a department; the bot joins its channel (or says how to invite it)."""
    ws = deps.settings_of(team_id)
    lang = ws.lang
    slack = deps.slack_for(team_id)
    if not is_admin(deps, slack, ws, user_id):
        return not_allowed_message(lang, action="`/collab dept add`", who=t(lang, "who_admins"))
    try:
        with transaction(deps.sessions) as session:
            dept = departments.add_department(
                session, team_id=team_id, name=name, head_user_id=head, channel_id=channel, created_by=user_id
            )
    except DuplicateError:
        raise InputError("dept_exists", name=name) from None
    text = t(lang, "dept_added", name=escape(dept.name), head=mention(head), channel=f"<#{channel}>")
    try:
        slack.join(channel)
    except SlackError as e:
        # a private channel: the bot must be invited to see the replies to its prompts there
        logger.info("could not join %s: %s", channel, e.error)
        text += "\n" + t(lang, "dept_invite", channel=f"<#{channel}>")
    return text_message(text)


def listing(deps: Deps, *, team_id: str, lang: str) -> Payload:
    with deps.sessions() as session:
        return department_list(departments.list_departments(session, team_id=team_id), lang=lang)


def resolve(
    session: Session,
    *,
    team_id: str,
    names: Sequence[str],
    lang: str,
    unquoted: tuple[str, str, Sequence[str]] | None = None,
    usage: str | None = None,
) -> list[Department]:
    """The departments called ``names``. ``unquoted`` is how the names were written in a
    command — the option key, its raw value and the bare words after it — to catch an unquoted
    name with spaces (``dept=Sales Ops``) before filing anything under the wrong department."""
    known = departments.list_departments(session, team_id=team_id)
    if unquoted is not None:
        check_unquoted_name(*unquoted, known=known, usage=usage)
    by_key = {departments.department_key(d.name): d for d in known}
    out: list[Department] = []
    for name in names:
        dept = by_key.get(departments.department_key(name))
        if dept is None:
            listing_text = ("、" if lang == "zh" else ", ").join(d.name for d in known) or t(lang, "none_yet")
            raise InputError("dept_unknown", name=name, known=listing_text)
        out.append(dept)
    return out


def check_unquoted_name(
    key: str, value: str | None, words: Sequence[str], *, known: Sequence[Department], usage: str | None
) -> None:
    """``dept=Sales Ops`` without quotes reads as ``dept=Sales`` and the word "Ops" as text.
    When the words after the unquoted value complete the name of a department, say so instead
    of saving the wrong thing."""
    if value is None or not words:
        return
    last = unescape_slack((split_list(value) or [""])[-1])
    known_names = {departments.department_key(d.name): d.name for d in known}
    for count in range(len(words), 0, -1):
        after = unescape_slack(" ".join(words[:count])).rstrip(",\uff0c\u3001")
        name = known_names.get(departments.department_key(f"{last} {after}"))
        if name is not None:
            raise InputError("needs_quotes", usage, option=key, value=last, words=after, name=name)
