"""Retrospectives through signed requests: `retro start` (its bad input), the invitations (a DM
to each person asked, a message per department channel), **Add my input** (named, replaced,
anonymous — stored without its author), one reminder to those who have not answered at the
nudge time of the working day before ``until``, the report at ``until`` at the digest time —
each once — and `retro show`."""

from __future__ import annotations

from typing import Any

from storage.models import RetroInput, RetroParticipant
from tests import factories
from tests import weekly_factories as lf
from tests.closing.test_milestones import project_with_history
from tests.harness import HEAD, LEAD, OTHER, OWNER, Bot
from tests.meetings.world import sh

ASKED = [LEAD, HEAD, lf.RND_HEAD, OWNER]


def answer(reply: dict[str, Any]) -> str:
    return str(reply.get("text") or "")


def give(bot: Bot, user: str, values: dict[str, Any]) -> None:
    bot.button("collab_retro_input", "1", user=user, channel="D" + user)
    view = bot.opened_view()
    assert view["callback_id"] == "collab_retro_input"
    assert bot.submit_view(view, values, user=user).status == 200


def invitations(bot: Bot, who: str) -> list[Any]:
    return [c for c in lf.ok_posts(bot.fake, who) if "Retrospective RET-1" in str(c.params["text"])]


def test_retro_start_refuses_what_it_cannot_do(bot: Bot) -> None:
    world = project_with_history(bot)
    factories.project(bot.db, "Empty project", depts=[world.sales], lead=LEAD)
    bot.clock.set(sh(2026, 11, 16, 10))
    assert "its lead <@ULEAD> and admins" in answer(bot.command("retro start PRJ-1", user=OTHER))
    assert "has no measures yet" in answer(bot.command("retro start PRJ-2", user=LEAD))
    assert "2026-11-10 is in the past" in answer(bot.command("retro start PRJ-1 until=2026-11-10", user=LEAD))
    assert "There is no RET-1" in answer(bot.command("retro show RET-1", user=LEAD))
    assert factories.all_rows(bot.db, RetroParticipant) == []


def test_a_retrospective_collects_inputs_reminds_once_and_reports_once(bot: Bot) -> None:
    project_with_history(bot)
    bot.clock.set(sh(2026, 11, 16, 10))  # a Monday: until defaults to Thursday
    said = answer(bot.command("retro start PRJ-1", user=LEAD))
    assert said.startswith(
        "Started RET-1 for PRJ-1 New product launch: 4 people asked for their input until 2026-11-19"
    )
    for user in ASKED:
        [invite] = invitations(bot, user)
        assert lf.buttons(invite.params) == [("collab_retro_input", "1")]
    for channel in (lf.SALES_CHANNEL, lf.RND_CHANNEL):
        assert len(invitations(bot, channel)) == 1
    lf.run(bot.jobs(), "retros", sh(2026, 11, 16, 11), clock=bot.clock)  # the job does not send them again
    assert all(len(invitations(bot, u)) == 1 for u in ASKED)
    # two named inputs (one given twice: replaced, and said so) and one anonymous
    give(bot, LEAD, {"keep": "Daily standup\n- Shared tracker", "drop": "Long approvals"})
    give(bot, OWNER, {"keep": "Pairing", "name": "named"})
    give(bot, OWNER, {"keep": "Pairing with R&D", "suggestions": "Fewer meetings"})
    bot.fake.wait_for(
        "chat.postEphemeral",
        predicate=lambda c: "replaces the one you gave before" in str(c.params.get("text")),
    )
    give(bot, HEAD, {"suggestions": "Invite the vendor earlier", "name": "anonymous"})
    [_, owner_input, anonymous] = factories.all_rows(bot.db, RetroInput)
    assert (owner_input.author_user_id, owner_input.keep) == (OWNER, "Pairing with R&D")
    assert (anonymous.author_user_id, anonymous.suggestions) == ("", "Invite the vendor earlier")
    answered = {p.user_id for p in factories.all_rows(bot.db, RetroParticipant) if p.answered_at}
    assert answered == {LEAD, OWNER, HEAD}
    # the reminder: Wednesday at the nudge time, to the one who has not answered, once
    jobs = bot.jobs()
    lf.run(jobs, "retros", sh(2026, 11, 17, 9, 30), clock=bot.clock)
    lf.run(jobs, "retros", sh(2026, 11, 18, 9, 30), clock=bot.clock)
    lf.run(bot.jobs(), "retros", sh(2026, 11, 18, 15, 0), clock=bot.clock)
    reminders = {u: [t for t in lf.dm_texts(bot.fake, u) if "Reminder" in t] for u in ASKED}
    assert {u: len(r) for u, r in reminders.items()} == {LEAD: 0, HEAD: 0, lf.RND_HEAD: 1, OWNER: 0}
    # the report: Thursday at the digest time, to the channels and the lead, once
    lf.run(jobs, "retros", sh(2026, 11, 19, 8, 59), clock=bot.clock)
    assert not any("Retrospective report" in t for t in lf.dm_texts(bot.fake, LEAD))
    lf.run(jobs, "retros", sh(2026, 11, 19, 9, 0), clock=bot.clock)
    lf.run(bot.jobs(), "retros", sh(2026, 11, 19, 12, 0), clock=bot.clock)
    for where in (lf.SALES_CHANNEL, lf.RND_CHANNEL, LEAD):
        reports = [c for c in lf.ok_posts(bot.fake, where) if "Retrospective report" in str(c.params["text"])]
        assert len(reports) == 1, where
    text = lf.all_text(reports[0].params)
    assert "Retrospective report RET-1 — PRJ-1 New product launch" in text
    assert "• Daily standup\n• Shared tracker\n• Pairing with R&amp;D" in text
    assert "• Long approvals" in text
    assert "• Fewer meetings\n• Invite the vendor earlier" in text
    assert "Done on time 2 · done late 1 · not done 2 (of 5)" in text
    assert "3 of the 4 people asked answered." in text
    assert "Pairing\n" not in text  # the replaced input is gone
    shown = lf.all_text(bot.command("retro show PRJ-1", user=OTHER))
    assert "3 of the 4 people asked answered." in shown
    assert lf.all_text(bot.command("retro show RET-1", user=OTHER)) == shown


def test_home_asks_for_input_until_it_is_given(bot: Bot) -> None:
    project_with_history(bot)
    bot.clock.set(sh(2026, 11, 16, 10))
    bot.command("retro start PRJ-1", user=LEAD)

    def home(count: int) -> list[str]:
        calls = bot.fake.wait_for(
            "views.publish", count, predicate=lambda c: c.params.get("user_id") == OWNER
        )
        return [b["text"]["text"] for b in calls[-1].params["view"]["blocks"] if b["type"] == "section"]

    bot.open_home(OWNER)
    assert (
        ":mag: *RET-1* PRJ-1 New product launch: your input to the retrospective, until 2026-11-19."
        in home(1)
    )
    give(bot, OWNER, {"keep": "Pairing"})
    assert not any("RET-1" in t for t in home(2))


def reported(bot: Bot) -> dict[str, Any]:
    """RET-1 of PRJ-1 with LEAD's input, its report posted; the report in #sales."""
    project_with_history(bot)
    bot.clock.set(sh(2026, 11, 16, 10))
    bot.command("retro start PRJ-1", user=LEAD)
    give(bot, LEAD, {"keep": "Daily standup\nShared tracker", "drop": "Long approvals"})
    lf.run(bot.jobs(), "retros", sh(2026, 11, 19, 9, 0), clock=bot.clock)
    [report] = [c for c in lf.ok_posts(bot.fake, lf.SALES_CHANNEL) if "report" in str(c.params["text"])]
    return dict(report.params)


def pressed(bot: Bot, action: str, value: str, user: str) -> str:
    _, url = bot.button(action, value, user=user, channel=lf.SALES_CHANNEL)
    [reply] = bot.fake.wait_for_response(predicate=lambda r: r["_url"] == url)
    return str(reply.get("text") or "")


def test_kept_practices_form_the_library_and_appear_in_the_next_kickoff_agenda(bot: Bot) -> None:
    report = reported(bot)
    accessories = [
        (b["accessory"]["action_id"], b["accessory"]["value"]) for b in report["blocks"] if "accessory" in b
    ]
    keep = [b for b in accessories if b[0] == "collab_practice_keep"]
    drop = [b for b in accessories if b[0] == "collab_practice_drop"]
    assert len(keep) == 2 and len(drop) == 1
    assert "Nothing was changed" in pressed(bot, *keep[0], user=OTHER)
    assert "library is empty" in answer(bot.command("practices", user=OTHER))
    said = pressed(bot, *keep[0], user=LEAD)
    assert said.startswith("Kept as a practice: Daily standup (from PRJ-1 New product launch).")
    assert "already has it" in pressed(bot, *keep[0], user=LEAD)
    assert pressed(bot, *drop[0], user=LEAD).startswith("Dropped as a step: Long approvals")
    library = lf.all_text(bot.command("practices", user=OTHER))
    assert "*Kept practices* (固化)\n• Daily standup — PRJ-1 New product launch" in library
    assert "*Dropped steps* (淘汰)\n• Long approvals — PRJ-1 New product launch" in library
    # the next kickoff's agenda lists the kept practice
    bot.clock.set(sh(2026, 11, 20, 10))
    bot.command('meeting add PRJ-1 kickoff at="2026-11-27 10:00" "Phase 2"', user=LEAD)
    lf.run(bot.jobs(), "agendas", sh(2026, 11, 24, 9, 30), clock=bot.clock)
    [agenda] = [c for c in lf.ok_posts(bot.fake, lf.SALES_CHANNEL) if "MTG-1" in lf.all_text(c.params)]
    text = lf.all_text(agenda.params)
    assert "Daily standup (PRJ-1)" in text and "Long approvals" not in text


def test_in_chinese(bot: Bot) -> None:
    world = project_with_history(bot)
    factories.workspace(bot.db, timezone="Asia/Shanghai", lang="zh")
    assert world.project.number == 1
    bot.clock.set(sh(2026, 11, 16, 10))
    assert answer(bot.command("retro start PRJ-1", user=LEAD)).startswith(
        "已为 PRJ-1 New product launch 发起复盘 RET-1"
    )
    give(bot, LEAD, {"keep": "每日站会", "drop": "审批太慢", "name": "anonymous"})
    lf.run(bot.jobs(), "retros", sh(2026, 11, 19, 9, 0), clock=bot.clock)
    [report] = [c for c in lf.ok_posts(bot.fake, LEAD) if "复盘报告" in str(c.params["text"])]
    text = lf.all_text(report.params)
    assert "*亮点（保持）*" in text and "• 每日站会" in text and "• 审批太慢" in text
    assert "按期完成 2 · 逾期完成 1 · 未完成 2（共 5）" in text
    assert "受邀 4 人中 1 人已提交。" in text
