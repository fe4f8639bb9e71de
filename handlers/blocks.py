"""Block Kit builders for messages. Limits and escaping of user text are handled here, once.

Every piece of user text goes through :func:`escape` (mrkdwn) or :func:`plain` (plain_text),
so ``<!channel>`` or ``<@U…>`` typed by a user is shown, never acted on.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from typing import Any

from handlers.texts import STATUS_EMOJI, category_label, status_label, t
from storage.rows import MeasureRow

Block = dict[str, Any]

MAX_BLOCKS = 50
MAX_SECTION_TEXT = 3000
MAX_HEADER_TEXT = 150
MAX_BUTTON_TEXT = 75
MAX_CONTEXT_ELEMENTS = 10
MAX_ACTION_ELEMENTS = 25
MAX_FALLBACK_TEXT = 3000
MEASURES_PER_PAGE = 20


def escape(text: str) -> str:
    """Escape user text for mrkdwn: ``&``, ``<`` and ``>`` only, as Slack documents."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def truncate(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: max(0, limit - 1)] + "…"


def mention(user_id: str) -> str:
    return f"<@{user_id}>" if user_id else ""


def channel_link(channel_id: str) -> str:
    return f"<#{channel_id}>" if channel_id else ""


def section(text: str, *, accessory: Block | None = None) -> Block:
    """A mrkdwn section; ``text`` is already-safe mrkdwn (escape user parts before)."""
    block: Block = {"type": "section", "text": {"type": "mrkdwn", "text": truncate(text, MAX_SECTION_TEXT)}}
    if accessory is not None:
        block["accessory"] = accessory
    return block


def header(text: str) -> Block:
    return {
        "type": "header",
        "text": {"type": "plain_text", "text": truncate(text, MAX_HEADER_TEXT), "emoji": True},
    }


def context(*texts: str) -> Block:
    elements = [{"type": "mrkdwn", "text": truncate(x, MAX_SECTION_TEXT)} for x in texts if x]
    return {"type": "context", "elements": elements[:MAX_CONTEXT_ELEMENTS]}


def divider() -> Block:
    return {"type": "divider"}


def button(text: str, *, action_id: str, value: str, style: str | None = None) -> Block:
    b: Block = {
        "type": "button",
        "text": {"type": "plain_text", "text": truncate(text, MAX_BUTTON_TEXT), "emoji": True},
        "action_id": action_id,
        "value": value[:2000],
    }
    if style:
        b["style"] = style
    return b


def actions(*elements: Block, block_id: str | None = None) -> Block:
    block: Block = {"type": "actions", "elements": list(elements)[:MAX_ACTION_ELEMENTS]}
    if block_id:
        block["block_id"] = block_id
    return block


def pack_lines(lines: Sequence[str], *, limit: int = MAX_SECTION_TEXT) -> list[tuple[str, int]]:
    """Pack lines of mrkdwn into as few texts as fit the 3000-character section limit;
    each with the number of lines it holds."""
    packed: list[tuple[str, int]] = []
    for line in lines:
        line = truncate(line, limit)
        if packed and len(packed[-1][0]) + 1 + len(line) <= limit:
            text, count = packed[-1]
            packed[-1] = (f"{text}\n{line}", count + 1)
        else:
            packed.append((line, 1))
    return packed


def chunk_sections(lines: Sequence[str], *, limit: int = MAX_SECTION_TEXT) -> list[Block]:
    """Lines of mrkdwn in as few sections as fit the 3000-character limit."""
    return [section(text) for text, _ in pack_lines(lines, limit=limit)]


def listing(title: str, items: Sequence[str], *, lang: str) -> dict[str, Any]:
    """A header and the items packed into sections; what does not fit one message is counted
    in a last line instead of being dropped silently."""
    sections = pack_lines(items)
    blocks: list[Block] = [header(title)]
    if len(sections) + 1 > MAX_BLOCKS:
        kept = sections[: MAX_BLOCKS - 2]
        hidden = len(items) - sum(count for _, count in kept)
        blocks += [section(text) for text, _ in kept]
        blocks.append(context(t(lang, "list_more", count=hidden)))
    else:
        blocks += [section(text) for text, _ in sections]
    return message(title, blocks)


def message(text: str, blocks: list[Block]) -> dict[str, Any]:
    """A message payload; refuses (loudly, in tests) to build one Slack would reject."""
    if len(blocks) > MAX_BLOCKS:
        raise ValueError(f"{len(blocks)} blocks; Slack allows {MAX_BLOCKS}")
    return {"text": truncate(text, MAX_FALLBACK_TEXT), "blocks": blocks}


def error_message(lang: str, message_text: str, usage: str | None = None) -> dict[str, Any]:
    """``message_text`` and ``usage`` are plain text (they may quote what the user typed)."""
    text = t(lang, "error", message=escape(message_text))
    if usage:
        text += "\n" + t(lang, "usage", usage=escape(usage))
    return message(text, [section(text)])


def not_allowed_message(lang: str, *, action: str, who: str) -> dict[str, Any]:
    """``action`` is for ``who``; nothing changed. ``who`` is already localized mrkdwn."""
    return text_message(t(lang, "not_allowed", action=action, who=who))


def measure_not_allowed(lang: str, ref: str) -> dict[str, Any]:
    return not_allowed_message(
        lang, action=t(lang, "action_change_measure", ref=ref), who=t(lang, "who_measure")
    )


def text_message(text: str) -> dict[str, Any]:
    return message(text, [section(text)])


# ---------------------------------------------------------------- measures


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


def status_counts(rows: Sequence[MeasureRow], *, lang: str, today: date) -> str:
    counts = {s: 0 for s in ("todo", "doing", "blocked", "done")}
    overdue = 0
    for r in rows:
        counts[r.measure.status] = counts.get(r.measure.status, 0) + 1
        if r.measure.status != "done" and r.measure.due < today:
            overdue += 1
    return t(lang, "counts", overdue=overdue, **counts)


def page_count(total: int, per_page: int = MEASURES_PER_PAGE) -> int:
    return max(1, math.ceil(total / per_page))


def status_report(
    rows: Sequence[MeasureRow],
    *,
    scope: str,
    lang: str,
    today: date,
    page: int,
    nav_value: str,
    per_page: int = MEASURES_PER_PAGE,
) -> dict[str, Any]:
    """The `/collab status` answer: a header, counts, one section per measure, paged.

    ``scope`` is plain text (a name, not a mention): shown as is in the header, escaped in
    mrkdwn. ``nav_value`` is put in the paging buttons' value (with ``|<page>`` appended) so
    the action handler can re-run the same query.
    """
    title = t(lang, "status_title", scope=escape(scope))
    if not rows:
        text = t(lang, "status_empty", scope=escape(scope))
        return message(text, [section(text)])
    pages = page_count(len(rows), per_page)
    page = min(max(page, 1), pages)
    chunk = rows[(page - 1) * per_page : page * per_page]
    blocks: list[Block] = [
        header(t(lang, "status_title", scope=scope)),
        context(status_counts(rows, lang=lang, today=today)),
        divider(),
    ]
    blocks += [section(measure_line(r, lang=lang, today=today)) for r in chunk]
    if pages > 1:
        nav: list[Block] = []
        if page > 1:
            nav.append(button(t(lang, "prev"), action_id="status_page_prev", value=f"{nav_value}|{page - 1}"))
        if page < pages:
            nav.append(button(t(lang, "next"), action_id="status_page_next", value=f"{nav_value}|{page + 1}"))
        blocks.append(context(t(lang, "page", page=page, pages=pages, total=len(rows))))
        blocks.append(actions(*nav, block_id="status_nav"))
    return message(title, blocks)


# ---------------------------------------------------------------- lists


def department_list(depts: Sequence[Any], *, lang: str) -> dict[str, Any]:
    if not depts:
        return text_message(t(lang, "dept_none"))
    lines = [
        f"• *{escape(d.name)}* — {mention(d.head_user_id)} · {channel_link(d.channel_id)}" for d in depts
    ]
    return listing(t(lang, "departments"), lines, lang=lang)


def project_list(summaries: Sequence[Any], *, lang: str, today: date) -> dict[str, Any]:
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


def category_text(category: str, lang: str) -> str:
    return category_label(category, lang)


HELP_EN = """*`/collab` — cross-department collaboration improvement*
• `/collab project add` — new project (form), or inline:
   `/collab project add "Name" goal="…" due=2026-12-31 lead=@user depts=Sales,R&D`
• `/collab project list`
• `/collab problem add` — log a problem (form), or `/collab problem add PRJ-1 process "description" cause="root cause"`
   categories: `info` 信息传递 · `roles` 责任分工 · `process` 流程机制 · `resources` 资源支持
• `/collab measure add` — add a measure (form), or
   `/collab measure add PRB-1 owner=@user dept=Sales due=2026-12-15 "text" deliverable="…" note="…"`
• `/collab measure set MSR-1 status=doing due=2026-12-20 owner=@user note="…"`
   statuses: `todo` 未开始 · `doing` 进行中 · `done` 已完成 · `blocked` 受阻
• `/collab status [me | PRJ-1 | <dept> | @user]`
• `/collab export [PRJ-1] [csv|xlsx]`
• `/collab dept add <name> head=@user channel=#channel` · `/collab dept list` (admins add)
• `/collab config [tz=Asia/Shanghai] [lang=en|zh] [sync="fri 17:00"] [nudge="09:30"] [digest="mon 09:00"] [escalate_after=2] [holidays=CN] [admins=@a,@b]`"""

HELP_ZH = """*`/collab` —— 跨部门沟通协作改进*
• `/collab project add` —— 新建项目（表单），或：
   `/collab project add "名称" goal="…" due=2026-12-31 lead=@负责人 depts=销售部,研发部`
• `/collab project list`
• `/collab problem add` —— 记录问题（表单），或 `/collab problem add PRJ-1 流程机制 "问题描述" cause="根本原因"`
   类别：`info` 信息传递 · `roles` 责任分工 · `process` 流程机制 · `resources` 资源支持
• `/collab measure add` —— 添加改进措施（表单），或
   `/collab measure add PRB-1 owner=@负责人 dept=销售部 due=2026-12-15 "措施" deliverable="…" note="…"`
• `/collab measure set MSR-1 status=进行中 due=2026-12-20 owner=@负责人 note="…"`
   状态：`todo` 未开始 · `doing` 进行中 · `done` 已完成 · `blocked` 受阻
• `/collab status [me | PRJ-1 | <部门> | @某人]`
• `/collab export [PRJ-1] [csv|xlsx]`
• `/collab dept add <名称> head=@负责人 channel=#频道` · `/collab dept list`（管理员添加）
• `/collab config [tz=Asia/Shanghai] [lang=en|zh] [sync="fri 17:00"] [nudge="09:30"] [digest="mon 09:00"] [escalate_after=2] [holidays=CN] [admins=@a,@b]`"""


def help_message(lang: str) -> dict[str, Any]:
    text = escape(HELP_ZH if lang == "zh" else HELP_EN)  # shows the <placeholders> and R&D as typed
    return message(text, [section(text)])


# ---------------------------------------------------------------- the weekly loop

SYNC_PER_PART = 20  # 2 blocks a measure + header + hint + divider stays well under 50
SYNC_ACTION = "sync_status"


def status_buttons(number: int, current: str, *, lang: str) -> Block:
    buttons = []
    for status in ("doing", "done", "blocked"):
        buttons.append(
            button(
                t(lang, f"btn_{status}"),
                action_id=f"{SYNC_ACTION}:{number}:{status}",
                value=f"{number}:{status}",
                style="primary" if status == current else None,
            )
        )
    return actions(*buttons, block_id=f"msr-{number}")


def sync_prompt_part(
    rows: Sequence[MeasureRow], *, dept: str, period: str, part: int, parts: int, lang: str, today: date
) -> dict[str, Any]:
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
) -> list[tuple[list[MeasureRow], dict[str, Any]]]:
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


def nudge_message(row: MeasureRow, *, days: int, lang: str, today: date, escalation: bool) -> dict[str, Any]:
    m = row.measure
    if escalation:
        text = t(
            lang,
            "escalate",
            ref=m.ref,
            dept=escape(row.department.name),
            days=days,
            owner=mention(m.owner_user_id),
        )
    else:
        text = t(lang, "nudge", ref=m.ref, days=days, due=m.due.isoformat())
    blocks = [
        section(text),
        section(measure_line(row, lang=lang, today=today)),
        actions(
            button(t(lang, "btn_done"), action_id="nudge_done", value=str(m.number), style="primary"),
            button(t(lang, "btn_new_date"), action_id="nudge_new_date", value=str(m.number)),
            block_id=f"nudge-{m.number}",
        ),
    ]
    return message(text, blocks)


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
) -> dict[str, Any]:
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


def alert_message(text: str) -> dict[str, Any]:
    return text_message(text)
