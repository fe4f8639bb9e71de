"""Test data and read-backs for the weekly loop (sync prompts, replies, nudges, digests).

Builds on :mod:`tests.factories`; everything is written straight to the database, and read
back the same way, so the tests assert on what the bot stored and what Slack received.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from services.jobs import Jobs
from slackfake import Call, FakeSlack
from storage import measures
from storage.db import transaction
from storage.models import (
    ChangeRequest,
    Delivery,
    Department,
    Measure,
    MeasureEvent,
    Problem,
    Project,
    SyncPrompt,
    SyncPromptItem,
    SyncPromptMessage,
)
from tests import factories
from tests.clock import FakeClock
from tests.dbs import TestDatabase
from tests.harness import HEAD, LEAD, OWNER, TEAM, Bot

SALES_CHANNEL = "CSALES"
RND_CHANNEL = "CRND"
RND_HEAD = "URNDHEAD"
OWNER2 = "UOWNER2"
DEAD = "UDEAD"


@dataclass
class LoopWorld:
    sales: Department
    rnd: Department
    project: Project
    problem: Problem


def loop_world(
    bot: Bot,
    *,
    tz: str = "UTC",
    country: str | None = None,
    lang: str = "en",
    **ws: Any,
) -> LoopWorld:
    """A workspace (time zone, holidays, …), departments Sales (head HEAD, #CSALES) and R&D
    (head URNDHEAD, #CRND), PRJ-1 (lead LEAD) and PRB-1 — no measures yet."""
    factories.workspace(bot.db, timezone=tz, holidays_country=country, lang=lang, **ws)
    for user in (RND_HEAD, OWNER2):
        bot.fake.add_user(user)
    bot.fake.add_user(DEAD, deleted=True)
    sales = factories.department(bot.db, "Sales", head=HEAD, channel=SALES_CHANNEL)
    rnd = factories.department(bot.db, "R&D", head=RND_HEAD, channel=RND_CHANNEL)
    prj = factories.project(bot.db, depts=[sales, rnd], lead=LEAD)
    prb = factories.problem(bot.db, prj)
    return LoopWorld(sales, rnd, prj, prb)


def measure(
    bot: Bot,
    world: LoopWorld,
    text: str = "Weekly sync meeting",
    *,
    dept: Department | None = None,
    owner: str = OWNER,
    due: date = date(2026, 12, 31),
    status: str | None = None,
    at: datetime | None = None,
) -> Measure:
    """A measure of PRB-1 (Sales by default); ``status`` is set by its owner at ``at``."""
    return factories.measure(
        bot.db,
        world.problem,
        dept or world.sales,
        text,
        owner=owner,
        due=due,
        status=status,
        now=at or bot.clock(),
    )


def set_status(bot: Bot, number: int, status: str, *, at: datetime, user: str = OWNER) -> None:
    """Change a measure's status at a given time (history row included), as a command would."""
    with transaction(bot.db.sessions) as session:
        m = measures.get_measure(session, team_id=TEAM, number=number)
        assert m is not None
        measures.update_measure(
            session, team_id=TEAM, measure=m, actor_user_id=user, source="command", now=at, status=status
        )


def at_clock(clock: FakeClock, when: datetime) -> datetime:
    clock.set(when)
    return when


# ---------------------------------------------------------------- reading back


def deliveries(db: TestDatabase, kind: str | None = None) -> list[Delivery]:
    rows = factories.all_rows(db, Delivery)
    return [d for d in rows if kind is None or d.kind == kind]


def delivery_keys(db: TestDatabase, kind: str | None = None) -> list[tuple[str, str, str, str]]:
    return sorted((d.kind, d.target, d.period, d.state) for d in deliveries(db, kind))


def prompts(db: TestDatabase) -> list[SyncPrompt]:
    return factories.all_rows(db, SyncPrompt)


def prompt_messages(db: TestDatabase) -> list[SyncPromptMessage]:
    return factories.all_rows(db, SyncPromptMessage)


def prompt_items(db: TestDatabase) -> list[SyncPromptItem]:
    return factories.all_rows(db, SyncPromptItem)


def change_requests(db: TestDatabase) -> list[ChangeRequest]:
    return factories.all_rows(db, ChangeRequest)


def events(db: TestDatabase, number: int, kind: str | None = None) -> list[MeasureEvent]:
    return [e for e in factories.history(db, number) if kind is None or e.kind == kind]


def measure_by_number(db: TestDatabase, number: int) -> Measure:
    return factories.get_measure(db, number)


def measure_id(db: TestDatabase, number: int) -> int:
    m = factories.get_measure(db, number)
    assert m.id is not None
    return m.id


def claim_row(
    db: TestDatabase,
    *,
    kind: str,
    target: str,
    period: str,
    created_at: datetime,
    lease_until: datetime,
    owner: str = "dead-host:1:deadbeef",
    team: str = TEAM,
) -> Delivery:
    """A ledger row as a process that crashed mid-delivery leaves it: claimed, lease running out."""
    with transaction(db.sessions) as session:
        row = Delivery(
            team_id=team,
            kind=kind,
            target=target,
            period=period,
            state="claimed",
            claimed_by=owner,
            lease_until=lease_until,
            attempts=1,
            created_at=created_at,
            updated_at=created_at,
        )
        session.add(row)
        session.flush()
        return row


def expire_lease(db: TestDatabase, delivery_id: int) -> None:
    """Let a claim's lease run out (leases are on real time; the tests do not wait for them)."""
    with transaction(db.sessions) as session:
        row = session.get(Delivery, delivery_id)
        assert row is not None
        row.lease_until = real_now() - timedelta(seconds=1)
        session.add(row)


def real_now() -> datetime:
    """Leases and ledger timestamps are on the real clock, not the fake one."""
    return datetime.now(UTC)


def sync_target(dept: Department) -> str:
    return f"dept:{dept.id}:{dept.channel_id}"


# ---------------------------------------------------------------- what Slack received


def ok_posts(fake: FakeSlack, channel: str) -> list[Call]:
    """Successful chat.postMessage calls to a channel (or, for a user id, to their DM)."""
    return fake.posts_to(channel, ok_only=True)


def top_level(fake: FakeSlack, channel: str) -> list[dict[str, Any]]:
    return fake.messages(channel, top_level_only=True)


def texts(payload: dict[str, Any]) -> list[str]:
    """Every text in a message's blocks (sections, headers, context elements), in order."""
    out: list[str] = []
    for block in payload.get("blocks") or []:
        if "text" in block and isinstance(block["text"], dict):
            out.append(block["text"]["text"])
        for element in block.get("elements") or []:
            if element.get("type") in ("mrkdwn", "plain_text"):
                out.append(element["text"])
    return out


def all_text(payload: dict[str, Any]) -> str:
    return "\n".join(texts(payload))


def buttons(payload: dict[str, Any]) -> list[tuple[str, str]]:
    """(action_id, value) of every button, in order."""
    return [
        (e["action_id"], e.get("value", ""))
        for block in payload.get("blocks") or []
        if block.get("type") == "actions"
        for e in block["elements"]
        if e.get("type") == "button"
    ]


def dm_texts(fake: FakeSlack, user: str) -> list[str]:
    """The fallback text of every message the bot posted successfully to a user's DM."""
    return [str(c.params.get("text") or "") for c in ok_posts(fake, user)]


# ---------------------------------------------------------------- running jobs


def run(jobs: Jobs, job: str, at: datetime, *, clock: FakeClock | None = None) -> Any:
    """``run_job`` at ``at`` (moving the fake clock there first, when given); the single run."""
    if clock is not None:
        clock.set(at)
    runs = jobs.run_job(job, at=at)
    assert len(runs) <= 1, runs
    return runs[0] if runs else None


def post_prompt(bot: Bot, at: datetime) -> list[str]:
    """Post this week's sync prompt(s) and return the Sales prompt's message ts (part order)."""
    bot.clock.set(at)
    bot.jobs().run_job("weekly-sync", at=at)
    return [c.response["ts"] for c in ok_posts(bot.fake, SALES_CHANNEL)]


# ---------------------------------------------------------------- waiting for the bot


def wait_until(check: Callable[[], Any], *, timeout: float = 5.0, what: str = "condition") -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.01)


class Outcomes(logging.Handler):
    """Collects what the message-event handler did with each reply (its debug log line), so a
    test can wait for an event that changes nothing (a retry, a reply in another thread)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())

    def wait_for(self, needle: str, *, count: int = 1, timeout: float = 5.0) -> list[str]:
        return wait_until(
            lambda: (
                [x for x in self.lines if needle in x]
                if sum(needle in x for x in self.lines) >= count
                else []
            ),
            timeout=timeout,
            what=f"{count} handler outcome(s) containing {needle!r}; got {self.lines}",
        )


def quiet_for(fake: FakeSlack, seconds: float = 0.3) -> None:
    """Wait until the fake has received no call for ``seconds`` (the bot has settled)."""
    last = -1
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        n = len(fake.calls)
        if n == last:
            return
        last = n
        time.sleep(seconds)


# ---------------------------------------------------------------- thread replies


def reply(
    bot: Bot,
    text: str,
    *,
    thread_ts: str,
    user: str = OWNER,
    channel: str = SALES_CHANNEL,
    event_id: str | None = None,
) -> tuple[str, str]:
    """A person replies in a thread: the message lands in the fake Slack and its event is
    delivered to the bot over signed HTTP. Returns the reply's ts and the event id."""
    msg = bot.fake.add_message(channel, text, user=user, thread_ts=thread_ts)
    event_id = event_id or f"Ev{msg['ts'].replace('.', '')}"
    result = bot.event(message_event(msg, channel=channel), event_id=event_id)
    assert result.status == 200, result
    return msg["ts"], event_id


def message_event(msg: dict[str, Any], *, channel: str = SALES_CHANNEL) -> dict[str, Any]:
    event = {
        "type": "message",
        "channel": channel,
        "channel_type": "channel",
        "user": msg["user"],
        "text": msg["text"],
        "ts": msg["ts"],
        "event_ts": msg["ts"],
    }
    if msg.get("thread_ts"):
        event["thread_ts"] = msg["thread_ts"]
    if msg.get("bot_id"):
        event["bot_id"] = msg["bot_id"]
    return event


def reactions(fake: FakeSlack, channel: str, ts: str) -> list[tuple[str, list[str]]]:
    msg = fake.message(channel, ts)
    assert msg is not None
    return [(r["name"], r["users"]) for r in msg.get("reactions", [])]
