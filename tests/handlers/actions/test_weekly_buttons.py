"""Buttons of the weekly loop through signed interactivity requests: status buttons on the sync
prompt, the overdue nudge's buttons, the change-request modal and the lead's decision."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from services import measures as measure_service
from storage import change_requests as change_store
from tests import factories
from tests import weekly_factories as lf
from tests.harness import ADMIN, HEAD, LEAD, OTHER, OWNER, Bot
from tests.slacktext import sections
from ui.forms import CHANGE_REQUEST_MODAL

FRIDAY = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)
NOT_ALLOWED = (
    ":no_entry: Changing MSR-1 is for the measure's owner, their department head, the project lead "
    "or an admin. Nothing was changed."
)
OWNER_DM = "D" + OWNER
LEAD_DM = "D" + LEAD


def setup_prompt(bot: Bot) -> str:
    """MSR-1 (OWNER, not started, due 2026-12-01, with a note) in Sales' prompt; its ts."""
    world = lf.loop_world(bot)
    factories.measure(
        bot.db,
        world.problem,
        world.sales,
        "Shared release calendar",
        due=date(2026, 12, 1),
        note="Needs budget",
    )
    [ts] = lf.post_prompt(bot, FRIDAY)
    bot.clock.set(FRIDAY + timedelta(hours=1))
    return ts


def response(bot: Bot, url: str) -> dict[str, Any]:
    [reply] = bot.fake.wait_for_response(predicate=lambda r: r["_url"] == url)
    return reply


def status(bot: Bot, number: int = 1) -> str:
    return lf.measure_by_number(bot.db, number).status


# ---------------------------------------------------------------- status buttons on the prompt


def test_owner_sets_status_with_a_prompt_button(bot: Bot) -> None:
    prompt_ts = setup_prompt(bot)
    result, url = bot.button(
        "sync_status:1:doing", "1:doing", user=OWNER, channel=lf.SALES_CHANNEL, message_ts=prompt_ts
    )
    assert result.status == 200
    [update] = bot.fake.wait_for("chat.update")
    assert (update.params["channel"], update.params["ts"]) == (lf.SALES_CHANNEL, prompt_ts)
    assert status(bot) == "doing"
    [change] = lf.events(bot.db, 1, "status")
    assert (change.from_value, change.to_value, change.source, change.actor_user_id) == (
        "todo",
        "doing",
        "button",
        OWNER,
    )
    msg = bot.fake.message(lf.SALES_CHANNEL, prompt_ts)
    assert msg is not None and ":large_blue_circle: In progress" in sections(msg)[0]
    # then Done: the prompt is updated again
    bot.button("sync_status:1:done", "1:done", user=OWNER, channel=lf.SALES_CHANNEL, message_ts=prompt_ts)
    bot.fake.wait_for("chat.update", count=2)
    assert status(bot) == "done"
    assert lf.measure_by_number(bot.db, 1).done_at == FRIDAY + timedelta(hours=1)
    # pressing the status it already has changes nothing
    bot.button("sync_status:1:done", "1:done", user=OWNER, channel=lf.SALES_CHANNEL, message_ts=prompt_ts)
    lf.quiet_for(bot.fake, 0.2)
    assert len(bot.fake.calls_to("chat.update")) == 2
    assert len(lf.events(bot.db, 1, "status")) == 2
    assert [r for r in bot.fake.responses if r["_url"] == url] == []


def test_someone_not_allowed_gets_an_ephemeral_no_and_nothing_changes(bot: Bot) -> None:
    prompt_ts = setup_prompt(bot)
    before = bot.fake.message(lf.SALES_CHANNEL, prompt_ts)
    result, url = bot.button(
        "sync_status:1:done", "1:done", user=OTHER, channel=lf.SALES_CHANNEL, message_ts=prompt_ts
    )
    assert result.status == 200
    reply = response(bot, url)
    assert reply["response_type"] == "ephemeral" and reply["replace_original"] is False
    assert reply["text"] == NOT_ALLOWED
    assert status(bot) == "todo"
    assert lf.events(bot.db, 1, "status") == []
    assert bot.fake.calls_to("chat.update") == []
    assert bot.fake.message(lf.SALES_CHANNEL, prompt_ts) == before


def test_head_lead_and_admin_may_press_the_buttons(bot: Bot) -> None:
    prompt_ts = setup_prompt(bot)
    for n, (user, value) in enumerate([(HEAD, "blocked"), (LEAD, "doing"), (ADMIN, "done")], start=1):
        bot.button(
            f"sync_status:1:{value}", f"1:{value}", user=user, channel=lf.SALES_CHANNEL, message_ts=prompt_ts
        )
        bot.fake.wait_for("chat.update", count=n)
        assert status(bot) == value
    assert [(e.actor_user_id, e.to_value) for e in lf.events(bot.db, 1, "status")] == [
        (HEAD, "blocked"),
        (LEAD, "doing"),
        (ADMIN, "done"),
    ]


def test_button_is_acknowledged_at_once_even_when_slack_is_slow(bot: Bot) -> None:
    prompt_ts = setup_prompt(bot)
    bot.fake.delay("chat.update", 3.2)
    started = time.monotonic()
    result, _ = bot.button(
        "sync_status:1:done", "1:done", user=OWNER, channel=lf.SALES_CHANNEL, message_ts=prompt_ts
    )
    elapsed = time.monotonic() - started
    assert result.status == 200
    assert elapsed < 2.5, f"the button took {elapsed:.2f}s to acknowledge"
    assert status(bot) in ("todo", "done")
    bot.fake.wait_for("chat.update", timeout=8)
    assert status(bot) == "done"


def test_button_for_a_measure_that_is_gone(bot: Bot) -> None:
    setup_prompt(bot)
    _, url = bot.button("sync_status:99:done", "99:done", user=OWNER, channel=lf.SALES_CHANNEL)
    assert response(bot, url)["text"] == "There is no MSR-99 in this workspace."


# ---------------------------------------------------------------- nudge buttons


def nudge(bot: Bot) -> dict[str, Any]:
    """MSR-1 overdue; the owner's nudge (its chat.postMessage params)."""
    world = lf.loop_world(bot)
    factories.measure(
        bot.db,
        world.problem,
        world.sales,
        "Shared release calendar",
        due=date(2026, 11, 16),
        note="Needs budget",
    )
    lf.run(bot.jobs(), "nudges", datetime(2026, 11, 18, 9, 30, tzinfo=UTC), clock=bot.clock)
    [post] = lf.ok_posts(bot.fake, OWNER)
    return post.params


def test_nudge_done_marks_the_measure_done(bot: Bot) -> None:
    params = nudge(bot)
    assert lf.buttons(params) == [("nudge_done", "1"), ("nudge_new_date", "1")]
    _, url = bot.button("nudge_done", "1", user=OWNER, channel=OWNER_DM)
    reply = response(bot, url)
    assert reply["replace_original"] is True
    assert reply["text"] == "<@UOWNER> set *MSR-1* to *Done*."
    assert status(bot) == "done"
    [change] = lf.events(bot.db, 1, "status")
    assert (change.to_value, change.source) == ("done", "nudge")


def test_nudge_done_by_someone_else_is_refused(bot: Bot) -> None:
    nudge(bot)
    _, url = bot.button("nudge_done", "1", user=OTHER, channel="D" + OTHER)
    reply = response(bot, url)
    assert (reply["text"], reply["response_type"]) == (NOT_ALLOWED, "ephemeral")
    assert status(bot) == "todo"


def open_change_request(bot: Bot) -> dict[str, Any]:
    nudge(bot)
    result, _ = bot.button("nudge_new_date", "1", user=OWNER, channel=OWNER_DM)
    assert result.status == 200
    view = bot.opened_view()
    assert view["callback_id"] == CHANGE_REQUEST_MODAL
    assert json.loads(view["private_metadata"]) == {"channel": OWNER_DM, "measure": "1"}
    assert {b["block_id"] for b in view["blocks"] if b["type"] == "input"} == {"due", "reason"}
    return view


def submit(bot: Bot, view: dict[str, Any], due: str, reason: str = "Supplier is two weeks late") -> Any:
    result = bot.submit_view(view, {"due": due, "reason": reason}, user=OWNER)
    assert result.status == 200
    return result.json()


def test_new_date_opens_a_modal_and_the_lead_is_asked(bot: Bot) -> None:
    view = open_change_request(bot)
    assert submit(bot, view, "2026-12-15") is None  # closes the modal
    [request] = lf.change_requests(bot.db)
    assert (request.requested_by, request.old_due, request.proposed_due, request.reason, request.state) == (
        OWNER,
        date(2026, 11, 16),
        date(2026, 12, 15),
        "Supplier is two weeks late",
        "open",
    )
    [ask] = bot.fake.wait_for("chat.postMessage", predicate=lambda c: c.params["channel"] == LEAD)
    assert ask.ok
    assert ask.params["text"] == (
        ":memo: Change request *CHG-1* (需求变更申请) from <@UOWNER> on PRJ-1 New product launch:\n"
        "*Responsible department:* Sales\n"
        "*MSR-1* due 2026-11-16 → *2026-12-15*\n"
        "*Reason:* Supplier is two weeks late"
    )
    assert (request.number, request.project_id, request.department_id) == (1, 1, 1)
    assert lf.buttons(ask.params) == [("cr_approve", str(request.id)), ("cr_reject", str(request.id))]
    [sent] = bot.fake.wait_for("chat.postEphemeral")
    assert (sent.params["channel"], sent.params["user"]) == (OWNER_DM, OWNER)
    assert "sent to the project lead <@ULEAD>" in sent.params["text"]
    # nothing changes until the lead decides
    assert lf.measure_by_number(bot.db, 1).due == date(2026, 11, 16)


def test_nudge_new_date_by_someone_else_opens_nothing(bot: Bot) -> None:
    nudge(bot)
    _, url = bot.button("nudge_new_date", "1", user=OTHER, channel="D" + OTHER)
    assert response(bot, url)["text"] == NOT_ALLOWED
    assert bot.fake.calls_to("views.open") == []


def test_change_request_with_a_past_or_the_same_date_is_refused_in_the_modal(bot: Bot) -> None:
    view = open_change_request(bot)
    bot.clock.set(datetime(2026, 11, 18, 10, 0, tzinfo=UTC))
    past = submit(bot, view, "2026-11-17")
    assert past["response_action"] == "errors" and "in the past" in past["errors"]["due"]
    same = submit(bot, view, "2026-11-16")
    assert same["response_action"] == "errors"
    assert lf.change_requests(bot.db) == []


def request_and_ask(bot: Bot) -> int:
    view = open_change_request(bot)
    submit(bot, view, "2026-12-15")
    bot.fake.wait_for("chat.postMessage", predicate=lambda c: c.params["channel"] == LEAD)
    bot.fake.wait_for("chat.postEphemeral")
    [request] = lf.change_requests(bot.db)
    assert request.id is not None
    return request.id


def test_lead_approves_the_new_date(bot: Bot) -> None:
    request_id = request_and_ask(bot)
    _, url = bot.button("cr_approve", str(request_id), user=LEAD, channel=LEAD_DM)
    reply = response(bot, url)
    approved = ":white_check_mark: <@ULEAD> approved *CHG-1*: *MSR-1* is now due 2026-12-15."
    assert (reply["text"].splitlines()[0], reply["replace_original"]) == (approved, True)
    m = lf.measure_by_number(bot.db, 1)
    assert (m.due, m.note) == (date(2026, 12, 15), "Needs budget")
    [change] = lf.events(bot.db, 1, "due")
    assert (change.from_value, change.to_value, change.source, change.actor_user_id) == (
        "2026-11-16",
        "2026-12-15",
        "change",
        LEAD,
    )
    assert lf.events(bot.db, 1, "note") == []
    [request] = lf.change_requests(bot.db)
    assert (request.state, request.decided_by) == ("approved", LEAD)
    # the requester is told
    [told] = bot.fake.wait_for(
        "chat.postMessage",
        predicate=lambda c: c.params["channel"] == OWNER and "approved" in c.params["text"],
    )
    assert told.params["text"].splitlines()[0] == approved
    # and so is the responsible department's channel
    [notice] = bot.fake.wait_for(
        "chat.postMessage", predicate=lambda c: c.params["channel"] == lf.SALES_CHANNEL
    )
    assert notice.params["text"].startswith(
        ":mega: Change request *CHG-1* for Sales on PRJ-1 New product launch"
    )

    # a second click (or the other button) does nothing but say who decided
    for action in ("cr_approve", "cr_reject"):
        _, again = bot.button(action, str(request_id), user=LEAD, channel=LEAD_DM)
        reply = response(bot, again)
        assert reply["response_type"] == "ephemeral"
        assert reply["text"].startswith("CHG-1 was already approved by <@ULEAD> on ")
    assert len(lf.events(bot.db, 1, "due")) == 1
    assert lf.change_requests(bot.db)[0].state == "approved"
    assert len([c for c in lf.ok_posts(bot.fake, OWNER) if "approved" in c.params["text"]]) == 1


def test_lead_rejects_the_new_date_with_a_reason(bot: Bot) -> None:
    request_id = request_and_ask(bot)
    [ask] = bot.fake.wait_for("chat.postMessage", predicate=lambda c: c.params["channel"] == LEAD)
    bot.button(
        "cr_reject",
        str(request_id),
        user=LEAD,
        channel=ask.response["channel"],
        message_ts=ask.response["ts"],
    )
    view = bot.opened_view()
    assert view["callback_id"] == "collab_change_reject"
    # a blank reason is refused under the field; nothing is decided
    blank = bot.submit_view(view, {"reason": "  "}, user=LEAD).json()
    assert blank["response_action"] == "errors" and blank["errors"] == {"reason": "Give the reason."}
    assert lf.change_requests(bot.db)[0].state == "open"
    assert bot.submit_view(view, {"reason": "Launch date is fixed"}, user=LEAD).status == 200
    rejected = ":x: <@ULEAD> rejected *CHG-1* (PRJ-1 New product launch): Launch date is fixed"
    [update] = bot.fake.wait_for("chat.update")
    assert (update.params["ts"], update.params["text"].splitlines()[0]) == (ask.response["ts"], rejected)
    assert lf.measure_by_number(bot.db, 1).due == date(2026, 11, 16)
    assert lf.events(bot.db, 1, "due") == []
    assert (lf.change_requests(bot.db)[0].state, lf.change_requests(bot.db)[0].decided_by) == (
        "rejected",
        LEAD,
    )
    assert lf.change_requests(bot.db)[0].decision_note == "Launch date is fixed"
    bot.fake.wait_for(
        "chat.postMessage",
        predicate=lambda c: c.params["channel"] == OWNER and c.params["text"].startswith(rejected),
    )


def test_only_the_lead_decides(bot: Bot) -> None:
    request_id = request_and_ask(bot)
    for user in (OTHER, OWNER, HEAD):
        _, url = bot.button("cr_approve", str(request_id), user=user, channel="D" + user)
        reply = response(bot, url)
        assert reply["text"] == ":no_entry: Deciding CHG-1 is for <@ULEAD>. Nothing was changed."
    # Reject asks for a reason only of whoever may decide: the others are told so, no form opens
    _, url = bot.button("cr_reject", str(request_id), user=OTHER, channel="D" + OTHER)
    assert response(bot, url)["text"] == ":no_entry: Deciding CHG-1 is for <@ULEAD>. Nothing was changed."
    opened = [c.params["view"]["callback_id"] for c in bot.fake.calls_to("views.open")]
    assert "collab_change_reject" not in opened
    [request] = lf.change_requests(bot.db)
    assert (request.state, request.decided_by) == ("open", "")
    assert lf.measure_by_number(bot.db, 1).due == date(2026, 11, 16)


def test_two_racing_clicks_decide_the_request_once(bot: Bot, monkeypatch: pytest.MonkeyPatch) -> None:
    """A double click sends two requests that Slack delivers at the same time."""
    request_id = request_and_ask(bot)
    both_read = threading.Barrier(2, timeout=1.0)  # SQLite serialises writers: the 2nd cannot read yet
    real = change_store.get_change_request

    def slow_read(session: Any, **kw: Any) -> Any:
        found = real(session, **kw)
        with contextlib.suppress(threading.BrokenBarrierError):
            both_read.wait()  # both handlers have read the request while it was still open
        return found

    monkeypatch.setattr(change_store, "get_change_request", slow_read)
    urls: list[str] = []
    clicks = [
        threading.Thread(
            target=lambda a=action: urls.append(bot.button(a, str(request_id), user=LEAD, channel=LEAD_DM)[1])
        )
        for action in ("cr_approve", "cr_approve")
    ]
    for click in clicks:
        click.start()
    for click in clicks:
        click.join()
    texts = sorted(response(bot, url)["text"].splitlines()[0] for url in urls)
    assert texts[0] == ":white_check_mark: <@ULEAD> approved *CHG-1*: *MSR-1* is now due 2026-12-15."
    assert texts[1].startswith("CHG-1 was already approved by <@ULEAD>")
    assert len(lf.events(bot.db, 1, "due")) == 1
    bot.fake.wait_for(
        "chat.postMessage",
        predicate=lambda c: c.params["channel"] == OWNER and "approved" in c.params["text"],
    )
    lf.quiet_for(bot.fake, 0.2)
    assert len([c for c in lf.ok_posts(bot.fake, OWNER) if "approved" in c.params["text"]]) == 1


def test_double_click_on_a_status_button_changes_it_once(bot: Bot, monkeypatch: pytest.MonkeyPatch) -> None:
    prompt_ts = setup_prompt(bot)
    both_read = threading.Barrier(2, timeout=1.0)
    real = measure_service.may_change

    def slow_check(*args: Any, **kw: Any) -> Any:
        allowed = real(*args, **kw)
        with contextlib.suppress(threading.BrokenBarrierError):
            both_read.wait()  # both requests have read the measure while it was not started
        return allowed

    monkeypatch.setattr(measure_service, "may_change", slow_check)
    clicks = [
        threading.Thread(
            target=bot.button,
            args=("sync_status:1:done", "1:done"),
            kwargs={"user": OWNER, "channel": lf.SALES_CHANNEL, "message_ts": prompt_ts},
        )
        for _ in range(2)
    ]
    for click in clicks:
        click.start()
    for click in clicks:
        click.join()
    bot.fake.wait_for("chat.update")
    lf.quiet_for(bot.fake, 0.3)
    assert status(bot) == "done"
    assert [(e.from_value, e.to_value) for e in lf.events(bot.db, 1, "status")] == [("todo", "done")]
    assert len(bot.fake.calls_to("chat.update")) == 1
