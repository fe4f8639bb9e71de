"""Departments (部门): add (admins), list, and finding them by the names people type."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from domain.command_text import split_list, unescape_slack
from domain.errors import InputError
from services import prompts as prompt_service
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
        active = departments.list_departments(session, team_id=team_id)
        archived = departments.list_departments(session, team_id=team_id, archived=True)
    return department_list(active, lang=lang, archived=[d.name for d in archived])


def resolve(
    session: Session,
    *,
    team_id: str,
    names: Sequence[str],
    lang: str,
    unquoted: tuple[str, str, Sequence[str]] | None = None,
    usage: str | None = None,
    archived: bool = False,
) -> list[Department]:
    """The departments called ``names`` (an archived one only with ``archived``, else it is
    refused as archived). ``unquoted`` is how the names were written in a
    command — the option key, its raw value and the bare words after it — to catch an unquoted
    name with spaces (``dept=Sales Ops``) before filing anything under the wrong department."""
    everyone = departments.list_departments(session, team_id=team_id, archived=None)
    known = [d for d in everyone if archived or d.archived_at is None]
    if unquoted is not None:
        check_unquoted_name(*unquoted, known=known, usage=usage)
    by_key = {departments.department_key(d.name): d for d in everyone}
    out: list[Department] = []
    for name in names:
        dept = by_key.get(departments.department_key(name))
        if dept is not None and dept.archived_at is not None and not archived:
            raise InputError("edit.dept_is_archived", usage, name=dept.name)
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


# ---------------------------------------------------------------- edit, archive, restore


def _admin_only(deps: Deps, team_id: str, user_id: str, action: str) -> Payload | None:
    ws = deps.settings_of(team_id)
    if is_admin(deps, deps.slack_for(team_id), ws, user_id):
        return None
    return not_allowed_message(ws.lang, action=action, who=t(ws.lang, "who_admins"))


def _find(session: Session, *, team_id: str, name: str, lang: str, usage: str) -> Department:
    [dept] = resolve(session, team_id=team_id, names=[name], lang=lang, usage=usage, archived=True)
    return dept


def change(
    deps: Deps,
    *,
    team_id: str,
    user_id: str,
    name: str,
    usage: str,
    new_name: str | None = None,
    head: str | None = None,
    channel: str | None = None,
) -> Payload:
    """``dept set``: rename, or give it another head or channel (admins); kept in its history.
    The current sync prompts show the new name at once; a new channel is joined."""
    refused = _admin_only(deps, team_id, user_id, "`/collab dept set`")
    if refused is not None:
        return refused
    lang = deps.settings_of(team_id).lang
    try:
        with transaction(deps.sessions) as session:
            dept = _find(session, team_id=team_id, name=name, lang=lang, usage=usage)
            changes = departments.update_department(
                session,
                dept=dept,
                actor_user_id=user_id,
                now=deps.clock(),
                name=new_name,
                head_user_id=head,
                channel_id=channel,
            )
    except DuplicateError:
        raise InputError("dept_exists", usage, name=new_name or "") from None
    if not changes:
        return text_message(t(lang, "edit.dept_unchanged", name=escape(dept.name)))
    described = []
    for c in changes:
        if c.field == "name":
            described.append(
                t(lang, "edit.change_name", old=escape(c.from_value or ""), new=escape(c.to_value or ""))
            )
        elif c.field == "head":
            described.append(
                t(lang, "edit.change_head", old=mention(c.from_value or ""), new=mention(c.to_value or ""))
            )
        else:
            described.append(t(lang, "edit.change_channel", old=f"<#{c.from_value}>", new=f"<#{c.to_value}>"))
    text = t(lang, "edit.dept_updated", name=escape(dept.name), changes=" · ".join(described))
    if channel is not None and any(c.field == "channel" for c in changes):
        try:
            deps.slack_for(team_id).join(channel)
        except SlackError as e:
            logger.info("could not join %s: %s", channel, e.error)
            text += "\n" + t(lang, "dept_invite", channel=f"<#{channel}>")
    if any(c.field == "name" for c in changes):
        prompt_service.refresh_department(deps, team_id=team_id, department_id=dept.id or 0)
    return text_message(text)


def archive(deps: Deps, *, team_id: str, user_id: str, name: str, archived: bool, usage: str) -> Payload:
    """``dept archive`` / ``dept restore`` (admins). A department with unfinished measures is not
    archived: they are moved (``measure set MSR-n dept=…``) or finished first."""
    refused = _admin_only(deps, team_id, user_id, f"`/collab dept {'archive' if archived else 'restore'}`")
    if refused is not None:
        return refused
    lang = deps.settings_of(team_id).lang
    with transaction(deps.sessions) as session:
        dept = _find(session, team_id=team_id, name=name, lang=lang, usage=usage)
        if archived:
            numbers = departments.open_measure_numbers(session, team_id=team_id, department_id=dept.id or 0)
            if numbers:
                shown = ", ".join(f"MSR-{n}" for n in numbers[:10]) + (", …" if len(numbers) > 10 else "")
                raise InputError(
                    "edit.dept_has_open",
                    f"/collab measure set MSR-{numbers[0]} dept=<another department>",
                    name=dept.name,
                    count=len(numbers),
                    refs=shown,
                )
        changed = departments.set_archived(
            session, dept=dept, archived=archived, actor_user_id=user_id, now=deps.clock()
        )
    key = (
        ("edit.dept_archived" if archived else "edit.dept_restored")
        if changed
        else ("edit.dept_already_archived" if archived else "edit.dept_not_archived")
    )
    return text_message(t(lang, key, name=escape(dept.name)))
