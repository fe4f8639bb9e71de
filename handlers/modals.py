"""Block Kit builders for the modals (``views.open``), and reading their submitted state."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from handlers.blocks import Block, truncate
from handlers.texts import CATEGORY_LABELS, t
from storage.models import Department, Problem, Project

MAX_OPTIONS = 100
MAX_OPTION_TEXT = 75

PROJECT_MODAL = "collab_project_add"
PROBLEM_MODAL = "collab_problem_add"
MEASURE_MODAL = "collab_measure_add"


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": True}


def option(text: str, value: str) -> dict[str, Any]:
    return {"text": _plain(truncate(text, MAX_OPTION_TEXT) or value), "value": value}


def text_input(
    block_id: str,
    label: str,
    *,
    multiline: bool = False,
    max_length: int = 3000,
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
    return {
        "type": "input",
        "block_id": block_id,
        "label": _plain(label),
        "element": element,
        "optional": optional,
    }


def select_input(
    block_id: str,
    label: str,
    options: Sequence[dict[str, Any]],
    *,
    multi: bool = False,
    optional: bool = False,
    initial: dict[str, Any] | None = None,
) -> Block:
    element: Block = {
        "type": "multi_static_select" if multi else "static_select",
        "action_id": "v",
        "options": list(options)[:MAX_OPTIONS],
        "placeholder": _plain("…"),
    }
    if initial is not None:
        element["initial_option"] = initial
    return {
        "type": "input",
        "block_id": block_id,
        "label": _plain(label),
        "element": element,
        "optional": optional,
    }


def user_input(block_id: str, label: str, *, initial_user: str | None = None) -> Block:
    element: Block = {"type": "users_select", "action_id": "v", "placeholder": _plain("@")}
    if initial_user:
        element["initial_user"] = initial_user
    return {"type": "input", "block_id": block_id, "label": _plain(label), "element": element}


def date_input(block_id: str, label: str) -> Block:
    return {
        "type": "input",
        "block_id": block_id,
        "label": _plain(label),
        "element": {"type": "datepicker", "action_id": "v", "placeholder": _plain("YYYY-MM-DD")},
    }


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


_L = {
    "en": {
        "project_title": "New project",
        "name": "Project name (项目名称)",
        "goal": "Goal — specific, measurable, time-bound (协作目标)",
        "goal_hint": "e.g. ship the new product in Q3 and lift conversion by 15%",
        "due": "Deadline",
        "lead": "Project lead",
        "depts": "Departments involved (涉及部门)",
        "problem_title": "Log a problem",
        "project": "Project",
        "category": "Category",
        "description": "Problem (问题描述)",
        "cause": "Root cause (根本原因)",
        "measure_title": "Add a measure",
        "problem": "Problem",
        "text": "Improvement measure (改进措施)",
        "owner": "Owner (责任人)",
        "dept": "Owner department (责任部门)",
        "deliverable": "Deliverable standard (交付标准)",
        "note": "Notes (备注)",
    },
    "zh": {
        "project_title": "新建项目",
        "name": "项目名称",
        "goal": "协作目标（具体、可衡量、有时限）",
        "goal_hint": "例如：第三季度上线新产品，用户转化率提升 15%",
        "due": "截止日期",
        "lead": "项目负责人",
        "depts": "涉及部门",
        "problem_title": "记录问题",
        "project": "项目",
        "category": "问题类别",
        "description": "问题描述",
        "cause": "根本原因",
        "measure_title": "添加改进措施",
        "problem": "问题",
        "text": "改进措施",
        "owner": "责任人",
        "dept": "责任部门",
        "deliverable": "交付标准",
        "note": "备注",
    },
}


def label(lang: str, key: str) -> str:
    return _L.get(lang, _L["en"])[key]


def project_modal(
    depts: Sequence[Department], *, lang: str, lead: str, meta: dict[str, str]
) -> dict[str, Any]:
    blocks = [
        text_input("name", label(lang, "name"), max_length=200),
        text_input("goal", label(lang, "goal"), multiline=True, placeholder=label(lang, "goal_hint")),
        date_input("due", label(lang, "due")),
        user_input("lead", label(lang, "lead"), initial_user=lead),
        select_input("depts", label(lang, "depts"), [option(d.name, str(d.id)) for d in depts], multi=True),
    ]
    return modal(PROJECT_MODAL, label(lang, "project_title"), blocks, lang=lang, private_metadata=meta)


def problem_modal(projects: Sequence[Project], *, lang: str, meta: dict[str, str]) -> dict[str, Any]:
    newest = sorted(projects, key=lambda p: -p.number)[:MAX_OPTIONS]
    cats = [
        option(f"{v['zh']} {v['en']}" if lang == "en" else v["zh"], k) for k, v in CATEGORY_LABELS.items()
    ]
    blocks = [
        select_input(
            "project", label(lang, "project"), [option(f"{p.ref} {p.name}", str(p.number)) for p in newest]
        ),
        select_input("category", label(lang, "category"), cats),
        text_input("description", label(lang, "description"), multiline=True),
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
    newest = sorted(problems, key=lambda pp: -pp[0].number)[:MAX_OPTIONS]
    blocks = [
        select_input(
            "problem",
            label(lang, "problem"),
            [option(f"{pb.ref} ({pj.ref}) {pb.description}", str(pb.number)) for pb, pj in newest],
        ),
        text_input("text", label(lang, "text"), multiline=True),
        user_input("owner", label(lang, "owner")),
        select_input("dept", label(lang, "dept"), [option(d.name, str(d.id)) for d in depts]),
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
        for block_id, actions in (view.get("state") or {}).get("values", {}).items():
            for state in actions.values():
                kind = state.get("type")
                if kind == "plain_text_input":
                    out[block_id] = (state.get("value") or "").strip()
                elif kind == "static_select":
                    out[block_id] = (state.get("selected_option") or {}).get("value")
                elif kind == "multi_static_select":
                    out[block_id] = [o["value"] for o in state.get("selected_options") or []]
                elif kind == "users_select":
                    out[block_id] = state.get("selected_user")
                elif kind == "datepicker":
                    out[block_id] = state.get("selected_date")
        return cls(out)

    def text(self, key: str) -> str:
        value = self.values.get(key)
        return value if isinstance(value, str) else ""

    def items(self, key: str) -> list[str]:
        value = self.values.get(key)
        return [str(v) for v in value] if isinstance(value, list) else []


CHANGE_REQUEST_MODAL = "collab_change_request"


def change_request_modal(*, ref: str, number: int, lang: str, meta: dict[str, str]) -> dict[str, Any]:
    from handlers.texts import t as tr

    blocks = [
        {"type": "section", "text": {"type": "mrkdwn", "text": f"*{ref}*"}},
        date_input("due", tr(lang, "cr_date")),
        text_input("reason", tr(lang, "cr_reason"), multiline=True, max_length=1000),
    ]
    return modal(
        CHANGE_REQUEST_MODAL,
        tr(lang, "cr_title"),
        blocks,
        lang=lang,
        private_metadata={**meta, "measure": str(number)},
    )
