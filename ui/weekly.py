"""The weekly loop's messages: sync prompts, nudges and escalations, digests, alerts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from storage.rows import MeasureRow
from ui.answers import measure_line, status_counts
from ui.blocks import (
    MAX_BLOCKS,
    Block,
    Payload,
    actions,
    button,
    channel_link,
    chunk_sections,
    context,
    divider,
    escape,
    header,
    mention,
    message,
    section,
    text_message,
    truncate,
)
from ui.catalogue import t
from ui.labels import status_label
from ui.meetings import call_button

SYNC_PER_PART = 20  # 2 blocks a measure + header + hint + divider stays well under 50
SYNC_ACTION = "sync_status"


def status_buttons(number: int, current: str, *, lang: str, action: str = SYNC_ACTION) -> Block:
    """In progress / Done / Blocked for one measure; ``action`` prefixes the action ids (the
    sync prompt's, or the Home tab's)."""
    buttons = []
    for status in ("doing", "done", "blocked"):
        buttons.append(
            button(
                t(lang, f"btn_{status}"),
                action_id=f"{action}:{number}:{status}",
                value=f"{number}:{status}",
                style="primary" if status == current else None,
            )
        )
    if current == "blocked":
        buttons.append(call_button(number, lang))
    return actions(*buttons, block_id=f"msr-{number}")


def sync_prompt_part(
    rows: Sequence[MeasureRow], *, dept: str, period: str, part: int, parts: int, lang: str, today: date
) -> Payload:
    title = (
        t(lang, "sync_title", dept=dept, period=period)
        if parts == 1
        else t(lang, "sync_title_part", dept=dept, period=period, part=part, parts=parts)
    )
    blocks: list[Block] = [header(title)]
    if part == 1:
        blocks.append(context(t(lang, "sync_hint")))
    blocks.append(divider())
    for r in rows:
        blocks.append(section(measure_line(r, lang=lang, today=today)))
        blocks.append(status_buttons(r.measure.number, r.measure.status, lang=lang))
    return message(title, blocks)


def sync_prompt_parts(
    rows: Sequence[MeasureRow], *, dept: str, period: str, lang: str, today: date
) -> list[tuple[list[MeasureRow], Payload]]:
    """The prompt for one department, split into as many messages as its measures need."""
    chunks = [list(rows[i : i + SYNC_PER_PART]) for i in range(0, len(rows), SYNC_PER_PART)] or [[]]
    return [
        (
            chunk,
            sync_prompt_part(
                chunk, dept=dept, period=period, part=i, parts=len(chunks), lang=lang, today=today
            ),
        )
        for i, chunk in enumerate(chunks, start=1)
    ]


def nudge_actions(number: int, *, lang: str, blocked: bool = False) -> Block:
    """Done / Propose a new date for one measure of a nudge or an escalation; a blocked measure
    also gets "Call a coordination meeting"."""
    return actions(
        button(t(lang, "btn_done"), action_id="nudge_done", value=str(number), style="primary"),
        button(t(lang, "btn_new_date"), action_id="nudge_new_date", value=str(number)),
        *([call_button(number, lang)] if blocked else []),
        block_id=f"nudge-{number}",
    )


def _capped(lines: Sequence[str], *, limit: int, lang: str, scope: str) -> list[str]:
    if len(lines) <= limit:
        return list(lines) or [t(lang, "digest_none")]
    return [*lines[:limit], t(lang, "more", count=len(lines) - limit, scope=scope)]


def digest_message(
    *,
    dept: str,
    period: str,
    rows: Sequence[MeasureRow],
    done_this_week: Sequence[MeasureRow],
    changes: Sequence[tuple[int, str, str, str]],
    lang: str,
    today: date,
) -> Payload:
    """协作进度跟踪表 for one department: counts, overdue, finished this week, changes."""
    title = t(lang, "digest_title", dept=dept, period=period)
    overdue = [r for r in rows if r.measure.status != "done" and r.measure.due < today]
    open_rows = [r for r in rows if r.measure.status != "done" and r not in overdue]
    scope = escape(dept)

    def short(r: MeasureRow) -> str:
        m = r.measure
        return (
            f"• *{m.ref}* {escape(truncate(m.text, 200))} — {mention(m.owner_user_id)} · "
            f"{t(lang, 'due')} {m.due.isoformat()} · {status_label(m.status, lang)}"
        )

    change_lines = [
        f"• *MSR-{number}* {status_label(old, lang)} → *{status_label(new, lang)}* ({mention(actor)})"
        for number, old, new, actor in changes
    ]
    blocks: list[Block] = [header(title), context(status_counts(rows, lang=lang, today=today)), divider()]
    for heading, lines in (
        (t(lang, "digest_overdue"), [short(r) for r in overdue]),
        (t(lang, "digest_done"), [short(r) for r in done_this_week]),
        (t(lang, "digest_changes"), change_lines),
        (t(lang, "digest_open"), [short(r) for r in open_rows]),
    ):
        blocks.append(section(heading))
        blocks.extend(chunk_sections(_capped(lines, limit=25, lang=lang, scope=scope))[:8])
    return message(title, blocks[:MAX_BLOCKS])


def alert_message(text: str) -> Payload:
    return text_message(text)


def alert_text(lang: str, *, what: str, error: str, user: str = "", channel: str = "") -> str:
    """For the admins: a scheduled post to a person (``user``) or a channel failed."""
    if user:
        return t(lang, "alert_dm", user=mention(user), what=what, error=error)
    return t(lang, "alert", channel=channel_link(channel), what=what, error=error)
