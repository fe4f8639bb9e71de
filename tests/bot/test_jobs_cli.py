"""`collab-bot jobs run <job> [--at ISO-8601]`: the real entry point, against the fake Slack and
the test database, configured only through the environment."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.cli import main
from tests import weekly_factories as lf
from tests.harness import OWNER, Bot


@pytest.fixture
def env(bot: Bot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Bot:
    monkeypatch.chdir(tmp_path)  # no stray .env
    for name in (
        "SLACK_SIGNING_SECRET",
        "SLACK_APP_TOKEN",
        "COLLAB_TIMEZONE",
        "COLLAB_LANG",
        "COLLAB_ADMINS",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SLACK_API_URL", bot.fake.api_url)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-cli-test")
    monkeypatch.setenv("DATABASE_URL", bot.db.url)
    monkeypatch.setenv("COLLAB_LEASE_SECONDS", "5")
    world = lf.loop_world(bot)
    lf.measure(bot, world, "Shared release calendar", due=date(2026, 11, 16))
    return bot


def test_jobs_run_posts_once_and_again_posts_nothing(env: Bot, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["jobs", "run", "weekly-sync", "--at", "2026-11-20T17:00-05:00"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "weekly-sync T1 2026-W47: 1 targets — 1 sent, 0 reconciled, 0 already done, 0 failed" in out
    [post] = lf.ok_posts(env.fake, lf.SALES_CHANNEL)
    assert post.params["text"] == "Weekly sync — Sales (2026-W47)"
    assert post.headers["authorization"] == "Bearer xoxb-cli-test"

    assert main(argv) == 0
    assert "1 targets — 0 sent, 0 reconciled, 1 already done, 0 failed" in capsys.readouterr().out
    assert len(env.fake.calls_to("chat.postMessage")) == 1
    assert [(d.kind, d.period, d.state) for d in lf.deliveries(env.db)] == [("sync", "2026-W47", "sent")]
    [prompt] = lf.prompts(env.db)
    assert prompt.thread_ts == post.response["ts"]


def test_jobs_run_nudges_and_digest(env: Bot, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["jobs", "run", "nudges", "--at", "2026-11-18T09:30+00:00"]) == 0
    assert main(["jobs", "run", "nudges", "--at", "2026-11-18T15:00+00:00"]) == 0
    assert [c.params["text"] for c in lf.ok_posts(env.fake, OWNER)] == [
        ":alarm_clock: *MSR-1* is 2 day(s) past its deadline (2026-11-16). What is the status?"
    ]
    assert main(["jobs", "run", "digest", "--at", "2026-11-23T09:00Z"]) == 0
    assert "digest T1 2026-W48: 2 targets — 2 sent" in capsys.readouterr().out
    assert sorted((d.kind, d.period) for d in lf.deliveries(env.db)) == [
        ("digest", "2026-W48"),
        ("digest", "2026-W48"),
        ("escalate", "2026-11-18"),
        ("nudge", "2026-11-18"),
    ]


def test_at_without_offset_is_read_in_collab_timezone(
    env: Bot, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Monday 02:00 in Shanghai is Sunday 18:00 UTC, a weekend day in the workspace (UTC): no nudges
    monkeypatch.setenv("COLLAB_TIMEZONE", "Asia/Shanghai")
    assert main(["jobs", "run", "nudges", "--at", "2026-11-23T02:00"]) == 0
    assert "nudges: nothing to do at 2026-11-23T02:00:00+08:00" in capsys.readouterr().out
    assert env.fake.calls_to("chat.postMessage") == []
    monkeypatch.setenv("COLLAB_TIMEZONE", "UTC")
    assert main(["jobs", "run", "nudges", "--at", "2026-11-23T02:00"]) == 0
    assert len(lf.ok_posts(env.fake, OWNER)) == 1


@pytest.mark.parametrize("at", ["tomorrow", "2026-13-01T17:00", "20.11.2026 17:00", ""])
def test_bad_at_exits_2_and_posts_nothing(env: Bot, at: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["jobs", "run", "weekly-sync", "--at", at]) == 2
    assert "is not an ISO-8601 time" in capsys.readouterr().err
    assert env.fake.calls_to("chat.postMessage") == []
    assert lf.deliveries(env.db) == []


def test_unknown_job_and_missing_token_exit_2(
    env: Bot, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["jobs", "run", "weekly-digest"])
    assert exc.value.code == 2
    monkeypatch.delenv("SLACK_BOT_TOKEN")
    assert main(["jobs", "run", "weekly-sync", "--at", "2026-11-20T17:00Z"]) == 2
    assert "SLACK_BOT_TOKEN" in capsys.readouterr().err
    assert env.fake.calls == [c for c in env.fake.calls if c.method != "chat.postMessage"]
