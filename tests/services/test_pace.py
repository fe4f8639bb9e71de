"""The pace of scheduled posts learns a workspace's unknown cap from Slack's 429s and keeps it
across runs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from services.jobs.pace import CUT, FAST_CREEP, SLOW_CREEP, UNDER_LIMIT, Throttle, Throttles
from slack_api.gateway import SlackError
from storage import pace
from storage.models import PostPace
from tests import factories
from tests.harness import TEAM, Bot


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_429_slows_to_under_what_slack_accepted_in_the_second_before() -> None:
    clock = Clock()
    throttle = Throttle(20.0, monotonic=clock)
    for _ in range(10):  # 10 posts in the half second before
        clock.now += 0.05
        throttle.succeeded()
    throttle.rate_limited(2.0)
    assert throttle.limit == pytest.approx(10.0)
    assert throttle.rate == pytest.approx(UNDER_LIMIT * 10.0)
    # the posts already on their way when Slack said 429 say nothing new
    clock.now += 0.01
    throttle.rate_limited(2.0)
    assert throttle.rate == pytest.approx(UNDER_LIMIT * 10.0)
    assert throttle.rate_limited_count == 2 and throttle.changed


def test_a_429_with_nothing_through_cuts_the_pace() -> None:
    throttle = Throttle(20.0, monotonic=Clock())
    throttle.rate_limited(1.0)
    assert throttle.rate == pytest.approx(20.0 * CUT)
    assert throttle.limit == pytest.approx(20.0)


def test_the_pace_creeps_up_fast_far_from_the_limit_and_slowly_near_it() -> None:
    clock = Clock()
    far = Throttle(20.0, learned=(5.0, 10.0), monotonic=clock)
    for _ in range(5):  # a second of clear posting at 5 a second
        far.succeeded()
    assert far.rate == pytest.approx(5.0 + 5 * FAST_CREEP, rel=0.02)
    near = Throttle(20.0, learned=(9.5, 10.0), monotonic=clock)
    for _ in range(10):
        near.succeeded()
    assert near.rate == pytest.approx(9.5 + 10 * SLOW_CREEP, rel=0.02)
    capped = Throttle(6.0, learned=(5.99, None), monotonic=clock)
    for _ in range(100):
        capped.succeeded()
    assert capped.rate == 6.0  # COLLAB_POST_RATE stays the ceiling


def test_a_paced_post_hands_the_429_to_its_caller(bot: Bot) -> None:
    bot.fake.rate_limit_next("chat.postMessage", retry_after=3)
    slack = bot.deps.slack_for(TEAM)
    with pytest.raises(SlackError) as raised:
        slack.post("CGENERAL", {"text": "hi"}, paced=True)
    assert (raised.value.error, raised.value.retry_after) == ("ratelimited", 3.0)
    assert slack.post("CGENERAL", {"text": "hi"}, paced=True)  # the next one goes through


def test_the_fan_out_learns_an_unknown_cap_and_remembers_it(bot: Bot) -> None:
    channels = factories.department_channels(bot.db.sessions, bot.fake, 30)
    factories.workspace(bot.db)
    bot.fake.enforce_rate_limits(per_channel_per_sec=1.0, workspace_per_sec=10)  # the bot is not told
    friday = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)
    [run] = bot.jobs(rate=40.0, per_channel=1.0).run_job("weekly-sync", at=friday)
    assert len(run.report.sent) == 30
    posted = [c.params["channel"] for c in bot.fake.calls_to("chat.postMessage") if c.ok]
    assert sorted(posted) == sorted(channels)  # each once, none lost
    first_429s = bot.fake.rate_limited_count
    assert 1 <= first_429s <= 3
    [learnt] = factories.all_rows(bot.db, PostPace)
    assert learnt.team_id == TEAM and learnt.limit_seen is not None
    assert 8.0 <= learnt.limit_seen <= 11.0 and learnt.rate < 10.5

    # next week, another process: it starts from what was learnt
    bot.fake.reset()
    bot.fake.enforce_rate_limits(per_channel_per_sec=1.0, workspace_per_sec=10)
    [run] = bot.jobs(rate=40.0, per_channel=1.0).run_job("weekly-sync", at=friday + timedelta(weeks=1))
    assert len(run.report.sent) == 30
    assert bot.fake.rate_limited_count <= 1


def test_what_is_learnt_is_kept_per_workspace(bot: Bot) -> None:
    throttles = Throttles(20.0, sessions=bot.db.sessions)
    throttles.get(TEAM).rate_limited(1.0)
    throttles.save(datetime(2026, 11, 20, tzinfo=UTC))
    with bot.db.sessions() as session:
        kept = pace.get_pace(session, team_id=TEAM)
        assert kept is not None and kept.rate == pytest.approx(16.0)
        assert pace.get_pace(session, team_id="T2") is None
    again = Throttles(20.0, sessions=bot.db.sessions)
    assert again.get(TEAM).rate == pytest.approx(16.0) and again.get("T2").rate == 20.0
