"""App Home benchmark: a person who owns 300 open measures and leads 20 projects opens the
bot's Home tab.

The bot is built exactly like the tests build it (``tests/harness.py``: the real HTTP server,
signed requests, the fake Slack over loopback HTTP, a temporary SQLite database — or
``--database-url`` for PostgreSQL). Printed: the time until the ``app_home_opened`` event is
answered (HTTP 200; target <= 3 s) and until ``views.publish`` reaches Slack (target <= 1 s),
the blocks published (<= 100), and the SQL statements one opening runs — for this person and
for one with 30 measures and 2 projects: the number must be the same (constant).

    .venv/bin/python bench/home.py [--measures 300] [--projects 20] [--runs 10] [--database-url URL]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import logging
import statistics
import tempfile
import time

from sqlalchemy import event

from slackfake import FakeSlack
from tests import factories
from tests.clock import FakeClock
from tests.dbs import create_database, drop_database
from tests.harness import Bot, seed_users, start_bot

TARGET_EVENT = 3.0
TARGET_PUBLISH = 1.0


def open_home(bot: Bot, user: str, n: int) -> tuple[float, float, int]:
    """Seconds until the event's HTTP 200, until views.publish, and the blocks published."""
    before = len([c for c in bot.fake.calls_to("views.publish") if c.params.get("user_id") == user])
    started = time.perf_counter()
    result = bot.open_home(user, event_id=f"EvBench{user}{n}")
    answered = time.perf_counter() - started
    assert result.status == 200, result
    calls = bot.fake.wait_for(
        "views.publish", before + 1, timeout=30, predicate=lambda c: c.params.get("user_id") == user
    )
    published = time.perf_counter() - started
    assert calls[-1].ok, calls[-1].response
    return answered, published, len(calls[-1].params["view"]["blocks"])


def statements_per_open(bot: Bot, user: str, n: int) -> int:
    count = 0

    def counted(*_: object) -> None:
        nonlocal count
        count += 1

    event.listen(bot.db.engine, "before_cursor_execute", counted)
    try:
        open_home(bot, user, n)
    finally:
        event.remove(bot.db.engine, "before_cursor_execute", counted)
    return count


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--measures", type=int, default=300)
    parser.add_argument("--projects", type=int, default=20)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument(
        "--database-url", default=None, help="PostgreSQL URL; default: a temporary SQLite file"
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)

    with tempfile.TemporaryDirectory() as tmp, FakeSlack() as fake:
        seed_users(fake)
        if args.database_url:
            import os

            os.environ["TEST_POSTGRES_URL"] = args.database_url
            db = create_database("postgresql", Path(tmp), "bench")
        else:
            db = create_database("sqlite", Path(tmp), "bench")
        big, small = "UBIG", "USMALL"
        fake.add_user(big, "big-owner")
        fake.add_user(small, "small-owner")
        factories.workspace(db)
        factories.busy_person(
            db, big, measures_owned=args.measures, projects_led=args.projects, prefix="big "
        )
        factories.busy_person(db, small, measures_owned=30, projects_led=2, prefix="small ")
        bot = start_bot(fake, db, FakeClock())
        try:
            open_home(bot, big, 0)  # warm up (imports, connections)
            runs = [open_home(bot, big, n) for n in range(1, args.runs + 1)]
            big_statements = statements_per_open(bot, big, 100)
            small_statements = statements_per_open(bot, small, 101)
        finally:
            bot.stop()
            drop_database(db)
        fake.assert_no_validation_errors()
        answered = [r[0] for r in runs]
        published = [r[1] for r in runs]
        blocks = runs[-1][2]
        print(
            f"App Home: {args.measures} open measures, {args.projects} projects led, 5 change requests "
            f"({db.backend}, {args.runs} openings)"
        )
        print(
            f"  {'event answered (median / max)':<36}{statistics.median(answered):7.3f} / {max(answered):.3f} s  (target <= {TARGET_EVENT:g} s)"
        )
        print(
            f"  {'published (median / max)':<36}{statistics.median(published):7.3f} / {max(published):.3f} s  (target <= {TARGET_PUBLISH:g} s)"
        )
        print(f"  {'blocks published':<36}{blocks:7d}    (Slack's limit 100)")
        print(
            f"  {'SQL statements per opening':<36}{big_statements:7d}    ({small_statements} for 30 measures, 2 projects)"
        )
        ok = (
            max(answered) <= TARGET_EVENT
            and max(published) <= TARGET_PUBLISH
            and blocks <= 100
            and big_statements == small_statements
        )
        print("  OK" if ok else "  TARGET MISSED")
        return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
