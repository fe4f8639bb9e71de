"""Overdue nudges and escalations: one direct message per person and day listing all of their
overdue measures (an owner's own; a head's department's), each with Done / Propose a new date,
paged into as many messages as Slack's 50 blocks need."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from storage.rows import MeasureRow
from ui.answers import measure_line
from ui.blocks import Block, Payload, context, escape, mention, message, section
from ui.catalogue import t
from ui.weekly import nudge_actions

NUDGES_PER_PART = 15  # an intro + 2 blocks a measure: well under 50


@dataclass(frozen=True)
class Overdue:
    row: MeasureRow
    days: int  # past its deadline


def _intro(items: Sequence[Overdue], *, lang: str, escalation: bool) -> str:
    refs = ", ".join(f"*{i.row.measure.ref}*" for i in items)
    depts = ("、" if lang == "zh" else ", ").join(dict.fromkeys(escape(i.row.department.name) for i in items))
    if len(items) == 1:
        m = items[0].row.measure
        if escalation:
            return t(
                lang, "escalate", ref=m.ref, dept=depts, days=items[0].days, owner=mention(m.owner_user_id)
            )
        return t(lang, "nudge", ref=m.ref, days=items[0].days, due=m.due.isoformat())
    if escalation:
        return t(lang, "nudge.escalate_many", count=len(items), dept=depts, refs=refs)
    return t(lang, "nudge.many", count=len(items), refs=refs)


def overdue_parts(items: Sequence[Overdue], *, lang: str, today: date, escalation: bool) -> list[Payload]:
    """One person's nudge (or escalation), most overdue first, in as many messages as needed."""
    ordered = sorted(items, key=lambda i: (-i.days, i.row.measure.number))
    chunks = [ordered[i : i + NUDGES_PER_PART] for i in range(0, len(ordered), NUDGES_PER_PART)]
    intro = _intro(ordered, lang=lang, escalation=escalation)
    parts = []
    for n, chunk in enumerate(chunks, start=1):
        if n == 1:
            text, blocks = intro, [section(intro)]
        else:
            text = t(lang, "nudge.continued", part=n, parts=len(chunks))
            blocks = [context(text)]
        for item in chunk:
            line = measure_line(item.row, lang=lang, today=today)
            blocks.append(section(f"{line}\n{t(lang, 'nudge.days', days=item.days)}"))
            m = item.row.measure
            blocks.append(nudge_actions(m.number, lang=lang, blocked=m.status == "blocked"))
        parts.append(message(text, blocks))
    return parts


def after_done(blocks: Sequence[Any], number: int, text: str) -> Payload | None:
    """A nudge listing several measures, after one of them was marked done: the same message
    with that measure's buttons replaced by ``text``; ``None`` when its buttons are not there."""
    kept: list[Block] = []
    found = False
    for block in blocks:
        if isinstance(block, dict) and block.get("block_id") == f"nudge-{number}":
            kept.append(context(text))
            found = True
        elif isinstance(block, dict):
            kept.append(block)
    if not found:
        return None
    first = next((b for b in kept if b.get("type") == "section"), None)
    fallback = str(((first or {}).get("text") or {}).get("text") or text)
    return message(fallback, kept)
