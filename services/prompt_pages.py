"""The measures of a sync prompt behind its **Show more**: a page of them for whoever pressed it
(ephemeral), with the prompt's status buttons and Previous / Next."""

from __future__ import annotations

import math

from services.deps import Deps
from storage import departments, measures, prompts
from ui.blocks import Payload, text_message
from ui.catalogue import t
from ui.weekly import SYNC_PER_PART, sync_more_page


def _where(value: str) -> tuple[int | None, int]:
    """A Show more / Previous / Next value: ``<page>`` on the channel message itself (the
    message is the one pressed), ``<message id>:<page>`` on a page."""
    first, sep, second = value.partition(":")
    try:
        return (int(first), int(second)) if sep else (None, int(first))
    except ValueError:
        return None, 2


def page(deps: Deps, *, team_id: str, channel_id: str, message_ts: str, value: str) -> Payload:
    message_id, number = _where(value)
    with deps.sessions() as session:
        ws = deps.workspace(session, team_id)
        lang = ws.lang
        if message_id is not None:
            message = prompts.get_message(session, team_id=team_id, message_id=message_id)
        else:
            message = prompts.message_by_ts(session, team_id=team_id, channel_id=channel_id, ts=message_ts)
        if message is None or message.id is None:
            return text_message(t(lang, "sync_page_gone"))
        prompt = prompts.get_prompt(session, team_id=team_id, prompt_id=message.prompt_id)
        if prompt is None:
            return text_message(t(lang, "sync_page_gone"))
        dept = departments.get_department(session, team_id=team_id, department_id=prompt.department_id)
        ids = prompts.message_measure_ids(session, team_id=team_id, message_id=message.id)
        number = min(max(number, 1), max(1, math.ceil(len(ids) / SYNC_PER_PART)))
        chunk = ids[(number - 1) * SYNC_PER_PART : number * SYNC_PER_PART]
        by_id = (
            {r.measure.id: r for r in measures.measure_rows(session, team_id=team_id, ids=chunk)}
            if chunk
            else {}
        )
        rows = [by_id[i] for i in chunk if i in by_id]
        return sync_more_page(
            rows,
            dept=dept.name if dept else "",
            period=prompt.period,
            page=number,
            total=len(ids),
            message_id=message.id,
            lang=lang,
            today=deps.today(ws),
        )


def page_of_block(block_id: str) -> str | None:
    """The page a status button was pressed on (its block id ``msr-<n>|<message id>:<page>``),
    or ``None`` for a button on the channel message."""
    _, sep, where = block_id.partition("|")
    return where if sep else None
