"""Replies in the thread of a sync prompt, delivered as signed Events API callbacks: recorded as
progress (or comments) on the right measure, exactly once, acknowledged once, prompt kept current."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from storage import prompts
from storage.db import transaction
from storage.models import MeasureEvent, ProcessedEvent
from tests import factories
from tests import weekly_factories as lf
from tests.harness import OTHER, OWNER, TEAM, Bot
from tests.slacktext import sections

FRIDAY = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)


def setup_prompt(bot: Bot, *, second_for_owner: bool = False) -> str:
    """MSR-1 (OWNER, not started) and MSR-2 (OWNER2, in progress) in Sales' prompt; optionally
    MSR-3 (OWNER too). Returns the prompt's ts."""
    world = lf.loop_world(bot)
    lf.measure(bot, world, "Shared release calendar", due=date(2026, 12, 1))
    lf.measure(bot, world, "Weekly sync meeting", owner=lf.OWNER2, due=date(2026, 12, 2), status="doing")
    if second_for_owner:
        lf.measure(bot, world, "Escalation path", due=date(2026, 12, 3))
    [ts] = lf.post_prompt(bot, FRIDAY)
    bot.clock.set(FRIDAY + timedelta(hours=1))
    return ts


def status(bot: Bot, number: int) -> str:
    return lf.measure_by_number(bot.db, number).status


def thread_events(bot: Bot) -> list[tuple[int, str, str, str]]:
    """(measure number, kind, actor, note) of every reply kept on a measure."""
    numbers = {m.id: m.number for m in factories.all_rows(bot.db, lf.Measure)}
    return [
        (numbers[e.measure_id], e.kind, e.actor_user_id, e.note)
        for e in factories.all_rows(bot.db, MeasureEvent)
        if e.kind in ("progress", "comment")
    ]


def prompt_line(bot: Bot, prompt_ts: str, ref: str) -> str:
    msg = bot.fake.message(lf.SALES_CHANNEL, prompt_ts)
    assert msg is not None
    return next(s for s in sections(msg) if s.startswith(f"*{ref}*"))


# ---------------------------------------------------------------- attaching a reply


def test_reply_naming_a_measure_with_done_sets_it_done(bot: Bot) -> None:
    prompt_ts = setup_prompt(bot)
    assert "Not started" in prompt_line(bot, prompt_ts, "MSR-1")
    reply_ts, _ = lf.reply(bot, "MSR-1 done — calendar is live", thread_ts=prompt_ts)

    [update] = bot.fake.wait_for("chat.update")
    assert (update.params["channel"], update.params["ts"]) == (lf.SALES_CHANNEL, prompt_ts)
    assert status(bot, 1) == "done"
    [change] = lf.events(bot.db, 1, "status")
    assert (change.from_value, change.to_value, change.source, change.actor_user_id) == (
        "todo",
        "done",
        "thread",
        OWNER,
    )
    [progress] = lf.events(bot.db, 1, "progress")
    assert (progress.note, progress.source, progress.channel_id, progress.message_ts) == (
        "MSR-1 done — calendar is live",
        "thread",
        lf.SALES_CHANNEL,
        reply_ts,
    )
    assert lf.reactions(bot.fake, lf.SALES_CHANNEL, reply_ts) == [("white_check_mark", ["UBOT"])]
    # the prompt in Slack now shows the new status, and the Done button is the highlighted one
    assert ":white_check_mark: Done" in prompt_line(bot, prompt_ts, "MSR-1")
    assert "In progress" in prompt_line(bot, prompt_ts, "MSR-2")
    styled = [
        e["action_id"]
        for b in update.params["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e.get("style") == "primary"
    ]
    assert styled == ["sync_status:1:done", "sync_status:2:doing"]
    # no answer in the thread: the reaction is the acknowledgement
    assert bot.fake.calls_to("chat.postMessage") == [
        c for c in bot.fake.calls_to("chat.postMessage") if not c.params.get("thread_ts")
    ]
    assert len(bot.fake.calls_to("reactions.add")) == 1


def test_reply_from_the_owner_of_exactly_one_measure_needs_no_reference(bot: Bot) -> None:
    prompt_ts = setup_prompt(bot)
    reply_ts, _ = lf.reply(bot, "blocked: waiting for legal", thread_ts=prompt_ts, user=lf.OWNER2)
    bot.fake.wait_for("chat.update")
    assert status(bot, 2) == "blocked"
    assert status(bot, 1) == "todo"
    assert thread_events(bot) == [(2, "progress", lf.OWNER2, "blocked: waiting for legal")]
    assert lf.reactions(bot.fake, lf.SALES_CHANNEL, reply_ts) == [("white_check_mark", ["UBOT"])]


def test_reply_from_the_owner_of_two_measures_without_reference_is_asked_which(bot: Bot) -> None:
    prompt_ts = setup_prompt(bot, second_for_owner=True)
    reply_ts, _ = lf.reply(bot, "done!", thread_ts=prompt_ts)
    [ask] = bot.fake.wait_for("chat.postMessage", predicate=lambda c: bool(c.params.get("thread_ts")))
    assert ask.ok
    assert (ask.params["channel"], ask.params["thread_ts"]) == (lf.SALES_CHANNEL, prompt_ts)
    assert ask.params["text"] == "Which measure is this about? Reply with its reference, e.g. MSR-1."
    lf.quiet_for(bot.fake, 0.2)
    assert [status(bot, n) for n in (1, 2, 3)] == ["todo", "doing", "todo"]
    assert thread_events(bot) == []
    assert bot.fake.calls_to("reactions.add") == [] and bot.fake.calls_to("chat.update") == []
    assert lf.reactions(bot.fake, lf.SALES_CHANNEL, reply_ts) == []
    # replying again with the reference attaches it
    lf.reply(bot, "MSR-3 done", thread_ts=prompt_ts)
    bot.fake.wait_for("chat.update")
    assert [status(bot, n) for n in (1, 2, 3)] == ["todo", "doing", "done"]
    assert len([c for c in bot.fake.calls_to("chat.postMessage") if c.params.get("thread_ts")]) == 1


def test_reply_from_someone_without_measures_and_no_reference_is_asked(bot: Bot) -> None:
    prompt_ts = setup_prompt(bot)
    lf.reply(bot, "what's the status here?", thread_ts=prompt_ts, user=OTHER)
    [ask] = bot.fake.wait_for("chat.postMessage", predicate=lambda c: bool(c.params.get("thread_ts")))
    assert "MSR-1" in ask.params["text"]
    assert thread_events(bot) == []


def test_plain_progress_note_moves_not_started_to_in_progress(bot: Bot) -> None:
    prompt_ts = setup_prompt(bot)
    lf.reply(bot, "MSR-1 talked to the supplier, draft by Tuesday", thread_ts=prompt_ts)
    bot.fake.wait_for("chat.update")
    assert status(bot, 1) == "doing"
    [change] = lf.events(bot.db, 1, "status")
    assert (change.from_value, change.to_value, change.source) == ("todo", "doing", "thread")
    assert "In progress" in prompt_line(bot, prompt_ts, "MSR-1")


def test_plain_note_on_a_measure_in_progress_changes_no_status(bot: Bot, outcomes: lf.Outcomes) -> None:
    prompt_ts = setup_prompt(bot)
    lf.reply(bot, "MSR-2: agenda drafted", thread_ts=prompt_ts, user=lf.OWNER2)
    outcomes.wait_for("recorded")
    bot.fake.wait_for("reactions.add")
    assert status(bot, 2) == "doing"
    assert lf.events(bot.db, 2, "status") == [
        e for e in lf.events(bot.db, 2, "status") if e.source == "command"
    ]
    assert thread_events(bot) == [(2, "progress", lf.OWNER2, "MSR-2: agenda drafted")]
    assert bot.fake.calls_to("chat.update") == []


@pytest.mark.parametrize(
    ("text", "number", "expected"),
    [
        ("MSR-1 已完成", 1, "done"),
        ("MSR-1 完成了，已上线", 1, "done"),
        ("MSR-1 进行中，下周二交付", 1, "doing"),
        ("MSR-1 受阻：等待法务审批", 1, "blocked"),
        ("MSR-2 blocked by procurement", 2, "blocked"),
        ("msr-1 DONE", 1, "done"),
        ("MSR－1 已完成", 1, "done"),  # full-width hyphen, as Chinese input methods type it
    ],
)
def test_status_words_in_english_and_chinese(bot: Bot, text: str, number: int, expected: str) -> None:
    prompt_ts = setup_prompt(bot)
    lf.reply(bot, text, thread_ts=prompt_ts, user=OWNER if number == 1 else lf.OWNER2)
    bot.fake.wait_for("chat.update")
    assert status(bot, number) == expected
    [change] = [e for e in lf.events(bot.db, number, "status") if e.source == "thread"]
    assert change.to_value == expected


@pytest.mark.parametrize(
    "text",
    [
        "MSR-2 not done yet",
        "MSR-2 isn't finished yet, still waiting",
        "MSR-2 还没有完成",
        "MSR-2 尚未完成",
        "MSR-2 未完成",
    ],
)
def test_negated_done_does_not_finish_the_measure(bot: Bot, outcomes: lf.Outcomes, text: str) -> None:
    prompt_ts = setup_prompt(bot)
    lf.reply(bot, text, thread_ts=prompt_ts, user=lf.OWNER2)
    outcomes.wait_for("recorded")
    bot.fake.wait_for("reactions.add")
    assert status(bot, 2) == "doing"
    assert [e.source for e in lf.events(bot.db, 2, "status")] == ["command"]  # only the set-up's change
    assert thread_events(bot) == [(2, "progress", lf.OWNER2, text)]
    assert bot.fake.calls_to("chat.update") == []


def test_reply_naming_two_measures_records_both(bot: Bot) -> None:
    prompt_ts = setup_prompt(bot)
    lf.reply(bot, "MSR-1 and MSR-2 done", thread_ts=prompt_ts)  # OWNER may not change MSR-2
    bot.fake.wait_for("chat.update")
    assert (status(bot, 1), status(bot, 2)) == ("done", "doing")
    assert thread_events(bot) == [
        (1, "progress", OWNER, "MSR-1 and MSR-2 done"),
        (2, "comment", OWNER, "MSR-1 and MSR-2 done"),
    ]


# ---------------------------------------------------------------- who may change it


def test_reply_by_someone_not_allowed_is_kept_as_a_comment(bot: Bot, outcomes: lf.Outcomes) -> None:
    prompt_ts = setup_prompt(bot)
    reply_ts, _ = lf.reply(bot, "MSR-1 done, I think?", thread_ts=prompt_ts, user=OTHER)
    outcomes.wait_for("recorded")
    bot.fake.wait_for("reactions.add")
    assert lf.reactions(bot.fake, lf.SALES_CHANNEL, reply_ts) == [("speech_balloon", ["UBOT"])]
    assert status(bot, 1) == "todo"
    assert lf.events(bot.db, 1, "status") == []
    assert thread_events(bot) == [(1, "comment", OTHER, "MSR-1 done, I think?")]
    assert bot.fake.calls_to("chat.update") == []


def test_department_head_and_project_lead_may_report_progress(bot: Bot) -> None:
    prompt_ts = setup_prompt(bot)
    lf.reply(bot, "MSR-1 blocked", thread_ts=prompt_ts, user=lf.HEAD)
    bot.fake.wait_for("chat.update")
    lf.reply(bot, "MSR-2 done", thread_ts=prompt_ts, user=lf.LEAD)
    bot.fake.wait_for("chat.update", count=2)
    assert (status(bot, 1), status(bot, 2)) == ("blocked", "done")
    assert [k for _, k, _, _ in thread_events(bot)] == ["progress", "progress"]


# ---------------------------------------------------------------- exactly once


def test_slack_retry_of_the_same_event_records_nothing_twice(bot: Bot, outcomes: lf.Outcomes) -> None:
    prompt_ts = setup_prompt(bot)
    msg = bot.fake.add_message(lf.SALES_CHANNEL, "MSR-1 done", user=OWNER, thread_ts=prompt_ts)
    event = lf.message_event(msg)
    assert bot.event(event, event_id="Ev0001").status == 200
    bot.fake.wait_for("chat.update")
    outcomes.wait_for("recorded")
    for retry in (1, 2):
        assert bot.event(event, event_id="Ev0001", retry_num=retry).status == 200
    outcomes.wait_for("duplicate", count=2)

    assert thread_events(bot) == [(1, "progress", OWNER, "MSR-1 done")]
    assert len(lf.events(bot.db, 1, "status")) == 1
    assert len(bot.fake.calls_to("reactions.add")) == 1
    assert len(bot.fake.calls_to("chat.update")) == 1
    assert lf.reactions(bot.fake, lf.SALES_CHANNEL, msg["ts"]) == [("white_check_mark", ["UBOT"])]
    assert [(p.team_id, p.event_id) for p in factories.all_rows(bot.db, ProcessedEvent)] == [(TEAM, "Ev0001")]


def test_retry_of_an_unattached_reply_asks_only_once(bot: Bot, outcomes: lf.Outcomes) -> None:
    prompt_ts = setup_prompt(bot, second_for_owner=True)
    msg = bot.fake.add_message(lf.SALES_CHANNEL, "all good", user=OWNER, thread_ts=prompt_ts)
    bot.event(lf.message_event(msg), event_id="Ev0002")
    outcomes.wait_for("unattached")
    bot.event(lf.message_event(msg), event_id="Ev0002", retry_num=1)
    outcomes.wait_for("duplicate")
    assert len([c for c in bot.fake.calls_to("chat.postMessage") if c.params.get("thread_ts")]) == 1


def test_edited_reply_updates_its_note(bot: Bot) -> None:
    prompt_ts = setup_prompt(bot)
    reply_ts, _ = lf.reply(bot, "MSR-1 dnoe", thread_ts=prompt_ts)
    bot.fake.wait_for("chat.update")
    edited = {
        "type": "message",
        "subtype": "message_changed",
        "hidden": True,
        "channel": lf.SALES_CHANNEL,
        "ts": "1900000000.000001",
        "event_ts": "1900000000.000001",
        "message": {
            "type": "message",
            "user": OWNER,
            "text": "MSR-1 draft &amp; review done &lt;soon&gt;",
            "ts": reply_ts,
            "thread_ts": prompt_ts,
            "edited": {"user": OWNER, "ts": "1900000000.000000"},
        },
        "previous_message": {
            "type": "message",
            "user": OWNER,
            "text": "MSR-1 dnoe",
            "ts": reply_ts,
            "thread_ts": prompt_ts,
        },
    }
    assert bot.event(edited, event_id="Ev-edit-1").status == 200
    lf.wait_until(
        lambda: thread_events(bot) == [(1, "progress", OWNER, "MSR-1 draft & review done <soon>")],
        what=f"the edited note; have {thread_events(bot)}",
    )
    assert len(factories.all_rows(bot.db, MeasureEvent)) == len(lf.events(bot.db, 1)) + len(
        lf.events(bot.db, 2)
    )


# ---------------------------------------------------------------- not for us


def test_replies_in_other_threads_and_top_level_messages_are_ignored(bot: Bot, outcomes: lf.Outcomes) -> None:
    setup_prompt(bot)
    other = bot.fake.add_message(lf.SALES_CHANNEL, "lunch?", user=lf.HEAD)
    lf.reply(bot, "MSR-1 done", thread_ts=other["ts"])
    outcomes.wait_for("not_a_prompt")
    # the same thread ts in another channel is not the prompt either
    bot.fake.add_channel("CELSEWHERE")
    elsewhere = bot.fake.add_message("CELSEWHERE", "root", user=lf.HEAD)
    lf.reply(bot, "MSR-1 done", thread_ts=elsewhere["ts"], channel="CELSEWHERE")
    outcomes.wait_for("not_a_prompt", count=2)
    top = bot.fake.add_message(lf.SALES_CHANNEL, "MSR-1 done", user=OWNER)
    bot.event(lf.message_event(top), event_id="Ev-top")
    lf.quiet_for(bot.fake, 0.2)
    assert status(bot, 1) == "todo"
    assert thread_events(bot) == []
    assert factories.all_rows(bot.db, ProcessedEvent) == []
    assert bot.fake.calls_to("reactions.add") == [] and bot.fake.calls_to("chat.update") == []
    assert [c for c in bot.fake.calls_to("chat.postMessage") if c.params.get("thread_ts")] == []


def test_bot_messages_in_the_thread_are_ignored(bot: Bot) -> None:
    prompt_ts = setup_prompt(bot)
    own = bot.fake.add_message(
        lf.SALES_CHANNEL, "MSR-1 done", user=bot.fake.bot_user_id, bot_id=bot.fake.bot_id, thread_ts=prompt_ts
    )
    bot.event(lf.message_event(own), event_id="Ev-own")
    other_app = bot.fake.add_message(
        lf.SALES_CHANNEL,
        "MSR-1 done",
        user="UAPP",
        bot_id="BOTHER",
        thread_ts=prompt_ts,
        subtype="bot_message",
    )
    bot.event({**lf.message_event(other_app), "subtype": "bot_message"}, event_id="Ev-app")
    lf.quiet_for(bot.fake, 0.3)
    assert status(bot, 1) == "todo"
    assert thread_events(bot) == []
    assert bot.fake.calls_to("reactions.add") == [] and bot.fake.calls_to("chat.update") == []


def test_reply_about_a_measure_behind_show_more_counts(bot: Bot) -> None:
    world = lf.loop_world(bot)
    for i in range(21):
        lf.measure(
            bot,
            world,
            f"m{i + 1}",
            owner=OWNER if i < 20 else lf.OWNER2,
            due=date(2026, 12, 1) + timedelta(days=i),
        )
    [prompt_ts] = lf.post_prompt(bot, FRIDAY)  # one message: 20 measures, MSR-21 behind Show more
    reply_ts, _ = lf.reply(bot, "finished", thread_ts=prompt_ts, user=lf.OWNER2)  # the only one of OWNER2
    [update] = bot.fake.wait_for("chat.update")
    assert update.params["ts"] == prompt_ts
    assert status(bot, 21) == "done"
    assert lf.reactions(bot.fake, lf.SALES_CHANNEL, reply_ts) == [("white_check_mark", ["UBOT"])]
    assert "Show 1 more" in str(update.params["blocks"][-1])


def test_reply_under_a_continuation_message_of_an_older_prompt_counts(bot: Bot) -> None:
    """Prompts posted before Show more came in several messages; replies under any still count."""
    world = lf.loop_world(bot)
    first = lf.measure(bot, world, "m1")
    second = lf.measure(bot, world, "m2", owner=lf.OWNER2)
    bot.clock.set(FRIDAY)
    ts = [
        bot.fake.add_message(lf.SALES_CHANNEL, f"part {n}", user=bot.fake.bot_user_id)["ts"] for n in (1, 2)
    ]
    with transaction(bot.db.sessions) as session:
        prompt = prompts.get_or_create_prompt(
            session,
            team_id=TEAM,
            department_id=world.sales.id or 0,
            channel_id=lf.SALES_CHANNEL,
            period="2026-W47",
            now=FRIDAY,
        )
        for part, measure in ((1, first), (2, second)):
            prompts.add_prompt_message(
                session,
                team_id=TEAM,
                prompt=prompt,
                part=part,
                ts=ts[part - 1],
                measure_ids=[measure.id or 0],
            )
    lf.reply(bot, "finished", thread_ts=ts[1], user=lf.OWNER2)
    [update] = bot.fake.wait_for("chat.update")
    assert update.params["ts"] == ts[1]  # only the message that lists MSR-2 is re-rendered
    assert "continued 2/2" in update.params["text"]
    assert status(bot, 2) == "done"


@pytest.mark.parametrize("subtype", ["file_share", "thread_broadcast"])
def test_reply_with_a_file_or_also_sent_to_the_channel_counts(bot: Bot, subtype: str) -> None:
    prompt_ts = setup_prompt(bot)
    msg = bot.fake.add_message(lf.SALES_CHANNEL, "MSR-1 done, deck attached", user=OWNER, thread_ts=prompt_ts)
    event = {**lf.message_event(msg), "subtype": subtype}
    if subtype == "file_share":
        event["files"] = [{"id": "F1", "name": "deck.pdf", "mimetype": "application/pdf"}]
    assert bot.event(event, event_id="Ev-sub").status == 200
    bot.fake.wait_for("chat.update")
    assert status(bot, 1) == "done"
    assert thread_events(bot) == [(1, "progress", OWNER, "MSR-1 done, deck attached")]
