"""Users never wait on a job: while a job plans (reading the whole workspace) and posts, /collab
commands — reads and writes — answer as usual, on SQLite too (a read never takes the write lock)."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlmodel import select

from services.jobs import plans
from storage import by_department
from storage.db import transaction
from storage.models import Workspace
from tests import weekly_factories as lf
from tests.harness import Bot

MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_a_read_never_holds_up_a_write(bot: Bot) -> None:
    lf.loop_world(bot)
    reader = bot.db.sessions()
    try:
        reader.exec(select(Workspace)).all()  # a read transaction is open…
        started = time.monotonic()
        with transaction(bot.db.sessions) as session:  # …and a write goes through at once
            session.add(Workspace(team_id="T9"))
        assert time.monotonic() - started < 1.0
    finally:
        reader.close()


@pytest.mark.parametrize("job", ["digest", "weekly-sync"])
def test_commands_answer_while_a_job_plans_and_posts(
    bot: Bot, monkeypatch: pytest.MonkeyPatch, job: str
) -> None:
    world = lf.loop_world(bot)
    for i in range(3):
        lf.measure(bot, world, f"m{i}")
    planning = threading.Event()
    real = by_department.status_counts if job == "digest" else by_department.open_measure_ids

    def slow(*args: Any, **kwargs: Any) -> Any:
        planning.set()
        time.sleep(3)  # a big workspace: the job reads for a while, in its read transaction
        return real(*args, **kwargs)

    monkeypatch.setattr(by_department, "status_counts" if job == "digest" else "open_measure_ids", slow)
    assert plans.by_department is by_department
    bot.fake.delay("chat.postMessage", 0.5)  # and Slack is slow to take the posts
    bot.clock.set(MONDAY)
    runner = threading.Thread(target=lambda: bot.jobs().run_job(job, at=MONDAY))
    runner.start()
    try:
        assert planning.wait(5)
        for text in ("measure set MSR-1 status=doing", "status Sales", "dept list"):
            started = time.monotonic()
            reply = bot.command(text, user=lf.OWNER if "set" in text else "UADMIN")
            assert time.monotonic() - started < 1.5, text
            assert "went wrong" not in reply["text"], reply
        assert lf.measure_by_number(bot.db, 1).status == "doing"
    finally:
        runner.join()
    assert lf.ok_posts(bot.fake, lf.SALES_CHANNEL)  # and the job did its work
