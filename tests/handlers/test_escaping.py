"""User text is shown as text: nothing a user types can ping @channel/@here or mention someone.

Slack sends command text with ``should_escape: true``: a mention picked in the client arrives as
``<!channel>`` / ``<@U123|bob>``, and ``& < >`` typed as characters arrive as ``&amp; &lt; &gt;``.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from slackfake import FakeSlack
from storage.models import Department, Measure, Problem, Project
from tests import factories
from tests.harness import ADMIN, HEAD, LEAD, OWNER, Bot
from tests.slacktext import body, mrkdwn_texts, sections, sent_payloads

# What the user typed, as Slack sends it, and what the user meant.
TYPED = "<!channel> <!here> ping <@U123|bob> R&amp;D &lt;!everyone&gt; &lt;@U999&gt; 1 &lt; 2 &amp;amp;"
MEANT = "@channel @here ping @bob R&D <!everyone> <@U999> 1 < 2 &amp;"

# Tokens that notify people; the bot's own mentions of the users it knows are fine.
_TOKEN = re.compile(r"<([!@#][^<>]*)>")
ALLOWED = {f"@{u}" for u in (ADMIN, LEAD, OWNER, HEAD, "UOTHER")} | {"#CSALES", "#CGENERAL"}


def special_tokens(text: str) -> list[str]:
    return [m for m in _TOKEN.findall(text) if m not in ALLOWED]


def assert_nothing_pings(fake: FakeSlack) -> None:
    payloads = sent_payloads(fake)
    assert payloads, "nothing was sent to Slack"
    for payload in payloads:
        for text in mrkdwn_texts(payload):
            assert special_tokens(text) == [], text
            assert "<!" not in text and "<@U123" not in text and "<@U999" not in text, text


@pytest.fixture
def setup(bot: Bot) -> dict[str, Any]:
    sales = factories.department(bot.db, "Sales", head=HEAD, channel="CSALES")
    prj = factories.project(bot.db, depts=[sales])
    return {"sales": sales, "project": prj}


def test_problem_description_is_stored_as_meant_and_shown_escaped(bot: Bot, setup: dict[str, Any]) -> None:
    reply = bot.command(f'problem add PRJ-1 process "{TYPED}" cause="{TYPED}"')
    assert reply["text"] == (
        ":white_check_mark: *PRB-1* logged on PRJ-1: "
        "@channel @here ping @bob R&amp;D &lt;!everyone&gt; &lt;@U999&gt; 1 &lt; 2 &amp;amp;"
    )
    [p] = factories.all_rows(bot.db, Problem)
    assert (p.description, p.root_cause) == (MEANT, MEANT)
    assert_nothing_pings(bot.fake)


def test_measure_text_in_status_and_history(bot: Bot, setup: dict[str, Any]) -> None:
    factories.problem(bot.db, setup["project"])
    reply = bot.command(
        f'measure add PRB-1 owner=<@UOWNER|o> dept=Sales due=2026-12-01 "{TYPED}" note="{TYPED}"'
    )
    assert reply["text"].startswith(":white_check_mark: *MSR-1*")
    m = factories.get_measure(bot.db, 1)
    assert (m.text, m.note) == (MEANT, MEANT)
    reply = bot.command(f'measure set MSR-1 note="{TYPED} again"', user=OWNER)
    assert reply["text"] == (
        ":pencil2: *MSR-1* updated: note: "
        "@channel @here ping @bob R&amp;D &lt;!everyone&gt; &lt;@U999&gt; 1 &lt; 2 &amp;amp; again"
    )
    reply = bot.command("status me", user=OWNER)
    [line] = sections(reply)
    assert line.startswith(
        "*MSR-1* @channel @here ping @bob R&amp;D &lt;!everyone&gt; &lt;@U999&gt; 1 &lt; 2 &amp;amp;\n"
    )
    assert_nothing_pings(bot.fake)


def test_names_and_goals_in_lists(bot: Bot) -> None:
    bot.command(f"dept add {TYPED} head=<@UHEAD|h> channel=<#CSALES|s>")
    [d] = factories.all_rows(bot.db, Department)
    assert d.name == MEANT
    dept_list = bot.command("dept list")
    assert "&lt;!everyone&gt;" in body(dept_list)
    reply = bot.command(
        f'project add "{TYPED}" goal="{TYPED}" due=2026-12-31 lead=<@ULEAD|l> depts="{TYPED}"'
    )
    assert reply["text"].startswith(":white_check_mark: *PRJ-1* created: @channel @here")
    # the department is found by what the user meant, not by how Slack escaped it
    [p] = factories.all_rows(bot.db, Project)
    assert (p.name, p.goal) == (MEANT, MEANT)
    assert factories.project_dept_names(bot.db, 1) == [MEANT]
    bot.command("project list")
    bot.command(f"status {TYPED}")
    bot.command("status PRJ-1")
    result, _ = bot.send_command("export PRJ-1 csv")
    assert result.status == 200
    [upload] = bot.fake.wait_for("files.completeUploadExternal")
    assert upload.params["initial_comment"].startswith(
        "Improvement process table (1 rows) — PRJ-1 @channel @here"
    )
    # the file holds the text as meant (a file is not parsed for mentions); no problem yet, one row
    [uploaded] = bot.fake.files.values()
    assert f"PRJ-1 {MEANT}" in uploaded.content.decode("utf-8-sig")
    assert_nothing_pings(bot.fake)


def test_error_messages_do_not_echo_pings(bot: Bot, setup: dict[str, Any]) -> None:
    factories.problem(bot.db, setup["project"])
    replies = [
        bot.command("&lt;!channel&gt;"),
        bot.command("status &lt;!here&gt;"),
        bot.command('measure add PRB-1 owner=<@UOWNER|o> dept=&lt;!channel&gt; due=2026-12-01 "x"'),
        bot.command("dept add &lt;!here&gt; head=&lt;!channel&gt; channel=<#CSALES|s>"),
        bot.command("dept add Sales head=<@UHEAD|h> channel=<#CSALES|s>"),
        bot.command("config &lt;@U123&gt;"),
        bot.command("problem add PRJ-1 &lt;!here&gt; x"),
    ]
    assert [r["text"].split(" ")[0] for r in replies] == [":warning:"] * len(replies)
    assert "&lt;!here&gt;" in replies[1]["text"]
    assert_nothing_pings(bot.fake)


def test_modal_submissions_are_escaped_in_the_confirmation(bot: Bot, setup: dict[str, Any]) -> None:
    factories.problem(bot.db, setup["project"])
    bot.send_command("problem add")
    # text typed into a modal arrives as typed, without Slack's escaping
    bot.submit_view(
        bot.opened_view(), {"project": "1", "category": "info", "description": "<!channel> & <@U123> hi"}
    )
    [msg] = bot.fake.wait_for("chat.postEphemeral")
    assert (
        msg.params["text"]
        == ":white_check_mark: *PRB-2* logged on PRJ-1: &lt;!channel&gt; &amp; &lt;@U123&gt; hi"
    )
    assert factories.all_rows(bot.db, Problem)[-1].description == "<!channel> & <@U123> hi"
    assert_nothing_pings(bot.fake)


def test_measure_rows_keep_text(bot: Bot, setup: dict[str, Any]) -> None:
    prb = factories.problem(bot.db, setup["project"])
    factories.measure(bot.db, prb, setup["sales"], "<!here> & <@U123>")
    reply = bot.command("status Sales")
    assert sections(reply)[0].startswith("*MSR-1* &lt;!here&gt; &amp; &lt;@U123&gt;\n")
    assert [m.text for m in factories.all_rows(bot.db, Measure)] == ["<!here> & <@U123>"]
    assert_nothing_pings(bot.fake)


# Every "<" in mrkdwn must open a Slack token; a literal one must be written &lt;.
_STRAY = re.compile(r"<(?![@#!][^<>]*>|https?://[^<>]*>)")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_fixed_texts_show_their_placeholders(bot: Bot, lang: str) -> None:
    bot.command(f"config lang={lang}")
    bot.command("help")
    bot.command("dept list")
    bot.command("project add")
    bot.command("dept add")
    bot.command("project add x")
    for payload in sent_payloads(bot.fake):
        for text in mrkdwn_texts(payload):
            assert _STRAY.findall(text) == [], text
    help_text = bot.fake.responses[1]["text"]
    assert (
        "`/collab dept add &lt;name&gt; head=@user" if lang == "en" else "`/collab dept add &lt;名称&gt;"
    ) in help_text
