"""The project charter (前期准备) as people see it: `project show`, and the answers of
`project set`, `duty` and `risk add|set`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from storage.models import Risk
from storage.rows import Charter
from ui.blocks import (
    Block,
    Payload,
    chunk_sections,
    context,
    divider,
    escape,
    header,
    mention,
    message,
    section,
    truncate,
)
from ui.catalogue import t
from ui.changes import change_line
from ui.labels import STATUS_EMOJI, category_label, status_label
from ui.terms import kind_label, local_time, metric_text, risk_status

SECTION_LINES = 25  # a part of the charter lists at most this many, then counts the rest


def risk_line(risk: Risk, lang: str) -> str:
    return "• " + t(
        lang,
        "chr.risk_line",
        ref=risk.ref,
        text=escape(truncate(risk.text, 500)),
        plan=escape(truncate(risk.plan, 500)) or "—",
        owner=mention(risk.owner_user_id) or "—",
        status=risk_status(risk.status, lang),
    )


def _part(title: str, lines: Sequence[str], lang: str) -> list[Block]:
    shown = list(lines[:SECTION_LINES]) or [t(lang, "chr.none")]
    if len(lines) > SECTION_LINES:
        shown.append(t(lang, "list_more", count=len(lines) - SECTION_LINES))
    return [section(title), *chunk_sections(shown)[:3]]


def charter_message(
    c: Charter, *, lang: str, tz: ZoneInfo, now: datetime, evaluations: Sequence[str] = ()
) -> Payload:
    """``evaluations``: the milestones' and evaluations' lines (``ui.milestones.evaluation_lines``)."""
    p = c.project
    today = now.astimezone(tz).date()
    title = f"{p.ref} {p.name}"
    late = f" *({t(lang, 'overdue')})*" if p.due < today else ""
    facts = [
        f"*{t(lang, 'chr.lead')}:* {mention(p.lead_user_id)} · *{t(lang, 'chr.due')}:* {p.due.isoformat()}{late}",
        f"*{t(lang, 'chr.goal')}:* {escape(truncate(p.goal, 2000))}",
    ]
    if p.metric:
        facts.append(metric_text(p, lang))
    if p.closed_at is not None:
        facts.append(t(lang, "cls.closed_on", day=p.closed_at.astimezone(tz).date().isoformat()))
    duties = [
        f"• *{escape(d.department.name)}* — {escape(truncate(d.responsibility, 500)) or t(lang, 'chr.no_duty')}"
        for d in c.duties
    ]
    meetings = [
        f"• *{m.ref}* {kind_label(m.kind, lang)} · {local_time(m.starts_at, tz)}"
        + (f" — {escape(truncate(m.title, 200))}" if m.title else "")
        for m in c.meetings
    ]
    problems = " · ".join(
        f"{category_label(k, lang)} {c.problems_by_category.get(k, 0)}"
        for k in ("info", "roles", "process", "resources")
    )
    measures = " · ".join(
        f"{STATUS_EMOJI[s]} {status_label(s, lang)} {c.measures_by_status.get(s, 0)}"
        for s in ("todo", "doing", "blocked", "done")
    )
    measures += f" · {t(lang, 'overdue')} {c.overdue}"
    blocks: list[Block] = [header(title), section("\n".join(facts)), divider()]
    blocks += _part(t(lang, "chr.departments"), duties, lang)
    blocks += _part(t(lang, "chr.risks"), [risk_line(r, lang) for r in c.risks], lang)
    blocks += _part(t(lang, "chr.meetings"), meetings, lang)
    if evaluations:
        blocks += _part(t(lang, "cls.evaluations"), evaluations, lang)
    blocks += [section(t(lang, "chr.problems")), context(problems)]
    blocks += [section(t(lang, "chr.measures")), context(measures)]
    blocks += _part(t(lang, "chr.changes"), [change_line(r, lang=lang, now=now) for r in c.changes], lang)
    return message(escape(title), blocks)  # the fallback text is mrkdwn: user text escaped


def field_names(fields: Sequence[str], lang: str) -> str:
    return ", ".join(t(lang, f"chr.field.{f}") for f in fields)
