"""Synthetic workspaces (1k / 10k / 100k measures), built the way a company would bring its
table in: a generated improvement process table (CSV, the export's own format) imported with
``collab-bot import --apply``, run as its own process so that its time and peak memory are its own.

    .venv/bin/python bench/workspace.py [--measures 100000] [--open 65000] [--database-url URL]

Prints the import's time and peak memory (targets: 100,000 rows in under 2 minutes, bounded
memory). Other benchmarks (``growth.py``, ``export.py``) build their workspaces with
:func:`build`.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import argparse
import csv
import json
import os
import random
import subprocess
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta

from slackfake import FakeSlack

TEAM = "T1"
TODAY = date(2026, 11, 20)  # a Friday: the sync prompt's day; the digest runs the Monday after
HEADER = [
    "项目名称 Project",
    "涉及部门 Departments",
    "问题描述 Problem",
    "责任部门/人 Owner dept/person",
    "协作目标 Goal",
    "改进措施 Measure",
    "时间节点 Deadline",
    "完成状态 Status",
    "备注 Notes",
]
CATEGORIES = [
    "信息传递 Information flow",
    "责任分工 Responsibilities",
    "流程机制 Process/mechanism",
    "资源支持 Resources",
]
OPEN_STATUSES = ["Not started", "In progress", "Blocked"]


@dataclass(frozen=True)
class Shape:
    measures: int
    open: int  # how many are not done (the rest is history)
    departments: int = 500
    owners: int = 5000
    per_problem: int = 4
    problems_per_project: int = 250


def default_open(measures: int) -> int:
    return measures * 65 // 100


def owner_name(i: int) -> str:
    return f"owner-{i:05d}"


def add_people(fake: FakeSlack, shape: Shape) -> None:
    for i in range(shape.owners):
        fake.add_user(f"UO{i:07d}", owner_name(i), email=f"{owner_name(i)}@example.com")


def generate(path: Path, shape: Shape, *, seed: int = 12) -> None:
    """Write the table: ``shape.measures`` measures (``shape.open`` of them open, the others
    done — older ones first), in problems and projects, spread over the departments and owners."""
    rng = random.Random(seed)
    done_left = shape.measures - shape.open
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(HEADER)
        problem = project = 0
        for n in range(1, shape.measures + 1):
            if (n - 1) % shape.per_problem == 0:
                problem += 1
                if (problem - 1) % shape.problems_per_project == 0:
                    project += 1
            dept = rng.randrange(shape.departments)
            owner = rng.randrange(shape.owners)
            # history first: the oldest measures are the done ones
            if n <= done_left:
                status = "Done"
                due = TODAY - timedelta(days=int(1800 * (done_left - n) / max(done_left, 1)) + 1)
            else:
                status = rng.choice(OPEN_STATUSES)
                due = TODAY + timedelta(days=rng.randrange(-60, 120))
            writer.writerow(
                [
                    f"PRJ-{project} Project {project}",
                    "、".join(f"Dept {(project * 7 + k) % shape.departments:03d}" for k in range(3)),
                    f"PRB-{problem} [{CATEGORIES[problem % 4]}] Problem {problem}: hand-offs get lost between teams",
                    f"Dept {dept:03d} / {owner_name(owner)}",
                    f"Goal of project {project}: ship in Q3 and lift conversion by 15%",
                    f"MSR-{n} Measure {n}: a weekly sync with a written summary and an owner per action",
                    due.isoformat(),
                    status,
                    "Deliverable: meeting notes\nstarted after the kickoff" if n % 3 == 0 else "",
                ]
            )


def run_measured(args: list[str], env: dict[str, str]) -> dict[str, float]:
    """Run ``collab-bot`` with ``args`` in a process of its own: seconds and peak RSS (MB)."""
    code = (
        "import json, resource, sys, time\n"
        "from bot import cli\n"
        "start = time.perf_counter()\n"
        "status = cli.main(sys.argv[1:])\n"
        "elapsed = time.perf_counter() - start\n"
        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
        "print('BENCH ' + json.dumps({'status': status, 'seconds': elapsed, 'peak_mb': peak}))\n"
    )
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=root,
        env={**os.environ, **env, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        check=False,
    )
    for line in done.stdout.splitlines():
        if line.startswith("BENCH "):
            result: dict[str, float] = json.loads(line[len("BENCH ") :])
            return result
    raise RuntimeError(f"collab-bot {' '.join(args)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")


def empty_database(url: str) -> None:
    """Migrate ``url`` and empty every table (a PostgreSQL database is reused)."""
    from sqlmodel import SQLModel

    from storage.db import make_engine, migrate

    engine = make_engine(url)
    migrate(engine)
    with engine.begin() as conn:
        for table in reversed(SQLModel.metadata.sorted_tables):
            conn.execute(table.delete())
    engine.dispose()


def build(url: str, fake: FakeSlack, shape: Shape, tmp: Path) -> dict[str, float]:
    """An empty database filled with a synthetic workspace through ``collab-bot import``."""
    empty_database(url)
    add_people(fake, shape)
    path = tmp / f"table-{shape.measures}.csv"
    generate(path, shape)
    env = {"DATABASE_URL": url, "SLACK_BOT_TOKEN": "xoxb-bench", "SLACK_API_URL": fake.api_url}
    result = run_measured(["--log-level", "ERROR", "import", str(path), "--team", TEAM, "--apply"], env)
    if result["status"] != 0:
        raise RuntimeError(f"the import refused rows ({result})")
    give_channels(url, fake)
    return result


def give_channels(url: str, fake: FakeSlack) -> None:
    """What an admin does after an import: a channel and a head for every department."""
    from sqlalchemy import text

    from storage.db import make_engine

    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE department SET channel_id = 'CD' || CAST(id AS VARCHAR(12)), head_user_id = 'UHEAD' "
                "WHERE team_id = :team AND channel_id = ''"
            ),
            {"team": TEAM},
        )
        ids = (
            conn.execute(text("SELECT id FROM department WHERE team_id = :team"), {"team": TEAM})
            .scalars()
            .all()
        )
    engine.dispose()
    for dept_id in ids:
        fake.add_channel(f"CD{dept_id}", f"dept-{dept_id}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--measures", type=int, default=100_000)
    parser.add_argument("--open", type=int, default=None, help="open measures (default: 65%%)")
    parser.add_argument("--database-url", default=None, help="default: a temporary SQLite file")
    args = parser.parse_args()
    shape = Shape(args.measures, args.open if args.open is not None else default_open(args.measures))
    with tempfile.TemporaryDirectory() as tmp, FakeSlack() as fake:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        started = time.perf_counter()
        result = build(url, fake, shape, Path(tmp))
        backend = "postgresql" if url.startswith("postgresql") else "sqlite"
        print(
            f"import of {shape.measures:,} rows ({shape.open:,} open; {shape.departments} departments, "
            f"{shape.owners:,} owners) into {backend}"
        )
        print(f"  {'import time':<24}{result['seconds']:8.1f} s   (target < 120 s)")
        print(f"  {'import peak memory':<24}{result['peak_mb']:8.0f} MB")
        print(f"  {'with generating the file':<24}{time.perf_counter() - started:8.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
