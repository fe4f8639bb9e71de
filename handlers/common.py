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

from handlers.parse import ParseError
from handlers.texts import t
from storage import queries
from storage.models import Department

logger = logging.getLogger(__name__)

NAME_LIMIT = 200
DEPT_NAME_LIMIT = 80
TEXT_LIMIT = 2000


def check_future(due: date, *, today: date, lang: str, field: str = "due") -> date:
    if due < today:
        raise ParseError(t(lang, "past_due", field=field, due=due.isoformat(), today=today.isoformat()))
    return due


def resolve_departments(
    session: Session, *, team_id: str, names: Sequence[str], lang: str
) -> list[Department]:
    known = queries.list_departments(session, team_id=team_id)
    by_key = {queries.department_key(d.name): d for d in known}
    out: list[Department] = []
    for name in names:
        dept = by_key.get(queries.department_key(name))
        if dept is None:
            listing = ("、" if lang == "zh" else ", ").join(d.name for d in known) or t(lang, "none_yet")
            raise ParseError(t(lang, "dept_unknown", name=name, known=listing))
        out.append(dept)
    return out


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
