"""Milestones and evaluations through signed requests: `milestone add` (and its bad input), the
``milestones`` job DMing the lead once on the date at the nudge time with the facts, the chart
and **Record evaluation**; the evaluation form (result words, reasons unless met, a number for
the actual value), the evaluation posted with the chart to the project's channels, kept, and
listed in `project show`."""

from __future__ import annotations

from datetime import date
from typing import Any

from storage.models import Evaluation, Milestone
from tests import factories
from tests import weekly_factories as lf
from tests.harness import LEAD, OTHER, OWNER, Bot
from tests.meetings import world as mw
from tests.meetings.world import sh

PNG = b"\x89PNG\r\n\x1a\n"


def project_with_history(bot: Bot) -> lf.LoopWorld:
    """PRJ-1 with a metric; PRB-1: MSR-1 done on time, MSR-2 done late, MSR-3 overdue, MSR-4 open
    (R&D); PRB-2: MSR-5 done on time."""
    world = mw.charter_world(bot)
    bot.clock.set(sh(2026, 11, 2, 10))
    lf.measure(bot, world, "On time", due=date(2026, 11, 10), at=sh(2026, 11, 2, 10))
    lf.measure(bot, world, "Late", due=date(2026, 11, 10), at=sh(2026, 11, 2, 10))
    lf.measure(bot, world, "Overdue", due=date(2026, 11, 12), at=sh(2026, 11, 3, 10))
    lf.measure(bot, world, "Later", dept=world.rnd, due=date(2026, 12, 20), at=sh(2026, 11, 3, 10))
    lf.set_status(bot, 1, "done", at=sh(2026, 11, 9, 18))
    lf.set_status(bot, 2, "done", at=sh(2026, 11, 13, 9))
    # PRB-2 (info): its one measure done, so the problem is resolved
    prb2 = factories.problem(bot.db, world.project, "Nobody hears of changes", category="info")
    factories.measure(
        bot.db, prb2, world.sales, "Change log", due=date(2026, 11, 30), now=sh(2026, 11, 4, 10)
    )
    lf.set_status(bot, 5, "done", at=sh(2026, 11, 5, 10))
    return world


def milestones(bot: Bot) -> list[Milestone]:
    return factories.all_rows(bot.db, Milestone)


def evaluations(bot: Bot) -> list[Evaluation]:
    return factories.all_rows(bot.db, Evaluation)


def answer(reply: dict[str, Any]) -> str:
    return str(reply.get("text") or "")


def test_milestone_add_and_its_bad_input(bot: Bot) -> None:
    project_with_history(bot)
    bot.clock.set(sh(2026, 11, 16, 10))
    said = answer(bot.command('milestone add PRJ-1 "Pilot done" due=2026-11-20', user=LEAD))
    assert said.startswith("Added MLS-1 Pilot done to PRJ-1 New product launch, on 2026-11-20.")
    # in the past, without a date, another project, someone else: refused, nothing stored
    assert "2026-11-01 is in the past" in answer(
        bot.command('milestone add PRJ-1 "Old" due=2026-11-01', user=LEAD)
    )
    assert "Name the project, the milestone and its date" in answer(
        bot.command('milestone add PRJ-1 "X"', user=LEAD)
    )
    assert "There is no PRJ-9" in answer(bot.command('milestone add PRJ-9 "X" due=2026-12-01', user=LEAD))
    refused = answer(bot.command('milestone add PRJ-1 "X" due=2026-12-01', user=OTHER))
    assert "its lead <@ULEAD> and admins" in refused
    assert [(m.ref, m.name, m.due) for m in milestones(bot)] == [("MLS-1", "Pilot done", date(2026, 11, 20))]


def test_on_the_date_the_lead_gets_the_facts_and_the_chart_once(bot: Bot) -> None:
    project_with_history(bot)
    bot.clock.set(sh(2026, 11, 16, 10))
    bot.command('milestone add PRJ-1 "Pilot done" due=2026-11-20', user=LEAD)
    jobs = bot.jobs()
    lf.run(jobs, "milestones", sh(2026, 11, 19, 9, 30), clock=bot.clock)  # the day before
    lf.run(jobs, "milestones", sh(2026, 11, 20, 9, 0), clock=bot.clock)  # before the nudge time
    assert lf.ok_posts(bot.fake, LEAD) == [] and bot.fake.files == {}
    lf.run(jobs, "milestones", sh(2026, 11, 20, 9, 30), clock=bot.clock)
    lf.run(jobs, "milestones", sh(2026, 11, 20, 15, 0), clock=bot.clock)
    lf.run(bot.jobs(), "milestones", sh(2026, 11, 23, 9, 30), clock=bot.clock)
    [dm] = lf.ok_posts(bot.fake, LEAD)
    text = lf.all_text(dm.params)
    assert "Milestone MLS-1 Pilot done of PRJ-1 New product launch — today" in text
    assert "Measures done: 3 of 5" in text
    assert "Done on time: 2 · done late: 1" in text
    assert "Overdue, not done: 1" in text
    assert "Problems resolved (all their measures done): 信息传递 Information flow 1/1" in text
    assert "Open risks: 1" in text
    assert "Metric: *user conversion* — baseline 10% → target 11.5%" in text
    assert lf.buttons(dm.params) == [("collab_evaluate", "mls:1")]
    [chart] = bot.fake.files.values()
    assert chart.content.startswith(PNG) and chart.filename == "prj-1-chart.png"
    assert chart.channel_id == dm.params["channel"]
    assert [d.state for d in lf.deliveries(bot.db, "milestone")] == ["sent"]


def open_evaluation(bot: Bot, *, user: str = LEAD) -> dict[str, Any]:
    bot.button("collab_evaluate", "mls:1", user=user, channel="D" + user)
    view = bot.opened_view()
    assert view["callback_id"] == "collab_evaluation"
    return view


def test_the_evaluation_is_checked_kept_posted_with_the_chart_and_shown(bot: Bot) -> None:
    project_with_history(bot)
    bot.clock.set(sh(2026, 11, 16, 10))
    bot.command('milestone add PRJ-1 "Pilot done" due=2026-11-20', user=LEAD)
    bot.clock.set(sh(2026, 11, 20, 10))
    view = open_evaluation(bot)
    assert [b["block_id"] for b in view["blocks"] if b["type"] == "input"] == [
        "actual",
        "result",
        "reasons",
        "next_steps",
    ]
    bad = bot.submit_view(view, {"actual": "11 %", "result": "missed", "reasons": ""}, user=LEAD).json()
    assert bad["response_action"] == "errors"
    assert set(bad["errors"]) == {"actual", "reasons"}
    assert evaluations(bot) == []
    ok = bot.submit_view(
        view,
        {
            "actual": "11.2",
            "result": "partly",
            "reasons": "Vendor <!channel> late",
            "next_steps": "Second vendor",
        },
        user=LEAD,
    )
    assert ok.status == 200
    [kept] = evaluations(bot)
    assert (kept.actual, kept.result, kept.reasons, kept.next_steps) == (
        "11.2",
        "partly",
        "Vendor <!channel> late",
        "Second vendor",
    )
    lf.wait_until(lambda: len(bot.fake.files) == 2, what="the charts in both channels")
    for channel in (lf.SALES_CHANNEL, lf.RND_CHANNEL):
        [post] = lf.ok_posts(bot.fake, channel)
        text = lf.all_text(post.params)
        assert "Evaluation of PRJ-1 New product launch · MLS-1 Pilot done: Partly met" in text
        assert "user conversion: baseline 10 → actual 11.2 (target 11.5) %" in text
        assert "Vendor &lt;!channel&gt; late" in text and "<!channel>" not in text
    assert sorted(f.channel_id or "" for f in bot.fake.files.values()) == [lf.RND_CHANNEL, lf.SALES_CHANNEL]
    assert all(f.content.startswith(PNG) for f in bot.fake.files.values())
    shown = lf.all_text(bot.command("project show PRJ-1", user=OWNER))
    assert "MLS-1 Pilot done — 2026-11-20" in shown
    assert "2026-11-20 MLS-1: *Partly met* (11.2) — <@ULEAD>" in shown


def test_evaluate_a_project_by_command_and_who_may(bot: Bot) -> None:
    project_with_history(bot)
    refused = answer(bot.command("evaluate PRJ-1", user=OTHER))
    assert "its lead <@ULEAD> and admins" in refused
    assert "There is no MLS-3" in answer(bot.command("evaluate MLS-3", user=LEAD))
    assert "Name one milestone (MLS-n) or project (PRJ-n)" in answer(bot.command("evaluate", user=LEAD))
    bot.send_command("evaluate PRJ-1", user=LEAD, team="T1", channel="CGENERAL")
    view = bot.opened_view()
    bot.submit_view(view, {"actual": "12", "result": "met"}, user=LEAD)
    [kept] = evaluations(bot)
    assert (kept.milestone_id, kept.result, kept.reasons) == (None, "met", "")


def home_texts(bot: Bot, count: int) -> list[str]:
    calls = bot.fake.wait_for("views.publish", count, predicate=lambda c: c.params.get("user_id") == LEAD)
    return [b["text"]["text"] for b in calls[-1].params["view"]["blocks"] if b["type"] == "section"]


def test_home_lists_the_milestone_to_evaluate_until_it_is_evaluated(bot: Bot) -> None:
    project_with_history(bot)
    bot.clock.set(sh(2026, 11, 16, 10))
    bot.command('milestone add PRJ-1 "Pilot done" due=2026-11-20', user=LEAD)
    bot.open_home(LEAD)
    assert not any("record its evaluation" in t for t in home_texts(bot, 1))  # not yet its date
    bot.clock.set(sh(2026, 11, 21, 10))
    bot.open_home(LEAD, event_id="EvHome2")
    [item] = [t for t in home_texts(bot, 2) if "record its evaluation" in t]
    assert (
        item
        == ":dart: *MLS-1* Pilot done of PRJ-1 New product launch was on 2026-11-20: record its evaluation."
    )
    view = open_evaluation(bot)
    bot.submit_view(view, {"actual": "11.6", "result": "met"}, user=LEAD)
    assert not any("record its evaluation" in t for t in home_texts(bot, 3))
