"""Minutes and coordination meetings through signed requests: the request for minutes at the
first nudge time after the meeting (once), the minutes form turning lines into PRB-n (all or
nothing), the minutes in the agenda's threads; **Call a coordination meeting** from a blocked
measure in the sync prompt, pre-filling the form, with its agenda going out at once."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tests import weekly_factories as lf
from tests.harness import LEAD, OWNER, Bot
from tests.meetings import world as mw
from tests.meetings.world import sh

FRIDAY_MEETING = "2026-11-20 15:00"  # Friday afternoon: the minutes are asked for on Monday 09:30


def held_meeting(bot: Bot) -> dict[str, str]:
    """MTG-1 added by LEAD, its agenda posted; the ts of the agenda per channel."""
    mw.charter_world(bot)
    bot.clock.set(sh(2026, 11, 16, 10, 0))
    bot.command(f'meeting add PRJ-1 kickoff at="{FRIDAY_MEETING}"', user=LEAD)
    lf.run(bot.jobs(), "agendas", sh(2026, 11, 17, 9, 30), clock=bot.clock)
    return {a.channel_id: a.ts for a in mw.agenda_messages(bot)}


def minutes_asks(bot: Bot) -> list[Any]:
    return [c for c in lf.ok_posts(bot.fake, LEAD) if "Please write its minutes" in str(c.params["text"])]


def test_whoever_added_the_meeting_is_asked_for_minutes_once_at_the_next_nudge_time(bot: Bot) -> None:
    held_meeting(bot)
    jobs = bot.jobs()
    # Friday after the meeting, Saturday and Sunday: no nudge time yet
    lf.run(jobs, "agendas", sh(2026, 11, 20, 16, 0), clock=bot.clock)
    assert lf.run(jobs, "agendas", sh(2026, 11, 22, 10, 0), clock=bot.clock) is None
    assert minutes_asks(bot) == []
    lf.run(jobs, "agendas", sh(2026, 11, 23, 9, 30), clock=bot.clock)
    lf.run(jobs, "agendas", sh(2026, 11, 23, 11, 0), clock=bot.clock)
    lf.run(bot.jobs(), "agendas", sh(2026, 11, 24, 9, 30), clock=bot.clock)
    [ask] = minutes_asks(bot)
    assert ask.params["text"] == (
        ":memo: *MTG-1* (Kickoff (沟通会议) of PRJ-1 New product launch, 2026-11-20 15:00 (Asia/Shanghai)) is over. "
        "Please write its minutes: attendees, decisions and the problems raised."
    )
    assert lf.buttons(ask.params) == [("mtg_minutes", "1")]


def open_minutes(bot: Bot) -> dict[str, Any]:
    bot.button("mtg_minutes", "1", user=LEAD, channel="D" + LEAD)
    view = bot.opened_view()
    assert view["callback_id"] == "collab_meeting_minutes"
    assert [b["block_id"] for b in view["blocks"] if b["type"] == "input"] == [
        "attendees",
        "decisions",
        "problems",
    ]
    return view


def test_minutes_turn_each_line_into_a_problem_and_go_into_the_agendas_threads(bot: Bot) -> None:
    agenda_ts = held_meeting(bot)
    bot.clock.set(sh(2026, 11, 23, 9, 40))
    view = open_minutes(bot)
    # a line that cannot be read: shown back, nothing saved
    bad = bot.submit_view(
        view,
        {
            "attendees": [LEAD, OWNER],
            "decisions": "Ship on the 30th",
            "problems": "process: approvals take two weeks\nweather is bad",
        },
        user=LEAD,
    ).json()
    assert bad["response_action"] == "errors"
    assert bad["errors"]["problems"].startswith('Line 2 "weather is bad": write <category>: <description>')
    assert len(bad["errors"]["problems"]) <= 150
    assert [p.ref for p in mw.problems(bot)] == ["PRB-1"] and mw.meeting_problems(bot) == []
    assert mw.meeting(bot, 1).minutes_at is None
    # an unknown category is no better
    unknown = bot.submit_view(view, {"problems": "budget: too small"}, user=LEAD).json()
    assert unknown["errors"]["problems"].startswith('Line 1 "budget: too small"')
    # both languages' category words, straight or full-width colon
    ok = bot.submit_view(
        view,
        {
            "attendees": [LEAD, OWNER],
            "decisions": "Ship on the 30th",
            "problems": "process: approvals take two weeks\n\n信息传递：周报没人看 <!here>",
        },
        user=LEAD,
    )
    assert ok.status == 200
    raised = mw.problems(bot)[1:]
    assert [(p.ref, p.category, p.description, p.project_id, p.created_by) for p in raised] == [
        ("PRB-2", "process", "approvals take two weeks", 1, LEAD),
        ("PRB-3", "info", "周报没人看 <!here>", 1, LEAD),
    ]
    assert sorted(mp.problem_id for mp in mw.meeting_problems(bot)) == [p.id for p in raised]
    m = mw.meeting(bot, 1)
    assert (m.attendee_ids, m.decisions, m.minutes_by) == ([LEAD, OWNER], "Ship on the 30th", LEAD)
    threads = bot.fake.wait_for(
        "chat.postMessage", count=2, predicate=lambda c: bool(c.params.get("thread_ts"))
    )
    assert sorted((c.params["channel"], c.params["thread_ts"]) for c in threads) == sorted(agenda_ts.items())
    text = lf.all_text(threads[0].params)
    assert "*Attendees:* <@ULEAD> <@UOWNER>" in text and "Ship on the 30th" in text
    assert "• *PRB-2* [流程机制 Process/mechanism] approvals take two weeks" in text
    assert "• *PRB-3* [信息传递 Information flow] 周报没人看 &lt;!here&gt;" in text
    [confirm] = bot.fake.wait_for("chat.postEphemeral")
    assert (
        confirm.params["text"]
        == ":white_check_mark: Minutes of *MTG-1* saved. Problems logged: PRB-2, PRB-3."
    )
    # once written, nobody is asked for them any more
    lf.run(bot.jobs(), "agendas", sh(2026, 11, 23, 9, 45), clock=bot.clock)
    assert minutes_asks(bot) == []
    # `meeting minutes MTG-1` opens the same form at any time, with what was written
    bot.send_command("meeting minutes MTG-1", user=OWNER)
    again = bot.opened_view()
    assert again["callback_id"] == "collab_meeting_minutes"
    blocks = {b.get("block_id"): b for b in again["blocks"]}
    assert blocks["attendees"]["element"]["initial_users"] == [LEAD, OWNER]
    assert blocks["decisions"]["element"]["initial_value"] == "Ship on the 30th"
    assert "Already logged from these minutes: PRB-2, PRB-3." in lf.all_text(again)


def test_minutes_can_be_written_before_the_meeting(bot: Bot) -> None:
    held_meeting(bot)
    bot.send_command("meeting minutes MTG-1", user=LEAD)
    view = bot.opened_view()
    assert (
        bot.submit_view(view, {"problems": "roles: nobody owns the launch checklist"}, user=LEAD).status
        == 200
    )
    bot.fake.wait_for("chat.postEphemeral")
    assert [(p.ref, p.category) for p in mw.problems(bot)] == [("PRB-1", "process"), ("PRB-2", "roles")]


# ---------------------------------------------------------------- a coordination meeting


def test_a_blocked_measure_calls_a_coordination_meeting_whose_agenda_goes_out_at_once(bot: Bot) -> None:
    world = mw.charter_world(bot)
    lf.measure(bot, world, "Shared release calendar", due=date(2026, 11, 30), status="blocked")  # MSR-1
    lf.measure(bot, world, "Weekly sync", dept=world.rnd)  # MSR-2, not blocked
    friday = sh(2026, 11, 20, 17, 0)
    [prompt_ts] = lf.post_prompt(bot, friday)
    [prompt] = lf.ok_posts(bot.fake, lf.SALES_CHANNEL)
    assert ("mtg_call", "1") in lf.buttons(prompt.params)
    [rnd_prompt] = lf.ok_posts(bot.fake, lf.RND_CHANNEL)
    assert "mtg_call" not in [a for a, _ in lf.buttons(rnd_prompt.params)]
    bot.clock.set(friday + timedelta(minutes=5))
    bot.button("mtg_call", "1", user=OWNER, channel=lf.SALES_CHANNEL, message_ts=prompt_ts)
    view = bot.opened_view()
    assert view["callback_id"] == "collab_meeting_add"
    blocks = {b.get("block_id"): b["element"] for b in view["blocks"] if b["type"] == "input"}
    assert blocks["project"]["initial_option"]["value"] == "1"
    assert blocks["kind"]["initial_option"]["value"] == "adhoc"
    assert [o["value"] for o in blocks["depts"]["initial_options"]] == [str(world.sales.id)]
    assert blocks["topics"]["initial_value"] == "MSR-1 Shared release calendar"
    submitted = bot.submit_view(
        view,
        {
            "project": "1",
            "kind": "adhoc",
            "date": "2026-11-23",
            "time": "10:00",
            "depts": [str(world.sales.id)],
            "topics": "MSR-1 Shared release calendar",
        },
        user=OWNER,
    )
    assert submitted.status == 200
    [agenda] = bot.fake.wait_for(
        "chat.postMessage",
        predicate=lambda c: c.params["channel"] == lf.SALES_CHANNEL and "Agenda — MTG-1" in c.params["text"],
    )
    text = lf.all_text(agenda.params)
    assert "Ad-hoc coordination (临时沟通会)" in text
    assert "*Blocked or overdue measures*" in text and "*MSR-1* Shared release calendar" in text
    assert "MSR-2" not in text
    [confirm] = bot.fake.wait_for("chat.postEphemeral")
    assert confirm.params["text"].endswith("The agenda is out now.")
    [m] = mw.all_meetings(bot)
    assert (m.kind, m.created_by, m.measure_id) == ("adhoc", OWNER, lf.measure_id(bot.db, 1))
    lf.quiet_for(bot.fake, 0.2)
    about = [
        c.params["channel"] for c in bot.fake.calls_to("chat.postMessage") if "MTG-1" in c.params["text"]
    ]
    assert sorted(about) == sorted(
        [lf.SALES_CHANNEL, "D" + world.sales.head_user_id]
    )  # only Sales is invited
