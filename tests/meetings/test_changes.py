"""Change requests (需求变更申请, CHG-n) through signed requests: `change add` (command and form),
the lead's Approve / Reject (a reason asked for), decided once, the requester and the responsible
department told, an approved new deadline moving the measure (history), `change list`."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from tests import factories
from tests import weekly_factories as lf
from tests.harness import ADMIN, LEAD, OTHER, OWNER, Bot
from tests.meetings import world as mw

CHANGE = 'change add PRJ-1 "Move the calendar launch" impact="Sales waits a week" dept=Sales measure=MSR-1 due=2026-12-20'


def world_with_measure(bot: Bot) -> lf.LoopWorld:
    world = mw.charter_world(bot)
    lf.measure(bot, world, "Shared release calendar", due=date(2026, 12, 1))  # MSR-1
    bot.clock.set(mw.sh(2026, 11, 20, 10, 0))
    return world


def lead_ask(bot: Bot) -> Any:
    [ask] = bot.fake.wait_for("chat.postMessage", predicate=lambda c: c.params["channel"] == LEAD)
    return ask


def test_change_add_files_chg_and_asks_the_lead(bot: Bot) -> None:
    world_with_measure(bot)
    reply = bot.command(CHANGE, user=OWNER)
    assert reply["text"] == (
        ":outbox_tray: *CHG-1* filed on PRJ-1 New product launch and sent to the project lead <@ULEAD>."
    )
    ask = lead_ask(bot)
    assert ask.params["text"] == (
        ":memo: Change request *CHG-1* (需求变更申请) from <@UOWNER> on PRJ-1 New product launch:\n"
        "*What changes:* Move the calendar launch\n"
        "*Impact:* Sales waits a week\n"
        "*Responsible department:* Sales\n"
        "*MSR-1* due 2026-12-01 → *2026-12-20*"
    )
    [request] = mw.change_requests(bot)
    assert lf.buttons(ask.params) == [("cr_approve", str(request.id)), ("cr_reject", str(request.id))]
    assert (request.number, request.state, request.old_due, request.proposed_due) == (
        1,
        "open",
        date(2026, 12, 1),
        date(2026, 12, 20),
    )
    assert lf.measure_by_number(bot.db, 1).due == date(2026, 12, 1)  # nothing moves before the decision


def test_approving_moves_the_deadline_tells_the_requester_and_the_department_once(bot: Bot) -> None:
    world_with_measure(bot)
    bot.command(CHANGE, user=OWNER)
    [request] = mw.change_requests(bot)
    ask = lead_ask(bot)
    _, url = bot.button("cr_approve", str(request.id), user=LEAD, channel=ask.response["channel"])
    [reply] = bot.fake.wait_for_response(predicate=lambda r: r["_url"] == url)
    assert reply["replace_original"] is True
    assert reply["text"].startswith(
        ":white_check_mark: <@ULEAD> approved *CHG-1*: *MSR-1* is now due 2026-12-20."
    )
    assert lf.measure_by_number(bot.db, 1).due == date(2026, 12, 20)
    [moved] = lf.events(bot.db, 1, "due")
    assert (moved.from_value, moved.to_value, moved.source, moved.actor_user_id) == (
        "2026-12-01",
        "2026-12-20",
        "change",
        LEAD,
    )
    [told] = bot.fake.wait_for("chat.postMessage", predicate=lambda c: c.params["channel"] == OWNER)
    assert told.params["text"].startswith(":white_check_mark: <@ULEAD> approved *CHG-1*")
    [notice] = bot.fake.wait_for(
        "chat.postMessage", predicate=lambda c: c.params["channel"] == lf.SALES_CHANNEL
    )
    assert notice.params["text"].startswith(
        ":mega: Change request *CHG-1* for Sales on PRJ-1 New product launch:"
    )
    # a second press — the lead's or an admin's, either button — says who decided, and changes nothing
    for action, user in (("cr_approve", LEAD), ("cr_reject", ADMIN)):
        _, again = bot.button(action, str(request.id), user=user, channel="D" + user)
        [second] = bot.fake.wait_for_response(predicate=lambda r, u=again: r["_url"] == u)
        assert second["response_type"] == "ephemeral"
        assert second["text"] == "CHG-1 was already approved by <@ULEAD> on 2026-11-20 10:00."
    lf.quiet_for(bot.fake, 0.2)
    assert len(lf.events(bot.db, 1, "due")) == 1
    assert len(lf.ok_posts(bot.fake, OWNER)) == 1 and len(lf.ok_posts(bot.fake, lf.SALES_CHANNEL)) == 1
    assert [c.params["view"]["callback_id"] for c in bot.fake.calls_to("views.open")] == []


def test_rejecting_asks_for_a_reason_and_only_the_lead_or_an_admin_decides(bot: Bot) -> None:
    world_with_measure(bot)
    bot.command('change add PRJ-1 "Drop feature X" impact="Two weeks less" dept="R&amp;D"', user=OWNER)
    [request] = mw.change_requests(bot)
    assert request.measure_id is None and request.department_id == 2
    ask = lead_ask(bot)
    for user in (OTHER, OWNER):
        _, url = bot.button("cr_approve", str(request.id), user=user, channel="D" + user)
        [refused] = bot.fake.wait_for_response(predicate=lambda r, u=url: r["_url"] == u)
        assert refused["text"] == ":no_entry: Deciding CHG-1 is for <@ULEAD>. Nothing was changed."
    assert mw.change_requests(bot)[0].state == "open"
    bot.button(
        "cr_reject",
        str(request.id),
        user=ADMIN,
        channel=ask.response["channel"],
        message_ts=ask.response["ts"],
    )
    view = bot.opened_view()
    assert bot.submit_view(view, {"reason": "Feature X is <!here> contractual"}, user=ADMIN).status == 200
    [update] = bot.fake.wait_for("chat.update")
    assert update.params["text"].startswith(
        ":x: <@UADMIN> rejected *CHG-1* (PRJ-1 New product launch): Feature X is &lt;!here&gt; contractual"
    )
    [told] = bot.fake.wait_for("chat.postMessage", predicate=lambda c: c.params["channel"] == OWNER)
    assert "rejected *CHG-1*" in told.params["text"]
    [notice] = bot.fake.wait_for(
        "chat.postMessage", predicate=lambda c: c.params["channel"] == lf.RND_CHANNEL
    )
    assert "for R&amp;D" in notice.params["text"]
    [stored] = mw.change_requests(bot)
    assert (stored.state, stored.decided_by, stored.decision_note) == (
        "rejected",
        ADMIN,
        "Feature X is <!here> contractual",
    )


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ('change add PRJ-1 "x" impact="y" dept=Sales due=2026-12-20', "due= moves a measure's deadline"),
        ('change add PRJ-1 "x" impact="y" dept=Legal', 'There is no department called "Legal"'),
        ('change add PRJ-1 "x" impact="y" dept=Sales measure=MSR-9', "There is no MSR-9"),
        ('change add PRJ-1 "x" impact="y" dept=Sales measure=MSR-1 due=2026-11-01', "is in the past"),
        ('change add PRJ-1 "x" impact="y" dept=Sales measure=MSR-1 due=soon', '"soon"'),
        ('change add PRJ-1 "x" dept=Sales', "missing impact="),
        ('change add PRJ-4 "x" impact="y" dept=Sales', "There is no PRJ-4"),
        ('change add PRJ-1 "x" impact="y" dept=Sales measure=PRB-1', "is not a measure reference"),
        ("change add PRJ-1", "give the project and what changes"),
        ('change add PRJ-2 "x" impact="y" dept=Sales measure=MSR-1', "MSR-1 belongs to PRJ-1, not PRJ-2"),
        ("change list PRJ-4", "There is no PRJ-4"),
    ],
)
def test_change_add_refuses_bad_input_and_stores_nothing(bot: Bot, text: str, error: str) -> None:
    world = world_with_measure(bot)
    factories.project(bot.db, "Second", depts=[world.sales])  # PRJ-2
    reply = bot.command(text, user=OWNER)
    assert reply["text"].startswith(":warning: ") and error in reply["text"], reply["text"]
    assert mw.change_requests(bot) == []
    assert bot.fake.calls_to("chat.postMessage") == []


def test_the_change_form(bot: Bot) -> None:
    world = world_with_measure(bot)
    bot.send_command("change add", user=OWNER)
    view = bot.opened_view()
    assert view["callback_id"] == "collab_change_add"
    values: dict[str, Any] = {
        "project": "1",
        "text": "Move it",
        "impact": "A week",
        "dept": str(world.sales.id),
    }
    no_measure = bot.submit_view(view, {**values, "due": "2026-12-20"}, user=OWNER).json()
    assert no_measure["errors"] == {"due": "A new date needs a measure."}
    wrong = bot.submit_view(view, {**values, "measure": "MSR-7"}, user=OWNER).json()
    assert wrong["errors"] == {"measure": "Write a measure of this project, e.g. MSR-3"}
    assert mw.change_requests(bot) == []
    ok = bot.submit_view(view, {**values, "measure": "msr1", "due": "2026-12-20"}, user=OWNER)
    assert ok.status == 200
    lead_ask(bot)
    [receipt] = bot.fake.wait_for("chat.postEphemeral")
    assert receipt.params["text"].startswith(":outbox_tray: *CHG-1* filed on PRJ-1")
    [request] = mw.change_requests(bot)
    assert (request.text, request.impact, request.proposed_due) == ("Move it", "A week", date(2026, 12, 20))


def test_change_list_shows_pending_ones_first_with_their_ages(bot: Bot) -> None:
    world_with_measure(bot)
    assert bot.command("change list")["text"].startswith("No change requests yet.")
    bot.command('change add PRJ-1 "First" impact="i" dept=Sales', user=OWNER)
    bot.command('change add PRJ-1 "Second" impact="i" dept=Sales', user=OWNER)
    [first, _] = mw.change_requests(bot)
    bot.button("cr_approve", str(first.id), user=LEAD, channel="D" + LEAD)
    bot.fake.wait_for("chat.postMessage", predicate=lambda c: c.params["channel"] == lf.SALES_CHANNEL)
    bot.clock.set(bot.clock() + timedelta(days=3))
    text = lf.all_text(bot.command("change list PRJ-1"))
    pending = text.index("*CHG-2* Second")
    decided = text.index("*CHG-1* First")
    assert pending < decided
    assert "pending for 3 day(s)" in text and "approved by <@ULEAD>" in text
