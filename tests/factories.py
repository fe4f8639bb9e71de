"""Test data, created directly through ``storage.queries`` (no Slack round trip).

Each function opens its own transaction on the test database and returns the committed
record (sessions do not expire on commit, so its attributes stay readable).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from sqlmodel import SQLModel, select

from slackfake import FakeSlack
from storage import departments as department_store
from storage import measures, workspaces
from storage import problems as problem_store
from storage import projects as project_store
from storage.db import SessionFactory, transaction
from storage.models import Department, Measure, MeasureEvent, Problem, Project, Workspace
from tests.clock import FakeClock
from tests.dbs import TestDatabase
from tests.harness import HEAD, LEAD, OWNER, TEAM

DUE = date(2026, 12, 31)
NOW = FakeClock()()

M = TypeVar("M", bound=SQLModel)


def workspace(db: TestDatabase, *, team: str = TEAM, **changes: object) -> Workspace:
    with transaction(db.sessions) as session:
        ws = workspaces.get_workspace(session, team_id=team)
        if changes:
            ws = workspaces.update_workspace(session, team_id=team, now=NOW, **changes)
        return ws


def department(
    db: TestDatabase,
    name: str = "Sales",
    *,
    head: str = HEAD,
    channel: str = "CSALES",
    team: str = TEAM,
    created_by: str = "UADMIN",
) -> Department:
    with transaction(db.sessions) as session:
        return department_store.add_department(
            session, team_id=team, name=name, head_user_id=head, channel_id=channel, created_by=created_by
        )


def project(
    db: TestDatabase,
    name: str = "New product launch",
    *,
    depts: Sequence[Department] = (),
    goal: str = "Ship in Q3 and lift conversion by 15%",
    due: date = DUE,
    lead: str = LEAD,
    team: str = TEAM,
) -> Project:
    with transaction(db.sessions) as session:
        return project_store.add_project(
            session,
            team_id=team,
            name=name,
            goal=goal,
            due=due,
            lead_user_id=lead,
            department_ids=[d.id for d in depts if d.id is not None],
            created_by=lead,
        )


def problem(
    db: TestDatabase,
    prj: Project,
    description: str = "Approvals take two weeks",
    *,
    category: str = "process",
    cause: str = "",
    team: str = TEAM,
) -> Problem:
    with transaction(db.sessions) as session:
        return problem_store.add_problem(
            session,
            team_id=team,
            project=prj,
            category=category,
            description=description,
            root_cause=cause,
            created_by=LEAD,
        )


def measure(
    db: TestDatabase,
    prb: Problem,
    dept: Department,
    text: str = "Weekly sync meeting",
    *,
    owner: str = OWNER,
    due: date = DUE,
    status: str | None = None,
    deliverable: str = "",
    note: str = "",
    team: str = TEAM,
    now: datetime = NOW,
) -> Measure:
    with transaction(db.sessions) as session:
        m = measures.add_measure(
            session,
            team_id=team,
            problem=prb,
            department=dept,
            owner_user_id=owner,
            due=due,
            text=text,
            deliverable=deliverable,
            note=note,
            created_by=LEAD,
            source="command",
            now=now,
        )
        if status is not None and status != "todo":
            measures.update_measure(
                session,
                team_id=team,
                measure=m,
                actor_user_id=owner,
                source="command",
                now=now,
                status=status,
            )
        return m


def departments(db: TestDatabase, names: Sequence[str], *, team: str = TEAM) -> list[Department]:
    """Many departments (in the order of ``names``), in one transaction."""
    with transaction(db.sessions) as session:
        return [
            department_store.add_department(
                session,
                team_id=team,
                name=name,
                head_user_id=HEAD,
                channel_id=f"CD{i:05d}",
                created_by="UADMIN",
            )
            for i, name in enumerate(names)
        ]


def projects(
    db: TestDatabase, names: Sequence[str], *, depts: Sequence[Department] = (), team: str = TEAM
) -> list[Project]:
    """Many projects (PRJ-n in the order of ``names``), in one transaction."""
    with transaction(db.sessions) as session:
        return [
            project_store.add_project(
                session,
                team_id=team,
                name=name,
                goal="Ship in Q3",
                due=DUE,
                lead_user_id=LEAD,
                department_ids=[d.id for d in depts if d.id is not None],
                created_by=LEAD,
            )
            for name in names
        ]


def problems(
    db: TestDatabase, prj: Project, descriptions: Sequence[str], *, team: str = TEAM
) -> list[Problem]:
    """Many problems of one project (PRB-n in the order of ``descriptions``), in one transaction."""
    with transaction(db.sessions) as session:
        return [
            problem_store.add_problem(
                session,
                team_id=team,
                project=prj,
                category="process",
                description=description,
                root_cause="",
                created_by=LEAD,
            )
            for description in descriptions
        ]


def world(db: TestDatabase, *, team: str = TEAM) -> dict[str, Any]:
    """Two departments, PRJ-1 (lead LEAD) with PRB-1 and MSR-1 (owner OWNER, dept Sales, head HEAD)."""
    sales = department(db, "Sales", team=team)
    rnd = department(db, "R&D", head="UOTHERHEAD", channel="CRND", team=team)
    prj = project(db, depts=[sales, rnd], team=team)
    prb = problem(db, prj, team=team)
    msr = measure(db, prb, sales, team=team)
    return {"sales": sales, "rnd": rnd, "project": prj, "problem": prb, "measure": msr}


# ---------------------------------------------------------------- reading the database back


def all_rows(db: TestDatabase, model: type[M], *, team: str | None = None) -> list[M]:
    """Every row of a table (optionally of one workspace), ordered by primary key."""
    with db.sessions() as session:
        stmt = select(model)
        if team is not None:
            stmt = stmt.where(model.team_id == team)  # type: ignore[attr-defined]
        pk = next(iter(model.__table__.primary_key.columns))  # type: ignore[attr-defined]
        return list(session.exec(stmt.order_by(pk)))


def history(db: TestDatabase, number: int, *, team: str = TEAM) -> list[MeasureEvent]:
    with db.sessions() as session:
        m = measures.get_measure(session, team_id=team, number=number)
        assert m is not None and m.id is not None
        return measures.measure_history(session, team_id=team, measure_id=m.id)


def get_measure(db: TestDatabase, number: int, *, team: str = TEAM) -> Measure:
    with db.sessions() as session:
        m = measures.get_measure(session, team_id=team, number=number)
        assert m is not None
        return m


def get_workspace(db: TestDatabase, *, team: str = TEAM) -> Workspace | None:
    with db.sessions() as session:
        return session.get(Workspace, team)


def project_dept_names(db: TestDatabase, number: int, *, team: str = TEAM) -> list[str]:
    with db.sessions() as session:
        p = project_store.get_project(session, team_id=team, number=number)
        assert p is not None and p.id is not None
        return [d.name for d in project_store.project_departments(session, team_id=team, project_id=p.id)]


def counts(db: TestDatabase) -> dict[str, int]:
    """Rows per record table, to show that a refused command stored nothing."""
    out = {}
    for model in (Department, Project, Problem, Measure, MeasureEvent):
        out[model.__tablename__] = len(all_rows(db, model))  # type: ignore[arg-type]
    return out


def department_channels(
    sessions: SessionFactory, fake: FakeSlack, count: int, *, measures_each: int = 1, team: str = TEAM
) -> list[str]:
    """``count`` departments, each with its own channel in the fake Slack and ``measures_each``
    open measures in one project; returns the channel ids. For fan-out tests and benchmarks."""
    channels = []
    with transaction(sessions) as s:
        workspaces.get_workspace(s, team_id=team)
        depts = []
        for i in range(count):
            channel = f"CDEPT{i:05d}"
            fake.add_channel(channel, f"dept-{i}")
            channels.append(channel)
            depts.append(
                department_store.add_department(
                    s, team_id=team, name=f"Dept {i}", head_user_id=HEAD, channel_id=channel, created_by=LEAD
                )
            )
        prj = project_store.add_project(
            s,
            team_id=team,
            name="Fan-out",
            goal="every department hears about its measures",
            due=DUE,
            lead_user_id=LEAD,
            department_ids=[d.id for d in depts if d.id],
            created_by=LEAD,
        )
        prb = problem_store.add_problem(
            s, team_id=team, project=prj, category="process", description="d", root_cause="", created_by=LEAD
        )
        for d in depts:
            for k in range(measures_each):
                measures.add_measure(
                    s,
                    team_id=team,
                    problem=prb,
                    department=d,
                    owner_user_id=f"{OWNER}{k}" if measures_each > 1 else OWNER,
                    due=date(2026, 12, 1 + k % 28),
                    text=f"measure {k + 1} of {d.name}",
                    deliverable="",
                    note="",
                    created_by=LEAD,
                    source="command",
                    now=NOW,
                )
    return channels


def busy_person(
    db: TestDatabase,
    user: str,
    *,
    measures_owned: int,
    projects_led: int,
    requests: int = 5,
    prefix: str = "",
    team: str = TEAM,
) -> None:
    """``user`` owns ``measures_owned`` open measures (due from 2026-11-01 on, one more day each
    up to 60 days, so many are overdue on 2026-11-20) and leads ``projects_led`` projects, with
    ``requests`` change requests waiting for them. For the Home tab's tests and benchmark."""
    from storage import change_requests

    sales = department(db, f"{prefix}Sales", channel=f"C{prefix.upper()}SALES", team=team)
    led = projects(db, [f"{prefix}Project {i}" for i in range(projects_led)], depts=[sales], team=team)
    with transaction(db.sessions) as session:
        for p in led:
            p.lead_user_id = user
            session.add(p)
        prb = problem_store.add_problem(
            session,
            team_id=team,
            project=led[0],
            category="process",
            description="Approvals take two weeks",
            root_cause="",
            created_by=user,
        )
        made = [
            measures.add_measure(
                session,
                team_id=team,
                problem=prb,
                department=sales,
                owner_user_id=user,
                due=date(2026, 11, 1) + timedelta(days=i % 60),
                text=f"{prefix}measure {i}: a weekly sync between the departments",
                deliverable="minutes",
                note="",
                created_by=user,
                source="command",
                now=NOW,
            )
            for i in range(measures_owned)
        ]
        for m in made[:requests]:
            change_requests.add_change_request(
                session,
                team_id=team,
                project=led[0],
                measure=m,
                requested_by=OWNER,
                proposed_due=date(2027, 2, 1),
                reason="vendor late",
                now=NOW,
            )
