"""SQLite keeps no planner statistics of its own: ``migrate`` (every start) and ``collab-bot
import --apply`` refresh them, so one person's measures are read through the owner index, not the
whole workspace through the status index (the growth benchmark's "status of a person")."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import event, text

from storage import measures
from storage.db import make_engine, migrate, session_factory
from storage.models import Department, Measure, Problem, Project

TEAM = "T1"
STATUSES = ("todo", "doing", "blocked", "done")


def fill(url: str, count: int) -> None:
    engine = make_engine(url)
    with session_factory(engine)() as s:
        dept = Department(
            team_id=TEAM, name="Sales", name_key="sales", head_user_id="UH", channel_id="C1", created_by="U"
        )
        prj = Project(
            team_id=TEAM,
            number=1,
            name="P",
            goal="G",
            due=date(2027, 1, 1),
            lead_user_id="UL",
            created_by="U",
        )
        s.add_all([dept, prj])
        s.flush()
        prb = Problem(
            team_id=TEAM,
            number=1,
            project_id=prj.id or 0,
            category="process",
            description="d",
            created_by="U",
        )
        s.add(prb)
        s.flush()
        s.add_all(
            Measure(
                team_id=TEAM,
                number=i + 1,
                problem_id=prb.id or 0,
                project_id=prj.id or 0,
                department_id=dept.id or 0,
                owner_user_id=f"U{i % 200:04d}",
                text="m",
                due=date(2027, 1, 1),
                status=STATUSES[i % 4],
                created_by="U",
            )
            for i in range(count)
        )
        s.commit()
    engine.dispose()


def plan_of_a_persons_counts(url: str) -> str:
    engine = make_engine(url)
    seen: list[tuple[str, Any]] = []

    @event.listens_for(engine, "before_cursor_execute")
    def keep(_c: Any, _cur: Any, statement: str, params: Any, _ctx: Any, _many: bool) -> None:
        seen.append((statement, params))

    with session_factory(engine)() as s:
        counts = measures.scope_counts(s, team_id=TEAM, today=date(2026, 12, 1), owner_user_id="U0007")
    assert sum(counts.get(s, 0) for s in STATUSES) == 20
    [(statement, params)] = [(q, p) for q, p in seen if "GROUP BY measure.status" in q]
    with engine.connect() as conn:
        plan = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", params).all()
    engine.dispose()
    return " / ".join(str(row[-1]) for row in plan)


def test_a_restart_gives_sqlite_the_statistics_to_read_a_person_through_the_owner_index(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'grown.db'}"
    migrate(make_engine(url))  # the first start: empty tables get no statistics
    fill(url, 4000)
    assert "ix_measure_status_due" in plan_of_a_persons_counts(url)  # what an unanalysed database does
    migrate(make_engine(url))  # the next start
    with make_engine(url).connect() as conn:
        analysed = {r[0] for r in conn.execute(text("SELECT idx FROM sqlite_stat1 WHERE tbl = 'measure'"))}
    assert "ix_measure_owner" in analysed
    assert "ix_measure_owner" in plan_of_a_persons_counts(url)
