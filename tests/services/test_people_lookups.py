"""Slack is asked about people in bulk and once: an export looks owners up with one paged
``users.list`` (and ``users.info`` only, once, for someone the list lacks — a "not found" is
remembered too); the nudges open each person's direct message channel once."""

from __future__ import annotations

from datetime import UTC, date, datetime

from tests import factories
from tests import weekly_factories as lf
from tests.harness import Bot


def test_an_export_asks_users_list_once_and_each_unknown_owner_once(bot: Bot) -> None:
    for i in range(450):  # three pages of users.list
        bot.fake.add_user(f"UPEOPLE{i:04d}", f"person-{i}")
    world = factories.world(bot.db)
    factories.workspace(bot.db)
    for i in range(3):
        factories.measure(bot.db, world["problem"], world["sales"], f"ghost's {i}", owner="UGHOST")
    bot.send_command("export csv")
    bot.fake.wait_for("files.completeUploadExternal")
    pages = bot.fake.calls_to("users.list")
    assert len(pages) == 3
    assert [c.params["user"] for c in bot.fake.calls_to("users.info")] == ["UGHOST"]  # not per row
    [uploaded] = bot.fake.files.values()
    text = uploaded.content.decode("utf-8-sig")
    assert "Sales / olga-owner" in text and text.count("Sales / UGHOST") == 3

    bot.fake.reset()
    bot.send_command("export csv")
    bot.fake.wait_for("files.completeUploadExternal")
    assert bot.fake.calls_to("users.list") == [] and bot.fake.calls_to("users.info") == []


def test_nudges_open_a_persons_direct_message_once(bot: Bot) -> None:
    world = lf.loop_world(bot)
    for i in range(3):
        lf.measure(bot, world, f"late {i}", due=date(2026, 11, 10))
    wednesday = datetime(2026, 11, 18, 9, 30, tzinfo=UTC)
    lf.run(bot.jobs(), "nudges", wednesday, clock=bot.clock)
    opened = [c.params["users"] for c in bot.fake.calls_to("conversations.open")]
    assert sorted(opened) == sorted(set(opened))  # one conversations.open per person
    [nudge] = lf.dm_texts(bot.fake, lf.OWNER)  # one nudge per person, naming all three
    assert all(f"*MSR-{n}*" in nudge for n in (1, 2, 3))
    # a later run in the same process remembers the channels
    lf.run(bot.jobs(), "nudges", datetime(2026, 11, 19, 9, 30, tzinfo=UTC), clock=bot.clock)
    assert sorted(c.params["users"] for c in bot.fake.calls_to("conversations.open")) == sorted(opened)
