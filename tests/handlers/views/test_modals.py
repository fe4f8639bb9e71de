"""`/collab project|problem|measure add` with no arguments: the modal, its submission and its errors."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from storage.models import Measure, MeasureEvent, Problem, Project
from tests import factories
from tests.harness import ADMIN, CHANNEL, HEAD, LEAD, OTHER, OWNER, Bot


def open_modal(bot: Bot, text: str, *, user: str = ADMIN) -> dict[str, Any]:
    result, form = bot.send_command(text, user=user)
    assert result.status == 200
    [call] = bot.fake.wait_for("views.open", predicate=lambda c: c.params["trigger_id"] == form["trigger_id"])
    assert call.ok, call.response
    view: dict[str, Any] = call.params["view"]
    return view


def inputs(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {b["block_id"]: b for b in view["blocks"] if b["type"] == "input"}


def confirmation(bot: Bot) -> dict[str, Any]:
    [call] = bot.fake.wait_for("chat.postEphemeral")
    assert call.ok, call.response
    return call.params


def no_confirmation(bot: Bot) -> None:
    assert bot.fake.calls_to("chat.postEphemeral") == []
    assert bot.fake.calls_to("chat.postMessage") == []


@pytest.fixture
def depts(bot: Bot) -> list[Any]:
    return [
        factories.department(bot.db, "Sales", head=HEAD, channel="CSALES"),
        factories.department(bot.db, "研发部", head="URND", channel="CRND"),
    ]


# ---------------------------------------------------------------- project


def test_project_modal_opens_with_selects_and_pickers(bot: Bot, depts: list[Any]) -> None:
    view = open_modal(bot, "project add", user=LEAD)
    assert view["type"] == "modal" and view["callback_id"] == "collab_project_add"
    assert json.loads(view["private_metadata"]) == {"channel": CHANNEL}
    blocks = inputs(view)
    assert list(blocks) == ["name", "goal", "due", "lead", "depts", "metric", "baseline", "target", "unit"]
    assert blocks["depts"]["element"]["type"] == "multi_static_select"
    assert [(o["text"]["text"], o["value"]) for o in blocks["depts"]["element"]["options"]] == [
        ("Sales", str(depts[0].id)),
        ("研发部", str(depts[1].id)),
    ]
    assert blocks["lead"]["element"] == {
        "type": "users_select",
        "action_id": "v",
        "placeholder": {"type": "plain_text", "text": "@", "emoji": True},
        "initial_user": LEAD,
    }
    assert blocks["due"]["element"]["type"] == "datepicker"
    # the command itself posts nothing to the response_url when the form opened
    assert bot.fake.responses == []


def test_project_modal_submission_stores_and_confirms(bot: Bot, depts: list[Any]) -> None:
    view = open_modal(bot, "project add", user=LEAD)
    result = bot.submit_view(
        view,
        {
            "name": "  新产品上线 <launch> ",
            "goal": "Q3 上线，转化率 +15%",
            "due": "2026-12-31",
            "lead": OWNER,
            "depts": [str(depts[1].id), str(depts[0].id)],
        },
        user=LEAD,
    )
    assert (result.status, result.body) == (200, "")
    msg = confirmation(bot)
    assert (msg["channel"], msg["user"]) == (CHANNEL, LEAD)
    assert msg["text"] == ":white_check_mark: *PRJ-1* created: 新产品上线 &lt;launch&gt;"
    [p] = factories.all_rows(bot.db, Project)
    assert (p.number, p.name, p.goal, p.due, p.lead_user_id, p.created_by) == (
        1,
        "新产品上线 <launch>",
        "Q3 上线，转化率 +15%",
        date(2026, 12, 31),
        OWNER,
        LEAD,
    )
    assert factories.project_dept_names(bot.db, 1) == ["Sales", "研发部"]


INVALID_PROJECT = [
    (
        {"due": "2026-11-19"},
        {"due": "Deadline=2026-11-19 is in the past (today is 2026-11-20) — give a date from today on"},
    ),
    ({"due": None}, {"due": "Pick a date."}),
    (
        {"name": None, "goal": "   "},
        {"name": "Give the project a name.", "goal": "Describe the goal: specific, measurable, time-bound."},
    ),
    ({"depts": None}, {"depts": "Pick at least one department."}),
]


def test_invalid_project_submission_gets_inline_errors(bot: Bot, depts: list[Any]) -> None:
    view = open_modal(bot, "project add")
    for values, errors in INVALID_PROJECT:
        submitted: dict[str, Any] = {
            "name": "P",
            "goal": "G",
            "due": "2026-12-31",
            "lead": LEAD,
            "depts": [str(depts[0].id)],
        }
        submitted.update(values)
        result = bot.submit_view(view, {k: v for k, v in submitted.items() if v is not None})
        assert result.status == 200
        assert result.json() == {"response_action": "errors", "errors": errors}
        assert factories.all_rows(bot.db, Project) == []
    no_confirmation(bot)


def test_project_modal_of_another_workspace_cannot_use_our_departments(bot: Bot, depts: list[Any]) -> None:
    view = open_modal(bot, "project add")
    result = bot.submit_view(
        view,
        {"name": "P", "goal": "G", "due": "2026-12-31", "lead": LEAD, "depts": [str(depts[0].id)]},
        team="T2",
    )
    assert result.json() == {
        "response_action": "errors",
        "errors": {"depts": "Pick at least one department."},
    }
    assert factories.all_rows(bot.db, Project) == []


def test_without_departments_the_command_says_how_to_add_one(bot: Bot) -> None:
    for text in ("project add", "measure add"):
        reply = bot.command(text, user=OTHER)
        assert reply["text"] == (
            "Add a department first: `/collab dept add &lt;name&gt; head=@user channel=#channel` (admins)."
        )
    assert bot.fake.calls_to("views.open") == []


# ---------------------------------------------------------------- problem


def test_problem_modal(bot: Bot, depts: list[Any]) -> None:
    reply = bot.command("problem add")
    assert reply["text"] == "There are no projects yet. Create one with `/collab project add`."
    factories.project(bot.db, "First", depts=depts)
    factories.project(bot.db, "Second", depts=depts)
    view = open_modal(bot, "problem add", user=OWNER)
    assert view["callback_id"] == "collab_problem_add"
    blocks = inputs(view)
    assert list(blocks) == ["project", "category", "description", "cause"]
    assert [(o["text"]["text"], o["value"]) for o in blocks["project"]["element"]["options"]] == [
        ("PRJ-2 Second", "2"),
        ("PRJ-1 First", "1"),
    ]
    assert [o["value"] for o in blocks["category"]["element"]["options"]] == [
        "info",
        "roles",
        "process",
        "resources",
    ]
    assert blocks["cause"]["optional"] is True

    result = bot.submit_view(view, {"project": "1", "category": "process"}, user=OWNER)
    assert result.json() == {"response_action": "errors", "errors": {"description": "Describe the problem."}}
    assert factories.all_rows(bot.db, Problem) == []
    no_confirmation(bot)

    result = bot.submit_view(
        view,
        {"project": "1", "category": "process", "description": "审批太慢", "cause": "无负责人"},
        user=OWNER,
    )
    assert (result.status, result.body) == (200, "")
    assert confirmation(bot)["text"] == ":white_check_mark: *PRB-1* logged on PRJ-1: 审批太慢"
    [p] = factories.all_rows(bot.db, Problem)
    assert (p.number, p.category, p.description, p.root_cause, p.created_by) == (
        1,
        "process",
        "审批太慢",
        "无负责人",
        OWNER,
    )


# ---------------------------------------------------------------- measure


def test_measure_modal(bot: Bot, depts: list[Any]) -> None:
    prj = factories.project(bot.db, depts=depts)
    reply = bot.command("measure add")
    assert reply["text"] == "There are no problems yet. Log one with `/collab problem add`."
    factories.problem(bot.db, prj, "Specs arrive late")
    view = open_modal(bot, "measure add", user=LEAD)
    assert view["callback_id"] == "collab_measure_add"
    blocks = inputs(view)
    assert list(blocks) == ["problem", "text", "owner", "dept", "due", "deliverable", "note"]
    assert [(o["text"]["text"], o["value"]) for o in blocks["problem"]["element"]["options"]] == [
        ("PRB-1 (PRJ-1) Specs arrive late", "1")
    ]
    assert blocks["owner"]["element"]["type"] == "users_select"
    assert blocks["dept"]["element"]["type"] == "static_select"
    assert blocks["due"]["element"]["type"] == "datepicker"

    good = {
        "problem": "1",
        "text": "Spec review every Tuesday",
        "owner": OWNER,
        "dept": str(depts[0].id),
        "due": "2026-11-20",  # today is fine
        "deliverable": "Signed-off spec",
        "note": "",
    }
    result = bot.submit_view(view, {**good, "due": "2026-11-01", "text": ""}, user=LEAD)
    assert result.json() == {
        "response_action": "errors",
        "errors": {
            "text": "Describe the measure.",
            "due": "Deadline=2026-11-01 is in the past (today is 2026-11-20) — give a date from today on",
        },
    }
    result = bot.submit_view(view, {k: v for k, v in good.items() if k not in ("owner", "dept")}, user=LEAD)
    assert result.json() == {
        "response_action": "errors",
        "errors": {"owner": "Pick the owner.", "dept": "Pick the owner's department."},
    }
    assert factories.all_rows(bot.db, Measure) == []
    assert factories.all_rows(bot.db, MeasureEvent) == []
    no_confirmation(bot)

    result = bot.submit_view(view, good, user=LEAD)
    assert (result.status, result.body) == (200, "")
    msg = confirmation(bot)
    assert (msg["channel"], msg["user"]) == (CHANNEL, LEAD)
    assert msg["text"] == ":white_check_mark: *MSR-1* added to PRB-1 — owner <@UOWNER>, due 2026-11-20."
    m = factories.get_measure(bot.db, 1)
    assert (m.text, m.owner_user_id, m.department_id, m.due, m.deliverable, m.note, m.status) == (
        "Spec review every Tuesday",
        OWNER,
        depts[0].id,
        date(2026, 11, 20),
        "Signed-off spec",
        "",
        "todo",
    )
    [e] = factories.history(bot.db, 1)
    assert (e.kind, e.actor_user_id, e.at, e.to_value, e.source) == (
        "created",
        LEAD,
        bot.clock(),
        "todo",
        "modal",
    )


def test_confirmation_falls_back_to_a_dm(bot: Bot, depts: list[Any]) -> None:
    view = open_modal(bot, "project add")
    bot.fake.fail_next("chat.postEphemeral", "channel_not_found")
    bot.submit_view(
        view, {"name": "P", "goal": "G", "due": "2026-12-31", "lead": LEAD, "depts": [str(depts[0].id)]}
    )
    [dm] = bot.fake.wait_for("chat.postMessage")
    assert dm.ok and dm.params["channel"] == ADMIN
    assert dm.params["text"] == ":white_check_mark: *PRJ-1* created: P"
