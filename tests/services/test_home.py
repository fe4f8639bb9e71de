"""The Home tab's use cases against the in-memory gateway: what one person's tab holds, that it
stays within 100 blocks and counts the rest, that republishing is coalesced per person and only
for those who opened it, and that Slack is never called inside a transaction."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from services import home, measures
from services.debounce import Debouncer
from services.deps import Deps
from slack.users import UserDirectory
from storage import change_requests
from storage.db import transaction
from tests import factories
from tests.clock import FakeClock
from tests.dbs import TestDatabase
from tests.harness import HEAD, LEAD, OTHER, OWNER, TEAM
from tests.memory_slack import MemorySlack, watch_transactions


@pytest.fixture
def slack() -> MemorySlack:
    gateway = MemorySlack(team_id=TEAM)
    for user in (LEAD, OWNER, HEAD, OTHER):
        gateway.add_user(user, user.lower())
    return gateway


@pytest.fixture
def deps(db: TestDatabase, slack: MemorySlack) -> Deps:
    watch_transactions(db.engine)
    return Deps(
        sessions=db.sessions,
        slack_for=lambda _team: slack,
        clock=FakeClock(),
        users=UserDirectory(),
        later=Debouncer(delay=60),  # run by the tests with flush()
    )


def blocks_text(view: dict[str, Any]) -> str:
    out = []
    for b in view["blocks"]:
        if b["type"] in ("section", "header"):
            out.append(b["text"]["text"])
        elif b["type"] == "context":
            out.extend(e["text"] for e in b["elements"])
    return "\n".join(out)


def big_world(db: TestDatabase, *, measures_owned: int, projects_led: int, requests: int) -> None:
    sales = factories.department(db, "Sales")
    prjs = factories.projects(db, [f"Project {i}" for i in range(projects_led)], depts=[sales])
    prb = factories.problem(db, prjs[0])
    with transaction(db.sessions) as session:
        from storage import measures as store

        made = [
            store.add_measure(
                session,
                team_id=TEAM,
                problem=prb,
                department=sales,
                owner_user_id=LEAD,
                due=date(2026, 11, 1) + timedelta(days=i % 60),
                text=f"measure {i}",
                deliverable="",
                note="",
                created_by=LEAD,
                source="command",
                now=factories.NOW,
            )
            for i in range(measures_owned)
        ]
        for m in made[:requests]:
            change_requests.add_change_request(
                session,
                team_id=TEAM,
                measure=m,
                requested_by=OWNER,
                proposed_due=date(2027, 2, 1),
                reason="",
                now=factories.NOW,
            )


def test_a_big_home_stays_within_100_blocks_and_counts_the_rest(deps: Deps, db: TestDatabase) -> None:
    big_world(db, measures_owned=300, projects_led=20, requests=15)
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
    assert blocks_text(view).count("In progress") >= 5


def test_a_failing_publish_is_logged_and_swallowed(
    deps: Deps, db: TestDatabase, slack: MemorySlack, caplog: pytest.LogCaptureFixture
) -> None:
    factories.world(db)
    slack.fail["views.publish"] = "not_enabled"
    home.publish(deps, team_id=TEAM, user_id=OWNER, opened=True)
    assert "could not publish the Home tab" in caplog.text
