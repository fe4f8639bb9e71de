"""storage.queries against real SQLite and PostgreSQL (the ``db`` fixture runs each test on both)."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from storage import departments, measures, problems, process_table, projects, references, workspaces
from storage.db import DuplicateError, transaction
from storage.models import Measure, MeasureEvent, Workspace
from tests import factories
from tests.dbs import TestDatabase
from tests.harness import HEAD, LEAD, OWNER

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


# ---------------------------------------------------------------- references


def test_next_ref_counts_per_workspace_and_kind(db: TestDatabase) -> None:
    with transaction(db.sessions) as s:
        got = [references.next_ref(s, team_id="T1", kind="PRJ") for _ in range(3)]
        got += [
            references.next_ref(s, team_id="T1", kind="MSR"),
            references.next_ref(s, team_id="T2", kind="PRJ"),
        ]
    assert got == [1, 2, 3, 1, 1]


def test_next_ref_rolled_back_is_not_used(db: TestDatabase) -> None:
    with pytest.raises(RuntimeError), transaction(db.sessions) as s:
        assert references.next_ref(s, team_id="T1", kind="PRJ") == 1
        raise RuntimeError("boom")
    with transaction(db.sessions) as s:
        assert references.next_ref(s, team_id="T1", kind="PRJ") == 1


def test_next_ref_under_concurrency(db: TestDatabase) -> None:
    threads, per_thread = 8, 25
    results: dict[str, list[int]] = {"T1": [], "T2": []}
    errors: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(threads)

    def work(i: int) -> None:
        team = "T1" if i % 2 == 0 else "T2"
        try:
            start.wait()
            for _ in range(per_thread):
                with transaction(db.sessions) as s:
                    n = references.next_ref(s, team_id=team, kind="MSR")
                with lock:
                    results[team].append(n)
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    pool = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join(timeout=60)
    assert errors == []
    assert sorted(results["T1"]) == list(range(1, 101))
    assert sorted(results["T2"]) == list(range(1, 101))


def test_concurrent_creation_gives_distinct_references(db: TestDatabase) -> None:
    sales = factories.department(db)
    prb = factories.problem(db, factories.project(db, depts=[sales]))
    start = threading.Barrier(8)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            start.wait()
            for _ in range(25):
                factories.measure(db, prb, sales)
        except BaseException as e:  # pragma: no cover
            errors.append(e)

    pool = [threading.Thread(target=work) for _ in range(8)]
    for t in pool:
        t.start()
    for t in pool:
        t.join(timeout=60)
    assert errors == []
    assert sorted(m.number for m in factories.all_rows(db, Measure)) == list(range(1, 201))
    assert len(factories.all_rows(db, MeasureEvent)) == 200


def test_get_workspace_creates_once(db: TestDatabase) -> None:
    start = threading.Barrier(6)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            start.wait()
            with transaction(db.sessions) as s:
                ws = workspaces.get_workspace(s, team_id="T9", default_tz="Asia/Shanghai", default_lang="zh")
                assert ws.team_id == "T9"
        except BaseException as e:  # pragma: no cover
            errors.append(e)

    pool = [threading.Thread(target=work) for _ in range(6)]
    for t in pool:
        t.start()
    for t in pool:
        t.join(timeout=60)
    assert errors == []
    [ws] = factories.all_rows(db, Workspace)
    assert (ws.team_id, ws.timezone, ws.lang, ws.sync_weekday, ws.escalate_after) == (
        "T9",
        "Asia/Shanghai",
        "zh",
        4,
        2,
    )


# ---------------------------------------------------------------- departments


def test_department_names_are_unique_per_workspace_case_insensitively(db: TestDatabase) -> None:
    factories.department(db, "Sales  Ops")
    with pytest.raises(DuplicateError):
        factories.department(db, " sales ops ")
    factories.department(db, "SALES OPS", team="T2")  # another workspace may use it
    with db.sessions() as s:
        found = departments.find_department(s, team_id="T1", name="SALES   ops")
        assert found is not None and found.name == "Sales Ops"
        assert departments.find_department(s, team_id="T3", name="Sales Ops") is None


# ---------------------------------------------------------------- isolation


@pytest.fixture
def two_teams(db: TestDatabase) -> dict[str, dict[str, Any]]:
    # T2 first, so that its ids are lower than T1's and no query can pass by accident
    t2 = factories.world(db, team="T2")
    t1 = factories.world(db, team="T1")
    factories.problem(db, t1["project"], "T1 problem without a measure", team="T1")
    return {"T1": t1, "T2": t2}


def test_every_query_is_scoped_to_its_workspace(
    db: TestDatabase, two_teams: dict[str, dict[str, Any]]
) -> None:
    t1, t2 = two_teams["T1"], two_teams["T2"]
    with db.sessions() as s:
        assert [d.id for d in departments.list_departments(s, team_id="T1")] == [t1["rnd"].id, t1["sales"].id]
        assert departments.find_department(s, team_id="T1", name="Sales").id == t1["sales"].id  # type: ignore[union-attr]
        assert departments.get_department(s, team_id="T1", department_id=t2["sales"].id) is None
        assert departments.get_department(s, team_id="T1", department_id=t1["sales"].id) is not None
        assert [d.id for d in departments.departments_headed_by(s, team_id="T1", user_id=HEAD)] == [
            t1["sales"].id
        ]

        assert projects.get_project(s, team_id="T1", number=1).id == t1["project"].id  # type: ignore[union-attr]
        assert projects.get_project_by_id(s, team_id="T1", project_id=t2["project"].id) is None
        assert [d.id for d in projects.project_departments(s, team_id="T1", project_id=t1["project"].id)] == [
            t1["rnd"].id,
            t1["sales"].id,
        ]
        assert projects.project_departments(s, team_id="T1", project_id=t2["project"].id) == []
        [summary] = projects.list_projects(s, team_id="T1")
        assert (
            summary.project.id,
            summary.departments,
            summary.problems,
            summary.measures,
            summary.open_measures,
        ) == (
            t1["project"].id,
            ["R&D", "Sales"],
            2,
            1,
            1,
        )

        assert problems.get_problem(s, team_id="T1", number=1).id == t1["problem"].id  # type: ignore[union-attr]
        assert problems.get_problem(s, team_id="T1", number=3) is None
        assert [p.number for p in problems.list_problems(s, team_id="T1")] == [1, 2]
        assert problems.list_problems(s, team_id="T1", project_id=t2["project"].id) == []

        assert measures.get_measure(s, team_id="T1", number=1).id == t1["measure"].id  # type: ignore[union-attr]
        row = measures.get_measure_row(s, team_id="T1", number=1)
        assert row is not None
        assert (row.measure.id, row.problem.id, row.project.id, row.department.id) == (
            t1["measure"].id,
            t1["problem"].id,
            t1["project"].id,
            t1["sales"].id,
        )
        assert measures.get_measure_row(s, team_id="T1", number=2) is None
        assert [r.measure.id for r in measures.measure_rows(s, team_id="T1")] == [t1["measure"].id]
        assert measures.measure_rows(s, team_id="T1", project_id=t2["project"].id) == []
        assert measures.measure_rows(s, team_id="T1", department_id=t2["sales"].id) == []
        assert [r.measure.id for r in measures.measure_rows(s, team_id="T1", owner_user_id=OWNER)] == [
            t1["measure"].id
        ]
        assert [
            len(measures.measure_history(s, team_id=t, measure_id=t1["measure"].id)) for t in ("T1", "T2")
        ] == [
            1,
            0,
        ]

        rows = list(process_table.table_rows(s, team_id="T1"))
        assert [(r.project_number, r.problem_number, r.measure_number) for r in rows] == [
            (t1["project"].number, 1, t1["measure"].number),
            (t1["project"].number, 2, None),
        ]
        assert list(process_table.table_rows(s, team_id="T1", project_id=t2["project"].id)) == []
        assert [w.team_id for w in workspaces.list_workspaces(s)] == []  # factories never create them


def test_measure_rows_filters(db: TestDatabase) -> None:
    w = factories.world(db)
    for status, due in (
        ("doing", date(2026, 11, 1)),
        ("done", date(2026, 10, 1)),
        ("blocked", date(2027, 1, 1)),
    ):
        factories.measure(db, w["problem"], w["rnd"], status, owner=LEAD, due=due, status=status)
    with db.sessions() as s:

        def numbers(**kw: Any) -> list[int]:
            return [r.measure.number for r in measures.measure_rows(s, team_id="T1", **kw)]

        assert numbers() == [1, 2, 3, 4]
        assert numbers(statuses=("todo", "doing")) == [1, 2]
        assert numbers(numbers=[4, 2, 9]) == [2, 4]
        assert numbers(due_before=date(2026, 12, 31)) == [2, 3]
        assert numbers(department_id=w["rnd"].id, owner_user_id=LEAD, statuses=["blocked"]) == [4]


# ---------------------------------------------------------------- history


def test_update_measure_records_each_change(db: TestDatabase) -> None:
    w = factories.world(db)
    later = NOW + timedelta(days=1)
    with transaction(db.sessions) as s:
        m = measures.get_measure(s, team_id="T1", number=1)
        assert m is not None
        assert (
            measures.update_measure(
                s, team_id="T1", measure=m, actor_user_id=OWNER, source="button", now=later
            )
            == []
        )
        assert (
            measures.update_measure(
                s,
                team_id="T1",
                measure=m,
                actor_user_id=OWNER,
                source="button",
                now=later,
                status="todo",
                due=m.due,
            )
            == []
        )
        changes = measures.update_measure(
            s,
            team_id="T1",
            measure=m,
            actor_user_id=HEAD,
            source="thread",
            now=later,
            status="done",
            due=date(2027, 2, 1),
            owner_user_id=HEAD,
            note="handed over",
        )
    assert [(c.field, c.from_value, c.to_value) for c in changes] == [
        ("status", "todo", "done"),
        ("due", "2026-12-31", "2027-02-01"),
        ("owner", OWNER, HEAD),
        ("note", "", "handed over"),
    ]
    m = factories.get_measure(db, 1)
    assert (m.status, m.due, m.owner_user_id, m.note, m.updated_at, m.done_at) == (
        "done",
        date(2027, 2, 1),
        HEAD,
        "handed over",
        later,
        later,
    )
    events = [
        (e.kind, e.actor_user_id, e.at, e.from_value, e.to_value, e.note, e.source)
        for e in factories.history(db, 1)
    ]
    assert events == [
        ("created", LEAD, NOW, None, "todo", "", "command"),
        ("status", HEAD, later, "todo", "done", "handed over", "thread"),
        ("due", HEAD, later, "2026-12-31", "2027-02-01", "handed over", "thread"),
        ("owner", HEAD, later, OWNER, HEAD, "handed over", "thread"),
        ("note", HEAD, later, "", "handed over", "handed over", "thread"),
    ]
    assert w["measure"].id == m.id


def test_datetimes_come_back_as_utc(db: TestDatabase) -> None:
    from zoneinfo import ZoneInfo

    w = factories.world(db)
    shanghai = datetime(2026, 11, 21, 1, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    with transaction(db.sessions) as s:
        m = measures.get_measure(s, team_id="T1", number=1)
        assert m is not None
        measures.update_measure(
            s, team_id="T1", measure=m, actor_user_id=OWNER, source="command", now=shanghai, status="done"
        )
    m = factories.get_measure(db, 1)
    assert m.done_at == shanghai and m.done_at is not None and m.done_at.tzinfo == UTC
    assert m.done_at.hour == 17 and m.created_at == NOW
    assert w["measure"].created_at == NOW


# ---------------------------------------------------------------- export order


def test_export_rows_are_ordered_by_project_problem_measure(db: TestDatabase) -> None:
    sales = factories.department(db, "Sales")
    rnd = factories.department(db, "研发部")
    p1 = factories.project(db, "One", depts=[rnd, sales])
    p2 = factories.project(db, "Two", depts=[rnd])
    b1 = factories.problem(db, p2, "on two")  # PRB-1 on PRJ-2
    b2 = factories.problem(db, p1, "on one")  # PRB-2 on PRJ-1
    factories.problem(db, p2, "no measures")  # PRB-3 on PRJ-2
    factories.measure(db, b2, sales, "a")  # MSR-1
    factories.measure(db, b1, rnd, "b")  # MSR-2
    factories.measure(db, b2, rnd, "c")  # MSR-3
    factories.project(db, "Three", depts=[sales])  # PRJ-3, no problem yet
    with db.sessions() as s:
        rows = list(process_table.table_rows(s, team_id="T1"))
        only_p2 = list(process_table.table_rows(s, team_id="T1", project_id=p2.id))
    shape = [(r.project_number, list(r.departments), r.problem_number, r.measure_number) for r in rows]
    assert shape == [
        (1, ["Sales", "研发部"], 2, 1),
        (1, ["Sales", "研发部"], 2, 3),
        (2, ["研发部"], 1, 2),
        (2, ["研发部"], 3, None),
        (3, ["Sales"], None, None),
    ]
    assert [(r.problem_number, r.measure_number) for r in only_p2] == [(1, 2), (3, None)]
    assert [r.department for r in rows if r.measure_number] == ["Sales", "研发部", "研发部"]
