"""The forms (modals, ``views.open``): their Block Kit, and reading their submitted state."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from domain.limits import REASON_LIMIT, TEXT_LIMIT
from storage.models import CATEGORIES, Department, Problem, Project
from ui.blocks import Block, truncate
from ui.blocks import context as context_block
from ui.catalogue import t
from ui.labels import category_label

MAX_OPTIONS = 100
MAX_OPTION_TEXT = 75

PROJECT_MODAL = "collab_project_add"
PROBLEM_MODAL = "collab_problem_add"
MEASURE_MODAL = "collab_measure_add"

# action_ids of the external select menus: Slack asks for their options (``block_suggestion``)
# by these, while the user types. Used once a list has more than MAX_OPTIONS entries.
PROJECT_SEARCH = "project_search"
PROBLEM_SEARCH = "problem_search"
DEPT_SEARCH = "dept_search"


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": True}


def option(text: str, value: str) -> dict[str, Any]:
    return {"text": _plain(truncate(text, MAX_OPTION_TEXT) or value), "value": value}


def input_block(block_id: str, label: str, element: Block, *, optional: bool) -> Block:
    """An ``input`` block around ``element``: one form field."""
    return {
        "type": "input",
        "block_id": block_id,
        "label": _plain(label),
        "element": element,
        "optional": optional,
    }


def text_input(
    block_id: str,
    label: str,
    *,
    multiline: bool = False,
    max_length: int = TEXT_LIMIT,
    optional: bool = False,
    placeholder: str | None = None,
    initial: str | None = None,
) -> Block:
    element: Block = {
        "type": "plain_text_input",
        "action_id": "v",
        "multiline": multiline,
        "max_length": max_length,
    }
    if placeholder:
        element["placeholder"] = _plain(truncate(placeholder, 150))
    if initial:
        element["initial_value"] = initial
    return input_block(block_id, label, element, optional=optional)


def select_input(
    block_id: str,
    label: str,
    options: Sequence[dict[str, Any]],
    *,
    multi: bool = False,
    optional: bool = False,
    initial: dict[str, Any] | None = None,
    initial_options: Sequence[dict[str, Any]] = (),
) -> Block:
    element: Block = {
        "type": "multi_static_select" if multi else "static_select",
        "action_id": "v",
        "options": list(options)[:MAX_OPTIONS],
        "placeholder": _plain("…"),
    }
    if initial is not None:
        element["initial_option"] = initial
    if initial_options:
        element["initial_options"] = list(initial_options)
    return input_block(block_id, label, element, optional=optional)


def external_select_input(
    block_id: str,
    label: str,
    *,
    action_id: str,
    multi: bool = False,
    optional: bool = False,
    placeholder: str = "…",
) -> Block:
    """A select menu whose options the bot sends as the user types (``block_suggestion`` to
    ``action_id``, see ``handlers/options``); with ``min_query_length`` 0 the newest ones show
    as soon as it opens."""
    element: Block = {
        "type": "multi_external_select" if multi else "external_select",
        "action_id": action_id,
        "min_query_length": 0,
        "placeholder": _plain(truncate(placeholder, 150)),
    }
    return input_block(block_id, label, element, optional=optional)


def choice_input(
    block_id: str,
    label: str,
    options: Sequence[dict[str, Any]],
    *,
    search: str,
    search_hint: str,
    multi: bool = False,
) -> Block:
    """A static select of ``options`` while they fit (MAX_OPTIONS); beyond that an external
    select (``search`` is its action_id) so that every entry can be found by typing."""
    if len(options) <= MAX_OPTIONS:
        return select_input(block_id, label, options, multi=multi)
    return external_select_input(block_id, label, action_id=search, multi=multi, placeholder=search_hint)


def project_option(project: Project) -> dict[str, Any]:
    return option(f"{project.ref} {project.name}", str(project.number))


def problem_option(problem: Problem, project: Project) -> dict[str, Any]:
    return option(f"{problem.ref} ({project.ref}) {problem.description}", str(problem.number))


def department_option(dept: Department) -> dict[str, Any]:
    return option(dept.name, str(dept.id))


def user_input(block_id: str, label: str, *, initial_user: str | None = None) -> Block:
    element: Block = {"type": "users_select", "action_id": "v", "placeholder": _plain("@")}
    if initial_user:
        element["initial_user"] = initial_user
    return {"type": "input", "block_id": block_id, "label": _plain(label), "element": element}


def date_input(block_id: str, label: str, *, optional: bool = False, initial: str | None = None) -> Block:
    element: Block = {"type": "datepicker", "action_id": "v", "placeholder": _plain("YYYY-MM-DD")}
    if initial:
        element["initial_date"] = initial
    return input_block(block_id, label, element, optional=optional)


def time_input(block_id: str, label: str, *, initial: str | None = None) -> Block:
    element: Block = {"type": "timepicker", "action_id": "v", "placeholder": _plain("HH:MM")}
    if initial:
        element["initial_time"] = initial
    return input_block(block_id, label, element, optional=False)


def users_input(block_id: str, label: str, *, optional: bool = False, initial: Sequence[str] = ()) -> Block:
    """A people picker for several people."""
    element: Block = {"type": "multi_users_select", "action_id": "v", "placeholder": _plain("@")}
    if initial:
        element["initial_users"] = list(initial)
    return input_block(block_id, label, element, optional=optional)


def modal(
    callback_id: str, title: str, blocks: list[Block], *, lang: str, private_metadata: dict[str, str]
) -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": callback_id,
        "title": _plain(truncate(title, 24)),
        "submit": _plain(t(lang, "modal_submit")),
        "close": _plain(t(lang, "modal_cancel")),
        "private_metadata": json.dumps(private_metadata)[:3000],
        "blocks": blocks[:100],
    }


def label(lang: str, key: str) -> str:
    return t(lang, f"form.{key}")


def project_modal(
    depts: Sequence[Department], *, lang: str, lead: str, meta: dict[str, str]
) -> dict[str, Any]:
    """``depts``: all of them, or any MAX_OPTIONS + 1 when there are more (then searched)."""
    blocks = [
        text_input("name", label(lang, "name"), max_length=200),
        text_input("goal", label(lang, "goal"), multiline=True, placeholder=label(lang, "goal_hint")),
        date_input("due", label(lang, "due")),
        user_input("lead", label(lang, "lead"), initial_user=lead),
        choice_input(
            "depts",
            label(lang, "depts"),
            [department_option(d) for d in depts],
            search=DEPT_SEARCH,
            search_hint=label(lang, "dept_search"),
            multi=True,
        ),
        text_input("metric", label(lang, "metric"), max_length=200, optional=True),
        text_input("baseline", label(lang, "baseline"), max_length=40, optional=True),
        text_input("target", label(lang, "target"), max_length=40, optional=True),
        text_input("unit", label(lang, "unit"), max_length=20, optional=True),
    ]
    return modal(PROJECT_MODAL, label(lang, "project_title"), blocks, lang=lang, private_metadata=meta)


def problem_modal(
    projects: Sequence[Project],
    *,
    lang: str,
    meta: dict[str, str],
    description: str = "",
    link: str = "",
    shortened: bool = False,
) -> dict[str, Any]:
    """``projects``: all of them, or the newest MAX_OPTIONS + 1 when there are more (then searched).
    From a message ("Log as problem"): its text as the ``description``, its ``link`` shown (and
    kept in ``meta``), and whether the text was ``shortened`` to fit."""
    newest = sorted(projects, key=lambda p: -p.number)
    cats = [option(category_label(k, lang), k) for k in CATEGORIES]
    intro: list[Block] = []
    if link:
        intro.append(context_block(t(lang, "shortcut.from_message", link=link)))
    if shortened:
        intro.append(context_block(t(lang, "shortcut.shortened", limit=TEXT_LIMIT)))
    blocks = [
        *intro,
        choice_input(
            "project",
            label(lang, "project"),
            [project_option(p) for p in newest],
            search=PROJECT_SEARCH,
            search_hint=label(lang, "project_search"),
        ),
        select_input("category", label(lang, "category"), cats),
        text_input(
            "description", label(lang, "description"), multiline=True, initial=description[:TEXT_LIMIT]
        ),
        text_input("cause", label(lang, "cause"), multiline=True, optional=True),
    ]
    return modal(PROBLEM_MODAL, label(lang, "problem_title"), blocks, lang=lang, private_metadata=meta)


def measure_modal(
    problems: Sequence[tuple[Problem, Project]],
    depts: Sequence[Department],
    *,
    lang: str,
    meta: dict[str, str],
) -> dict[str, Any]:
    """``problems`` and ``depts``: all of them, or any MAX_OPTIONS + 1 (the newest problems) when
    there are more (then searched)."""
    newest = sorted(problems, key=lambda pp: -pp[0].number)
    blocks = [
        choice_input(
            "problem",
            label(lang, "problem"),
            [problem_option(pb, pj) for pb, pj in newest],
            search=PROBLEM_SEARCH,
            search_hint=label(lang, "problem_search"),
        ),
        text_input("text", label(lang, "text"), multiline=True),
        user_input("owner", label(lang, "owner")),
        choice_input(
            "dept",
            label(lang, "dept"),
            [department_option(d) for d in depts],
            search=DEPT_SEARCH,
            search_hint=label(lang, "dept_search"),
        ),
        date_input("due", label(lang, "due")),
        text_input("deliverable", label(lang, "deliverable"), multiline=True, optional=True),
        text_input("note", label(lang, "note"), multiline=True, optional=True),
    ]
    return modal(MEASURE_MODAL, label(lang, "measure_title"), blocks, lang=lang, private_metadata=meta)


@dataclass(frozen=True)
class Submitted:
    """The values of a submitted modal, by block id."""

    values: dict[str, Any]

    @classmethod
    def from_view(cls, view: dict[str, Any]) -> Submitted:
        out: dict[str, Any] = {}
        values = (view.get("state") or {}).get("values")
        for block_id, actions in (values if isinstance(values, dict) else {}).items():
            for state in actions.values() if isinstance(actions, dict) else ():
                if not isinstance(state, dict):
                    continue  # (not what Slack sends: nothing was entered)
                kind = state.get("type")
                if kind == "plain_text_input":
                    out[block_id] = str(state.get("value") or "").strip()
                elif kind in ("static_select", "external_select"):
                    option = state.get("selected_option")
                    out[block_id] = option.get("value") if isinstance(option, dict) else None
                elif kind in ("multi_static_select", "multi_external_select"):
                    options = state.get("selected_options")
                    picked = options if isinstance(options, list) else []
                    out[block_id] = [o["value"] for o in picked if isinstance(o, dict) and "value" in o]
                elif kind == "users_select":
                    out[block_id] = state.get("selected_user")
                elif kind == "datepicker":
                    out[block_id] = state.get("selected_date")
                elif kind == "timepicker":
                    out[block_id] = state.get("selected_time")
                elif kind == "multi_users_select":
                    out[block_id] = list(state.get("selected_users") or [])
        return cls(out)

    def text(self, key: str) -> str:
        value = self.values.get(key)
        return value if isinstance(value, str) else ""

    def items(self, key: str) -> list[str]:
        value = self.values.get(key)
        return [str(v) for v in value] if isinstance(value, list) else []

    def number(self, key: str) -> int:
        """A picked option that carries a number (an id, a reference's); 0 when none was
        picked or the value is no number (nothing has it)."""
        return _number(self.text(key))

    def numbers(self, key: str) -> list[int]:
        return [n for n in (_number(v) for v in self.items(key)) if n]


def _number(value: str) -> int:
    text = value.strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else 0


CHANGE_REQUEST_MODAL = "collab_change_request"


def change_request_modal(*, ref: str, number: int, lang: str, meta: dict[str, str]) -> dict[str, Any]:
    blocks = [
        {"type": "section", "text": {"type": "mrkdwn", "text": f"*{ref}*"}},
        date_input("due", t(lang, "cr_date")),
        text_input("reason", t(lang, "cr_reason"), multiline=True, max_length=REASON_LIMIT),
    ]
    return modal(
        CHANGE_REQUEST_MODAL,
        t(lang, "cr_title"),
        blocks,
        lang=lang,
        private_metadata={**meta, "measure": str(number)},
    )
