"""Fan-out benchmark: the weekly sync prompt to N department channels.

A fake Slack (over real HTTP, loopback only) enforces 1 message per second per channel and a
workspace cap of --cap messages per second, answering 429 + Retry-After beyond them. The bot
throttles itself to the cap. Printed: the fan-out time over the rate-limit bound (N / cap),
how many posts were lost or doubled, 429s received, and SQL statements per target.

    .venv/bin/python bench/fanout.py [--channels 200] [--cap 50] [--database-url URL]
    .venv/bin/python bench/fanout.py --unknown-cap [--channels 100] [--cap 10] [--ceiling 20] [--runs 3]

With ``--unknown-cap`` the bot is not told the cap: it paces at ``--ceiling`` (``COLLAB_POST_RATE``)
and learns the cap from the 429s, remembering it (per workspace, in the database) from one run
to the next; each run is a week's sync prompt by a fresh process. ``COLLAB_POST_RATE`` stays an
upper limit (the operator's "at most"), so the bound is N / min(cap, ceiling). Printed per run:
the time over the bound (target ≤ 1.2x), the 429s and their share of posts (target < 5%), the learnt pace.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sqlalchemy import event
from workspace import empty_database

from bot.settings import Settings
from bot.wiring import make_deps
from services.jobs import make_jobs
from slack_api.clients import SlackClients
from slackfake import FakeSlack
from storage.db import Engine, SessionFactory, make_engine, session_factory
from tests.factories import department_channels

TEAM = "T1"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--channels", type=int, default=200)
    parser.add_argument(
        "--cap", type=float, default=50.0, help="workspace messages per second the fake allows"
    )
    parser.add_argument("--database-url", default=None, help="default: a temporary SQLite file")
    parser.add_argument("--unknown-cap", action="store_true", help="the bot learns the cap from 429s")
    parser.add_argument("--ceiling", type=float, default=20.0, help="COLLAB_POST_RATE in --unknown-cap")
    parser.add_argument("--runs", type=int, default=3, help="weekly runs in --unknown-cap")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    if args.unknown_cap:
        return unknown_cap(args)

    with tempfile.TemporaryDirectory() as tmp, FakeSlack() as fake:
        engine, sessions, channels, settings = setup(args, fake, Path(tmp))
        clients = SlackClients.single(base_url=settings.slack_api_url, token=settings.bot_token)
        deps = make_deps(settings, sessions, clients)
        # Pace a little under the cap: the fake's window is a sliding second.
        jobs = make_jobs(deps, rate=args.cap * 0.95, lease=timedelta(seconds=30))

        statements = 0

        def count(*_: object) -> None:
            nonlocal statements
            statements += 1

        event.listen(engine, "before_cursor_execute", count)
        at = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)
        started = time.perf_counter()
        runs = jobs.run_job("weekly-sync", at=at)
        elapsed = time.perf_counter() - started
        event.remove(engine, "before_cursor_execute", count)

        rerun_started = time.perf_counter()
        jobs.run_job("weekly-sync", at=at)
        rerun = time.perf_counter() - rerun_started

        _, lost, doubled = posts(fake, channels)
        bound = args.channels / args.cap
        backend = engine.dialect.name
        print(
            f"fan-out: weekly sync prompt to {args.channels} channels ({backend}), fake Slack: 1 msg/s/channel, "
            f"workspace cap {args.cap:g} msg/s"
        )
        print(f"  {'run time':<28}{elapsed:8.2f} s")
        print(f"  {'rate-limit bound (N / cap)':<28}{bound:8.2f} s")
        print(f"  {'ratio (target <= 1.2x)':<28}{elapsed / bound:8.2f} x")
        print(f"  {'lost posts':<28}{lost:8d}")
        print(f"  {'doubled posts':<28}{doubled:8d}")
        print(f"  {'429 answers received':<28}{fake.rate_limited_count:8d}")
        print(f"  {'SQL statements / target':<28}{statements / args.channels:8.1f}")
        print(f"  {'re-run (all already sent)':<28}{rerun:8.2f} s")
        report = runs[0].report if runs else None
        if report is not None:
            print(f"  sent {len(report.sent)}, failed {len(report.failed)}, to retry {len(report.retry)}")
        ok = lost == 0 and doubled == 0 and elapsed / bound <= 1.2
        return 0 if ok else 1


def setup(
    args: argparse.Namespace, fake: FakeSlack, tmp: Path
) -> tuple[Engine, SessionFactory, list[str], Settings]:
    """An empty database (a temporary SQLite file, or ``--database-url`` emptied) with
    ``--channels`` departments of 3 open measures each, and the fake's limits set."""
    url = args.database_url or f"sqlite:///{tmp / 'bench.db'}"
    empty_database(url)
    engine = make_engine(url)
    sessions = session_factory(engine)
    channels = department_channels(sessions, fake, args.channels, measures_each=3)
    fake.enforce_rate_limits(per_channel_per_sec=1.0, workspace_per_sec=args.cap)
    settings = Settings.from_env(
        {"SLACK_BOT_TOKEN": "xoxb-bench", "SLACK_API_URL": fake.api_url, "DATABASE_URL": url}
    )
    return engine, sessions, channels, settings


def posts(fake: FakeSlack, channels: list[str]) -> tuple[int, int, int]:
    """The sync prompts Slack accepted: how many, and the channels that got none or more than one."""
    posted = Counter(c.params["channel"] for c in fake.calls_to("chat.postMessage") if c.ok)
    lost = sum(1 for ch in channels if posted[ch] == 0)
    doubled = sum(1 for ch in channels if posted[ch] > 1)
    return sum(posted.values()), lost, doubled


def unknown_cap(args: argparse.Namespace) -> int:
    from storage import pace

    with tempfile.TemporaryDirectory() as tmp, FakeSlack() as fake:
        engine, sessions, channels, settings = setup(args, fake, Path(tmp))
        # COLLAB_POST_RATE is the operator's "at most": above Slack's cap the bot learns the cap,
        # below it the bot never goes faster than told, so the bound is the slower of the two
        bound = args.channels / min(args.cap, args.ceiling)
        print(
            f"fan-out with an unknown cap: weekly sync prompt to {args.channels} channels ({engine.dialect.name}); "
            f"fake Slack: 1 msg/s/channel, workspace cap {args.cap:g} msg/s (the bot is not told); "
            f"COLLAB_POST_RATE {args.ceiling:g}; bound N / min(cap, COLLAB_POST_RATE) = {bound:.2f} s"
        )
        print(
            f"  {'run':<5}{'time':>9}{'ratio':>8}{'posts':>7}{'429s':>6}{'429 share':>11}{'lost':>6}{'doubled':>9}{'pace after':>12}"
        )
        ok = True
        for run in range(args.runs):
            clients = SlackClients.single(base_url=settings.slack_api_url, token=settings.bot_token)
            jobs = make_jobs(
                make_deps(settings, sessions, clients), rate=args.ceiling, lease=timedelta(seconds=30)
            )
            fake.reset()
            fake.enforce_rate_limits(per_channel_per_sec=1.0, workspace_per_sec=args.cap)
            at = datetime(2026, 11, 20, 17, 0, tzinfo=UTC) + timedelta(weeks=run)
            started = time.perf_counter()
            jobs.run_job("weekly-sync", at=at)
            elapsed = time.perf_counter() - started
            sent, lost, doubled = posts(fake, channels)
            limited = fake.rate_limited_count
            share = limited / max(1, sent + limited)
            with sessions() as session:
                learnt = pace.get_pace(session, team_id=TEAM)
            rate = f"{learnt.rate:.1f}/s" if learnt else "-"
            print(
                f"  {run + 1:<5}{elapsed:>7.2f} s{elapsed / bound:>7.2f}x{sent:>7}{limited:>6}"
                f"{share:>10.1%}{lost:>6}{doubled:>9}{rate:>12}"
            )
            ok = ok and lost == 0 and doubled == 0
        print("  targets: ratio ≤ 1.2x and 429s < 5% of posts (from the run after the first, which learns)")
        return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
