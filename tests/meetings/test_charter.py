"""The charter through signed requests: `project add` with a measurable goal (command and form),
`project set`, `duty`, `risk add|set`, `project show`; only the lead and admins change a
project; bad input changes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from storage.models import Project, ProjectDepartment
from tests import factories
from tests import weekly_factories as lf
from tests.harness import ADMIN, HEAD, LEAD, OTHER, OWNER, Bot
from tests.meetings import world as mw


def project(bot: Bot, number: int = 1) -> Project:
    [found] = [p for p in factories.all_rows(bot.db, Project) if p.number == number]
    return found


def duties(bot: Bot) -> dict[int, str]:
    return {r.department_id: r.responsibility for r in factories.all_rows(bot.db, ProjectDepartment)}


def test_project_add_takes_a_measurable_goal(bot: Bot) -> None:
    lf.loop_world(bot)
    reply = bot.command(
        'project add "Conversion" goal="Lift conversion" due=2026-12-31 lead=<@ULEAD|lee> depts=Sales '
        'metric="user conversion" baseline=10 target=１１.５ unit=%'
    )
    assert reply["text"] == ":white_check_mark: *PRJ-2* created: Conversion"
    p = project(bot, 2)
    assert (p.metric, p.baseline, p.target, p.unit) == ("user conversion", "10", "11.5", "%")
    refused = bot.command(
        'project add "Half" goal="g" due=2026-12-31 lead=<@ULEAD|lee> depts=Sales metric="conversion" baseline=10'
    )
    assert "a metric needs both baseline= and target=" in refused["text"]
    not_a_number = bot.command(
        'project add "NaN" goal="g" due=2026-12-31 lead=<@ULEAD|lee> depts=Sales metric=x baseline=ten target=11'
    )
    assert "baseline" in not_a_number["text"] and '"ten"' in not_a_number["text"]
    assert [p.number for p in factories.all_rows(bot.db, Project)] == [1, 2]


def test_the_project_form_takes_a_measurable_goal(bot: Bot) -> None:
    world = lf.loop_world(bot)
    bot.send_command("project add", user=LEAD)
    view = bot.opened_view()
    values: dict[str, Any] = {
        "name": "Conversion",
        "goal": "Lift conversion",
        "due": "2026-12-31",
        "lead": LEAD,
        "depts": [str(world.sales.id)],
        "metric": "user conversion",
        "baseline": "ten",
        "target": "11.5",
    }
    bad = bot.submit_view(view, values, user=LEAD).json()
    assert bad == {"response_action": "errors", "errors": {"baseline": "Write a number, e.g. 11.5"}}
    half = bot.submit_view(view, {**values, "baseline": "", "target": "11.5"}, user=LEAD).json()
    assert half["errors"] == {"metric": "Give the metric a name, and both baseline and target."}
    assert bot.submit_view(view, {**values, "baseline": "10", "unit": "%"}, user=LEAD).status == 200
    bot.fake.wait_for("chat.postEphemeral")
    p = project(bot, 2)
    assert (p.metric, p.baseline, p.target, p.unit) == ("user conversion", "10", "11.5", "%")


def test_project_set_changes_the_charter_for_the_lead_and_admins_only(bot: Bot) -> None:
    lf.loop_world(bot)
    for user in (OTHER, OWNER, HEAD):
        refused = bot.command('project set PRJ-1 metric="user conversion" baseline=10 target=11.5', user=user)
        assert (
            refused["text"]
            == ":no_entry: Changing PRJ-1 is for its lead <@ULEAD> and admins. Nothing was changed."
        )
    assert project(bot).metric == ""
    reply = bot.command(
        'project set PRJ-1 metric="user conversion" baseline=10 target=11.5 unit=%', user=LEAD
    )
    assert reply["text"] == ":pencil2: *PRJ-1* updated: metric, baseline, target, unit"
    again = bot.command("project set PRJ-1 target=11.5", user=ADMIN)  # an admin; nothing differs
    assert again["text"] == "*PRJ-1* already has those values; nothing changed."
    moved = bot.command(
        'project set PRJ-1 name="Launch v2" due=2027-01-31 lead=<@UOWNER|olga> depts=Sales', user=ADMIN
    )
    assert moved["text"] == ":pencil2: *PRJ-1* updated: name, due, lead, departments"
    p = project(bot)
    assert (p.name, p.due.isoformat(), p.lead_user_id) == ("Launch v2", "2027-01-31", OWNER)
    assert lf.all_text(bot.command("dept list"))  # still fine
    assert factories.project_dept_names(bot.db, 1) == ["Sales"]
    # the old lead is no longer the lead
    assert bot.command("project set PRJ-1 unit=pts", user=LEAD)["text"].startswith(":no_entry:")


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("project set PRJ-1", "say what to change"),
        ("project set PRJ-1 baseline=ten", '"ten"'),
        ('project set PRJ-1 metric="" baseline=10', "a metric needs both baseline= and target="),
        ("project set PRJ-1 due=2020-01-01", "is in the past"),
        ("project set PRJ-1 depts=Sales,Legal", 'There is no department called "Legal"'),
        ("project set PRJ-1 lead=bob", "is not a person"),
        ("project set PRJ-1 colour=red", 'unknown option "colour="'),
        ("project set PRJ-8 name=x", "There is no PRJ-8"),
        ("project set MSR-1 name=x", "is not a project reference"),
        ("project show", "give exactly one project reference"),
        ("project show PRJ-8", "There is no PRJ-8"),
        ('duty PRJ-1 Legal "reviews contracts"', 'There is no department called "Legal"'),
        ("duty PRJ-1 Sales", "give the project, the department and its responsibility"),
        ('risk add PRJ-1 "vendor late"', "missing plan="),
        ('risk add PRJ-1 plan="x"', "give the project and the risk"),
        ("risk set RSK-1 status=gone", 'status="gone" — write open, closed or occurred'),
        ("risk set RSK-9 status=closed", "There is no RSK-9"),
        ("risk set RSK-1", "say what to change: status=, plan= or owner="),
    ],
)
def test_charter_commands_refuse_bad_input_and_change_nothing(bot: Bot, text: str, error: str) -> None:
    mw.charter_world(bot)
    before = (project(bot), duties(bot), [(r.status, r.plan) for r in mw.all_risks(bot)])
    reply = bot.command(text, user=LEAD)
    assert reply["text"].startswith(":warning: ") and error in reply["text"], reply["text"]
    assert (project(bot), duties(bot), [(r.status, r.plan) for r in mw.all_risks(bot)]) == before


def test_duty_sets_and_replaces_a_departments_responsibility(bot: Bot) -> None:
    world = lf.loop_world(bot)
    # typed literally, Slack sends "<!channel>" escaped; it is kept as typed and never pings
    assert bot.command('duty PRJ-1 Sales "Owns &lt;!channel&gt; the plan"', user=OTHER)["text"].startswith(
        ":no_entry:"
    )
    reply = bot.command('duty PRJ-1 Sales "Owns &lt;!channel&gt; the plan"', user=LEAD)
    assert reply["text"] == ":white_check_mark: *Sales* in PRJ-1: Owns &lt;!channel&gt; the plan"
    assert duties(bot)[world.sales.id or 0] == "Owns <!channel> the plan"
    bot.command('duty PRJ-1 sales "Owns the launch plan"', user=LEAD)  # a second one replaces the first
    assert duties(bot)[world.sales.id or 0] == "Owns the launch plan"
    ops = factories.department(bot.db, "Ops", channel="COPS")
    joined = bot.command('duty PRJ-1 Ops "Runs the rollout"', user=ADMIN)
    assert "(Ops was not involved in PRJ-1 yet; it is now.)" in joined["text"]
    assert duties(bot)[ops.id or 0] == "Runs the rollout"


def test_risks_are_added_and_changed(bot: Bot) -> None:
    lf.loop_world(bot)
    reply = bot.command(
        'risk add PRJ-1 "Vendor is late" plan="Second vendor" owner=<@UOWNER|olga>', user=LEAD
    )
    assert reply["text"] == ":white_check_mark: *RSK-1* added to PRJ-1: Vendor is late"
    assert bot.command('risk add PRJ-1 "x" plan="y"', user=OTHER)["text"].startswith(":no_entry:")
    # the risk's owner may change it; someone else may not
    assert bot.command("risk set RSK-1 status=closed", user=OTHER)["text"] == (
        ":no_entry: Changing RSK-1 is for the risk's owner, the project lead <@ULEAD> and admins. Nothing was changed."
    )
    assert bot.command('risk set RSK-1 status=已发生 plan="Switch now"', user=OWNER)["text"] == (
        ":pencil2: *RSK-1* updated: status, plan"
    )
    [risk] = mw.all_risks(bot)
    assert (risk.number, risk.text, risk.plan, risk.owner_user_id, risk.status) == (
        1,
        "Vendor is late",
        "Switch now",
        OWNER,
        "occurred",
    )


def test_project_show_shows_the_whole_charter(bot: Bot) -> None:
    world = mw.charter_world(bot)
    lf.measure(bot, world, "Blocked one", status="blocked")
    lf.measure(bot, world, "Done one", status="done")
    bot.clock.set(mw.sh(2026, 11, 16, 10, 0))
    bot.command('meeting add PRJ-1 kickoff at="2026-11-20 10:00" "Launch kickoff"', user=LEAD)
    bot.command('change add PRJ-1 "Drop feature X" impact="Two weeks less" dept=Sales', user=OWNER)
    text = lf.all_text(bot.command("project show PRJ-1", user=OTHER))
    for part in (
        "PRJ-1 New product launch",
        "*Lead:* <@ULEAD> · *Due:* 2026-12-31",
        "*Goal (协作目标):* Ship in Q3 and lift conversion by 15%",
        "Metric: *user conversion* — baseline 10% → target 11.5%",
        "• *R&amp;D* — Ships the build",
        "• *Sales* — Owns the launch plan",
        "• *RSK-1* Vendor is late — plan: Second vendor on standby · owner <@ULEAD> · open",
        "• *MTG-1* Kickoff (沟通会议) · 2026-11-20 10:00 (Asia/Shanghai) — Launch kickoff",
        "流程机制 Process/mechanism 1",
        ":red_circle: Blocked 1",
        ":white_check_mark: Done 1",
        "• *CHG-1* Drop feature X — PRJ-1 New product launch · Sales · by <@UOWNER> · pending for less than a day",
    ):
        assert part in text, part


def test_project_show_in_chinese(bot: Bot) -> None:
    mw.charter_world(bot, lang="zh")
    text = lf.all_text(bot.command("project show PRJ-1"))
    assert "衡量指标：*user conversion* —— 基线 10% → 目标 11.5%" in text
    assert "*涉及部门及职责*" in text and "*风险与预案*" in text and "未关闭" in text
