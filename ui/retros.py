"""What people see of retrospectives (复盘): the invitation and the reminder with **Add my
input**, the input form, and the retrospective report (复盘报告)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from storage.milestones import Facts
from storage.models import Evaluation, Project, RetroInput, Retrospective
from ui.blocks import (
    Block,
    Payload,
    actions,
    button,
    chunk_sections,
    context,
    escape,
    header,
    message,
    section,
)
from ui.catalogue import t
from ui.forms import modal, option, select_input, text_input
from ui.home import Waiting
from ui.milestones import project_title, result_label

INPUT_ACTION = "collab_retro_input"
INPUT_MODAL = "collab_retro_input"
KEEP_ACTION = "collab_practice_keep"
DROP_ACTION = "collab_practice_drop"
LIST_LINES = 40  # items shown per list of the report (the rest counted)
ITEM_BUTTONS = 12  # keep / drop items with their own button (a message holds 50 blocks)


def item_key(item: str) -> str:
    """A short, stable key of a report item (a button's value names the item by it)."""
    return hashlib.sha1(item.encode("utf-8")).hexdigest()[:16]


def input_button(retro: Retrospective, lang: str) -> Block:
    return button(t(lang, "ret.btn_input"), action_id=INPUT_ACTION, value=str(retro.number), style="primary")


def _with_button(text: str, retro: Retrospective, lang: str) -> Payload:
    return message(
        text, [section(text), actions(input_button(retro, lang), block_id=f"retro-{retro.number}")]
    )


def invitation(retro: Retrospective, project: Project, *, lang: str) -> Payload:
    text = t(
        lang, "ret.invitation", ref=retro.ref, project=project_title(project), until=retro.until.isoformat()
    )
    return _with_button(text, retro, lang)


def reminder(retro: Retrospective, project: Project, *, lang: str) -> Payload:
    text = t(
        lang, "ret.reminder", ref=retro.ref, project=project_title(project), until=retro.until.isoformat()
    )
    return _with_button(text, retro, lang)


def input_waiting(retro: Retrospective, project: Project, *, lang: str) -> Waiting:
    """Home: a retrospective that waits for the person's input."""
    text = t(lang, "ret.home", ref=retro.ref, project=project_title(project), until=retro.until.isoformat())
    return Waiting(text, (input_button(retro, lang),), key=f"retro-{retro.number}")


def input_modal(retro: Retrospective, project: Project, *, lang: str, meta: dict[str, str]) -> dict[str, Any]:
    blocks: list[Block] = [
        section(f"*{retro.ref}* {project_title(project)}"),
        text_input("keep", t(lang, "ret.field_keep"), multiline=True, optional=True),
        text_input("drop", t(lang, "ret.field_drop"), multiline=True, optional=True),
        text_input("suggestions", t(lang, "ret.field_suggestions"), multiline=True, optional=True),
        select_input(
            "name",
            t(lang, "ret.field_name"),
            [option(t(lang, "ret.named"), "named"), option(t(lang, "ret.anonymous"), "anonymous")],
            initial=option(t(lang, "ret.named"), "named"),
        ),
        context(t(lang, "ret.anonymous_hint")),
    ]
    return modal(
        INPUT_MODAL,
        t(lang, "ret.modal_title"),
        blocks,
        lang=lang,
        private_metadata={**meta, "retro": str(retro.number)},
    )


def items(texts: Sequence[str]) -> list[str]:
    """The items of free-text answers: one per non-empty line, bullets and numbering dropped."""
    out = []
    for text in texts:
        for line in text.splitlines():
            item = line.strip().lstrip("•-*·").strip()
            if item:
                out.append(item)
    return out


@dataclass(frozen=True)
class ReportData:
    retro: Retrospective
    project: Project
    facts: Facts
    evaluations: Sequence[Evaluation]
    inputs: Sequence[RetroInput]
    asked: int
    answered: int


def _list(title: str, lines: Sequence[str], lang: str) -> list[Block]:
    shown = [f"• {escape(line)}" for line in lines[:LIST_LINES]] or [t(lang, "ret.none")]
    if len(lines) > LIST_LINES:
        shown.append(t(lang, "list_more", count=len(lines) - LIST_LINES))
    return [section(f"*{title}*"), *chunk_sections(shown)[:4]]


def _decidable(
    title: str, lines: Sequence[str], retro: Retrospective, *, kind: str, lang: str
) -> list[Block]:
    """A keep or drop list whose first items each carry their button (lead and admins use them)."""
    if not lines:
        return _list(title, lines, lang)
    label, action = (
        (t(lang, "ret.btn_keep"), KEEP_ACTION) if kind == "keep" else (t(lang, "ret.btn_drop"), DROP_ACTION)
    )
    blocks: list[Block] = [section(f"*{title}*")]
    for line in lines[:ITEM_BUTTONS]:
        value = f"{retro.number}:{item_key(line)}"
        blocks.append(
            section(f"• {escape(line)}"[:3000], accessory=button(label, action_id=action, value=value))
        )
    rest = [f"• {escape(line)}" for line in lines[ITEM_BUTTONS:LIST_LINES]]
    if len(lines) > LIST_LINES:
        rest.append(t(lang, "list_more", count=len(lines) - LIST_LINES))
    return blocks + chunk_sections(rest)[:2]


def report(data: ReportData, *, lang: str) -> Payload:
    """复盘报告: the evaluations, the figures, keep, drop, suggestions and the response rate."""
    f = data.facts
    title = t(lang, "ret.report_title", ref=data.retro.ref, project=f"{data.project.ref} {data.project.name}")
    evaluations = [
        t(
            lang,
            "ret.evaluation",
            result=result_label(e.result, lang),
            actual=escape(e.actual or "—"),
            target=escape(data.project.target or "—"),
            unit=escape(data.project.unit),
        )
        for e in data.evaluations
    ]
    figures = t(
        lang,
        "ret.figures",
        on_time=f.done_on_time,
        late=f.done_late,
        not_done=f.total - f.done,
        total=f.total,
    )
    blocks: list[Block] = [header(title)]
    blocks += _list(t(lang, "ret.evaluations"), evaluations, lang)
    blocks += [section(f"*{t(lang, 'ret.figures_title')}*\n{figures}")]
    keep, drop = items([i.keep for i in data.inputs]), items([i.drop for i in data.inputs])
    blocks += _decidable(t(lang, "ret.keep"), keep, data.retro, kind="keep", lang=lang)
    blocks += _decidable(t(lang, "ret.drop"), drop, data.retro, kind="drop", lang=lang)
    blocks += _list(t(lang, "ret.suggestions"), items([i.suggestions for i in data.inputs]), lang)
    blocks.append(context(t(lang, "ret.response_rate", answered=data.answered, asked=data.asked)))
    return message(escape(title), blocks)
