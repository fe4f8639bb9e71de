"""The Home tab's use cases against the in-memory gateway: what one person's tab holds, that it
stays within 100 blocks and counts the rest, that republishing is coalesced per person and only
for those who opened it, and that Slack is never called inside a transaction."""

from __future__ import annotations

from typing import Any

import pytest

from services import home, measures
from services.deps import Deps
from tests import factories
from tests.dbs import TestDatabase
from tests.harness import HEAD, LEAD, OWNER, TEAM
from tests.memory_slack import MemorySlack
from tests.slacktext import body


def blocks_text(view: dict[str, Any]) -> str:
    return body({"blocks": view["blocks"]})


def test_a_big_home_stays_within_100_blocks_and_counts_the_rest(deps: Deps, db: TestDatabase) -> None:
    factories.busy_person(db, LEAD, measures_owned=300, projects_led=20, requests=15)
    view = home.build(deps, team_id=TEAM, user_id=LEAD)
    assert view["type"] == "home" and len(view["blocks"]) <= 100
    text = blocks_text(view)
    shown = sum(1 for b in view["blocks"] if b.get("block_id", "").startswith("msr-"))
    assert shown > 20
    assert f"…and {300 - shown} more open measures: `/collab status me` lists them all." in text
    assert "*Your open measures* — 300 open, 95 overdue" in text  # 5 each due 2026-11-01 … 11-19
    assert "*Waiting for you* (15)" in text and "…and 5 more." in text
    assert text.count("*PRJ-") == 20
    # overdue first, most overdue first
    listed = [b["block_id"] for b in view["blocks"] if b.get("block_id", "").startswith("msr-")]
    assert listed[0] == "msr-1"


def test_republishing_is_coalesced_per_person_and_only_for_who_opened_it(
    deps: Deps, db: TestDatabase, slack: MemorySlack
) -> None:
    world = factories.world(db)
    for _ in range(4):
        factories.measure(db, world["problem"], world["sales"])  # MSR-2..5, owner OWNER
    home.publish(deps, team_id=TEAM, user_id=OWNER, opened=True)
    assert [c.args["user_id"] for c in slack.called("views.publish")] == [OWNER]
    for number in range(1, 6):  # the head changes five of the owner's measures in a moment
        done = measures.set_status(
            deps, team_id=TEAM, number=number, status="doing", user_id=HEAD, source="command"
        )
        assert done is not None and done.changed
    assert [c.args["user_id"] for c in slack.called("views.publish")] == [OWNER]  # not yet: a moment later
    deps.later.flush()
    assert deps.later.drain()
    # one more publish for the owner; none for the head or the lead, who never opened the tab
    assert [c.args["user_id"] for c in slack.called("views.publish")] == [OWNER, OWNER]
    view = slack.called("views.publish")[-1].args["view"]
    assert blocks_text(view).count(":large_blue_circle: In progress") == 5  # all five, once


def test_a_failing_publish_is_logged_and_swallowed(
    deps: Deps, db: TestDatabase, slack: MemorySlack, caplog: pytest.LogCaptureFixture
) -> None:
    factories.world(db)
    slack.fail["views.publish"] = "not_enabled"
    home.publish(deps, team_id=TEAM, user_id=OWNER, opened=True)
    assert "could not publish the Home tab" in caplog.text
