"""The Home tab through signed requests: ``app_home_opened`` publishes the person's own tab; its
buttons change a status (the sync prompt follows), open the forms and decide change requests;
changes by others republish it, once per person however many rows changed."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

from storage import change_requests as change_request_store
from storage.db import transaction
from storage.models import ChangeRequest, HomeTab
from tests import factories
from tests import weekly_factories as lf
from tests.harness import HEAD, LEAD, OTHER, OWNER, TEAM, Bot

FRIDAY_PROMPT = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)


def publishes(bot: Bot, user: str) -> list[dict[str, Any]]:
    return [c.params["view"] for c in bot.fake.calls_to("views.publish") if c.params.get("user_id") == user]


def wait_publish(bot: Bot, user: str, count: int = 1) -> dict[str, Any]:
    calls = bot.fake.wait_for("views.publish", count, predicate=lambda c: c.params.get("user_id") == user)
    view: dict[str, Any] = calls[-1].params["view"]
    return view


def texts(view: dict[str, Any]) -> list[str]:
    out = []
    for b in view["blocks"]:
        if b["type"] in ("section", "header"):
            out.append(b["text"]["text"])
        elif b["type"] == "context":
            out.extend(e["text"] for e in b["elements"])
    return out


def action_ids(view: dict[str, Any]) -> list[str]:
    return [e["action_id"] for b in view["blocks"] if b["type"] == "actions" for e in b["elements"]]


def listed_measures(view: dict[str, Any]) -> list[str]:
    return [m for t in texts(view) for m in re.findall(r"^\*(MSR-\d+)\*", t)]


def wait_dm(bot: Bot, user: str, count: int = 1) -> list[str]:
    bot.fake.wait_for(
        "chat.postMessage", count, predicate=lambda c: c.params["channel"] in (user, "D" + user)
    )
    return lf.dm_texts(bot.fake, user)


def settle(bot: Bot) -> None:
    """Let deferred republishing run (it waits a moment to coalesce)."""
    bot.deps.later.drain()


def request_change(bot: Bot, number: int, *, by: str = OWNER) -> ChangeRequest:
    with transaction(bot.db.sessions) as session:
        from storage import measures

        m = measures.get_measure(session, team_id=TEAM, number=number)
        assert m is not None
        from storage import projects

        project = projects.get_project_by_id(session, team_id=TEAM, project_id=m.project_id)
        assert project is not None
        return change_request_store.add_change_request(
            session,
            team_id=TEAM,
            project=project,
            measure=m,
            requested_by=by,
            proposed_due=date(2027, 1, 15),
            reason="waiting for the vendor",
            now=bot.clock(),
        )


def test_opening_home_shows_the_persons_own_measures_overdue_first(bot: Bot) -> None:
    world = lf.loop_world(bot)
    lf.measure(bot, world, "Later one", due=date(2026, 12, 31))  # MSR-1
    lf.measure(bot, world, "Late one", due=date(2026, 11, 10), status="doing")  # MSR-2
    lf.measure(bot, world, "Someone else's", owner=lf.OWNER2)  # MSR-3
    lf.measure(bot, world, "Finished", status="done")  # MSR-4
    result = bot.open_home(OWNER)
    assert result.status == 200
    view = wait_publish(bot, OWNER)
    assert view["type"] == "home" and len(view["blocks"]) <= 100
    assert texts(view)[0] == "Your improvement work"
    assert "*Your open measures* — 2 open, 1 overdue" in texts(view)
    assert listed_measures(view) == ["MSR-2", "MSR-1"]  # overdue first; not others', not done
    assert (
        "*Due 2026-11-10 (overdue)*"
        in texts(view)[texts(view).index("*Your open measures* — 2 open, 1 overdue") + 1]
    )
    ids = action_ids(view)
    assert ids[:3] == ["home_new_problem", "home_new_measure", "home_new_project"]
    assert ids[3:6] == ["home_status:2:doing", "home_status:2:done", "home_status:2:blocked"]
    assert "_Nothing waits for you._" in texts(view)
    assert not any("Projects you lead" in t for t in texts(view))
    assert [(h.team_id, h.user_id) for h in factories.all_rows(bot.db, HomeTab)] == [(TEAM, OWNER)]
    # only the Home tab: opening the Messages tab publishes nothing
    bot.event({"type": "app_home_opened", "user": OTHER, "tab": "messages"}, event_id="EvMsgTab")
    bot.open_home(OWNER)
    wait_publish(bot, OWNER, 2)
    assert publishes(bot, OTHER) == []


def test_the_lead_sees_change_requests_to_decide_and_project_progress(bot: Bot) -> None:
    world = lf.loop_world(bot)
    lf.measure(bot, world)  # MSR-1
    lf.measure(bot, world, status="done")  # MSR-2
    lf.measure(bot, world, status="doing")  # MSR-3
    request = request_change(bot, 1)
    bot.open_home(LEAD)
    view = wait_publish(bot, LEAD)
    shown = texts(view)
    assert "*Waiting for you* (1)" in shown
    [cr] = [t for t in shown if t.startswith(":memo:")]
    assert cr.startswith(":memo: *CHG-1* (PRJ-1) from <@UOWNER>, 0 day(s) ago: MSR-1 Weekly sync meeting")
    assert "Moves *MSR-1* from 2026-12-31 to *2027-01-15*." in cr and ">waiting for the vendor" in cr
    assert [a for a in action_ids(view) if a.startswith("home_cr")] == ["home_cr_approve", "home_cr_reject"]
    assert "*Projects you lead*" in shown
    assert "*PRJ-1* New product launch — 1/3 measures done · due 2026-12-31" in shown
    # the lead approves on the Home tab: decided once, told privately, the tab republished
    bot.home_button("home_cr_approve", str(request.id), user=LEAD)
    after = wait_publish(bot, LEAD, 2)
    assert "_Nothing waits for you._" in texts(after)
    [row] = factories.all_rows(bot.db, ChangeRequest)
    assert (row.state, row.decided_by) == ("approved", LEAD)
    assert factories.get_measure(bot.db, 1).due == date(2027, 1, 15)
    assert any("approved" in t for t in lf.dm_texts(bot.fake, LEAD))
    # someone else may not decide: told so, nothing changes
    second = request_change(bot, 3)
    bot.home_button("home_cr_reject", str(second.id), user=OTHER)
    assert "Nothing was changed" in wait_dm(bot, OTHER)[0]
    assert factories.all_rows(bot.db, ChangeRequest)[1].state == "open"


def test_a_status_button_on_home_updates_the_sync_prompt_and_the_tab(bot: Bot) -> None:
    world = lf.loop_world(bot)
    lf.measure(bot, world)  # MSR-1, owner OWNER
    lf.run(bot.jobs(), "weekly-sync", FRIDAY_PROMPT, clock=bot.clock)
    [prompt] = lf.ok_posts(bot.fake, lf.SALES_CHANNEL)
    bot.open_home(OWNER)
    wait_publish(bot, OWNER)
    bot.home_button("home_status:1:done", "1:done", user=OWNER)
    [update] = bot.fake.wait_for("chat.update")
    assert update.params["ts"] == prompt.response["ts"]
    assert "Done" in str(update.params["blocks"])
    view = wait_publish(bot, OWNER, 2)
    assert listed_measures(view) == [] and "_No open measures. Nice._" in texts(view)
    assert factories.get_measure(bot.db, 1).status == "done"
    assert [e.source for e in lf.events(bot.db, 1, "status")] == ["home"]


def test_someone_who_may_not_change_it_is_told_privately(bot: Bot) -> None:
    world = lf.loop_world(bot)
    lf.measure(bot, world)
    bot.home_button("home_status:1:done", "1:done", user=OTHER)
    assert "Changing MSR-1 is for the measure's owner" in wait_dm(bot, OTHER)[0]
    assert factories.get_measure(bot.db, 1).status == "todo"
    bot.home_button("home_status:9:done", "9:done", user=OTHER)
    assert wait_dm(bot, OTHER, 2)[1] == "There is no MSR-9 in this workspace."


def test_changes_by_others_republish_once_per_person_who_opened_home(bot: Bot) -> None:
    world = lf.loop_world(bot)
    for _ in range(3):
        lf.measure(bot, world)  # MSR-1..3, owner OWNER
    lf.run(bot.jobs(), "weekly-sync", FRIDAY_PROMPT, clock=bot.clock)
    [prompt] = lf.ok_posts(bot.fake, lf.SALES_CHANNEL)
    bot.open_home(OWNER)
    wait_publish(bot, OWNER)
    # the head sets three statuses in one thread reply: one republish of the owner's tab
    bot.event(
        {
            "type": "message",
            "channel": lf.SALES_CHANNEL,
            "user": HEAD,
            "text": "MSR-1 MSR-2 MSR-3 done",
            "ts": "1800000000.000100",
            "thread_ts": prompt.response["ts"],
        },
        event_id="EvReply",
    )
    wait_publish(bot, OWNER, 2)
    settle(bot)
    assert len(publishes(bot, OWNER)) == 2
    assert listed_measures(publishes(bot, OWNER)[-1]) == []
    assert publishes(bot, HEAD) == [] and publishes(bot, LEAD) == []  # they never opened it
    # a new measure assigned to them by command: republished with it
    reply = bot.command(f'measure add PRB-1 owner=<@{OWNER}> dept=Sales due=2026-12-20 "Shared calendar"')
    assert "MSR-4" in reply["text"]
    view = wait_publish(bot, OWNER, 3)
    assert listed_measures(view) == ["MSR-4"]


def test_new_buttons_open_the_forms(bot: Bot) -> None:
    bot.home_button("home_new_problem", "new", user=OWNER)
    assert "There are no projects yet" in wait_dm(bot, OWNER)[0]
    lf.loop_world(bot)
    for action, callback in (
        ("home_new_problem", "collab_problem_add"),
        ("home_new_measure", "collab_measure_add"),
        ("home_new_project", "collab_project_add"),
    ):
        bot.home_button(action, "new", user=OWNER)
        assert bot.opened_view()["callback_id"] == callback
    # a problem filed from the Home tab's form: the confirmation comes by direct message
    view = next(
        c.params["view"]
        for c in bot.fake.calls_to("views.open")
        if c.params["view"]["callback_id"] == "collab_problem_add"
    )
    result = bot.submit_view(
        view, {"project": "1", "category": "info", "description": "Specs arrive late"}, user=OWNER
    )
    assert result.status == 200
    assert wait_dm(bot, OWNER, 2)[-1] == ":white_check_mark: *PRB-2* logged on PRJ-1: Specs arrive late"


def test_home_in_chinese(bot: Bot) -> None:
    world = lf.loop_world(bot, lang="zh")
    lf.measure(bot, world, due=date(2026, 11, 1))
    bot.open_home(OWNER)
    view = wait_publish(bot, OWNER)
    assert texts(view)[0] == "我的改进工作"
    assert "*我负责的未完成措施* —— 共 1 项，逾期 1 项" in texts(view)
    assert [e["text"]["text"] for b in view["blocks"] if b["type"] == "actions" for e in b["elements"]][
        :3
    ] == [
        "记录问题",
        "添加措施",
        "新建项目",
    ]
