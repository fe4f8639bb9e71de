"""The meeting and change-request use cases called directly, against the in-memory Slack: what
they store and ask of Slack, and that they never ask it inside a database transaction."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time

import pytest

from services import agendas, change_requests, charter, meetings, minutes
from services.deps import Deps
from tests import factories
from tests.clock import FakeClock
from tests.dbs import TestDatabase
from tests.harness import ADMIN, HEAD, LEAD, OWNER, TEAM
from tests.memory_slack import MemorySlack
from ui.forms import Submitted

NOW = datetime(2026, 11, 16, 2, 0, tzinfo=UTC)


@pytest.fixture
def deps(deps: Deps) -> Deps:
    """The shared dependencies, with the clock on Monday 2026-11-16 10:00 in Shanghai."""
    return replace(deps, clock=FakeClock(NOW))


def test_a_meeting_sooner_than_its_agenda_day_is_posted_at_once_outside_transactions(
    deps: Deps, db: TestDatabase, slack: MemorySlack
) -> None:
    world = factories.world(db)
    answer = meetings.add(
        deps,
        team_id=TEAM,
        user_id=LEAD,
        project_number=1,
        kind="adhoc",
        day=date(2026, 11, 17),
        at=time(10, 0),
        title="",
        dept_names=None,
        topics=["MSR-1"],
        usage="u",
    )
    assert answer["text"].endswith("The agenda is out now.")
    posted = sorted(c.args["channel"] for c in slack.called("chat.postMessage"))
    assert posted == sorted(["CRND", "CSALES", "DUOTHERHEAD", "DUHEAD"])
    assert all(
        c.args["metadata"]["event_type"] == "collab_delivery" for c in slack.called("chat.postMessage")
    )
    assert world["sales"].channel_id == "CSALES"
    # a second send finds everything done
    report = agendas.send_now(deps, team_id=TEAM, meeting_id=1)
    assert report is not None and len(report.already) == 4 and report.sent == []
    # a need updates both agenda messages
    added = agendas.submit_need(
        deps,
        team_id=TEAM,
        user_id=HEAD,
        number=1,
        values=Submitted({"dept": str(world["sales"].id), "text": "Brief"}),
    )
    assert slack.called("chat.update") == []
    agendas.refresh(deps, team_id=TEAM, meeting_id=added.meeting_id)
    assert sorted(c.args["channel"] for c in slack.called("chat.update")) == ["CRND", "CSALES"]
    # minutes: problems stored in one go, then posted in both threads
    saved = minutes.submit(
        deps, team_id=TEAM, user_id=LEAD, number=1, values=Submitted({"problems": "roles: unclear owner"})
    )
    before = len(slack.calls)
    minutes.post(deps, team_id=TEAM, meeting_id=saved.meeting_id)
    threads = [c for c in slack.calls[before:] if c.method == "chat.postMessage"]
    assert sorted((c.args["channel"], bool(c.args["thread_ts"])) for c in threads) == [
        ("CRND", True),
        ("CSALES", True),
    ]


def test_an_agenda_message_that_cannot_be_updated_does_not_stop_the_others(
    deps: Deps, db: TestDatabase, slack: MemorySlack
) -> None:
    factories.world(db)
    meetings.add(
        deps,
        team_id=TEAM,
        user_id=LEAD,
        project_number=1,
        kind="kickoff",
        day=date(2026, 11, 17),
        at=time(10, 0),
        title="",
        dept_names=None,
        topics=[],
        usage="u",
    )
    slack.fail["chat.update"] = "message_not_found"
    agendas.refresh(deps, team_id=TEAM, meeting_id=1)  # logged, not raised
    assert sorted(c.args["channel"] for c in slack.called("chat.update")) == ["CRND", "CSALES"]
    before = len(slack.calls)
    agendas.refresh(deps, team_id=TEAM, meeting_id=99)  # no such meeting: nothing asked
    assert len(slack.calls) == before


def test_deciding_a_change_request_tells_people_after_the_commit(
    deps: Deps, db: TestDatabase, slack: MemorySlack
) -> None:
    factories.world(db)
    filed = change_requests.add(
        deps,
        team_id=TEAM,
        user_id=OWNER,
        project_number=1,
        text="Scope",
        impact="Less",
        dept_name="Sales",
        measure_number=1,
        due=date(2027, 1, 10),
        channel="CGENERAL",
        usage="u",
    )
    assert slack.calls == []  # filing asks nothing of Slack
    change_requests.announce(deps, team_id=TEAM, proposal=filed, tell_requester=False)
    assert [c.args["channel"] for c in slack.called("chat.postMessage")] == [LEAD]
    decision = change_requests.decide(deps, team_id=TEAM, user_id=ADMIN, request_id=1, approved=True)
    assert decision is not None and decision.row is not None
    assert [c.args["user"] for c in slack.called("users.info")] == [ADMIN]  # asked only whether ADMIN is one
    change_requests.announce_decision(deps, team_id=TEAM, decision=decision)
    assert [c.args["channel"] for c in slack.called("chat.postMessage")] == [LEAD, OWNER, "CSALES"]


def test_project_show_asks_nothing_of_slack(deps: Deps, db: TestDatabase, slack: MemorySlack) -> None:
    factories.world(db)
    shown = charter.show(deps, team_id=TEAM, number=1, usage="u")
    assert shown["blocks"][0]["text"]["text"] == "PRJ-1 New product launch"
    assert slack.calls == []
