"""Done on one measure of a nudge that lists several: only that measure's buttons give way to the
answer; the others stay pressable. Through signed requests."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from tests import weekly_factories as lf
from tests.harness import OWNER, Bot

WEDNESDAY = datetime(2026, 11, 18, 9, 30, tzinfo=UTC)


def test_done_on_one_measure_of_a_nudge_keeps_the_others(bot: Bot) -> None:
    world = lf.loop_world(bot)
    for text in ("first late", "second late", "third late"):
        lf.measure(bot, world, text, due=date(2026, 11, 10))
    lf.run(bot.jobs(), "nudges", WEDNESDAY, clock=bot.clock)
    [nudge] = lf.ok_posts(bot.fake, OWNER)
    assert [v for a, v in lf.buttons(nudge.params) if a == "nudge_done"] == ["1", "2", "3"]
    message: dict[str, Any] = {
        "ts": nudge.response["ts"],
        "text": nudge.params["text"],
        "blocks": nudge.params["blocks"],
    }
    _, url = bot.button("nudge_done", "2", user=OWNER, channel="D" + OWNER, message=message)
    [reply] = bot.fake.wait_for_response(predicate=lambda r: r["_url"] == url)
    assert reply["replace_original"] is True
    assert [v for a, v in lf.buttons(reply) if a == "nudge_done"] == ["1", "3"]
    notes = [e["text"] for b in reply["blocks"] if b["type"] == "context" for e in b["elements"]]
    assert notes == ["<@UOWNER> set *MSR-2* to *Done*."]
    assert reply["text"] == nudge.params["text"]
    assert lf.measure_by_number(bot.db, 2).status == "done"
    assert [lf.measure_by_number(bot.db, n).status for n in (1, 3)] == ["todo", "todo"]
