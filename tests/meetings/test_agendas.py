"""Meetings through signed requests against the fake Slack: `meeting add|list`, the agenda's
timing (`jobs run agendas`, the scheduler's tick), exactly once (re-runs, two concurrent runs),
Add a need (the agenda kept current), and the bad input `meeting add` refuses."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from storage.models import Delivery
from tests import factories
from tests import weekly_factories as lf
from tests.harness import HEAD, LEAD, OTHER, Bot
from tests.meetings import world as mw
from tests.meetings.world import sh

MONDAY = sh(2026, 11, 16, 10, 0)  # the meeting is added; it is on Friday 2026-11-20 10:00
AGENDA = sh(2026, 11, 17, 9, 30)  # Tuesday: 3 days before, at the nudge time (Shanghai)


def add_kickoff(bot: Bot, *, user: str = LEAD, at: str = "2026-11-20 10:00") -> dict[str, Any]:
    return bot.command(
        f'meeting add PRJ-1 kickoff at="{at}" "Launch kickoff" topics="Scope; Dates"', user=user
    )


def agenda_posts(bot: Bot, channel: str) -> list[Any]:
    return [c for c in lf.ok_posts(bot.fake, channel) if "Agenda — MTG-1" in str(c.params.get("text"))]


def test_the_kickoff_agenda_goes_out_three_days_before_at_the_nudge_time_once(bot: Bot) -> None:
    mw.charter_world(bot)
    bot.clock.set(MONDAY)
    reply = add_kickoff(bot)
    assert reply["text"] == (
        ":white_check_mark: *MTG-1* Kickoff (沟通会议) of PRJ-1 on 2026-11-20 10:00 (Asia/Shanghai) — R&amp;D, Sales. "
        "The agenda goes out 2026-11-17 09:30 (Asia/Shanghai)."
    )
    [m] = mw.all_meetings(bot)
    assert (m.ref, m.kind, m.title, m.topic_list, m.created_by) == (
        "MTG-1",
        "kickoff",
        "Launch kickoff",
        ["Scope", "Dates"],
        LEAD,
    )
    assert m.starts_at == datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
    jobs = bot.jobs()
    # a minute early (Shanghai time; 01:29 UTC): nothing yet
    run = lf.run(jobs, "agendas", AGENDA - timedelta(minutes=1), clock=bot.clock)
    assert run.targets == 0 and bot.fake.calls_to("chat.postMessage") == []
    run = lf.run(jobs, "agendas", AGENDA, clock=bot.clock)
    assert (run.targets, len(run.report.sent)) == (4, 4)  # 2 channels, 2 heads
    for channel in (lf.SALES_CHANNEL, lf.RND_CHANNEL):
        [post] = agenda_posts(bot, channel)
        text = lf.all_text(post.params)
        assert "Agenda — MTG-1 Kickoff (沟通会议): Launch kickoff" in text
        assert "PRJ-1 New product launch · :calendar: 2026-11-20 10:00 (Asia/Shanghai)" in text
        assert "Metric: *user conversion* — baseline 10% → target 11.5%" in text
        assert "• *Sales* — Owns the launch plan" in text and "• *R&amp;D* — Ships the build" in text
        assert "• Scope\n• Dates" in text
        assert "• *RSK-1* Vendor is late — Second vendor on standby" in text
        assert "Practices" not in text and "Blocked or overdue" not in text  # no practices kept yet
        assert lf.buttons(post.params) == [("mtg_need", "1")]
    for head, channel in ((HEAD, lf.SALES_CHANNEL), (lf.RND_HEAD, lf.RND_CHANNEL)):
        [dm] = lf.ok_posts(bot.fake, head)
        assert (
            f"The agenda of *MTG-1* (Kickoff (沟通会议), 2026-11-20 10:00 (Asia/Shanghai)) is in <#{channel}>"
            in (lf.all_text(dm.params))
        )
    assert sorted((a.channel_id, a.department_id) for a in mw.agenda_messages(bot)) == sorted(
        [(lf.SALES_CHANNEL, 1), (lf.RND_CHANNEL, 2)]
    )
    # however often it runs — by hand or by the scheduler — nothing goes out twice
    lf.run(jobs, "agendas", AGENDA + timedelta(hours=2), clock=bot.clock)
    lf.run(bot.jobs(), "agendas", AGENDA + timedelta(days=1), clock=bot.clock)
    bot.clock.set(AGENDA + timedelta(minutes=1))
    bot.jobs().tick(AGENDA + timedelta(minutes=1))
    assert len(bot.fake.calls_to("chat.postMessage")) == 4
    keys = sorted((d.kind, d.target, d.period, d.state) for d in factories.all_rows(bot.db, Delivery))
    assert keys == [
        ("agenda", "mtg:1:dept:1:CSALES", "MTG-1", "sent"),
        ("agenda", "mtg:1:dept:2:CRND", "MTG-1", "sent"),
        ("agenda_dm", f"mtg:1:head:{HEAD}", "MTG-1", "sent"),
        ("agenda_dm", f"mtg:1:head:{lf.RND_HEAD}", "MTG-1", "sent"),
    ]


def test_the_scheduler_sends_the_agenda_at_the_nudge_time(bot: Bot) -> None:
    mw.charter_world(bot, nudge_time="08:45")
    bot.clock.set(MONDAY)
    add_kickoff(bot)
    jobs = bot.jobs()
    for at in (sh(2026, 11, 17, 8, 44), sh(2026, 11, 16, 23, 0)):
        bot.clock.set(at)
        jobs.tick(at)
    assert bot.fake.calls_to("chat.postMessage") == []
    at = sh(2026, 11, 17, 8, 45)
    bot.clock.set(at)
    assert [(r.job, r.period, r.targets) for r in jobs.tick(at) if r.job == "agendas"] == [
        ("agendas", "2026-11-17", 4)
    ]
    assert len(agenda_posts(bot, lf.SALES_CHANNEL)) == 1


def test_an_agenda_day_off_moves_to_the_working_day_before(bot: Bot) -> None:
    mw.charter_world(bot)
    bot.clock.set(sh(2026, 11, 18, 10, 0))  # Wednesday
    # Tuesday 24th: 3 days before is Saturday 21st — the agenda goes out on Friday 20th
    reply = add_kickoff(bot, at="2026-11-24 10:00")
    assert reply["text"].endswith("The agenda goes out 2026-11-20 09:30 (Asia/Shanghai).")
    jobs = bot.jobs()
    assert lf.run(jobs, "agendas", sh(2026, 11, 21, 9, 30), clock=bot.clock) is None  # Saturday: no run
    lf.run(jobs, "agendas", sh(2026, 11, 20, 9, 30), clock=bot.clock)
    assert len(agenda_posts(bot, lf.SALES_CHANNEL)) == 1


def test_agenda_days_is_a_setting(bot: Bot) -> None:
    mw.charter_world(bot)
    bot.clock.set(MONDAY)
    reply = bot.command("config agenda_days=1")
    assert "• agenda_days = `1` days" in reply["text"]
    assert add_kickoff(bot)["text"].endswith("The agenda goes out 2026-11-19 09:30 (Asia/Shanghai).")
    bad = bot.command("config agenda_days=99")
    assert "agenda_days" in bad["text"] and "30" in bad["text"]
    assert factories.get_workspace(bot.db).agenda_days == 1  # type: ignore[union-attr]


def test_a_meeting_added_later_than_its_agenda_day_gets_its_agenda_at_once(bot: Bot) -> None:
    mw.charter_world(bot)
    bot.clock.set(sh(2026, 11, 19, 15, 0))  # Thursday afternoon, for a meeting on Friday morning
    reply = add_kickoff(bot)
    assert reply["text"].endswith("The agenda is out now.")
    assert len(agenda_posts(bot, lf.SALES_CHANNEL)) == 1 and len(agenda_posts(bot, lf.RND_CHANNEL)) == 1
    assert len(lf.ok_posts(bot.fake, HEAD)) == 1
    # the job finds it already sent
    run = lf.run(bot.jobs(), "agendas", sh(2026, 11, 20, 9, 30), clock=bot.clock)
    assert (run.targets, run.report.sent, len(run.report.already)) == (4, [], 4)
    assert len(bot.fake.calls_to("chat.postMessage")) == 4


def test_two_concurrent_runs_post_each_agenda_once(bot: Bot) -> None:
    mw.charter_world(bot)
    bot.clock.set(MONDAY)
    for day in (20, 21):  # two meetings: 4 + 4 posts
        add_kickoff(bot, at=f"2026-11-{day} 10:00")
    bot.clock.set(sh(2026, 11, 18, 9, 30))
    runners = [bot.jobs(owner=f"host-{i}:1:x") for i in range(2)]
    barrier = threading.Barrier(2)
    runs: list[Any] = []

    def go(jobs: Any) -> None:
        barrier.wait()
        runs.extend(jobs.run_job("agendas", at=sh(2026, 11, 18, 9, 30)))

    threads = [threading.Thread(target=go, args=(j,)) for j in runners]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sum(len(r.report.sent) for r in runs) == 8
    for channel in (lf.SALES_CHANNEL, lf.RND_CHANNEL):
        texts = [str(c.params["text"]) for c in lf.ok_posts(bot.fake, channel)]
        assert sorted(t.split(" ")[2] for t in texts) == ["MTG-1", "MTG-2"], texts
    assert len(bot.fake.calls_to("chat.postMessage")) == 8


def test_a_crashed_agenda_post_is_reconciled_not_repeated(bot: Bot) -> None:
    """A process died after Slack took the agenda but before it was recorded: the next run finds
    it in the channel's history (its metadata) and does not post it again."""
    mw.charter_world(bot)
    bot.clock.set(sh(2026, 11, 19, 8, 0))
    add_kickoff(bot, at="2026-11-22 10:00")  # the agenda is due today at 09:30: not yet
    assert bot.fake.calls_to("chat.postMessage") == []
    real = lf.real_now()
    claim = lf.claim_row(
        bot.db,
        kind="agenda",
        target="mtg:1:dept:1:CSALES",
        period="MTG-1",
        created_at=real - timedelta(minutes=1),
        lease_until=real - timedelta(seconds=1),
    )
    bot.fake.add_message(
        lf.SALES_CHANNEL,
        "Agenda — MTG-1 (posted by a process that died)",
        user=bot.fake.bot_user_id,
        bot_id="B1",
        metadata={
            "event_type": "collab_delivery",
            "event_payload": {"key": "agenda:mtg:1:dept:1:CSALES:MTG-1", "part": 1},
        },
    )
    run = lf.run(bot.jobs(), "agendas", sh(2026, 11, 19, 9, 30), clock=bot.clock)
    assert "agenda:mtg:1:dept:1:CSALES:MTG-1" in run.report.reconciled
    assert lf.ok_posts(bot.fake, lf.SALES_CHANNEL) == []
    assert len(agenda_posts(bot, lf.RND_CHANNEL)) == 1
    assert claim.id is not None
    [row] = [d for d in factories.all_rows(bot.db, Delivery) if d.id == claim.id]
    assert row.state == "sent"


# ---------------------------------------------------------------- needs


def post_agenda(bot: Bot) -> dict[str, str]:
    """MTG-1's agenda posted; the ts of each channel's message."""
    mw.charter_world(bot)
    bot.clock.set(MONDAY)
    add_kickoff(bot)
    lf.run(bot.jobs(), "agendas", AGENDA, clock=bot.clock)
    return {a.channel_id: a.ts for a in mw.agenda_messages(bot)}


def test_a_need_added_shows_on_every_agenda_message(bot: Bot) -> None:
    ts = post_agenda(bot)
    bot.button("mtg_need", "1", user=HEAD, channel=lf.SALES_CHANNEL, message_ts=ts[lf.SALES_CHANNEL])
    view = bot.opened_view()
    assert view["callback_id"] == "collab_meeting_need"
    [dept_block] = [b for b in view["blocks"] if b.get("block_id") == "dept"]
    assert [o["text"]["text"] for o in dept_block["element"]["options"]] == ["R&D", "Sales"]
    # an empty need is refused under its field
    blank = bot.submit_view(view, {"dept": "1", "text": "   "}, user=HEAD).json()
    assert blank == {"response_action": "errors", "errors": {"text": "Write the need or expectation."}}
    assert mw.needs(bot) == []
    assert (
        bot.submit_view(
            view, {"dept": "1", "text": "<!channel> the launch brief by Wednesday"}, user=HEAD
        ).status
        == 200
    )
    updates = bot.fake.wait_for("chat.update", count=2)
    assert sorted((u.params["channel"], u.params["ts"]) for u in updates) == sorted(ts.items())
    for channel, stamp in ts.items():
        msg = bot.fake.message(channel, stamp)
        assert msg is not None
        text = lf.all_text(msg)
        assert "• *Sales*: &lt;!channel&gt; the launch brief by Wednesday (<@UHEAD>)" in text
        assert "<!channel>" not in text
    [need] = mw.needs(bot)
    assert (need.department_id, need.text, need.created_by) == (
        1,
        "<!channel> the launch brief by Wednesday",
        HEAD,
    )
    [confirm] = bot.fake.wait_for("chat.postEphemeral")
    assert confirm.params["text"] == ":white_check_mark: Need of *Sales* added to MTG-1; the agenda shows it."


def test_the_need_button_in_a_heads_dm_works_too(bot: Bot) -> None:
    post_agenda(bot)
    [dm] = lf.ok_posts(bot.fake, lf.RND_HEAD)
    assert lf.buttons(dm.params) == [("mtg_need", "1")]
    bot.button("mtg_need", "1", user=lf.RND_HEAD, channel="D" + lf.RND_HEAD)
    view = bot.opened_view()
    bot.submit_view(view, {"dept": "2", "text": "Freeze the scope"}, user=lf.RND_HEAD)
    bot.fake.wait_for("chat.update", count=2)
    assert [n.text for n in mw.needs(bot)] == ["Freeze the scope"]


# ---------------------------------------------------------------- listing and bad input


def test_meeting_list(bot: Bot) -> None:
    mw.charter_world(bot)
    bot.clock.set(MONDAY)
    assert bot.command("meeting list")["text"].startswith("No meetings yet.")
    add_kickoff(bot)
    bot.command('meeting add PRJ-1 adhoc at="2026-11-25 15:00" depts=Sales')
    text = lf.all_text(bot.command("meeting list PRJ-1"))
    assert (
        "*MTG-1* Kickoff (沟通会议) “Launch kickoff” — PRJ-1 New product launch · 2026-11-20 10:00 (Asia/Shanghai) · 2 dept"
        in text
    )
    assert (
        "*MTG-2* Ad-hoc coordination (临时沟通会) — PRJ-1 New product launch · 2026-11-25 15:00 (Asia/Shanghai) · 1 dept"
        in text
    )
    assert "There is no PRJ-7" in bot.command("meeting list PRJ-7")["text"]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        (
            'meeting add PRJ-1 kickoff at="2026-11-13 10:00"',
            "at=2026-11-13 10:00 is in the past (it is now 2026-11-16 10:00)",
        ),
        ('meeting add PRJ-1 kickoff at="next friday"', 'at="next friday" is not a time'),
        ('meeting add PRJ-1 kickoff at="2026-02-30 10:00"', 'at="2026-02-30 10:00" is not a time'),
        (
            'meeting add PRJ-1 kickoff at="2026-11-20 10:00" depts=Sales,Legal',
            'There is no department called "Legal"',
        ),
        ('meeting add PRJ-9 kickoff at="2026-11-20 10:00"', "There is no PRJ-9 in this workspace"),
        ('meeting add PRB-1 kickoff at="2026-11-20 10:00"', "is not a project reference"),
        ('meeting add PRJ-1 party at="2026-11-20 10:00"', '"party" is not a kind of meeting'),
        ("meeting add PRJ-1 kickoff", "missing at="),
        ("meeting minutes MTG-4", "There is no MTG-4 in this workspace"),
        ("meeting minutes PRJ-1", "is not a meeting reference"),
    ],
)
def test_meeting_add_refuses_bad_input_and_stores_nothing(bot: Bot, text: str, error: str) -> None:
    mw.charter_world(bot)
    bot.clock.set(MONDAY)
    reply = bot.command(text)
    assert reply["text"].startswith(":warning: ") and error in reply["text"], reply["text"]
    assert mw.all_meetings(bot) == []
    assert bot.fake.calls_to("chat.postMessage") == [] and bot.fake.calls_to("views.open") == []


def test_another_workspaces_project_is_not_found(bot: Bot) -> None:
    mw.charter_world(bot)
    other = factories.department(bot.db, "Ops", team="T2", channel="COPS")
    factories.project(bot.db, "Theirs", depts=[other], team="T2")  # their PRJ-1
    factories.project(bot.db, "Theirs too", depts=[other], team="T2")  # their PRJ-2
    bot.clock.set(MONDAY)
    reply = bot.command('meeting add PRJ-2 kickoff at="2026-11-20 10:00"')
    assert "There is no PRJ-2 in this workspace" in reply["text"]
    assert mw.all_meetings(bot) == []


def test_a_project_without_departments_needs_depts(bot: Bot) -> None:
    lf.loop_world(bot, tz="Asia/Shanghai")
    factories.project(bot.db, "Lonely")  # PRJ-2, no departments
    bot.clock.set(MONDAY)
    reply = bot.command('meeting add PRJ-2 adhoc at="2026-11-20 10:00"')
    assert "PRJ-2 has no departments — name them with depts=" in reply["text"]
    ok = bot.command('meeting add PRJ-2 adhoc at="2026-11-20 10:00" depts=Sales')
    assert ok["text"].startswith(":white_check_mark: *MTG-1* Ad-hoc coordination")
    assert [m.ref for m in mw.all_meetings(bot)] == ["MTG-1"]


# ---------------------------------------------------------------- the form


def test_meeting_form_opens_stores_and_defaults_to_the_projects_departments(bot: Bot) -> None:
    mw.charter_world(bot)
    bot.clock.set(MONDAY)
    bot.send_command("meeting add", user=OTHER)
    view = bot.opened_view()
    assert view["callback_id"] == "collab_meeting_add"
    inputs = [b["block_id"] for b in view["blocks"] if b["type"] == "input"]
    assert inputs == ["project", "kind", "title", "date", "time", "depts", "topics"]
    past = bot.submit_view(
        view, {"project": "1", "kind": "kickoff", "date": "2026-11-16", "time": "09:00"}, user=OTHER
    )
    assert past.json() == {"response_action": "errors", "errors": {"time": "This time is in the past."}}
    assert mw.all_meetings(bot) == []
    ok = bot.submit_view(
        view,
        {"project": "1", "kind": "kickoff", "date": "2026-11-27", "time": "14:30", "topics": "Scope\nRisks"},
        user=OTHER,
    )
    assert ok.status == 200
    [confirm] = bot.fake.wait_for("chat.postEphemeral")
    assert confirm.params["text"].startswith(
        ":white_check_mark: *MTG-1* Kickoff (沟通会议) of PRJ-1 on 2026-11-27 14:30 (Asia/Shanghai) — R&amp;D, Sales."
    )
    [m] = mw.all_meetings(bot)
    assert (m.created_by, m.topic_list, m.starts_at) == (
        OTHER,
        ["Scope", "Risks"],
        datetime(2026, 11, 27, 6, 30, tzinfo=UTC),
    )
    assert bot.fake.calls_to("chat.postMessage") == []  # the agenda waits for its day


def test_user_text_in_an_agenda_never_pings(bot: Bot) -> None:
    mw.charter_world(bot)
    bot.clock.set(sh(2026, 11, 19, 15, 0))
    bot.command(
        'meeting add PRJ-1 adhoc at="2026-11-20 10:00" "Sync &lt;!channel&gt;" topics="&lt;!here&gt; dates"',
        user=LEAD,
    )
    [post] = agenda_posts(bot, lf.SALES_CHANNEL)
    mrkdwn = [b for b in post.params["blocks"] if b["type"] != "header"]  # a header is plain text
    for text in (str(post.params["text"]), lf.all_text({"blocks": mrkdwn})):
        assert "<!channel>" not in text and "<!here>" not in text
    assert post.params["text"] == "Agenda — MTG-1 Ad-hoc coordination (临时沟通会): Sync &lt;!channel&gt;"
    assert "• &lt;!here&gt; dates" in lf.all_text(post.params)
