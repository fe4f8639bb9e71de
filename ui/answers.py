"""Private answers: errors, refusals, lists, the status report, help."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from domain.errors import InputError
from storage.rows import MeasureRow
from ui.blocks import (
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
    listing,
    mention,
    message,
    section,
    text_message,
    truncate,
)
from ui.catalogue import error_text, t
from ui.labels import STATUS_EMOJI, status_label

MEASURES_PER_PAGE = 20


def error_message(lang: str, message_text: str, usage: str | None = None) -> Payload:
    """``message_text`` and ``usage`` are plain text (they may quote what the user typed)."""
    text = t(lang, "error", message=escape(message_text))
    if usage:
        text += "\n" + t(lang, "usage", usage=escape(usage))
    return message(text, [section(text)])


def not_allowed_message(lang: str, *, action: str, who: str) -> Payload:
    """``action`` is for ``who``; nothing changed. ``who`` is already localized mrkdwn."""
    return text_message(t(lang, "not_allowed", action=action, who=who))


def measure_not_allowed(lang: str, ref: str) -> Payload:
    return not_allowed_message(
        lang, action=t(lang, "action_change_measure", ref=ref), who=t(lang, "who_measure")
    )


def input_error(lang: str, error: InputError, usage: str | None = None) -> Payload:
    """What was wrong with the input, and how to write it."""
    return error_message(lang, error_text(lang, error), error.usage or usage)


def measure_line(row: MeasureRow, *, lang: str, today: date) -> str:
    m = row.measure
    overdue = m.status != "done" and m.due < today
    due = f"{t(lang, 'due')} {m.due.isoformat()}"
    if overdue:
        due = f"*{due} ({t(lang, 'overdue')})*"
    status = f"{STATUS_EMOJI.get(m.status, '')} {status_label(m.status, lang)}"
    head = f"*{m.ref}* {escape(truncate(m.text, 1500))}"
    meta = " · ".join(
        [
            f"{t(lang, 'owner')} {mention(m.owner_user_id)}",
            escape(row.department.name),
            due,
            status,
            f"{row.problem.ref} / {row.project.ref}",
        ]
    )
    return f"{head}\n{meta}"


def counts_text(counts: Mapping[str, int], *, lang: str) -> str:
    """ "3 not started · 1 in progress · 0 blocked · 2 done · 1 overdue" from counts by status
    (and ``overdue``)."""
    keys = ("todo", "doing", "blocked", "done", "overdue")
    return t(lang, "counts", **{key: counts.get(key, 0) for key in keys})


def page_count(total: int, per_page: int = MEASURES_PER_PAGE) -> int:
    return max(1, math.ceil(total / per_page))


def status_report(
    rows: Sequence[MeasureRow],
    *,
    scope: str,
    lang: str,
    today: date,
    page: int,
    total: int,
    counts: Mapping[str, int],
    nav_value: str,
    per_page: int = MEASURES_PER_PAGE,
) -> Payload:
    """The `/collab status` answer: a header, counts, one section per measure of page ``page``
    (``rows``; ``total`` in all), and paging buttons.

    ``scope`` is plain text (a name, not a mention): shown as is in the header, escaped in
    mrkdwn. ``nav_value`` is put in the paging buttons' value (with ``|<page>`` appended) so
    the action handler can re-run the same query.
    """
    title = t(lang, "status_title", scope=escape(scope))
    if not total:
        text = t(lang, "status_empty", scope=escape(scope))
        return message(text, [section(text)])
    pages = page_count(total, per_page)
    blocks: list[Block] = [
        header(t(lang, "status_title", scope=scope)),
        context(counts_text(counts, lang=lang)),
        divider(),
    ]
    blocks += [section(measure_line(r, lang=lang, today=today)) for r in rows]
    if pages > 1:
        nav: list[Block] = []
        if page > 1:
            nav.append(button(t(lang, "prev"), action_id="status_page_prev", value=f"{nav_value}|{page - 1}"))
        if page < pages:
            nav.append(button(t(lang, "next"), action_id="status_page_next", value=f"{nav_value}|{page + 1}"))
        blocks.append(context(t(lang, "page", page=page, pages=pages, total=total)))
        blocks.append(actions(*nav, block_id="status_nav"))
    return message(title, blocks)


# ---------------------------------------------------------------- lists


def department_list(depts: Sequence[Any], *, lang: str, archived: Sequence[str] = ()) -> Payload:
    """The active departments; the archived ones (``archived``, names) only named at the end."""
    if not depts and not archived:
        return text_message(t(lang, "dept_none"))
    lines = [
        f"• *{escape(d.name)}* — {mention(d.head_user_id)} · {channel_link(d.channel_id)}" for d in depts
    ]
    if archived:
        names = ("、" if lang == "zh" else ", ").join(escape(n) for n in archived)
        lines.append(t(lang, "edit.archived_depts", names=names))
    return listing(t(lang, "departments"), lines, lang=lang)


def project_list(summaries: Sequence[Any], *, lang: str, today: date) -> Payload:
    if not summaries:
        return text_message(t(lang, "project_none"))
    lines = []
    for s in summaries:
        p = s.project
        late = f" *({t(lang, 'overdue')})*" if p.due < today else ""
        depts = "、".join(escape(d) for d in s.departments) or "—"
        lines.append(
            f"*{p.ref}* {escape(p.name)} — {mention(p.lead_user_id)} · {t(lang, 'due')} {p.due.isoformat()}{late}\n"
            f"    {escape(truncate(p.goal, 300))}\n"
            f"    {depts} · {s.problems} PRB · {s.open_measures}/{s.measures} MSR open"
        )
    return listing(t(lang, "projects"), lines, lang=lang)


def help_message(lang: str) -> Payload:
    text = escape(t(lang, "help"))  # shows the <placeholders> and R&D as typed
    return message(text, chunk_sections(text.split("\n")))  # longer than one section holds
