"""Keeping the weekly sync prompt messages current (``chat.update``) when measures change."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import timedelta

from services.deps import Deps
from slack_api.gateway import SlackError
from storage import departments, prompts
from storage.models import SyncPromptMessage
from ui.weekly import sync_prompt_part

logger = logging.getLogger(__name__)

REFRESH_WINDOW = timedelta(days=21)


def refresh(deps: Deps, *, team_id: str, measure_ids: Sequence[int]) -> None:
    """Re-render the recent prompt messages that list these measures (after the commit)."""
    since = deps.clock() - REFRESH_WINDOW
    with deps.sessions() as session:
        messages = [
            m
            for measure_id in measure_ids
            for m in prompts.messages_listing(session, team_id=team_id, measure_id=measure_id, since=since)
        ]
    _rerender(deps, team_id=team_id, messages=messages)


def refresh_department(deps: Deps, *, team_id: str, department_id: int) -> None:
    """Re-render the department's recent prompt messages (it was renamed; after the commit)."""
    since = deps.clock() - REFRESH_WINDOW
    with deps.sessions() as session:
        messages = prompts.department_messages(
            session, team_id=team_id, department_id=department_id, since=since
        )
    _rerender(deps, team_id=team_id, messages=messages)


def _rerender(deps: Deps, *, team_id: str, messages: Sequence[SyncPromptMessage]) -> None:
    with deps.sessions() as session:
        ws = deps.workspace(session, team_id)
        today = deps.today(ws)
        updates = []
        for message in {m.id: m for m in messages}.values():
            assert message.id is not None
            prompt = prompts.get_prompt(session, team_id=team_id, prompt_id=message.prompt_id)
            if prompt is None:
                continue
            dept = departments.get_department(session, team_id=team_id, department_id=prompt.department_id)
            parts = len(prompts.prompt_messages(session, team_id=team_id, prompt_id=prompt.id or 0))
            payload = sync_prompt_part(
                prompts.message_measure_rows(session, team_id=team_id, message_id=message.id),
                dept=dept.name if dept else "",
                period=prompt.period,
                part=message.part,
                parts=max(parts, message.part),
                lang=ws.lang,
                today=today,
            )
            updates.append((message.channel_id, message.ts, payload))
    slack = deps.slack_for(team_id)
    for channel, ts, payload in updates:
        try:
            slack.update(channel, ts, payload)
        except SlackError:
            logger.exception("could not update the sync prompt %s/%s", channel, ts)
