"""The bot's Home tab (App Home), per person: their open measures (overdue first) with status
buttons, what waits for them, the projects they lead, upcoming meetings, and buttons that open
the forms. At most 100 blocks; what does not fit is counted."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from storage.models import Project
from storage.rows import ChangeRow, MeasureRow
from ui.answers import measure_line
from ui.blocks import (
    Block,
    Payload,
    actions,
    button,
    context,
    divider,
    escape,
    header,
    mention,
    pack_lines,
    section,
    truncate,
)
from ui.catalogue import t
from ui.weekly import status_buttons

MAX_HOME_BLOCKS = 100
MAX_WAITING = 10  # items shown in "Waiting for you"; the rest counted
MAX_PROJECT_SECTIONS = 3
HOME_CALLBACK = "collab_home"
HOME_STATUS = "home_status"  # action ids home_status:<n>:<status>
NEW_PROBLEM, NEW_MEASURE, NEW_PROJECT = "home_new_problem", "home_new_measure", "home_new_project"
CR_APPROVE, CR_REJECT = "home_cr_approve", "home_cr_reject"


@dataclass(frozen=True)
class Waiting:
    """Something that waits for the person (a decision, a form to fill): already-safe mrkdwn
    and the buttons that act on it."""

    text: str
    buttons: tuple[Block, ...] = ()
    key: str = ""  # unique per item: the block id of its buttons


@dataclass(frozen=True)
class HomeData:
    """What one person's Home tab shows."""

    measures: Sequence[MeasureRow]
    waiting: Sequence[Waiting]
    led: Sequence[tuple[Project, int, int]]  # project, measures done, measures in all
    meetings: Sequence[str] = field(default_factory=list)  # upcoming meetings, one mrkdwn line each


def change_request_waiting(row: ChangeRow, *, lang: str, today: date) -> Waiting:
    """A change request (CHG-n) for the project lead to decide, with Approve / Reject."""
    request = row.request
    days = max((today - request.created_at.date()).days, 0)
    what = request.text or (f"{row.measure.ref} {row.measure.text}" if row.measure is not None else "—")
    text = t(
        lang,
        "home.cr",
        ref=request.ref,
        project=row.project.ref,
        text=escape(truncate(what, 300)),
        user=mention(request.requested_by),
        days=days,
    )
    if row.measure is not None and request.proposed_due is not None:
        text += "\n" + t(
            lang,
            "home.cr_due",
            ref=row.measure.ref,
            old=request.old_due.isoformat() if request.old_due else "—",
            new=request.proposed_due.isoformat(),
        )
    if request.reason:
        text += "\n>" + escape(truncate(request.reason, 500)).replace("\n", "\n>")
    value = str(request.id or 0)
    return Waiting(
        text=text,
        buttons=(
            button(t(lang, "cr_approve"), action_id=CR_APPROVE, value=value, style="primary"),
            button(t(lang, "cr_reject"), action_id=CR_REJECT, value=value, style="danger"),
        ),
        key=f"cr-{value}",
    )


def overdue_first(rows: Sequence[MeasureRow], *, today: date) -> list[MeasureRow]:
    return sorted(rows, key=lambda r: (r.measure.due >= today, r.measure.due, r.measure.number))


def _project_lines(led: Sequence[tuple[Project, int, int]], *, lang: str, today: date) -> list[str]:
    lines = []
    for project, done, total in led:
        late = f" *({t(lang, 'overdue')})*" if project.due < today else ""
        lines.append(
            t(
                lang,
                "home.project",
                ref=project.ref,
                name=escape(truncate(project.name, 200)),
                done=done,
                total=total,
                due=project.due.isoformat(),
            )
            + late
        )
    return lines


def _lines_part(title: str, lines: Sequence[str], *, lang: str, max_sections: int) -> list[Block]:
    """A heading and the lines packed into at most ``max_sections`` sections, the rest counted."""
    if not lines:
        return []
    packed = pack_lines(lines)
    blocks: list[Block] = [divider(), section(title)]
    blocks += [section(text) for text, _ in packed[:max_sections]]
    hidden = len(lines) - sum(count for _, count in packed[:max_sections])
    if hidden:
        blocks.append(context(t(lang, "home.more", count=hidden)))
    return blocks


def _waiting_part(waiting: Sequence[Waiting], *, lang: str) -> list[Block]:
    blocks: list[Block] = [divider(), section(t(lang, "home.waiting", count=len(waiting)))]
    if not waiting:
        return [*blocks, context(t(lang, "home.waiting_none"))]
    for item in waiting[:MAX_WAITING]:
        blocks.append(section(item.text))
        if item.buttons:
            blocks.append(actions(*item.buttons, block_id=item.key or None))
    if len(waiting) > MAX_WAITING:
        blocks.append(context(t(lang, "home.more", count=len(waiting) - MAX_WAITING)))
    return blocks


def _measures_part(rows: Sequence[MeasureRow], *, lang: str, today: date, room: int) -> list[Block]:
    """The open measures, overdue first, two blocks each, in ``room`` blocks at most."""
    overdue = sum(1 for r in rows if r.measure.due < today)
    blocks: list[Block] = [section(t(lang, "home.measures", count=len(rows), overdue=overdue))]
    if not rows:
        return [*blocks, context(t(lang, "home.measures_none"))]
    ordered = overdue_first(rows, today=today)
    fit = len(ordered) if 1 + 2 * len(ordered) <= room else max((room - 2) // 2, 0)
    for r in ordered[:fit]:
        blocks.append(section(measure_line(r, lang=lang, today=today)))
        blocks.append(status_buttons(r.measure.number, r.measure.status, lang=lang, action=HOME_STATUS))
    if fit < len(ordered):
        blocks.append(context(t(lang, "home.more_measures", count=len(ordered) - fit)))
    return blocks


def home_view(data: HomeData, *, lang: str, today: date) -> Payload:
    top: list[Block] = [
        header(t(lang, "home.title")),
        actions(
            button(t(lang, "home.new_problem"), action_id=NEW_PROBLEM, value="new", style="primary"),
            button(t(lang, "home.new_measure"), action_id=NEW_MEASURE, value="new"),
            button(t(lang, "home.new_project"), action_id=NEW_PROJECT, value="new"),
            block_id="home-new",
        ),
        divider(),
    ]
    rest = [
        *_waiting_part(data.waiting, lang=lang),
        *_lines_part(
            t(lang, "home.led"),
            _project_lines(data.led, lang=lang, today=today),
            lang=lang,
            max_sections=MAX_PROJECT_SECTIONS,
        ),
        # upcoming meetings of the person's departments: shown once there are meetings
        *_lines_part(t(lang, "home.meetings"), data.meetings, lang=lang, max_sections=MAX_PROJECT_SECTIONS),
    ]
    room = MAX_HOME_BLOCKS - len(top) - len(rest)
    blocks = [*top, *_measures_part(data.measures, lang=lang, today=today, room=room), *rest]
    return {"type": "home", "callback_id": HOME_CALLBACK, "blocks": blocks[:MAX_HOME_BLOCKS]}
