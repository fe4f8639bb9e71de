"""``/collab`` with any text: an answer within 3 seconds, never "something went wrong", nothing
logged as an error, and nothing stored when the answer refuses the input."""

from __future__ import annotations

import time
import urllib.parse
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests import factories
from tests.fuzz.conftest import ANSWER_WITHIN, Errors, refused
from tests.harness import ADMIN, OTHER, Bot

VERBS = [
    "help", "status", "export", "config", "dept add", "dept list", "project add", "project list",
    "problem add", "measure add", "measure set", "帮助", "project", "measure",
]  # fmt: skip
PIECES = [
    '"', "“", "”", "'", "\\", "=", "＝", "key=", "owner=", "due=", "dept=", "status=", "note=", "tz=",
    "lang=", "<@UOWNER|olga>", "<@U", "<#CSALES|sales>", "<!channel>", "<!here>", "&amp;", "&lt;",
    "&gt;", "MSR-1", "PRB-1", "PRJ-1", "MSR-0", "PRJ-99999999999", "2026-12-31", "2026-02-30", "done",
    "已完成", "Sales", "R&D", "csv", "xlsx", "\n", "\t", " ", "，", "、", "\u200b", "\x00", "🚀", "😀",
]  # fmt: skip

unicode_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=200)
command_like = st.builds(
    lambda verb, parts: f"{verb} {' '.join(parts)}",
    st.sampled_from(VERBS),
    st.lists(st.one_of(st.sampled_from(PIECES), unicode_text), max_size=12),
)
huge = st.builds(
    lambda verb, n, ch: f"{verb} " + ch * n,
    st.sampled_from(VERBS),
    st.integers(3000, 40000),
    st.sampled_from(["x", "中", '"', "<", "&"]),
)
texts = st.one_of(unicode_text, command_like, huge)


def answer(bot: Bot, form: dict[str, str], started: float, text: str) -> dict[str, Any]:
    """The private reply; or, when the command answers otherwise, ``{}`` once it did: an export
    uploads the table, a command with no arguments opens its form."""
    trigger = form["trigger_id"]
    while True:
        replies = [r for r in bot.fake.responses if r["_url"] == form["response_url"]]
        if replies:
            return replies[0]
        if any(c.params.get("trigger_id") == trigger for c in bot.fake.calls_to("views.open")):
            return {}
        if any(c.params.get("initial_comment") for c in bot.fake.calls_to("files.completeUploadExternal")):
            bot.fake.reset()  # (the next export must upload again to count)
            return {}
        assert time.monotonic() - started < ANSWER_WITHIN, f"no answer within {ANSWER_WITHIN} s to {text!r}"
        time.sleep(0.01)


@given(text=texts, user=st.sampled_from([ADMIN, OTHER]))
def test_any_command_text_is_answered(world: Bot, errors: Errors, text: str, user: str) -> None:
    bot = world
    before = factories.counts(bot.db)
    form = bot.command_form(text, user=user, team="T1", channel="CGENERAL")
    started = time.monotonic()
    result = bot.post_signed(urllib.parse.urlencode(form), content_type="application/x-www-form-urlencoded")
    assert result.status == 200, result
    reply = answer(bot, form, started, text)
    assert "went wrong on our side" not in str(reply.get("text")), (text, reply)
    assert errors.take() == [], text
    if refused(reply):
        assert factories.counts(bot.db) == before, (text, reply)
    bot.fake.assert_no_validation_errors()
