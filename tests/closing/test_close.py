"""`project close` / `reopen` through signed requests: a closed project's measures leave the
nudges, sync prompts, digests, `status` and `project list`; exports keep it; only the lead
and admins may; reopening brings it back."""

from __future__ import annotations

from datetime import date

from storage.models import Project
from tests import factories
from tests import weekly_factories as lf
from tests.harness import LEAD, OTHER, OWNER, Bot
from tests.meetings import world as mw
from tests.meetings.world import sh


def two_projects(bot: Bot) -> None:
    """PRJ-1 (MSR-1, overdue) and PRJ-2 (MSR-2, overdue), both in Sales, owned by OWNER."""
    world = mw.charter_world(bot)
    bot.clock.set(sh(2026, 11, 2, 10))
    lf.measure(bot, world, "Old project step", due=date(2026, 11, 10))
    other = factories.project(bot.db, "Second project", depts=[world.sales], lead=LEAD)
    prb = factories.problem(bot.db, other, "Second problem")
    factories.measure(bot.db, prb, world.sales, "New project step", due=date(2026, 11, 10), now=bot.clock())


def nudged(bot: Bot) -> str:
    return "\n".join(lf.dm_texts(bot.fake, OWNER))


def test_a_closed_project_leaves_nudges_prompts_digests_and_lists_but_not_exports(bot: Bot) -> None:
    two_projects(bot)
    bot.clock.set(sh(2026, 11, 16, 10))
    assert "its lead <@ULEAD> and admins" in str(bot.command("project close PRJ-1", user=OTHER)["text"])
    said = str(bot.command("project close PRJ-1", user=LEAD)["text"])
    assert said.startswith("PRJ-1 New product launch is closed")
    assert "already closed" in str(bot.command("project close PRJ-1", user=LEAD)["text"])
    [closed] = [p for p in factories.all_rows(bot.db, Project) if p.number == 1]
    assert closed.closed_at is not None
    lf.run(bot.jobs(), "nudges", sh(2026, 11, 17, 9, 30), clock=bot.clock)
    assert "MSR-2" in nudged(bot) and "MSR-1" not in nudged(bot)
    lf.run(bot.jobs(), "weekly-sync", sh(2026, 11, 20, 17, 0), clock=bot.clock)
    [prompt] = lf.ok_posts(bot.fake, lf.SALES_CHANNEL)
    assert "New project step" in lf.all_text(prompt.params)
    assert "Old project step" not in lf.all_text(prompt.params)
    lf.run(bot.jobs(), "digest", sh(2026, 11, 23, 9, 0), clock=bot.clock)
    digest = lf.ok_posts(bot.fake, lf.SALES_CHANNEL)[-1]
    assert "Old project step" not in lf.all_text(digest.params)
    mine = lf.all_text(bot.command("status me", user=OWNER))
    assert "New project step" in mine and "Old project step" not in mine
    listed = lf.all_text(bot.command("project list", user=OWNER))
    assert "PRJ-2" in listed and "PRJ-1" not in listed
    assert "*Closed* on 2026-11-16" in lf.all_text(bot.command("project show PRJ-1", user=OWNER))
    bot.send_command("export csv", user=LEAD)
    [_call] = bot.fake.wait_for("files.completeUploadExternal", predicate=lambda c: c.ok)
    [exported] = bot.fake.files.values()
    assert "Old project step" in exported.content.decode("utf-8-sig")
    # reopened: back in the nudges
    assert "open again" in str(bot.command("project reopen PRJ-1", user=LEAD)["text"])
    assert "is not closed" in str(bot.command("project reopen PRJ-1", user=LEAD)["text"])
    lf.run(bot.jobs(), "nudges", sh(2026, 11, 24, 9, 30), clock=bot.clock)
    assert "MSR-1" in lf.dm_texts(bot.fake, OWNER)[-1]
