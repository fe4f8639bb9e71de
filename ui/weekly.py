"""The weekly loop's messages: sync prompts, nudges and escalations, digests, alerts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from storage.rows import Capped, MeasureRow, StatusChange
from ui.answers import counts_text, measure_line
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
SYNC_MORE_ACTION = "sync_more"
DIGEST_LINES = 25  # measures (or changes) a digest lists per section; the rest is counted


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
    rows: Sequence[MeasureRow],
    *,
    dept: str,
    period: str,
    part: int,
    parts: int,
    lang: str,
    today: date,
    total: int | None = None,
) -> Payload:
    """One message of a department's sync prompt: its first :data:`SYNC_PER_PART` measures with
    their status buttons; the rest (``total`` in all, else ``len(rows)``) behind **Show more**,
    so that a department with many open measures still gets one channel message."""
    title = (
        t(lang, "sync_title", dept=dept, period=period)
        if parts == 1
        else t(lang, "sync_title_part", dept=dept, period=period, part=part, parts=parts)
    )
    shown = rows[:SYNC_PER_PART]
    more = (len(rows) if total is None else total) - len(shown)
    blocks: list[Block] = [header(title)]
    if part == 1:
        blocks.append(context(t(lang, "sync_hint")))
    blocks.append(divider())
    for r in shown:
        blocks.append(section(measure_line(r, lang=lang, today=today)))
        blocks.append(status_buttons(r.measure.number, r.measure.status, lang=lang))
    if more > 0:
        show = button(t(lang, "sync_more", count=more), action_id=SYNC_MORE_ACTION, value="2")
        blocks.append(actions(show, block_id="sync-more"))
    return message(title, blocks)


def sync_more_page(
    rows: Sequence[MeasureRow],
    *,
    dept: str,
    period: str,
    page: int,
    total: int,
    message_id: int,
    lang: str,
    today: date,
) -> Payload:
    """Page ``page`` (from 2) of a sync prompt's measures, for whoever pressed **Show more**:
    ephemeral, with the same status buttons (their block ids say which page to redraw) and
    Previous / Next."""
    first = (page - 1) * SYNC_PER_PART + 1
    title = t(
        lang,
        "sync_page_title",
        dept=dept,
        period=period,
        first=first,
        last=first + len(rows) - 1,
        total=total,
    )
    blocks: list[Block] = [header(title), divider()]
    for r in rows:
        blocks.append(section(measure_line(r, lang=lang, today=today)))
        buttons = status_buttons(r.measure.number, r.measure.status, lang=lang)
        buttons["block_id"] = f"{buttons['block_id']}|{message_id}:{page}"
        blocks.append(buttons)
    nav = []
    if page > 1:
        nav.append(
            button(t(lang, "prev"), action_id=f"{SYNC_MORE_ACTION}:prev", value=f"{message_id}:{page - 1}")
        )
    if first + len(rows) - 1 < total:
        nav.append(
            button(t(lang, "next"), action_id=f"{SYNC_MORE_ACTION}:next", value=f"{message_id}:{page + 1}")
        )
    if nav:
        blocks.append(actions(*nav, block_id="sync-pages"))
    return message(title, blocks)


def nudge_actions(number: int, *, lang: str, blocked: bool = False) -> Block:
    """Done / Propose a new date for one measure of a nudge or an escalation; a blocked measure
    also gets "Call a coordination meeting"."""
    return actions(
        button(t(lang, "btn_done"), action_id="nudge_done", value=str(number), style="primary"),
        button(t(lang, "btn_new_date"), action_id="nudge_new_date", value=str(number)),
        *([call_button(number, lang)] if blocked else []),
        block_id=f"nudge-{number}",
    )


def _capped(lines: Sequence[str], *, more: int, lang: str, scope: str) -> list[str]:
    if not lines:
        return [t(lang, "digest_none")]
    return [*lines, t(lang, "more", count=more, scope=scope)] if more > 0 else list(lines)


def digest_message(
    *,
    dept: str,
    period: str,
    counts: Mapping[str, int],
    overdue: Capped[MeasureRow],
    done_this_week: Capped[MeasureRow],
    changes: Capped[StatusChange],
    open_rows: Capped[MeasureRow],
    lang: str,
) -> Payload:
    """协作进度跟踪表 for one department: counts, overdue, finished this week, changes, and the
    other open measures — each list its first :data:`DIGEST_LINES`, the rest counted."""
    title = t(lang, "digest_title", dept=dept, period=period)
    scope = escape(dept)

    def short(r: MeasureRow) -> str:
        m = r.measure
        return (
            f"• *{m.ref}* {escape(truncate(m.text, 200))} — {mention(m.owner_user_id)} · "
            f"{t(lang, 'due')} {m.due.isoformat()} · {status_label(m.status, lang)}"
        )

    def change_line(c: StatusChange) -> str:
        new = status_label(c.to_status, lang)
        return f"• *MSR-{c.measure_number}* {status_label(c.from_status, lang)} → *{new}* ({mention(c.actor_user_id)})"

    blocks: list[Block] = [header(title), context(counts_text(counts, lang=lang)), divider()]
    for heading, lines, more in (
        (t(lang, "digest_overdue"), [short(r) for r in overdue.rows], overdue.more),
        (t(lang, "digest_done"), [short(r) for r in done_this_week.rows], done_this_week.more),
        (t(lang, "digest_changes"), [change_line(c) for c in changes.rows], changes.more),
        (t(lang, "digest_open"), [short(r) for r in open_rows.rows], open_rows.more),
    ):
        blocks.append(section(heading))
        blocks.extend(chunk_sections(_capped(lines, more=more, lang=lang, scope=scope))[:8])
    return message(title, blocks[:MAX_BLOCKS])


def alert_message(text: str) -> Payload:
    return text_message(text)


def alert_text(lang: str, *, what: str, error: str, user: str = "", channel: str = "") -> str:
    """For the admins: a scheduled post to a person (``user``) or a channel failed."""
    if user:
        return t(lang, "alert_dm", user=mention(user), what=what, error=error)
    return t(lang, "alert", channel=channel_link(channel), what=what, error=error)
