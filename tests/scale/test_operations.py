"""Operating the bot: ``GET /readyz`` (database reachable and migrated), ``GET /metrics`` (counts
that match what the fake Slack saw), and ``COLLAB_LOG_FORMAT=json`` (one JSON object a line)."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from prometheus_client.parser import text_string_to_metric_families

from bot.logs import JsonFormatter
from bot.metrics import readiness, watch_claims
from bot.server import make_server
from slackfake import FakeSlack
from storage.db import make_engine
from tests.dbs import TestDatabase
from tests.factories import department_channels
from tests.harness import Bot, HttpResult
from tests.weekly_factories import claim_row, quiet_for, real_now
from ui import forms

ROOT = Path(__file__).resolve().parents[2]
FRIDAY = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)


@contextmanager
def serving(app: Any, ready: Any) -> Iterator[Bot]:
    """The production server with a readiness check, on a free port (the app's Bolt for requests)."""
    server = make_server(app, host="127.0.0.1", port=0, log_level="warning", ready=ready)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.01)
    client = Bot.__new__(Bot)
    client.port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield client
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def scrape(bot: Bot) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    result = bot.get("/metrics")
    assert result.status == 200
    samples = {}
    for family in text_string_to_metric_families(result.body):
        for s in family.samples:
            samples[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return samples


def value(samples: dict[Any, float], name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


# ---------------------------------------------------------------- /readyz


def test_readyz_when_migrated_and_not_when_behind_or_unreachable(
    bot: Bot, db: TestDatabase, tmp_path: Path
) -> None:
    with serving(bot.deps_app, readiness(db.engine)) as server:
        assert server.get("/readyz") == HttpResult(200, "ready")
        assert server.get("/healthz").status == 200
    empty = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")  # reachable, never migrated
    with serving(bot.deps_app, readiness(empty)) as server:
        result = server.get("/readyz")
        assert result.status == 503 and "schema at nothing" in result.body
        assert server.get("/healthz").status == 200  # the process is up all the same
    gone = make_engine("postgresql+psycopg://postgres@127.0.0.1:1/none")
    with serving(bot.deps_app, readiness(gone)) as server:
        result = server.get("/readyz")
        assert result.status == 503 and "database not reachable" in result.body
    empty.dispose()
    gone.dispose()


# ---------------------------------------------------------------- /metrics


def test_metrics_count_what_slack_saw(bot: Bot, fake: FakeSlack, db: TestDatabase) -> None:
    watch_claims(db.sessions)
    channels = department_channels(db.sessions, fake, 5)
    before = scrape(bot)
    for _ in range(3):
        bot.command("dept list")
    result, _ = bot.button("nudge_done", "999")  # no such measure: an answer, no change
    assert result.status == 200
    message = {"type": "message", "channel": "C1", "user": "U1", "text": "hi", "ts": "1700000000.000001"}
    assert bot.event(message, event_id="Ev1").status == 200
    bot.suggest(forms.PROJECT_SEARCH, "project", "x")
    # the weekly sync: one channel refuses, one post is answered 429 first
    fake.fail_next("chat.postMessage", "channel_not_found", when=lambda p: p.get("channel") == channels[0])
    fake.rate_limit_next("chat.postMessage", retry_after=0, when=lambda p: p.get("channel") == channels[1])
    quiet_for(fake)
    mark = len(fake.calls)
    bot.jobs().run_job("weekly-sync", at=FRIDAY)
    claim_row(
        db,
        kind="sync",
        target="dept:x:C0",
        period="2026-W40",
        created_at=real_now(),
        lease_until=real_now() + timedelta(seconds=30),
    )
    after = scrape(bot)

    def delta(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert delta("collab_requests_total", kind="command") == 3
    assert delta("collab_requests_total", kind="action") == 1
    assert delta("collab_requests_total", kind="event") == 1
    assert delta("collab_requests_total", kind="options") == 1
    assert delta("collab_ack_seconds_count", kind="command") == 3
    assert 0 < delta("collab_ack_seconds_sum", kind="command") < 3
    # what the job posted: 4 prompts and the admins' alert about the refused channel
    posts = [c for c in fake.calls[mark:] if c.method == "chat.postMessage"]
    sent = [c for c in posts if c.ok]
    refused = [c for c in posts if c.status == 200 and not c.ok]
    assert len(sent) == 5 and len(refused) == 1 and fake.rate_limited_count == 1
    assert delta("collab_posts_total", job="weekly-sync", outcome="sent") == len(sent)
    assert delta("collab_posts_total", job="weekly-sync", outcome="failed") == len(refused)
    assert delta("collab_posts_total", job="weekly-sync", outcome="rate_limited") == fake.rate_limited_count
    assert value(after, "collab_claims_waiting") == 1


# ---------------------------------------------------------------- JSON logs


def test_json_log_lines(fake: FakeSlack, tmp_path: Path) -> None:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_API_URL": fake.api_url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'j.db'}",
        "COLLAB_LOG_FORMAT": "json",
        "PYTHONPATH": str(ROOT),
    }
    proc = subprocess.run(
        [sys.executable, "-m", "bot.cli", "--log-level", "INFO", "jobs", "run", "digest"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert lines
    entries = [json.loads(line) for line in lines]  # every line is one JSON object
    assert {"time", "level", "logger", "message"} <= set(entries[0])
    assert any(e["message"] == "database schema is up to date" for e in entries)


def test_a_traceback_stays_in_its_json_line() -> None:
    try:
        raise ValueError("boom\nsecond line")
    except ValueError:
        record = logging.LogRecord("collab", logging.ERROR, __file__, 1, "failed: %s", ("x",), sys.exc_info())
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "failed: x" and entry["level"] == "ERROR"
    assert "ValueError: boom" in entry["exception"] and "Traceback" in entry["exception"]
