"""How the everyday work grows with the workspace: ``/collab status`` (a person's and a
department's measures), nudge selection, and the weekly-sync and digest planning, at 10,000 and
at 100,000 measures (synthetic workspaces built through ``collab-bot import``, see
``workspace.py``). Target: at most 2x from 10k to 100k while the open work stays the same (a
workspace grows by its history); and, with most measures open, sync and digest planning for
100,000 measures under 5 s.

    .venv/bin/python bench/growth.py [--sizes 10000,100000] [--open 6500] [--database-url URL]
    .venv/bin/python bench/growth.py --reuse --database-url URL   # time an already filled database

``--open`` is the number of open (not done) measures in every size (default 6,500: the same open
work, more history); ``--open-share 0.65`` makes it a share of each size instead. Prints the
median of ``--repeat`` runs and the SQL statements each ran.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import event

from bot.settings import Settings
from bot.wiring import make_deps
from services import status as status_service
from services.jobs import plans
from slack_api.clients import SlackClients
from slackfake import FakeSlack
from storage import workspaces
from storage.db import make_engine, session_factory

sys.path.insert(0, str(Path(__file__).resolve().parent))
from workspace import TEAM, Shape, build, default_open

FRIDAY = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)
MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
WEDNESDAY = datetime(2026, 11, 18, 9, 30, tzinfo=UTC)


def measure(url: str, fake: FakeSlack, repeat: int) -> dict[str, tuple[float, int, int]]:
    """Each operation: median seconds, SQL statements, and what it produced (rows / posts)."""
    engine = make_engine(url)
    sessions = session_factory(engine)
    settings = Settings.from_env(
        {"SLACK_BOT_TOKEN": "xoxb-bench", "SLACK_API_URL": fake.api_url, "DATABASE_URL": url}
    )
    deps = make_deps(settings, sessions, SlackClients.single(base_url=fake.api_url, token="xoxb-bench"))
    with sessions() as session:
        ws = workspaces.get_workspace(session, team_id=TEAM)
    tz = ZoneInfo(ws.timezone)
    statements = 0

    def count(*_: object) -> None:
        nonlocal statements
        statements += 1

    def status(scope: str) -> Callable[[], int]:
        return lambda: len(status_service.page(deps, team_id=TEAM, scope=scope, page=1, lang="en")["blocks"])

    def planned(plan: Callable[[Any], list[Any]]) -> Callable[[], int]:
        def run() -> int:
            with sessions() as session:
                return len(plan(session))

        return run

    operations: dict[str, Callable[[], int]] = {
        "status of a person": status("me:UO0000042"),
        "status of a department": status("dept:Dept 042"),
        "nudge selection": planned(lambda s: plans.nudge_posts(s, ws, WEDNESDAY.date(), "2026-11-18")),
        "sync planning": planned(lambda s: plans.sync_posts(s, ws, FRIDAY.date(), "2026-W47", deps.clock)),
        "digest planning": planned(lambda s: plans.digest_posts(s, ws, MONDAY, tz, "2026-W48")),
    }
    results: dict[str, tuple[float, int, int]] = {}
    for name, operation in operations.items():
        operation()  # warm the caches (the database's and Python's)
        times = []
        produced = 0
        for _ in range(repeat):
            statements = 0
            event.listen(engine, "before_cursor_execute", count)
            started = time.perf_counter()
            produced = operation()
            times.append(time.perf_counter() - started)
            event.remove(engine, "before_cursor_execute", count)
        results[name] = (statistics.median(times), statements, produced)
    engine.dispose()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--open", type=int, default=6500, help="open measures in every size")
    parser.add_argument(
        "--open-share", type=float, default=None, help="instead: this share of each size is open"
    )
    parser.add_argument("--database-url", default=None, help="default: a temporary SQLite file per size")
    parser.add_argument("--reuse", action="store_true", help="time the database at --database-url as it is")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    table: dict[str, dict[int, tuple[float, int, int]]] = {}
    with tempfile.TemporaryDirectory() as tmp, FakeSlack() as fake:
        if args.reuse:
            if not args.database_url:
                parser.error("--reuse needs --database-url")
            sizes = [0]
            table = {k: {0: v} for k, v in measure(args.database_url, fake, args.repeat).items()}
        for size in [] if args.reuse else sizes:
            opened = int(size * args.open_share) if args.open_share is not None else min(args.open, size)
            shape = Shape(size, opened if args.open_share is not None or args.open else default_open(size))
            url = args.database_url or f"sqlite:///{Path(tmp) / f'growth-{size}.db'}"
            imported = build(url, fake, shape, Path(tmp))
            print(
                f"{size:,} measures ({shape.open:,} open): imported in {imported['seconds']:.1f} s",
                flush=True,
            )
            for name, result in measure(url, fake, args.repeat).items():
                table.setdefault(name, {})[size] = result
    backend = "postgresql" if (args.database_url or "").startswith("postgresql") else "sqlite"
    head = "".join(f"{f'{s:,}':>22}" for s in sizes)
    print(f"\n{backend}: median of {args.repeat} (seconds · SQL statements · rows or posts)")
    print(f"{'':<26}{head}" + (f"{'growth':>10}" if len(sizes) > 1 else ""))
    for name, by_size in table.items():
        cells = "".join(f"{by_size[s][0]:>10.3f} s {by_size[s][1]:>4} {by_size[s][2]:>5}" for s in sizes)
        growth = (
            by_size[sizes[-1]][0] / by_size[sizes[0]][0] if len(sizes) > 1 and by_size[sizes[0]][0] else 0
        )
        print(f"{name:<26}{cells}" + (f"{growth:>9.1f}x" if len(sizes) > 1 else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
