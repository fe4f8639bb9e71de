"""Helpers shared by the Slack surfaces: validation that both the command and the modals use,
and sending private answers."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlmodel import Session

from handlers.parse import Args, ParseError, split_list, unescape_slack
from handlers.texts import t
from storage import departments
from storage.models import Department

logger = logging.getLogger(__name__)

NAME_LIMIT = 200
DEPT_NAME_LIMIT = 80
TEXT_LIMIT = 2000


def interaction_ids(body: dict[str, Any]) -> tuple[str, str]:
    """The workspace and the person of an interaction payload: a button, a form submission, a
    select menu asking for options."""
    team = body.get("team") or {}
    user = body.get("user") or {}
    team_id = team.get("id") or (body.get("view") or {}).get("team_id") or user.get("team_id") or ""
    return str(team_id), str(user.get("id") or "")


def check_future(due: date, *, today: date, lang: str, field: str = "due") -> date:
    if due < today:
        raise ParseError(t(lang, "past_due", field=field, due=due.isoformat(), today=today.isoformat()))
    return due


def resolve_departments(
    session: Session,
    *,
    team_id: str,
    names: Sequence[str],
    lang: str,
    written_as: tuple[Args, str] | None = None,
) -> list[Department]:
    """The departments called ``names``. ``written_as`` is the command and the option key the
    names came from, to catch an unquoted name with spaces (see :func:`check_unquoted_name`)."""
    known = departments.list_departments(session, team_id=team_id)
    if written_as is not None:
        args, key = written_as
        check_unquoted_name(args, key=key, known=known, lang=lang)
    by_key = {departments.department_key(d.name): d for d in known}
    out: list[Department] = []
    for name in names:
        dept = by_key.get(departments.department_key(name))
        if dept is None:
            listing = ("、" if lang == "zh" else ", ").join(d.name for d in known) or t(lang, "none_yet")
            raise ParseError(t(lang, "dept_unknown", name=name, known=listing))
        out.append(dept)
    return out


def check_unquoted_name(args: Args, *, key: str, known: Sequence[Department], lang: str) -> None:
    """``dept=Sales Ops`` without quotes reads as ``dept=Sales`` and the word "Ops" as text.
    When the words after the unquoted value complete the name of a department, say so instead
    of saving the wrong thing."""
    value = args.get(key)
    words = args.unquoted_words_after(key)
    if value is None or not words:
        return
    last = unescape_slack((split_list(value) or [""])[-1])
    known_names = {departments.department_key(d.name): d.name for d in known}
    for count in range(len(words), 0, -1):
        after = unescape_slack(" ".join(words[:count])).rstrip(",\uff0c\u3001")
        name = known_names.get(departments.department_key(f"{last} {after}"))
        if name is not None:
            raise ParseError(
                t(lang, "needs_quotes", option=key, value=last, words=after, name=name), args.usage
            )


def post_private(client: WebClient, *, channel: str | None, user: str, payload: dict[str, Any]) -> None:
    """Tell one person something: ephemeral in the channel they were in, else by DM."""
    if channel:
        try:
            client.chat_postEphemeral(channel=channel, user=user, **payload)
            return
        except SlackApiError as e:
            logger.info(
                "chat.postEphemeral to %s failed (%s); sending a DM", channel, e.response.get("error")
            )
    try:
        client.chat_postMessage(channel=user, **payload)
    except SlackApiError:
        logger.exception("could not tell %s privately", user)
