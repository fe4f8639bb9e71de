"""The scheduled jobs against the fake Slack and a real database: when they fire, what they post,
exactly once per target and period, and what happens when a channel or a user is broken."""

from __future__ import annotations

import re
import threading
import time
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from domain.schedule import iso_week
from services.jobs import plans
from services.jobs.delivery import METADATA_EVENT, Post, Report
from storage.db import transaction
from storage.models import ProcessedEvent
from tests import weekly_factories as lf
from tests.harness import ADMIN, HEAD, LEAD, OWNER, TEAM, Bot
from tests.slacktext import body, sections
from ui.blocks import text_message

MIN = timedelta(minutes=1)
SEC = timedelta(seconds=1)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def tick(bot: Bot, jobs: lf.Jobs, at: datetime) -> list[tuple[str, str]]:
    """The weekly loop's runs of a tick (agendas, milestones, retros: tested on their own)."""
    bot.clock.set(at)
    return [(r.job, r.period) for r in jobs.tick(at) if r.job not in ("agendas", "milestones", "retros")]


# ================================================================ when the sync prompt fires

# Friday 17:00 local, in UTC: New York around both DST changes, Berlin, Shanghai.
FRIDAYS = [
    pytest.param("America/New_York", utc(2026, 3, 6, 22, 0), id="ny-before-spring-change"),
    pytest.param("America/New_York", utc(2026, 3, 13, 21, 0), id="ny-after-spring-change"),
    pytest.param("America/New_York", utc(2026, 10, 30, 21, 0), id="ny-before-autumn-change"),
    pytest.param("America/New_York", utc(2026, 11, 6, 22, 0), id="ny-after-autumn-change"),
    pytest.param("Europe/Berlin", utc(2026, 3, 27, 16, 0), id="berlin-winter"),
    pytest.param("Europe/Berlin", utc(2026, 4, 3, 15, 0), id="berlin-summer"),
    pytest.param("Asia/Shanghai", utc(2026, 11, 20, 9, 0), id="shanghai"),
]


@pytest.mark.parametrize(("tz", "friday_1700"), FRIDAYS)
def test_tick_posts_the_sync_prompt_at_friday_1700_local_once(
    bot: Bot, tz: str, friday_1700: datetime
) -> None:
    world = lf.loop_world(bot, tz=tz)
    lf.measure(bot, world, due=date(2027, 6, 30))
    jobs = bot.jobs()
    week = iso_week(friday_1700.astimezone(ZoneInfo(tz)).date())

    assert tick(bot, jobs, friday_1700 - MIN) == []
    assert lf.ok_posts(bot.fake, lf.SALES_CHANNEL) == []
    assert lf.deliveries(bot.db) == []

    assert tick(bot, jobs, friday_1700) == [("weekly-sync", week)]
    [post] = lf.ok_posts(bot.fake, lf.SALES_CHANNEL)
    assert post.params["text"] == f"Weekly sync — Sales ({week})"
    assert lf.delivery_keys(bot.db) == [("sync", lf.sync_target(world.sales), week, "sent")]

    # later ticks in the catch-up window, and a restarted process (fresh memory), add nothing
    assert tick(bot, jobs, friday_1700 + timedelta(hours=3)) == []
    restarted = bot.jobs()
    runs = restarted.tick(friday_1700 + timedelta(hours=6))
    assert [(r.job, len(r.report.sent), len(r.report.already)) for r in runs] == [("weekly-sync", 0, 1)]
    assert len(lf.ok_posts(bot.fake, lf.SALES_CHANNEL)) == 1
    assert len(lf.top_level(bot.fake, lf.SALES_CHANNEL)) == 1
    assert lf.delivery_keys(bot.db) == [("sync", lf.sync_target(world.sales), week, "sent")]


@pytest.mark.parametrize(
    ("offset", "fires"),
    [
        (-SEC, False),
        (timedelta(0), True),
        (timedelta(hours=5, minutes=59), True),
        (timedelta(hours=6), True),
        (timedelta(hours=6) + SEC, False),
    ],
    ids=["16:59:59", "17:00", "22:59", "23:00", "23:00:01"],
)
@pytest.mark.parametrize(
    ("tz", "friday_1700"),
    [
        pytest.param("America/New_York", utc(2026, 3, 13, 21, 0), id="ny"),
        pytest.param("Asia/Shanghai", utc(2026, 11, 20, 9, 0), id="shanghai"),
    ],
)
def test_catch_up_window_after_a_late_start(
    bot: Bot, tz: str, friday_1700: datetime, offset: timedelta, fires: bool
) -> None:
    """The bot was down at 17:00 and its first tick comes ``offset`` later."""
    world = lf.loop_world(bot, tz=tz)
    lf.measure(bot, world, due=date(2027, 6, 30))
    jobs = bot.jobs()
    runs = tick(bot, jobs, friday_1700 + offset)
    assert [job for job, _ in runs] == (["weekly-sync"] if fires else [])
    assert len(lf.ok_posts(bot.fake, lf.SALES_CHANNEL)) == (1 if fires else 0)
    assert len(lf.deliveries(bot.db, "sync")) == (1 if fires else 0)


@pytest.mark.parametrize(
    ("occurrence", "late", "fires"),
    [
        # Sunday 00:30 EST = 05:30Z; the clocks go forward at 02:00, so 6 real hours end at
        # 07:30 EDT (11:30Z), not at 06:30 on the wall clock
        pytest.param(utc(2026, 3, 8, 5, 30), timedelta(hours=6), True, id="spring-6h"),
        pytest.param(utc(2026, 3, 8, 5, 30), timedelta(hours=6) + MIN, False, id="spring-6h01"),
        # Sunday 00:30 EDT = 04:30Z; the clocks go back at 02:00, so 6 real hours end at
        # 05:30 EST (10:30Z), not at 06:30 on the wall clock
        pytest.param(utc(2026, 11, 1, 4, 30), timedelta(hours=6), True, id="autumn-6h"),
        pytest.param(utc(2026, 11, 1, 4, 30), timedelta(hours=6) + MIN, False, id="autumn-6h01"),
    ],
)
def test_catch_up_window_is_six_real_hours_across_a_dst_change(
    bot: Bot, occurrence: datetime, late: timedelta, fires: bool
) -> None:
    world = lf.loop_world(bot, tz="America/New_York")
    lf.measure(bot, world, due=date(2027, 6, 30))
    bot.command('config sync="sun 00:30"')
    runs = tick(bot, bot.jobs(), occurrence + late)
    assert [job for job, _ in runs] == (["weekly-sync"] if fires else [])
    assert len(lf.deliveries(bot.db, "sync")) == (1 if fires else 0)


def test_configured_sync_time_and_digest_time(bot: Bot) -> None:
    world = lf.loop_world(bot, tz="Europe/Berlin")
    lf.measure(bot, world, due=date(2027, 6, 30))
    reply = bot.command('config sync="thu 08:15" digest="tue 18:00"')
    assert "thu 08:15" in reply["text"] and "tue 18:00" in reply["text"]
    jobs = bot.jobs()
    # Thursday 2026-11-19 08:15 CET = 07:15Z; the old Friday 17:00 no longer fires
    assert tick(bot, jobs, utc(2026, 11, 19, 7, 14)) == []
    assert tick(bot, jobs, utc(2026, 11, 19, 7, 15)) == [("weekly-sync", "2026-W47")]
    assert tick(bot, jobs, utc(2026, 11, 20, 16, 0)) == []
    # Tuesday 2026-11-24 18:00 CET = 17:00Z
    assert tick(bot, jobs, utc(2026, 11, 24, 16, 59)) == []
    assert tick(bot, jobs, utc(2026, 11, 24, 17, 0)) == [("digest", "2026-W48")]
    assert len(lf.ok_posts(bot.fake, lf.SALES_CHANNEL)) == 2


# ================================================================ the sync prompt


def test_sync_prompt_lists_open_measures_with_status_buttons(bot: Bot) -> None:
    world = lf.loop_world(bot)
    lf.measure(bot, world, "Late <!channel> measure", due=date(2026, 11, 10))  # MSR-1 overdue
    lf.measure(bot, world, "Doing one", due=date(2026, 12, 1), status="doing")  # MSR-2
    lf.measure(bot, world, "Done one", due=date(2026, 12, 1), status="done")  # MSR-3, not listed
    lf.measure(bot, world, "R&D one", dept=world.rnd, owner=lf.OWNER2)  # MSR-4, R&D's prompt
    at = utc(2026, 11, 20, 17, 0)
    run = lf.run(bot.jobs(), "weekly-sync", at, clock=bot.clock)
    assert sorted(run.report.sent) == sorted(
        [f"sync:{lf.sync_target(world.sales)}:2026-W47", f"sync:{lf.sync_target(world.rnd)}:2026-W47"]
    )

    [post] = lf.ok_posts(bot.fake, lf.SALES_CHANNEL)
    payload = post.params
    assert payload["metadata"] == {
        "event_type": METADATA_EVENT,
        "event_payload": {"key": f"sync:{lf.sync_target(world.sales)}:2026-W47", "part": 1},
    }
    lines = sections(payload)
    assert len(lines) == 2
    assert lines[0].startswith("*MSR-1* Late &lt;!channel&gt; measure\n")
    assert "<@UOWNER>" in lines[0] and "*Due 2026-11-10 (overdue)*" in lines[0] and "Not started" in lines[0]
    assert (
        lines[1].startswith("*MSR-2* Doing one\n") and "In progress" in lines[1] and "overdue" not in lines[1]
    )
    assert lf.buttons(payload) == [
        ("sync_status:1:doing", "1:doing"),
        ("sync_status:1:done", "1:done"),
        ("sync_status:1:blocked", "1:blocked"),
        ("sync_status:2:doing", "2:doing"),
        ("sync_status:2:done", "2:done"),
        ("sync_status:2:blocked", "2:blocked"),
    ]
    assert "MSR-4" not in body(payload)
    [rnd] = lf.ok_posts(bot.fake, lf.RND_CHANNEL)
    assert "*MSR-4*" in body(rnd.params) and "*MSR-1*" not in body(rnd.params)

    # the prompt is stored: thread, message, and the measures it lists
    sales_prompt = next(p for p in lf.prompts(bot.db) if p.channel_id == lf.SALES_CHANNEL)
    assert (sales_prompt.period, sales_prompt.thread_ts) == ("2026-W47", post.response["ts"])
    assert [(m.part, m.ts) for m in lf.prompt_messages(bot.db) if m.prompt_id == sales_prompt.id] == [
        (1, post.response["ts"])
    ]
    listed = {i.measure_id for i in lf.prompt_items(bot.db) if i.prompt_id == sales_prompt.id}
    assert listed == {lf.measure_id(bot.db, 1), lf.measure_id(bot.db, 2)}


def test_department_without_open_measures_gets_no_prompt(bot: Bot) -> None:
    world = lf.loop_world(bot)
    lf.measure(bot, world, status="done")
    run = lf.run(bot.jobs(), "weekly-sync", utc(2026, 11, 20, 17, 0), clock=bot.clock)
    assert run.targets == 0
    assert bot.fake.calls_to("chat.postMessage") == []
    assert lf.deliveries(bot.db) == []


def test_45_open_measures_get_one_prompt_with_the_rest_behind_show_more(bot: Bot) -> None:
    world = lf.loop_world(bot)
    for i in range(45):
        lf.measure(
            bot, world, f"Measure number {i + 1} " + "x" * 400, due=date(2026, 12, 1) + timedelta(days=44 - i)
        )
    at = utc(2026, 11, 20, 17, 0)
    jobs = bot.jobs()
    lf.run(jobs, "weekly-sync", at, clock=bot.clock)
    lf.run(jobs, "weekly-sync", at, clock=bot.clock)

    [post] = lf.ok_posts(bot.fake, lf.SALES_CHANNEL)  # one channel message, not a series
    blocks = post.params["blocks"]
    assert len(blocks) <= 50
    assert post.params["metadata"]["event_payload"]["part"] == 1
    assert post.params["text"] == "Weekly sync — Sales (2026-W47)"
    refs = [line.split("*")[1] for line in sections(post.params)]
    assert refs == [f"MSR-{n}" for n in range(45, 25, -1)]  # the first page, by deadline
    assert lf.buttons(post.params)[-1] == ("sync_more", "2")
    assert blocks[-1]["elements"][0]["text"]["text"] == "Show 25 more"

    # the prompt stands for all 45: a reply about any of them attaches
    [prompt] = lf.prompts(bot.db)
    [message] = lf.prompt_messages(bot.db)
    assert (message.part, message.ts, prompt.thread_ts) == (1, post.response["ts"], post.response["ts"])
    items = [i.measure_id for i in lf.prompt_items(bot.db) if i.message_id == message.id]
    assert items == [lf.measure_id(bot.db, n) for n in range(45, 0, -1)]
    [row] = lf.deliveries(bot.db)
    assert (row.state, row.ts) == ("sent", post.response["ts"])

    # Show more: the next page, to the presser only
    channel_message = {"type": "message", "message_ts": post.response["ts"], "channel_id": lf.SALES_CHANNEL}
    result, url = bot.button("sync_more", "2", user=OWNER, container=channel_message)
    assert result.status == 200
    [page2] = bot.fake.wait_for_response(predicate=lambda r: r["_url"] == url)
    assert page2["response_type"] == "ephemeral" and page2["replace_original"] is False
    assert page2["text"] == "Weekly sync — Sales (2026-W47): 21–40 of 45"
    assert [line.split("*")[1] for line in sections(page2)] == [f"MSR-{n}" for n in range(25, 5, -1)]
    nav = page2["blocks"][-1]["elements"]
    assert [(b["action_id"], b["value"]) for b in nav] == [
        ("sync_more:prev", f"{message.id}:1"),
        ("sync_more:next", f"{message.id}:3"),
    ]
    # Next, on the page: the page turns (it replaces itself)
    on_page = {**channel_message, "is_ephemeral": True}
    result, url = bot.button("sync_more:next", f"{message.id}:3", user=OWNER, container=on_page)
    [page3] = bot.fake.wait_for_response(predicate=lambda r: r["_url"] == url)
    assert page3["replace_original"] is True and page3["text"].endswith("41–45 of 45")
    status_block = page3["blocks"][3]
    assert status_block["block_id"] == f"msr-5|{message.id}:3"
    # a status button on the page changes the measure and draws the page again
    payload_button = status_block["elements"][1]
    assert payload_button["action_id"] == "sync_status:5:done"
    url = bot.fake.new_response_url()
    pressed = {
        "type": "block_actions",
        "team": {"id": TEAM, "domain": "acme"},
        "user": {"id": OWNER, "username": "owner", "team_id": TEAM},
        "api_app_id": "A1",
        "token": "legacy-token",
        "trigger_id": bot.fake.new_trigger_id(),
        "container": on_page,
        "channel": {"id": lf.SALES_CHANNEL, "name": "sales"},
        "response_url": url,
        "actions": [{**payload_button, "block_id": status_block["block_id"], "action_ts": "1.2"}],
    }
    assert bot.interact(pressed).status == 200
    [redrawn] = bot.fake.wait_for_response(predicate=lambda r: r["_url"] == url)
    assert redrawn["replace_original"] is True
    assert "Done" in sections(redrawn)[0] and sections(redrawn)[0].startswith("*MSR-5*")
    assert lf.measure_by_number(bot.db, 5).status == "done"


# ================================================================ exactly once


def test_rerunning_jobs_and_ticks_never_doubles(bot: Bot) -> None:
    world = lf.loop_world(bot)
    lf.measure(bot, world, due=date(2026, 11, 17))  # overdue on Friday: a nudge and an escalation
    lf.measure(bot, world, dept=world.rnd, owner=lf.OWNER2, due=date(2027, 1, 1))
    friday = utc(2026, 11, 20, 17, 0)
    jobs = bot.jobs()
    for _ in range(2):
        for job in ("weekly-sync", "nudges", "digest"):
            lf.run(jobs, job, friday, clock=bot.clock)
    lf.run(bot.jobs(), "weekly-sync", friday + timedelta(hours=1), clock=bot.clock)
    tick(bot, bot.jobs(), friday + timedelta(minutes=10))

    assert len(lf.ok_posts(bot.fake, lf.SALES_CHANNEL)) == 2  # prompt + digest
    assert len(lf.ok_posts(bot.fake, lf.RND_CHANNEL)) == 2
    assert len(lf.ok_posts(bot.fake, OWNER)) == 1
    assert len(lf.ok_posts(bot.fake, HEAD)) == 1
    assert lf.ok_posts(bot.fake, lf.OWNER2) == []
    assert lf.delivery_keys(bot.db) == sorted(
        [
            ("digest", lf.sync_target(world.rnd), "2026-W47", "sent"),
            ("digest", lf.sync_target(world.sales), "2026-W47", "sent"),
            ("escalate", f"user:{HEAD}", "2026-11-20", "sent"),
            ("nudge", f"user:{OWNER}", "2026-11-20", "sent"),
            ("sync", lf.sync_target(world.rnd), "2026-W47", "sent"),
            ("sync", lf.sync_target(world.sales), "2026-W47", "sent"),
        ]
    )
    assert all(d.attempts == 1 and d.ts and d.sent_at is not None for d in lf.deliveries(bot.db))
    assert len(lf.prompts(bot.db)) == 2 and len(lf.prompt_messages(bot.db)) == 2


def test_transient_slack_error_is_retried_at_once_and_posted_once(bot: Bot) -> None:
    world = lf.loop_world(bot)
    lf.measure(bot, world)
    bot.fake.fail_next("chat.postMessage", "internal_error")
    run = lf.run(bot.jobs(), "weekly-sync", utc(2026, 11, 20, 17, 0), clock=bot.clock)
    assert run.report.sent == [f"sync:{lf.sync_target(world.sales)}:2026-W47"]
    calls = bot.fake.posts_to(lf.SALES_CHANNEL)
    assert [c.error for c in calls] == ["internal_error", None]
    assert len(lf.top_level(bot.fake, lf.SALES_CHANNEL)) == 1
    [row] = lf.deliveries(bot.db)
    assert (row.state, row.attempts, row.ts) == ("sent", 2, calls[1].response["ts"])


def test_rate_limited_post_is_retried_after_retry_after_and_posted_once(bot: Bot) -> None:
    world = lf.loop_world(bot)
    lf.measure(bot, world)
    bot.fake.rate_limit_next("chat.postMessage", retry_after=1)
    run = lf.run(bot.jobs(), "weekly-sync", utc(2026, 11, 20, 17, 0), clock=bot.clock)
    assert run.report.sent == [f"sync:{lf.sync_target(world.sales)}:2026-W47"]
    calls = bot.fake.posts_to(lf.SALES_CHANNEL)
    assert [c.status for c in calls] == [429, 200]
    assert calls[1].at - calls[0].at >= 0.9  # waited out Retry-After
    assert len(lf.top_level(bot.fake, lf.SALES_CHANNEL)) == 1
    [row] = lf.deliveries(bot.db)
    assert (row.state, row.attempts) == ("sent", 1)
    assert bot.fake.rate_limited_count == 1


def test_a_retry_after_longer_than_the_lease_does_not_let_another_process_post_again(bot: Bot) -> None:
    """The holder waits out a 429 for longer than its lease. It is alive, so it keeps renewing
    the lease; a second process running the job meanwhile finds the claim held."""
    world = lf.loop_world(bot)
    lf.measure(bot, world)
    at = utc(2026, 11, 20, 17, 0)
    bot.clock.set(at)
    bot.fake.rate_limit_next("chat.postMessage", retry_after=6)
    holder = bot.jobs(lease=timedelta(seconds=3), owner="holder")  # renewed every second
    runs: list[Any] = []
    thread = threading.Thread(target=lambda: runs.extend(holder.run_job("weekly-sync", at=at)))
    thread.start()
    bot.fake.wait_for("chat.postMessage", predicate=lambda c: c.status == 429)
    lf.wait_until(
        lambda: bot.fake.calls_to("chat.postMessage")[0].at + 4 <= time.monotonic(),
        what="well past the lease after the 429",
    )
    [other] = bot.jobs(lease=timedelta(seconds=3), owner="other").run_job("weekly-sync", at=at)
    thread.join(timeout=15)
    assert [len(other.report.sent), len(other.report.already)] == [0, 1]
    [run] = runs
    assert run.report.sent == [f"sync:{lf.sync_target(world.sales)}:2026-W47"]
    assert [c.status for c in bot.fake.posts_to(lf.SALES_CHANNEL)] == [429, 200]
    assert len(lf.top_level(bot.fake, lf.SALES_CHANNEL)) == 1
    [row] = lf.deliveries(bot.db)
    assert (row.state, row.claimed_by, row.attempts) == ("sent", "holder", 1)


# ---------------------------------------------------------------- crash windows


def dead_sync_claim(bot: Bot, world: lf.LoopWorld) -> str:
    """Sales' sync claim for 2026-W47 as a crashed process leaves it (lease run out); its key."""
    real = lf.real_now()
    lf.claim_row(
        bot.db,
        kind="sync",
        target=lf.sync_target(world.sales),
        period="2026-W47",
        created_at=real - MIN,
        lease_until=real - SEC,
    )
    return f"sync:{lf.sync_target(world.sales)}:2026-W47"


def posted_by_the_bot(bot: Bot, text: str, *, key: str, part: int) -> dict[str, Any]:
    """A message in Sales that the crashed process had posted for ``key`` (with its metadata)."""
    return bot.fake.add_message(
        lf.SALES_CHANNEL,
        text,
        user=bot.fake.bot_user_id,
        bot_id=bot.fake.bot_id,
        metadata={"event_type": METADATA_EVENT, "event_payload": {"key": key, "part": part}},
    )


def test_expired_claim_whose_message_is_in_slack_is_reconciled_not_reposted(bot: Bot) -> None:
    world = lf.loop_world(bot)
    lf.measure(bot, world)
    at = utc(2026, 11, 20, 17, 0)
    bot.clock.set(at)
    key = dead_sync_claim(bot, world)
    # the crashed process posted, then died before it recorded the post
    posted = posted_by_the_bot(bot, "Weekly sync — Sales (2026-W47)", key=key, part=1)
    run = lf.run(bot.jobs(), "weekly-sync", at)
    assert run.report.reconciled == [key] and run.report.sent == []
    assert bot.fake.calls_to("chat.postMessage") == []
    assert len(lf.top_level(bot.fake, lf.SALES_CHANNEL)) == 1
    [history] = bot.fake.calls_to("conversations.history")
    assert history.params["channel"] == lf.SALES_CHANNEL
    [row] = lf.deliveries(bot.db)
    assert (row.state, row.ts, row.channel_id, row.attempts) == ("sent", posted["ts"], lf.SALES_CHANNEL, 2)
    # the prompt is known, so replies in its thread count
    [prompt] = lf.prompts(bot.db)
    assert prompt.thread_ts == posted["ts"]


def test_taken_over_claim_posts_only_the_parts_slack_does_not_have(bot: Bot) -> None:
    """A delivery of several messages (a prompt from before Show more, a long DM): a process that
    takes over a dead claim posts only the parts Slack does not have."""
    world = lf.loop_world(bot)
    ids = [lf.measure(bot, world, f"m{i}").id or 0 for i in range(3)]
    at = utc(2026, 11, 20, 17, 0)
    bot.clock.set(at)
    key = dead_sync_claim(bot, world)
    seeded = [posted_by_the_bot(bot, f"part {part}", key=key, part=part) for part in (1, 2)]
    # an unrelated message with another delivery's key is not mistaken for ours
    bot.fake.add_message(
        lf.SALES_CHANNEL,
        "digest",
        user=bot.fake.bot_user_id,
        bot_id=bot.fake.bot_id,
        metadata={"event_type": METADATA_EVENT, "event_payload": {"key": "digest:x:2026-W47", "part": 3}},
    )
    post = Post(
        team_id=TEAM,
        kind="sync",
        target=lf.sync_target(world.sales),
        period="2026-W47",
        channel=lf.SALES_CHANNEL,
        parts=[text_message(f"part {n}") for n in (1, 2, 3)],
        on_posted=plans.prompt_recorder(bot.clock, TEAM, world.sales.id or 0, "2026-W47", [[i] for i in ids]),
    )
    report = Report()
    bot.jobs().deliverer.deliver(post, report)
    assert report.sent == [key]
    [sent] = lf.ok_posts(bot.fake, lf.SALES_CHANNEL)
    assert sent.params["metadata"]["event_payload"] == {"key": key, "part": 3}
    assert sent.params["text"] == "part 3"
    assert [(m.part, m.ts) for m in lf.prompt_messages(bot.db)] == [
        (1, seeded[0]["ts"]),
        (2, seeded[1]["ts"]),
        (3, sent.response["ts"]),
    ]


def _prompt_held_by_a_live_process(bot: Bot) -> tuple[lf.LoopWorld, lf.Delivery]:
    """One open measure in Sales, whose 2026-W47 prompt another (live) process has claimed."""
    world = lf.loop_world(bot)
    lf.measure(bot, world)
    real = lf.real_now()
    held = lf.claim_row(
        bot.db,
        kind="sync",
        target=lf.sync_target(world.sales),
        period="2026-W47",
        created_at=real,
        lease_until=real + timedelta(seconds=30),
        owner="alive:1:cafe",
    )
    return world, held


def test_claim_held_by_a_live_process_is_left_until_its_lease_runs_out(bot: Bot) -> None:
    world, held = _prompt_held_by_a_live_process(bot)
    at = utc(2026, 11, 20, 17, 0)
    bot.clock.set(at)
    jobs = bot.jobs()
    [run] = jobs.run_job("weekly-sync", at=at, wait=False)
    assert run.report.already == [f"sync:{lf.sync_target(world.sales)}:2026-W47"]
    assert bot.fake.calls_to("chat.postMessage") == []
    assert bot.fake.calls_to("conversations.history") == []
    # the holder died without posting: after its lease, the next run reconciles and posts once
    assert held.id is not None
    lf.expire_lease(bot.db, held.id)
    [run] = jobs.run_job("weekly-sync", at=at, wait=False)
    assert run.report.sent == [f"sync:{lf.sync_target(world.sales)}:2026-W47"]
    assert len(lf.ok_posts(bot.fake, lf.SALES_CHANNEL)) == 1
    assert len(bot.fake.calls_to("conversations.history")) == 1
    [row] = lf.deliveries(bot.db)
    assert (row.state, row.attempts) == ("sent", 2)


def test_scheduler_picks_up_a_claim_whose_holder_died_after_its_lease(bot: Bot) -> None:
    """The timer path: a tick that found the target held by another process must look again
    on a later tick — the holder may die — instead of counting the period as finished."""
    _, held = _prompt_held_by_a_live_process(bot)
    jobs = bot.jobs()
    friday = utc(2026, 11, 20, 17, 0)
    assert tick(bot, jobs, friday) == [("weekly-sync", "2026-W47")]
    assert bot.fake.calls_to("chat.postMessage") == []
    assert held.id is not None
    lf.expire_lease(bot.db, held.id)  # the holder died
    assert tick(bot, jobs, friday + timedelta(seconds=20)) == [("weekly-sync", "2026-W47")]
    assert len(lf.ok_posts(bot.fake, lf.SALES_CHANNEL)) == 1
    # finished now: later ticks in the window do nothing at all
    assert tick(bot, jobs, friday + timedelta(seconds=40)) == []
    assert len(lf.ok_posts(bot.fake, lf.SALES_CHANNEL)) == 1


# ================================================================ nudges


def _nudge_world(bot: Bot, **ws: object) -> lf.LoopWorld:
    world = lf.loop_world(bot, **ws)  # type: ignore[arg-type]
    lf.measure(bot, world, "one day late", due=date(2026, 11, 17))  # MSR-1
    lf.measure(bot, world, "two days late", due=date(2026, 11, 16), status="doing")  # MSR-2
    lf.measure(bot, world, "blocked", owner=lf.OWNER2, due=date(2026, 11, 10), status="blocked")  # MSR-3
    lf.measure(bot, world, "finished", due=date(2026, 11, 10), status="done")  # MSR-4
    lf.measure(bot, world, "due today", due=date(2026, 11, 18))  # MSR-5
    lf.measure(bot, world, "due tomorrow", due=date(2026, 11, 19))  # MSR-6
    lf.measure(bot, world, "the head's own", owner=HEAD, due=date(2026, 11, 10))  # MSR-7
    lf.measure(bot, world, "R&D late", dept=world.rnd, due=date(2026, 11, 10))  # MSR-8
    return world


WEDNESDAY = utc(2026, 11, 18, 9, 30)


def refs(text: str) -> list[str]:
    return re.findall(r"MSR-\d+", text)


def test_nudges_go_to_owners_of_overdue_unfinished_measures_and_escalate_to_heads(bot: Bot) -> None:
    _nudge_world(bot)
    run = lf.run(bot.jobs(), "nudges", WEDNESDAY, clock=bot.clock)
    assert run.period == "2026-11-18"
    assert run.report.failed == [] and run.report.retry == []

    # one direct message per person, naming all of their overdue measures, most overdue first
    assert lf.dm_texts(bot.fake, OWNER) == [
        ":alarm_clock: 3 of your measures are past their deadline: *MSR-8*, *MSR-2*, *MSR-1*. "
        "What is their status?"
    ]
    assert lf.dm_texts(bot.fake, lf.OWNER2) == [
        ":alarm_clock: *MSR-3* is 8 day(s) past its deadline (2026-11-10). What is the status?"
    ]
    assert sorted(lf.dm_texts(bot.fake, HEAD)) == [
        ":alarm_clock: *MSR-7* is 8 day(s) past its deadline (2026-11-10). What is the status?",
        ":rotating_light: 2 measures of your department (Sales) are overdue: *MSR-3*, *MSR-2*.",
    ]
    assert lf.dm_texts(bot.fake, lf.RND_HEAD) == [
        ":rotating_light: *MSR-8* of your department (R&amp;D) is 8 day(s) overdue — owner <@UOWNER>."
    ]
    # nobody is named in a channel
    assert lf.ok_posts(bot.fake, lf.SALES_CHANNEL) == [] and lf.ok_posts(bot.fake, lf.RND_CHANNEL) == []

    assert lf.delivery_keys(bot.db) == sorted(
        [("nudge", f"user:{u}", "2026-11-18", "sent") for u in (OWNER, lf.OWNER2, HEAD)]
        + [("escalate", f"user:{u}", "2026-11-18", "sent") for u in (HEAD, lf.RND_HEAD)]
    )
    # each measure of a nudge carries its text and its own two buttons
    [nudge] = lf.ok_posts(bot.fake, OWNER)
    assert "*MSR-1* one day late" in body(nudge.params) and "_1 day(s) past its deadline_" in body(
        nudge.params
    )
    assert lf.buttons(nudge.params) == [
        ("nudge_done", "8"),
        ("nudge_new_date", "8"),
        ("nudge_done", "2"),
        ("nudge_new_date", "2"),
        ("nudge_done", "1"),
        ("nudge_new_date", "1"),
    ]
    [single] = lf.ok_posts(bot.fake, lf.OWNER2)
    assert "*MSR-3* blocked" in body(single.params)
    assert lf.buttons(single.params) == [("nudge_done", "3"), ("nudge_new_date", "3"), ("mtg_call", "3")]
    # the head's escalation lists the department's measures with their owners
    escalation = next(
        c.params for c in lf.ok_posts(bot.fake, HEAD) if c.params["text"].startswith(":rotating")
    )
    assert "Owner <@UOWNER2>" in body(escalation) and "Owner <@UOWNER>" in body(escalation)
    assert [v for a, v in lf.buttons(escalation) if a == "nudge_done"] == ["3", "2"]


def test_an_owner_with_many_overdue_measures_gets_one_nudge_in_parts(bot: Bot) -> None:
    world = lf.loop_world(bot)
    for i in range(40):
        lf.measure(bot, world, f"late {i + 1}", due=date(2026, 11, 2) + timedelta(days=i % 10))
    run = lf.run(bot.jobs(), "nudges", WEDNESDAY, clock=bot.clock)
    assert run.targets == 2  # the owner's nudge and the head's escalation
    posts = lf.ok_posts(bot.fake, OWNER)
    assert len(posts) == 3  # 15 + 15 + 10 measures, each message within Slack's 50 blocks
    assert all(len(p.params["blocks"]) <= 50 for p in posts)
    assert posts[0].params["text"].startswith(":alarm_clock: 40 of your measures are past their deadline")
    assert posts[1].params["text"] == "Overdue measures, continued (2/3)"
    listed = [v for p in posts for a, v in lf.buttons(p.params) if a == "nudge_done"]
    assert sorted(int(v) for v in listed) == list(range(1, 41))
    [delivery] = lf.deliveries(bot.db, "nudge")
    assert (delivery.target, delivery.state) == (f"user:{OWNER}", "sent")
    # run again: nothing more
    lf.run(bot.jobs(), "nudges", WEDNESDAY + timedelta(hours=2), clock=bot.clock)
    assert len(lf.ok_posts(bot.fake, OWNER)) == 3


def test_escalate_after_is_configurable(bot: Bot) -> None:
    _nudge_world(bot)
    reply = bot.command("config escalate_after=3")
    assert "escalate_after = `3`" in reply["text"]
    lf.run(bot.jobs(), "nudges", WEDNESDAY, clock=bot.clock)
    # MSR-2 is 2 days late: no longer escalated; MSR-3 (8 days) still is
    assert sorted(r for t in lf.dm_texts(bot.fake, HEAD) for r in refs(t)) == ["MSR-3", "MSR-7"]
    targets = [d.target for d in lf.deliveries(bot.db, "escalate")]
    assert sorted(targets) == sorted(f"user:{u}" for u in (HEAD, lf.RND_HEAD))
    # the next day MSR-2 is 3 days late and escalated, in the same one message as MSR-3
    lf.run(bot.jobs(), "nudges", WEDNESDAY + timedelta(days=1), clock=bot.clock)
    escalations = [refs(t) for t in lf.dm_texts(bot.fake, HEAD) if t.startswith(":rotating_light:")]
    assert escalations == [["MSR-3"], ["MSR-3", "MSR-2"]]


def test_at_most_one_nudge_per_person_per_day(bot: Bot) -> None:
    world = lf.loop_world(bot)
    lf.measure(bot, world, due=date(2026, 11, 17))
    jobs = bot.jobs()
    lf.run(jobs, "nudges", WEDNESDAY, clock=bot.clock)
    lf.run(jobs, "nudges", WEDNESDAY + timedelta(hours=5), clock=bot.clock)
    assert tick(bot, bot.jobs(), WEDNESDAY + timedelta(minutes=1)) == [("nudges", "2026-11-18")]
    assert len(lf.ok_posts(bot.fake, OWNER)) == 1
    # Thursday: again, by the scheduler, once
    thursday = WEDNESDAY + timedelta(days=1)
    assert tick(bot, jobs, thursday - MIN) == []
    assert tick(bot, jobs, thursday) == [("nudges", "2026-11-19")]
    assert tick(bot, jobs, thursday + timedelta(hours=1)) == []
    assert len(lf.ok_posts(bot.fake, OWNER)) == 2
    # finished on Thursday: no nudge on Friday
    lf.set_status(bot, 1, "done", at=thursday + timedelta(hours=2))
    run = lf.run(jobs, "nudges", WEDNESDAY + timedelta(days=2), clock=bot.clock)
    assert run.targets == 0
    assert len(lf.ok_posts(bot.fake, OWNER)) == 2
    assert [d.period for d in lf.deliveries(bot.db, "nudge")] == ["2026-11-18", "2026-11-19"]


def test_no_nudges_at_the_weekend(bot: Bot) -> None:
    world = lf.loop_world(bot)
    lf.measure(bot, world, due=date(2026, 11, 17))
    jobs = bot.jobs()
    for day in (21, 22):  # Saturday, Sunday
        at = utc(2026, 11, day, 9, 30)
        assert lf.run(jobs, "nudges", at, clock=bot.clock) is None
        assert tick(bot, jobs, at + MIN) == []
    assert bot.fake.calls_to("chat.postMessage") == []
    assert lf.deliveries(bot.db) == []
    assert ("nudges", "2026-11-23") in tick(bot, jobs, utc(2026, 11, 23, 9, 31))
    assert len(lf.ok_posts(bot.fake, OWNER)) == 1


def test_cn_holidays_are_skipped_and_adjusted_working_days_nudged(bot: Bot) -> None:
    world = lf.loop_world(bot, tz="Asia/Shanghai", country="CN")
    lf.measure(bot, world, due=date(2026, 9, 21))
    jobs = bot.jobs()
    sh = ZoneInfo("Asia/Shanghai")

    def at(day: date) -> datetime:
        return datetime(day.year, day.month, day.day, 9, 45, tzinfo=sh)

    for holiday in (date(2026, 10, 1), date(2026, 10, 7), date(2026, 10, 11), date(2026, 9, 27)):
        assert tick(bot, jobs, at(holiday)) == [], holiday
        assert lf.run(jobs, "nudges", at(holiday), clock=bot.clock) is None
    assert bot.fake.calls_to("chat.postMessage") == []

    # Saturday 2026-10-10 is a working day in China (调休): nudged, at 09:30 Shanghai time
    assert tick(bot, jobs, datetime(2026, 10, 10, 9, 29, tzinfo=sh)) == []
    assert tick(bot, jobs, datetime(2026, 10, 10, 9, 30, tzinfo=sh)) == [("nudges", "2026-10-10")]
    [nudge] = lf.ok_posts(bot.fake, OWNER)
    assert "*MSR-1* is 19 day(s) past its deadline (2026-09-21)" in nudge.params["text"]
    assert [d.period for d in lf.deliveries(bot.db, "nudge")] == ["2026-10-10"]


def test_nudge_time_in_a_dst_gap_fires_when_the_clock_jumps(bot: Bot) -> None:
    # Cairo springs forward at 00:00 on Friday 2026-04-24: 00:30 does not exist, 01:30 EEST does
    world = lf.loop_world(bot, tz="Africa/Cairo", nudge_time="00:30")
    lf.measure(bot, world, due=date(2026, 4, 20))
    jobs = bot.jobs()
    assert tick(bot, jobs, utc(2026, 4, 23, 22, 29)) == []  # 01:29 EEST
    assert tick(bot, jobs, utc(2026, 4, 23, 22, 30)) == [("nudges", "2026-04-24")]
    assert len(lf.ok_posts(bot.fake, OWNER)) == 1


# ================================================================ digest


def test_digest_reports_counts_overdue_finished_and_changes(bot: Bot) -> None:
    world = lf.loop_world(bot)
    monday = utc(2026, 11, 23, 9, 0)
    created = monday - timedelta(days=30)
    lf.measure(bot, world, "Overdue todo", due=date(2026, 11, 10), at=created)  # MSR-1
    lf.measure(bot, world, "Finished last Friday", at=created)  # MSR-2
    lf.measure(bot, world, "Finished long ago", at=created)  # MSR-3
    lf.measure(bot, world, "Started on Saturday", owner=lf.OWNER2, at=created)  # MSR-4
    lf.measure(bot, world, "Blocked and late", due=date(2026, 11, 20), at=created)  # MSR-5
    lf.measure(bot, world, "R&D only", dept=world.rnd, at=created)  # MSR-6
    lf.set_status(bot, 2, "done", at=utc(2026, 11, 20, 15, 0))
    lf.set_status(bot, 3, "done", at=utc(2026, 11, 10, 15, 0))
    lf.set_status(bot, 4, "doing", at=utc(2026, 11, 21, 10, 0), user=lf.OWNER2)
    lf.set_status(bot, 5, "blocked", at=utc(2026, 11, 12, 10, 0))

    jobs = bot.jobs()
    assert tick(bot, jobs, monday - MIN) == []
    assert ("digest", "2026-W48") in tick(bot, jobs, monday)
    [post] = lf.ok_posts(bot.fake, lf.SALES_CHANNEL)
    payload = post.params
    assert payload["text"] == "Collaboration progress — Sales (2026-W48)"
    context = payload["blocks"][1]["elements"][0]["text"]
    assert context == "1 not started · 1 in progress · 1 blocked · 2 done · 2 overdue"

    got = sections(payload)
    heads = [
        i
        for i, s in enumerate(got)
        if s in ("*Overdue*", "*Finished this week*", "*Changed since last week*", "*Open, not yet due*")
    ]
    assert [got[i] for i in heads] == [
        "*Overdue*",
        "*Finished this week*",
        "*Changed since last week*",
        "*Open, not yet due*",
    ]
    overdue, finished, changed, open_ = (
        "\n".join(got[a + 1 : b]) for a, b in zip(heads, [*heads[1:], len(got)], strict=True)
    )
    assert overdue.count("• ") == 2
    assert "*MSR-1* Overdue todo — <@UOWNER> · Due 2026-11-10 · Not started" in overdue
    assert "*MSR-5* Blocked and late — <@UOWNER> · Due 2026-11-20 · Blocked" in overdue
    assert finished.count("• ") == 1 and "*MSR-2* Finished last Friday" in finished
    assert changed.splitlines() == [
        "• *MSR-2* Not started → *Done* (<@UOWNER>)",
        "• *MSR-4* Not started → *In progress* (<@UOWNER2>)",
    ]
    assert open_.count("• ") == 1 and "*MSR-4* Started on Saturday — <@UOWNER2>" in open_
    assert "MSR-6" not in body(payload)

    [rnd] = lf.ok_posts(bot.fake, lf.RND_CHANNEL)
    assert "*MSR-6* R&amp;D only" in body(rnd.params)
    assert [d.kind for d in lf.deliveries(bot.db)] == ["digest", "digest"]


def test_digest_of_a_quiet_department_says_none(bot: Bot) -> None:
    lf.loop_world(bot)
    lf.run(bot.jobs(), "digest", utc(2026, 11, 23, 9, 0), clock=bot.clock)
    [post] = lf.ok_posts(bot.fake, lf.SALES_CHANNEL)
    assert post.params["blocks"][1]["elements"][0]["text"].startswith("0 not started")
    assert sections(post.params).count("_none_") == 4


# ================================================================ broken channels and users


def test_broken_channels_do_not_stop_the_others_and_admins_are_told_once(bot: Bot) -> None:
    fake = bot.fake
    fake.strict_channels = True
    fake.add_channel(lf.SALES_CHANNEL, "sales")
    fake.add_channel(lf.RND_CHANNEL, "rnd", is_member=False)  # public: the bot can join
    fake.add_channel("CARCH", "ops", is_archived=True)
    fake.add_channel("CPRIV", "hr", is_member=False, is_private=True)  # private: it cannot
    world = lf.loop_world(bot)
    bot.command("config admins=<@UADMIN|alice>,<@ULEAD|lee>")
    ops = lf.factories.department(bot.db, "Ops", channel="CARCH")
    legal = lf.factories.department(bot.db, "Legal", channel="CGONE")
    hr = lf.factories.department(bot.db, "HR", channel="CPRIV")
    for dept in (world.sales, world.rnd, ops, legal, hr):
        lf.measure(bot, world, f"{dept.name} work", dept=dept)

    friday = utc(2026, 11, 20, 17, 0)
    run = lf.run(bot.jobs(), "weekly-sync", friday, clock=bot.clock)
    assert sorted(run.report.failed) == sorted(
        [
            (f"sync:{lf.sync_target(ops)}:2026-W47", "is_archived"),
            (f"sync:{lf.sync_target(legal)}:2026-W47", "channel_not_found"),
            (f"sync:{lf.sync_target(hr)}:2026-W47", "not_in_channel"),
        ]
    )
    assert len(lf.ok_posts(fake, lf.SALES_CHANNEL)) == 1
    # not a member of #rnd: joined it, then posted
    assert [c.params["channel"] for c in fake.calls_to("conversations.join") if c.ok] == [lf.RND_CHANNEL]
    assert len(lf.ok_posts(fake, lf.RND_CHANNEL)) == 1
    by_target = {d.target: d for d in lf.deliveries(bot.db, "sync")}
    assert {t: (d.state, d.error) for t, d in by_target.items()} == {
        lf.sync_target(world.sales): ("sent", ""),
        lf.sync_target(world.rnd): ("sent", ""),
        lf.sync_target(ops): ("failed", "is_archived"),
        lf.sync_target(legal): ("failed", "channel_not_found"),
        lf.sync_target(hr): ("failed", "not_in_channel"),
    }

    def alerts(user: str) -> list[str]:
        return sorted(t for t in lf.dm_texts(fake, user) if t.startswith(":warning:"))

    expected = sorted(
        [
            ":warning: collab-bot could not post the weekly sync prompt to <#CARCH>: `is_archived`. "
            "Invite the bot to the channel (`/invite @collab-bot`) or fix the department with `/collab dept add`.",
            ":warning: collab-bot could not post the weekly sync prompt to <#CGONE>: `channel_not_found`. "
            "Invite the bot to the channel (`/invite @collab-bot`) or fix the department with `/collab dept add`.",
            ":warning: collab-bot could not post the weekly sync prompt to <#CPRIV>: `not_in_channel`. "
            "Invite the bot to the channel (`/invite @collab-bot`) or fix the department with `/collab dept add`.",
        ]
    )
    assert alerts(ADMIN) == expected
    assert alerts(LEAD) == expected

    # re-runs, by hand and by the scheduler, post nothing more and tell nobody again
    lf.run(bot.jobs(), "weekly-sync", friday, clock=bot.clock)
    tick(bot, bot.jobs(), friday + timedelta(hours=2))
    assert alerts(ADMIN) == expected
    assert alerts(LEAD) == expected
    assert len(lf.ok_posts(fake, lf.SALES_CHANNEL)) == 1
    assert len(lf.ok_posts(fake, lf.RND_CHANNEL)) == 1
    assert len(lf.deliveries(bot.db, "sync")) == 5
    assert all(d.state == "sent" for d in lf.deliveries(bot.db, "alert"))
    assert len(lf.deliveries(bot.db, "alert")) == 6


def test_deactivated_owner_does_not_stop_other_nudges(bot: Bot) -> None:
    world = lf.loop_world(bot)
    bot.command("config admins=<@UADMIN|alice>")
    lf.measure(bot, world, "orphaned", owner=lf.DEAD, due=date(2026, 11, 10))  # MSR-1
    lf.measure(bot, world, "alive", owner=OWNER, due=date(2026, 11, 10))  # MSR-2
    run = lf.run(bot.jobs(), "nudges", WEDNESDAY, clock=bot.clock)
    assert run.report.failed == [(f"nudge:user:{lf.DEAD}:2026-11-18", "user_disabled")]
    assert [refs(t) for t in lf.dm_texts(bot.fake, OWNER)] == [["MSR-2"]]
    # the head still hears about both, in one message
    assert [sorted(refs(t)) for t in lf.dm_texts(bot.fake, HEAD)] == [["MSR-1", "MSR-2"]]
    [failed] = [d for d in lf.deliveries(bot.db, "nudge") if d.state == "failed"]
    assert (failed.target, failed.error) == (f"user:{lf.DEAD}", "user_disabled")
    alert = ":warning: collab-bot could not message <@UDEAD> about the overdue reminder for MSR-1: `user_disabled`."
    assert lf.dm_texts(bot.fake, ADMIN) == [alert]
    # again today, and tomorrow: the admin is not told again this week
    lf.run(bot.jobs(), "nudges", WEDNESDAY + timedelta(hours=1), clock=bot.clock)
    lf.run(bot.jobs(), "nudges", WEDNESDAY + timedelta(days=1), clock=bot.clock)
    assert lf.dm_texts(bot.fake, ADMIN) == [alert]
    assert [d.state for d in lf.deliveries(bot.db, "nudge") if d.target == f"user:{lf.DEAD}"] == [
        "failed",
        "failed",
    ]
    assert len(lf.ok_posts(bot.fake, OWNER)) == 2


def test_without_configured_admins_the_slack_workspace_admins_are_told(bot: Bot) -> None:
    fake = bot.fake
    fake.strict_channels = True
    fake.add_user("UWSOWNER", "wendy-owner", is_owner=True)
    fake.add_user("UGONE", "gary-gone", is_admin=True, deleted=True)
    fake.add_user("UBOTADMIN", "robot", is_admin=True, is_bot=True)
    world = lf.loop_world(bot)
    legal = lf.factories.department(bot.db, "Legal", channel="CGONE")
    lf.measure(bot, world, "legal work", dept=legal)
    lf.run(bot.jobs(), "weekly-sync", utc(2026, 11, 20, 17, 0), clock=bot.clock)
    alert = (
        ":warning: collab-bot could not post the weekly sync prompt to <#CGONE>: `channel_not_found`. "
        "Invite the bot to the channel (`/invite @collab-bot`) or fix the department with `/collab dept add`."
    )
    # ADMIN is a Slack admin (tests/harness.py), UOWNER2 a workspace owner; the deactivated
    # admin and the bot are not told.
    assert lf.dm_texts(fake, ADMIN) == [alert]
    assert lf.dm_texts(fake, "UWSOWNER") == [alert]
    assert lf.dm_texts(fake, "UGONE") == [] and lf.dm_texts(fake, "UBOTADMIN") == []
    assert len(fake.calls_to("users.list")) == 1


def test_each_workspace_runs_in_its_own_time_zone(bot: Bot) -> None:
    world = lf.loop_world(bot)  # T1: UTC
    lf.measure(bot, world)
    lf.factories.workspace(bot.db, team="T2", timezone="Asia/Shanghai")
    other = lf.factories.department(bot.db, "Sales", team="T2", channel="CT2SALES")
    prj = lf.factories.project(bot.db, depts=[other], team="T2")
    prb = lf.factories.problem(bot.db, prj, team="T2")
    lf.factories.measure(bot.db, prb, other, team="T2")
    jobs = bot.jobs()
    bot.clock.set(utc(2026, 11, 20, 9, 0))  # 17:00 in Shanghai, 09:00 in UTC
    assert [(r.team_id, r.job) for r in jobs.tick(bot.clock()) if r.job != "retros"] == [
        ("T2", "weekly-sync")
    ]
    assert len(lf.ok_posts(bot.fake, "CT2SALES")) == 1 and lf.ok_posts(bot.fake, lf.SALES_CHANNEL) == []
    bot.clock.set(utc(2026, 11, 20, 17, 0))
    assert [(r.team_id, r.job) for r in jobs.tick(bot.clock()) if r.job != "retros"] == [
        (TEAM, "weekly-sync")
    ]
    assert len(lf.ok_posts(bot.fake, lf.SALES_CHANNEL)) == 1
    assert sorted((d.team_id, d.period) for d in lf.deliveries(bot.db)) == [
        (TEAM, "2026-W47"),
        ("T2", "2026-W47"),
    ]


def test_digest_of_a_big_department_fits_one_message(bot: Bot) -> None:
    world = lf.loop_world(bot)
    for i in range(60):
        lf.measure(bot, world, f"Overdue measure {i + 1} " + "y" * 250, due=date(2026, 11, 1))
    lf.run(bot.jobs(), "digest", utc(2026, 11, 23, 9, 0), clock=bot.clock)
    [post] = lf.ok_posts(bot.fake, lf.SALES_CHANNEL)
    assert len(post.params["blocks"]) <= 50
    assert all(len(s) <= 3000 for s in sections(post.params))
    assert "…and 35 more (see `/collab status Sales`)" in body(post.params)
    assert post.params["blocks"][1]["elements"][0]["text"] == (
        "60 not started · 0 in progress · 0 blocked · 0 done · 60 overdue"
    )


def test_messages_in_chinese(bot: Bot) -> None:
    world = lf.loop_world(bot, tz="Asia/Shanghai", lang="zh")
    lf.measure(bot, world, "共享发布日历", due=date(2026, 11, 16))
    sh = ZoneInfo("Asia/Shanghai")
    jobs = bot.jobs()
    lf.run(jobs, "weekly-sync", datetime(2026, 11, 20, 17, 0, tzinfo=sh), clock=bot.clock)
    lf.run(jobs, "nudges", datetime(2026, 11, 20, 9, 30, tzinfo=sh), clock=bot.clock)
    lf.run(jobs, "digest", datetime(2026, 11, 23, 9, 0, tzinfo=sh), clock=bot.clock)
    prompt, digest = lf.ok_posts(bot.fake, lf.SALES_CHANNEL)
    assert prompt.params["text"] == "每周同步 —— Sales（2026-W47）"
    assert [b["text"]["text"] for b in prompt.params["blocks"][4]["elements"]] == ["进行中", "已完成", "受阻"]
    assert digest.params["text"] == "协作进度跟踪表 —— Sales（2026-W48）"
    assert "*已逾期*" in sections(digest.params)
    [nudge] = lf.ok_posts(bot.fake, OWNER)
    assert nudge.params["text"] == ":alarm_clock: *MSR-1* 已逾期 4 天（截止 2026-11-16）。目前进展如何？"
    [escalation] = lf.ok_posts(bot.fake, HEAD)
    assert (
        escalation.params["text"]
        == ":rotating_light: 贵部门（Sales）的 *MSR-1* 已逾期 4 天 —— 负责人 <@UOWNER>。"
    )


def test_tick_forgets_handled_event_ids_after_a_day_at_most_hourly(bot: Bot) -> None:
    lf.loop_world(bot)
    real = lf.real_now()
    with transaction(bot.db.sessions) as session:
        session.add(ProcessedEvent(team_id=TEAM, event_id="EvOld", received_at=real - timedelta(days=2)))
        session.add(ProcessedEvent(team_id=TEAM, event_id="EvNew", received_at=real - timedelta(hours=2)))
        session.add(ProcessedEvent(team_id="T2", event_id="EvOther", received_at=real - timedelta(days=2)))

    def kept() -> list[str]:
        with bot.db.sessions() as session:
            return sorted(e.event_id for e in session.exec(select(ProcessedEvent)))

    jobs = bot.jobs()
    jobs.tick(utc(2026, 11, 18, 3, 0))
    assert kept() == ["EvNew", "EvOther"]  # T2 has no workspace row: not this bot's to prune
    with transaction(bot.db.sessions) as session:
        session.add(ProcessedEvent(team_id=TEAM, event_id="EvOld2", received_at=real - timedelta(days=3)))
    jobs.tick(utc(2026, 11, 18, 3, 1))  # within the hour: no second pass
    assert kept() == ["EvNew", "EvOld2", "EvOther"]
