"""Milestone benchmark: the facts and the chart of a project with 2,000 measures and a year of
status history (``services.milestones``: the queries of ``storage.milestones.facts`` and the
matplotlib render), as the ``milestones`` job computes them for the lead's message.

A temporary SQLite database (or ``--database-url`` for PostgreSQL) is filled directly (measures
created over a year, each moved through doing to done — some back again — with history rows).
Printed: the time for the facts alone and for facts + chart (target: under 2 s), and the SQL
statements the facts run — for this project and for one with 20 measures: the same number.

    .venv/bin/python bench/milestone.py [--measures 2000] [--runs 5] [--database-url URL]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import os
import random
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import event

from services.milestones import chart_png, project_facts
from storage import projects, workspaces
from storage.db import transaction
from storage.models import Measure, MeasureEvent, Problem, Project
from tests import factories
from tests.dbs import TestDatabase, create_database, drop_database

TARGET_S = 2.0
TODAY = date(2026, 11, 30)


def fill(db: TestDatabase, *, project: Project, dept_id: int, measures: int, seed: int) -> None:
    """``measures`` measures over the year before TODAY, with their status history."""
    rnd = random.Random(seed)
    start = datetime(2025, 11, 30, 9, tzinfo=UTC)
    with transaction(db.sessions) as session:
        problems = []
        for n in range(20):
            problem = Problem(
                team_id=project.team_id,
                number=project.number * 1000 + n,
                project_id=project.id or 0,
                category=("info", "roles", "process", "resources")[n % 4],
                description=f"Problem {n}",
                created_by="ULEAD",
            )
            session.add(problem)
            problems.append(problem)
        session.flush()
        for n in range(measures):
            created = start + timedelta(days=rnd.randrange(330), hours=rnd.randrange(8))
            due = (created + timedelta(days=rnd.randrange(7, 60))).date()
            fate = rnd.random()
            status = "done" if fate < 0.6 else "doing" if fate < 0.85 else "todo"
            done_at = created + timedelta(days=rnd.randrange(1, 70)) if status == "done" else None
            measure = Measure(
                team_id=project.team_id,
                number=project.number * 100_000 + n,
                problem_id=problems[n % 20].id or 0,
                project_id=project.id or 0,
                department_id=dept_id,
                owner_user_id=f"U{n % 50}",
                text=f"Measure {n}",
                due=due,
                status=status,
                created_by="ULEAD",
                created_at=created,
                updated_at=done_at or created,
                done_at=done_at,
            )
            session.add(measure)
            session.flush()
            history = [("created", None, "todo", created)]
            if status != "todo":
                history.append(("status", "todo", "doing", created + timedelta(hours=12)))
            if done_at is not None:
                if rnd.random() < 0.1:  # done, reopened, done again
                    history.append(("status", "doing", "done", done_at - timedelta(days=2)))
                    history.append(("status", "done", "doing", done_at - timedelta(days=1)))
                history.append(("status", "doing", "done", done_at))
            for kind, before, after, at in history:
                session.add(
                    MeasureEvent(
                        team_id=project.team_id,
                        measure_id=measure.id or 0,
                        actor_user_id="ULEAD",
                        at=at,
                        kind=kind,
                        from_value=before,
                        to_value=after,
                    )
                )


def statements(db: TestDatabase, project: Project) -> int:
    count = 0

    def counted(*_: object) -> None:
        nonlocal count
        count += 1

    event.listen(db.engine, "before_cursor_execute", counted)
    try:
        with db.sessions() as session:
            ws = workspaces.get_workspace(session, team_id=project.team_id)
            project_facts(session, ws, project, TODAY)
    finally:
        event.remove(db.engine, "before_cursor_execute", counted)
    return count


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--measures", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--database-url", default=None, help="PostgreSQL URL; default: a temporary SQLite file"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.database_url:
            os.environ["TEST_POSTGRES_URL"] = args.database_url
            db = create_database("postgresql", Path(tmp), "bench")
        else:
            db = create_database("sqlite", Path(tmp), "bench")
        try:
            factories.workspace(db, timezone="Asia/Shanghai")
            dept = factories.department(db, "Sales", head="UHEAD", channel="CSALES")
            big = factories.project(db, depts=[dept], lead="ULEAD")
            small = factories.project(db, depts=[dept], lead="ULEAD")
            with transaction(db.sessions) as session:
                for p in (big, small):
                    row = projects.get_project_by_id(session, team_id=p.team_id, project_id=p.id or 0)
                    assert row is not None
                    row.metric, row.baseline, row.target, row.unit = "user conversion", "10", "11.5", "%"
                    session.add(row)
            started = time.perf_counter()
            fill(db, project=big, dept_id=dept.id or 0, measures=args.measures, seed=1)
            fill(db, project=small, dept_id=dept.id or 0, measures=20, seed=2)
            filled = time.perf_counter() - started
            with db.sessions() as session:
                project = projects.get_project_by_id(session, team_id=big.team_id, project_id=big.id or 0)
                assert project is not None
                ws = workspaces.get_workspace(session, team_id=big.team_id)
            facts_s, total_s = [], []
            png = b""
            for _ in range(args.runs):
                started = time.perf_counter()
                with db.sessions() as session:
                    facts = project_facts(session, ws, project, TODAY)
                facts_s.append(time.perf_counter() - started)
                png = chart_png(facts, lang="zh", today=TODAY, actual="11.2")
                total_s.append(time.perf_counter() - started)
            big_statements = statements(db, big)
            small_statements = statements(db, small)
        finally:
            drop_database(db)
    print(
        f"milestone facts + chart: {args.measures:,} measures, {len(facts.changes):,} days of history changes "
        f"over a year ({db.backend}; filled in {filled:.1f} s)"
    )
    print(f"  {'facts (median / max)':<34}{statistics.median(facts_s):7.3f} / {max(facts_s):.3f} s")
    print(
        f"  {'facts + chart (median / max)':<34}{statistics.median(total_s):7.3f} / {max(total_s):.3f} s"
        f"  (target < {TARGET_S:g} s; {len(png):,} bytes PNG)"
    )
    print(
        f"  {'SQL statements for the facts':<34}{big_statements:7d}    ({small_statements} for 20 measures)"
    )
    print(f"  done {facts.done} of {facts.total}: on time {facts.done_on_time}, late {facts.done_late}")
    ok = max(total_s) < TARGET_S and big_statements == small_statements
    print("  OK" if ok else "  TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
