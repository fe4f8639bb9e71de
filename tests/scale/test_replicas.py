"""Three replicas: three real ``collab-bot serve`` processes on one PostgreSQL database, each with
its scheduler on. Commands, buttons and thread replies (and Slack's retries of them) are spread
over the three; all three schedulers reach Friday 17:00 together (``COLLAB_TEST_CLOCK_OFFSET``
sets their clock); every prompt is posted once, every request answered once, and the replicas'
``/metrics`` add up to what the fake Slack saw."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlmodel import select

from slackfake import Call, FakeSlack
from storage.models import Delivery, Measure, MeasureEvent
from tests.clock import FakeClock
from tests.dbs import TestDatabase
from tests.harness import ADMIN, LEAD, SIGNING_SECRET, Bot
from tests.weekly_factories import message_event, quiet_for, wait_until

ROOT = Path(__file__).resolve().parents[2]
FRIDAY = datetime(2026, 12, 4, 17, 0, tzinfo=UTC)
LEAD_TIME = 45  # seconds of (shifted) time between the replicas' start and Friday 17:00
DEPTS = 4


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(fake: FakeSlack, db: TestDatabase, port: int, offset: float, log: Path) -> subprocess.Popen[bytes]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", "/tmp"),
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake.api_url,
        "DATABASE_URL": db.url,
        "COLLAB_LEASE_SECONDS": "5",
        "COLLAB_POST_RATE": "200",
        "COLLAB_TEST_CLOCK_OFFSET": f"{offset:.3f}",
        "PYTHONPATH": str(ROOT),
    }
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
            cwd=log.parent,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


@pytest.fixture
def replicas(db: TestDatabase, fake: FakeSlack, clock: FakeClock, tmp_path: Path) -> Iterator[list[Bot]]:
    if db.backend != "postgresql":
        pytest.skip("replicas share one PostgreSQL database")
    offset = (FRIDAY - timedelta(seconds=LEAD_TIME) - datetime.now(UTC)).total_seconds()
    ports = [free_port() for _ in range(3)]
    logs = [tmp_path / f"replica-{i}.log" for i in range(3)]
    procs = [serve(fake, db, port, offset, log) for port, log in zip(ports, logs, strict=True)]
    bots = [Bot(fake=fake, db=db, clock=clock, deps=None, port=port) for port in ports]  # type: ignore[arg-type]
    try:
        for bot, proc, log in zip(bots, procs, logs, strict=True):
            wait_until(
                lambda b=bot, p=proc, lg=log: _up(b, p, lg), timeout=60, what=f"replica on {bot.port} ready"
            )
        yield bots
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
        for log in logs:  # shown when the test failed
            print(f"----- {log.name}\n{log.read_text(errors='replace')[-4000:]}")


def _up(bot: Bot, proc: subprocess.Popen[bytes], log: Path) -> bool:
    if proc.poll() is not None:
        raise AssertionError(f"replica exited with {proc.returncode}:\n{log.read_text()}")
    try:
        return bot.get("/readyz").status == 200
    except OSError:
        return False


def metrics(bot: Bot) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    samples = {}
    for family in text_string_to_metric_families(bot.get("/metrics").body):
        for s in family.samples:
            samples[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return samples


def total(bots: list[Bot], name: str, **labels: str) -> float:
    key = (name, tuple(sorted(labels.items())))
    return sum(metrics(b).get(key, 0.0) for b in bots)


def sync_posts(fake: FakeSlack) -> list[Call]:
    return [
        c
        for c in fake.calls_to("chat.postMessage")
        if c.ok
        and str((c.params.get("metadata") or {}).get("event_payload", {}).get("key", "")).startswith("sync:")
    ]


def status_events(db: TestDatabase) -> Counter[int]:
    with db.sessions() as s:
        rows = s.exec(
            select(MeasureEvent, Measure).where(
                MeasureEvent.measure_id == Measure.id, MeasureEvent.kind == "status"
            )
        )
        return Counter(m.number for _, m in rows)


def test_three_replicas_post_each_prompt_once_and_answer_each_request_once(
    replicas: list[Bot], fake: FakeSlack, db: TestDatabase
) -> None:
    bots = replicas
    owners, channels = [f"UOWN{i}" for i in range(DEPTS)], [f"CREP{i}" for i in range(DEPTS)]
    for i in range(DEPTS):
        fake.add_user(owners[i], f"owner-{i}")
        fake.add_user(f"UHEAD{i}", f"head-{i}")
        fake.add_channel(channels[i], f"dept-{i}")
    commands = [f"dept add D{i} head=<@UHEAD{i}|h> channel=<#{channels[i]}|d{i}>" for i in range(DEPTS)]
    depts = ",".join(f"D{i}" for i in range(DEPTS))
    commands += [f'project add "Scale" goal="Run at scale" due=2026-12-31 lead=<@{LEAD}|l> depts={depts}']
    commands += ['problem add PRJ-1 process "Too many hand-offs"']
    for i in range(DEPTS):  # MSR-(2i+1) and MSR-(2i+2) in department i
        for part in ("a", "b"):
            commands.append(
                f'measure add PRB-1 owner=<@{owners[i]}|o> dept=D{i} due=2026-12-20 "Step {i}{part}"'
            )
    for n, text in enumerate(commands):  # each answered once, by whichever replica got it
        reply = bots[n % 3].command(text, user=ADMIN, timeout=10)
        assert ":white_check_mark:" in reply["text"], reply
    quiet_for(fake)
    assert len(fake.responses) == len(commands)
    assert not sync_posts(fake), "the setup took longer than LEAD_TIME: the prompts went out before it ended"

    # Friday 17:00 on all three clocks: every scheduler runs the weekly sync.
    fake.wait_for("chat.postMessage", count=DEPTS, timeout=90, predicate=lambda c: c in sync_posts(fake))
    wait_until(
        lambda: all(
            metrics(b).get(("collab_job_seconds_count", (("job", "weekly-sync"),)), 0) >= 1 for b in bots
        ),
        timeout=60,
        what="all three schedulers ran the weekly sync",
    )
    quiet_for(fake)
    prompts = sync_posts(fake)
    assert Counter(c.params["channel"] for c in prompts) == Counter({c: 1 for c in channels})
    with db.sessions() as s:
        assert Counter(d.state for d in s.exec(select(Delivery).where(Delivery.kind == "sync"))) == {
            "sent": DEPTS
        }

    # Buttons and thread replies, each to another replica; each reply also as Slack's retry.
    ts_of = {c.params["channel"]: c.response["ts"] for c in prompts}
    replies, button_urls = [], []
    for i in range(DEPTS):
        first, second = 2 * i + 1, 2 * i + 2
        result, button_url = bots[i % 3].button(
            f"sync_status:{first}:doing",
            f"{first}:doing",
            user=owners[i],
            channel=channels[i],
            message_ts=ts_of[channels[i]],
        )
        assert result.status == 200
        button_urls.append(button_url)
        msg = fake.add_message(
            channels[i], f"MSR-{second} done", user=owners[i], thread_ts=ts_of[channels[i]]
        )
        event = message_event(msg, channel=channels[i])
        assert bots[(i + 1) % 3].event(event, event_id=f"EvRep{i}").status == 200
        assert bots[(i + 2) % 3].event(event, event_id=f"EvRep{i}", retry_num=1).status == 200
        replies.append((channels[i], msg["ts"]))
    wait_until(lambda: len(status_events(db)) == 2 * DEPTS, timeout=20, what="every status change recorded")
    quiet_for(fake, 0.5)
    assert status_events(db) == Counter({n: 1 for n in range(1, 2 * DEPTS + 1)})
    with db.sessions() as s:
        statuses = {m.number: m.status for m in s.exec(select(Measure))}
    assert statuses == {n: ("doing" if n % 2 else "done") for n in range(1, 2 * DEPTS + 1)}
    reactions = Counter(
        (c.params["channel"], c.params["timestamp"]) for c in fake.calls_to("reactions.add") if c.ok
    )
    assert reactions == Counter({r: 1 for r in replies})
    # each change updated its prompt once; the owners' buttons need no answer of their own
    updates = Counter(c.params["channel"] for c in fake.calls_to("chat.update") if c.ok)
    assert updates == Counter({c: 2 for c in channels})
    assert [r for r in fake.responses if r["_url"] in button_urls] == []
    assert sync_posts(fake) == prompts  # nothing posted twice meanwhile

    # The replicas' metrics add up to what Slack saw.
    assert total(bots, "collab_requests_total", kind="command") == len(commands)
    assert total(bots, "collab_requests_total", kind="action") == DEPTS
    assert total(bots, "collab_requests_total", kind="event") == 2 * DEPTS
    assert total(bots, "collab_posts_total", job="weekly-sync", outcome="sent") == len(prompts)
    assert total(bots, "collab_posts_total", job="weekly-sync", outcome="failed") == 0
    assert total(bots, "collab_claims_waiting") == 0
