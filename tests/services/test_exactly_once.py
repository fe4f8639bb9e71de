"""Exactly once across processes: concurrent `collab-bot jobs run`, and a SIGKILL mid-fan-out.

Real processes (the installed CLI entry point, ``python -m bot.cli``) share the test database
(SQLite and PostgreSQL) and post to the fake Slack; we count what Slack received.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path
from typing import Any

from sqlmodel import select

from slackfake import Call, FakeSlack
from storage.models import Delivery
from tests.dbs import TestDatabase
from tests.factories import department_channels

ROOT = Path(__file__).resolve().parents[2]
TEAM = "T1"
AT = "2026-11-20T17:00:00-05:00"


def seed(db: TestDatabase, fake: FakeSlack, departments: int) -> list[str]:
    return department_channels(db.sessions, fake, departments)


def job_process(fake: FakeSlack, db: TestDatabase, *, job: str = "weekly-sync") -> subprocess.Popen[str]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", "/tmp"),
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_API_URL": fake.api_url,
        "DATABASE_URL": db.url,
        "COLLAB_LEASE_SECONDS": "2",
        "COLLAB_POST_RATE": "200",
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "--log-level", "WARNING", "jobs", "run", job, "--at", AT],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def prompt_posts(fake: FakeSlack) -> Counter[str]:
    return Counter(
        c.params["channel"]
        for c in fake.calls_to("chat.postMessage")
        if c.ok
        and (c.params.get("metadata") or {}).get("event_payload", {}).get("key", "").startswith("sync:")
    )


def ledger_states(db: TestDatabase) -> Counter[str]:
    with db.sessions() as s:
        return Counter(d.state for d in s.exec(select(Delivery).where(Delivery.kind == "sync")))


def test_three_concurrent_job_runs_post_each_prompt_once(db: TestDatabase, fake: FakeSlack) -> None:
    channels = seed(db, fake, departments=30)
    fake.delay("chat.postMessage", 0.01)  # let the processes overlap
    procs = [job_process(fake, db) for _ in range(3)]
    outputs = [p.communicate(timeout=120)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], outputs
    posts = prompt_posts(fake)
    assert posts == Counter({c: 1 for c in channels}), outputs
    assert ledger_states(db) == Counter({"sent": 30})
    # The work was shared: "already done" shows up in the other processes' summaries.
    assert sum("30 targets" in out for out in outputs) == 3


def test_sigkill_mid_fanout_then_rerun_delivers_every_prompt_once(db: TestDatabase, fake: FakeSlack) -> None:
    channels = seed(db, fake, departments=24)
    proc_box: list[subprocess.Popen[str]] = []
    killed = threading.Event()
    rerunning = threading.Event()
    accepted = 0
    seen = 0
    lock = threading.Lock()

    def refuse_after_eighth(params: dict[str, Any]) -> bool:
        """Runs while the fake handles a post, before it answers (serialised by the fake): from
        the 9th post on, the dying process gets a 429 with a long Retry-After, so however late
        the kill below lands, Slack has exactly 8 of its posts."""
        nonlocal accepted
        if rerunning.is_set():
            return False
        if accepted >= 8:
            return True
        accepted += 1
        return False

    def kill_after_eighth(call: Call) -> None:
        nonlocal seen
        with lock:
            seen += 1
            if seen == 8 and proc_box:
                os.kill(proc_box[0].pid, signal.SIGKILL)  # right after Slack accepted the 8th post
                killed.set()

    fake.rate_limit_next("chat.postMessage", retry_after=60, count=10**6, when=refuse_after_eighth)
    fake.on_call("chat.postMessage", kill_after_eighth)
    fake.delay("chat.postMessage", 0.02)
    proc_box.append(job_process(fake, db))
    proc_box[0].communicate(timeout=120)
    assert killed.is_set() and proc_box[0].returncode == -signal.SIGKILL
    before = prompt_posts(fake)
    assert sum(before.values()) == 8
    states = ledger_states(db)
    assert states["claimed"] >= 1  # the dead process's claims are left behind

    rerunning.set()
    rerun = job_process(fake, db)
    out = rerun.communicate(timeout=120)[0]
    assert rerun.returncode == 0, out
    assert prompt_posts(fake) == Counter({c: 1 for c in channels}), out
    assert ledger_states(db) == Counter({"sent": 24})

    again = job_process(fake, db)
    out = again.communicate(timeout=120)[0]
    assert again.returncode == 0, out
    assert "0 sent, 0 reconciled, 24 already done, 0 failed" in out
    assert prompt_posts(fake) == Counter({c: 1 for c in channels})
