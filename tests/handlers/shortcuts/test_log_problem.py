""" "Log as problem" (message shortcut ``log_problem``) through signed requests: the problem form
pre-filled with the message's text (Slack's escaping undone, cut to the limit with a note) and
a link to it, which the filed problem keeps."""

from __future__ import annotations

import json
from typing import Any

from storage.models import Problem
from tests import factories
from tests import weekly_factories as lf
from tests.harness import CHANNEL, OTHER, Bot


def opened_form(bot: Bot) -> dict[str, Any]:
    view = bot.opened_view()
    assert view["callback_id"] == "collab_problem_add"
    return view


def description_field(view: dict[str, Any]) -> dict[str, Any]:
    element: dict[str, Any] = next(b["element"] for b in view["blocks"] if b.get("block_id") == "description")
    return element


def contexts(view: dict[str, Any]) -> list[str]:
    return [e["text"] for b in view["blocks"] if b["type"] == "context" for e in b["elements"]]


def test_a_message_becomes_a_problem_linked_to_it(bot: Bot) -> None:
    lf.loop_world(bot)
    message = bot.fake.add_message(
        CHANNEL, "Approvals &lt;always&gt; wait for <@UHEAD|hank> &amp; take <!here> two weeks", user=OTHER
    )
    assert bot.message_shortcut("log_problem", message, user=OTHER).status == 200
    view = opened_form(bot)
    assert (
        description_field(view)["initial_value"] == "Approvals <always> wait for @hank & take @here two weeks"
    )
    permalink = f"https://fake-team.slack.com/archives/{CHANNEL}/p{message['ts'].replace('.', '')}"
    assert contexts(view) == [
        f":link: Logged from <{permalink}|a message in Slack>; the problem keeps the link."
    ]
    assert json.loads(view["private_metadata"]) == {"channel": CHANNEL, "link": permalink}

    result = bot.submit_view(
        view,
        {"project": "1", "category": "process", "description": description_field(view)["initial_value"]},
        user=OTHER,
    )
    assert result.status == 200
    [problem] = [p for p in factories.all_rows(bot.db, Problem) if p.number == 2]
    assert problem.source_link == permalink
    assert problem.description == "Approvals <always> wait for @hank & take @here two weeks"
    [answer] = bot.fake.wait_for("chat.postEphemeral")
    assert answer.params["user"] == OTHER and answer.params["channel"] == CHANNEL
    assert answer.params["text"] == (
        ":white_check_mark: *PRB-2* logged on PRJ-1: Approvals &lt;always&gt; wait for @hank &amp; take "
        f"@here two weeks\n:link: <{permalink}|The message>"
    )


def test_a_long_message_is_cut_to_the_limit_with_a_note(bot: Bot) -> None:
    lf.loop_world(bot)
    message = bot.fake.add_message(CHANNEL, "x" * 2500, user=OTHER)
    bot.message_shortcut("log_problem", message, user=OTHER)
    view = opened_form(bot)
    assert description_field(view)["initial_value"] == "x" * 2000
    assert ":scissors: The message was longer than 2000 characters" in contexts(view)[1]


def test_without_a_link_the_form_still_opens_and_without_projects_it_says_so(bot: Bot) -> None:
    bot.message_shortcut("log_problem", {"ts": "1700000000.000001", "text": "hello"}, user=OTHER)
    [answer] = bot.fake.wait_for("chat.postEphemeral")
    assert "There are no projects yet" in answer.params["text"]
    lf.loop_world(bot)
    bot.message_shortcut("log_problem", {"ts": "1700000000.000001", "text": "hello"}, user=OTHER)
    view = opened_form(bot)  # the message is unknown to Slack (no permalink): no link
    assert description_field(view)["initial_value"] == "hello" and contexts(view) == []
    assert json.loads(view["private_metadata"]) == {"channel": CHANNEL, "link": ""}
