"""Fan-out benchmark: the weekly sync prompt to N department channels.

A fake Slack (over real HTTP, loopback only) enforces 1 message per second per channel and a
workspace cap of --cap messages per second, answering 429 + Retry-After beyond them. The bot
throttles itself to the cap. Printed: the fan-out time over the rate-limit bound (N / cap),
how many posts were lost or doubled, 429s received, and SQL statements per target.

    .venv/bin/python bench/fanout.py [--channels 200] [--cap 50] [--database-url URL]
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

from sqlalchemy import event

from bot.settings import Settings
from bot.wiring import make_deps
from services.jobs import make_jobs
from slack_api.clients import SlackClients
from slackfake import FakeSlack
from storage.db import make_engine, migrate, session_factory
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
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)

    with tempfile.TemporaryDirectory() as tmp, FakeSlack() as fake:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        engine = make_engine(url)
        migrate(engine)
        sessions = session_factory(engine)
        if args.database_url:
            from sqlmodel import SQLModel

            with engine.begin() as conn:
                for table in reversed(SQLModel.metadata.sorted_tables):
                    conn.execute(table.delete())
        channels = department_channels(sessions, fake, args.channels, measures_each=3)
        fake.enforce_rate_limits(per_channel_per_sec=1.0, workspace_per_sec=args.cap)
        settings = Settings.from_env(
            {"SLACK_BOT_TOKEN": "xoxb-bench", "SLACK_API_URL": fake.api_url, "DATABASE_URL": url}
        )
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

        posted = Counter(c.params["channel"] for c in fake.calls_to("chat.postMessage") if c.ok)
        lost = sum(1 for ch in channels if posted[ch] == 0)
        doubled = sum(1 for ch in channels if posted[ch] > 1)
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


if __name__ == "__main__":
    raise SystemExit(main())
