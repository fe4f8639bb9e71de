"""Milestones (``MLS-n``), evaluations (阶段性评估) and the facts the bot computes for them.

The facts of a project come from a constant number of queries (five), however many measures
and however long a history it has."""

from __future__ import annotations

from collections import Counter as Tally
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, func, select

from storage.models import Evaluation, Measure, MeasureEvent, Milestone, Problem, Project, Risk
from storage.references import next_ref

BATCH = 2000  # history rows read at a time


@dataclass(frozen=True)
class Facts:
    """What the bot knows of a project on a day: its measures, problems, risks and history."""

    project: Project
    total: int
    done: int
    done_on_time: int
    done_late: int
    overdue: int  # not done, past their deadline
    resolved_by_category: dict[str, int]  # problems whose measures are all done
    problems_by_category: dict[str, int]
    open_risks: int
    # the burn-up's changes: (day, Δdone, Δtotal), one per day with any, from the status history
    changes: list[tuple[date, int, int]]


def add_milestone(
    session: Session, *, team_id: str, project: Project, name: str, due: date, by: str, now: datetime
) -> Milestone:
    assert project.id is not None and project.team_id == team_id
    milestone = Milestone(
        team_id=team_id,
        number=next_ref(session, team_id=team_id, kind="MLS"),
        project_id=project.id,
        name=name,
        due=due,
        created_by=by,
        created_at=now,
    )
    session.add(milestone)
    session.flush()
    return milestone


def get_milestone(session: Session, *, team_id: str, number: int) -> Milestone | None:
    return session.exec(
        select(Milestone).where(Milestone.team_id == team_id, Milestone.number == number)
    ).first()


def get_milestone_by_id(session: Session, *, team_id: str, milestone_id: int) -> Milestone | None:
    found = session.get(Milestone, milestone_id)
    return found if found is not None and found.team_id == team_id else None


def milestones_between(session: Session, *, team_id: str, start: date, end: date) -> list[Milestone]:
    """The milestones dated ``start`` … ``end`` (both included), by date."""
    stmt = (
        select(Milestone)
        .where(Milestone.team_id == team_id, col(Milestone.due) >= start, col(Milestone.due) <= end)
        .order_by(col(Milestone.due), col(Milestone.number))
    )
    return list(session.exec(stmt))


def project_milestones(session: Session, *, team_id: str, project_id: int) -> list[Milestone]:
    stmt = (
        select(Milestone)
        .where(Milestone.team_id == team_id, Milestone.project_id == project_id)
        .order_by(col(Milestone.due), col(Milestone.number))
    )
    return list(session.exec(stmt))


def add_evaluation(session: Session, evaluation: Evaluation) -> Evaluation:
    session.add(evaluation)
    session.flush()
    return evaluation


def project_evaluations(session: Session, *, team_id: str, project_id: int) -> list[Evaluation]:
    stmt = (
        select(Evaluation)
        .where(Evaluation.team_id == team_id, Evaluation.project_id == project_id)
        .order_by(col(Evaluation.created_at), col(Evaluation.id))
    )
    return list(session.exec(stmt))


def facts(session: Session, *, team_id: str, project: Project, today: date, tz: ZoneInfo) -> Facts:
    """The project's facts on ``today`` (local days in ``tz``)."""
    assert project.id is not None and project.team_id == team_id
    rows = session.execute(
        sa_select(
            col(Measure.id),
            col(Measure.problem_id),
            col(Measure.status),
            col(Measure.due),
            col(Measure.done_at),
        ).where(col(Measure.team_id) == team_id, col(Measure.project_id) == project.id)
    ).all()
    categories = dict(
        session.exec(
            select(Problem.id, Problem.category).where(
                Problem.team_id == team_id, Problem.project_id == project.id
            )
        ).all()
    )
    open_risks = session.exec(
        select(func.count()).where(
            Risk.team_id == team_id, Risk.project_id == project.id, Risk.status == "open"
        )
    ).one()
    # The history by the measures' ids (the history's (team, measure) index), not a join: the
    # planner cannot pick a nested loop over a freshly filled table.
    changes = burnup_changes(
        session, team_id=team_id, tz=tz, where=[col(MeasureEvent.measure_id).in_([r[0] for r in rows])]
    )
    done = on_time = overdue = 0
    open_problems: set[int] = set()
    with_measures: set[int] = set()
    for _, problem_id, status, due, done_at in rows:
        with_measures.add(problem_id)
        if status == "done":
            done += 1
            finished = done_at.astimezone(tz).date() if done_at is not None else today
            on_time += finished <= due
        else:
            open_problems.add(problem_id)
            overdue += due < today
    resolved = Tally(str(categories[p]) for p in with_measures - open_problems if p in categories)
    return Facts(
        project=project,
        total=len(rows),
        done=done,
        done_on_time=on_time,
        done_late=done - on_time,
        overdue=overdue,
        resolved_by_category=dict(resolved),
        problems_by_category=dict(Tally(str(c) for c in categories.values())),
        open_risks=int(open_risks),
        changes=changes,
    )


def burnup_changes(
    session: Session, *, team_id: str, tz: ZoneInfo, where: Sequence[ColumnElement[bool]] = ()
) -> list[tuple[date, int, int]]:
    """The burn-up's changes ``(day, Δdone, Δtotal)`` from the status history of the measures
    ``where`` picks (all the workspace's by default), one per local day in ``tz``, by day: +1
    total for a measure created, +1 done into done, −1 done out of it. The history is read in
    batches: memory grows with the days, not with the events."""
    events = session.execute(
        sa_select(
            col(MeasureEvent.at),
            col(MeasureEvent.kind),
            col(MeasureEvent.from_value),
            col(MeasureEvent.to_value),
        )
        .where(
            col(MeasureEvent.team_id) == team_id, col(MeasureEvent.kind).in_(("created", "status")), *where
        )
        .execution_options(yield_per=BATCH)
    )
    per_day: dict[date, tuple[int, int]] = {}
    for at, kind, before, after in events:
        if kind == "created":
            step = (0, 1)
        elif after == "done" and before != "done":
            step = (1, 0)
        elif before == "done" and after != "done":
            step = (-1, 0)
        else:
            continue
        day = at.astimezone(tz).date()
        done, total = per_day.get(day, (0, 0))
        per_day[day] = (done + step[0], total + step[1])
    return [(day, done, total) for day, (done, total) in sorted(per_day.items())]


RECENT = timedelta(days=14)  # a milestone on days off (or while the bot was down) still goes out


def to_evaluate(session: Session, *, team_id: str, lead: str, today: date) -> list[tuple[Milestone, Project]]:
    """The milestones of the projects ``lead`` leads whose date has come (within the last 60
    days) and that have no evaluation yet (Home: evaluations to record)."""
    evaluated = select(col(Evaluation.milestone_id)).where(
        Evaluation.team_id == team_id, col(Evaluation.milestone_id).is_not(None)
    )
    stmt = (
        select(Milestone, Project)
        .join(Project, col(Project.id) == col(Milestone.project_id))
        .where(
            Milestone.team_id == team_id,
            Project.team_id == team_id,
            Project.lead_user_id == lead,
            col(Milestone.due) <= today,
            col(Milestone.due) > today - EVALUATION_WINDOW,
            col(Milestone.id).not_in(evaluated),
        )
        .order_by(col(Milestone.due), col(Milestone.number))
    )
    return [(m, p) for m, p in session.exec(stmt).all()]


EVALUATION_WINDOW = timedelta(days=60)
