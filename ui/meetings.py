"""Meetings as people see them: the agenda (with its needs), the heads' pointer to it, the
request for minutes, the minutes in the agenda's thread, the list, and the forms."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from domain.limits import NAME_LIMIT
from storage.models import Department, Meeting, Problem, Project
from storage.rows import MeetingView
from ui.answers import measure_line
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
from ui.catalogue import t
from ui.forms import (
    MAX_OPTIONS,
    PROJECT_SEARCH,
    choice_input,
    date_input,
    department_option,
    label,
    modal,
    option,
    project_option,
    select_input,
    text_input,
    time_input,
    users_input,
)
from ui.labels import category_label
from ui.terms import kind_label, local_time, metric_text

MEETING_MODAL = "collab_meeting_add"
NEED_MODAL = "collab_meeting_need"
MINUTES_MODAL = "collab_meeting_minutes"
NEED_ACTION = "mtg_need"
MINUTES_ACTION = "mtg_minutes"
CALL_ACTION = "mtg_call"  # "Call a coordination meeting" on a blocked measure
PART_LINES = 20  # each part of the agenda lists at most this many lines


def _lines(lines: Sequence[str], lang: str) -> list[str]:
    shown = list(lines[:PART_LINES]) or [t(lang, "mtg.nothing")]
    if len(lines) > PART_LINES:
        shown.append(t(lang, "list_more", count=len(lines) - PART_LINES))
    return shown


def need_button(meeting: Meeting, lang: str) -> Block:
    return actions(
        button(t(lang, "mtg.btn_need"), action_id=NEED_ACTION, value=str(meeting.number), style="primary"),
        block_id=f"mtg-{meeting.number}",
    )


def agenda_message(view: MeetingView, *, lang: str, tz: ZoneInfo, today: date) -> Payload:
    """The agenda, the same in every invited channel; re-rendered when a need is added."""
    m, p = view.meeting, view.project
    title = t(lang, "mtg.agenda_title", ref=m.ref, kind=kind_label(m.kind, lang))
    if m.title:
        title += f": {m.title}"
    goal = [t(lang, "mtg.goal", goal=escape(truncate(p.goal, 1500)))]
    if p.metric:
        goal.append(metric_text(p, lang))
    departments = [
        f"• *{escape(d.department.name)}* — {escape(truncate(d.responsibility, 400)) or '—'}"
        for d in view.departments
    ]
    risks = [
        f"• *{r.ref}* {escape(truncate(r.text, 300))} — {escape(truncate(r.plan, 300)) or '—'}"
        for r in view.risks
    ]
    needs = [
        t(
            lang,
            "mtg.need_line",
            dept=escape(n.department.name),
            text=escape(truncate(n.need.text, 500)),
            user=mention(n.need.created_by),
        )
        for n in view.needs
    ]
    blocks: list[Block] = [
        header(title),
        context(t(lang, "mtg.when", project=f"{p.ref} {escape(p.name)}", at=local_time(m.starts_at, tz))),
        section("\n".join(goal)),
        divider(),
    ]
    parts: list[tuple[str, list[str]]] = [
        (t(lang, "mtg.departments"), departments),
        (t(lang, "mtg.topics"), [f"• {escape(truncate(x, 300))}" for x in m.topic_list]),
        (t(lang, "mtg.risks"), risks),
    ]
    if m.kind == "adhoc":
        parts.append(
            (t(lang, "mtg.measures"), [measure_line(r, lang=lang, today=today) for r in view.measures])
        )
    if m.kind == "kickoff" and view.practices:  # kept practices, once retrospectives exist
        parts.append((t(lang, "mtg.practices"), [f"• {escape(truncate(x, 300))}" for x in view.practices]))
    parts.append((t(lang, "mtg.needs"), needs))
    for heading, lines in parts:
        blocks.append(section(heading))
        blocks.extend(chunk_sections(_lines(lines, lang))[:4])
    blocks.append(need_button(m, lang))
    return message(escape(title), blocks)  # the fallback text is mrkdwn: user text escaped


def head_message(view: MeetingView, channels: Sequence[str], *, lang: str, tz: ZoneInfo) -> Payload:
    """The direct message to an invited head, pointing to the agenda in their channel(s)."""
    m = view.meeting
    where = ", ".join(channel_link(c) for c in channels)
    values = {
        "ref": m.ref,
        "kind": kind_label(m.kind, lang),
        "at": local_time(m.starts_at, tz),
        "channels": where,
    }
    text = t(lang, "mtg.head_dm", **values)
    return message(t(lang, "mtg.head_dm_text", **values), [section(text), need_button(m, lang)])


def minutes_ask(meeting: Meeting, project: Project, *, lang: str, tz: ZoneInfo) -> Payload:
    text = t(
        lang,
        "mtg.minutes_ask",
        ref=meeting.ref,
        kind=kind_label(meeting.kind, lang),
        project=f"{project.ref} {escape(project.name)}",
        at=local_time(meeting.starts_at, tz),
    )
    return message(
        text,
        [
            section(text),
            actions(
                button(
                    t(lang, "mtg.btn_minutes"),
                    action_id=MINUTES_ACTION,
                    value=str(meeting.number),
                    style="primary",
                ),
                block_id=f"minutes-{meeting.number}",
            ),
        ],
    )


def minutes_message(meeting: Meeting, problems: Sequence[Problem], *, lang: str) -> Payload:
    """The minutes, posted in the thread under each agenda message."""
    title = t(lang, "mtg.minutes_title", ref=meeting.ref, kind=kind_label(meeting.kind, lang))
    lines = [f"*{escape(title)}*"]
    lines.append(t(lang, "mtg.attendees", users=" ".join(mention(u) for u in meeting.attendee_ids) or "—"))
    lines.append(t(lang, "mtg.decisions", text=escape(truncate(meeting.decisions, 2000)) or "—"))
    blocks: list[Block] = [section("\n".join(lines))]
    if problems:
        problem_lines = [
            f"• *{p.ref}* [{category_label(p.category, lang)}] {escape(truncate(p.description, 500))}"
            for p in problems
        ]
        blocks.append(section(t(lang, "mtg.problems")))
        blocks.extend(chunk_sections(_lines(problem_lines, lang))[:10])
    return message(title, blocks)


def meeting_list(rows: Sequence[tuple[Meeting, Project, int]], *, lang: str, tz: ZoneInfo) -> Payload:
    """``rows``: each meeting, its project and how many departments are invited."""
    if not rows:
        return text_message(t(lang, "mtg.none"))
    lines = [
        t(
            lang,
            "mtg.list_line",
            ref=m.ref,
            kind=kind_label(m.kind, lang) + (f" “{escape(truncate(m.title, 100))}”" if m.title else ""),
            project=f"{p.ref} {escape(truncate(p.name, 100))}",
            at=local_time(m.starts_at, tz),
            depts=f"{count} dept" if lang == "en" else f"{count} 个部门",
            minutes=t(lang, "mtg.has_minutes") if m.minutes_at else "",
        )
        for m, p, count in rows
    ]
    return listing(t(lang, "mtg.list_title"), lines, lang=lang)


# ---------------------------------------------------------------- forms


def meeting_modal(
    projects: Sequence[Project],
    depts: Sequence[Department],
    *,
    lang: str,
    meta: dict[str, str],
    project: Project | None = None,
    kind: str | None = None,
    dept_ids: Sequence[int] = (),
    topics: str = "",
    today: date | None = None,
) -> dict[str, Any]:
    """The meeting form; pre-filled when called from a blocked measure."""
    newest = sorted(projects, key=lambda p: -p.number)
    if project is not None and all(p.number != project.number for p in newest):
        newest.insert(0, project)
    project_block = choice_input(
        "project",
        label(lang, "project"),
        [project_option(p) for p in newest],
        search=PROJECT_SEARCH,
        search_hint=label(lang, "project_search"),
    )
    if project is not None and project_block["element"]["type"] == "static_select":
        project_block["element"]["initial_option"] = project_option(project)
    kinds = [option(kind_label(k, lang), k) for k in ("kickoff", "adhoc")]
    dept_options = [department_option(d) for d in depts[:MAX_OPTIONS]]
    chosen = [o for o in dept_options if int(o["value"]) in dept_ids]
    blocks = [
        project_block,
        select_input(
            "kind",
            label(lang, "meeting_kind"),
            kinds,
            initial=next((o for o in kinds if o["value"] == kind), None),
        ),
        text_input("title", label(lang, "meeting_name"), max_length=NAME_LIMIT, optional=True),
        date_input("date", label(lang, "meeting_date"), initial=today.isoformat() if today else None),
        time_input("time", label(lang, "meeting_time")),
        select_input(
            "depts",
            label(lang, "meeting_depts"),
            dept_options,
            multi=True,
            optional=True,
            initial_options=chosen,
        ),
        text_input("topics", label(lang, "meeting_topics"), multiline=True, optional=True, initial=topics),
    ]
    return modal(MEETING_MODAL, label(lang, "meeting_title"), blocks, lang=lang, private_metadata=meta)


def need_modal(
    meeting: Meeting, depts: Sequence[Department], *, lang: str, meta: dict[str, str]
) -> dict[str, Any]:
    options = [department_option(d) for d in depts[:MAX_OPTIONS]]
    blocks = [
        section(f"*{meeting.ref}* {kind_label(meeting.kind, lang)}"),
        select_input(
            "dept", label(lang, "need_dept"), options, initial=options[0] if len(options) == 1 else None
        ),
        text_input("text", label(lang, "need_text"), multiline=True),
    ]
    return modal(
        NEED_MODAL,
        label(lang, "need_title"),
        blocks,
        lang=lang,
        private_metadata={**meta, "meeting": str(meeting.number)},
    )


def minutes_modal(
    meeting: Meeting, logged: Sequence[Problem], *, lang: str, meta: dict[str, str]
) -> dict[str, Any]:
    blocks: list[Block] = [section(f"*{meeting.ref}* {kind_label(meeting.kind, lang)}")]
    if logged:
        blocks.append(context(t(lang, "form.minutes_logged", refs=", ".join(p.ref for p in logged))))
    blocks += [
        users_input(
            "attendees", label(lang, "minutes_attendees"), optional=True, initial=meeting.attendee_ids
        ),
        text_input(
            "decisions",
            label(lang, "minutes_decisions"),
            multiline=True,
            optional=True,
            initial=meeting.decisions,
        ),
        text_input(
            "problems",
            label(lang, "minutes_problems"),
            multiline=True,
            optional=True,
            placeholder=label(lang, "minutes_problems_hint"),
        ),
    ]
    return modal(
        MINUTES_MODAL,
        label(lang, "minutes_title"),
        blocks,
        lang=lang,
        private_metadata={**meta, "meeting": str(meeting.number)},
    )


def call_button(number: int, lang: str) -> Block:
    """ "Call a coordination meeting" for a blocked measure (an actions element)."""
    return button(t(lang, "mtg.btn_call"), action_id=CALL_ACTION, value=str(number))
