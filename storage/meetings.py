"""Meetings (``MTG-n``): the invited departments, the agenda messages posted, the needs the
departments add, the minutes and the problems raised in them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import and_
from sqlmodel import Session, col, select

from storage import practices
from storage.db import dialect_insert
from storage.measures import measure_rows
from storage.models import (
    OPEN_STATUSES,
    AgendaMessage,
    Department,
    Meeting,
    MeetingDepartment,
    MeetingNeed,
    MeetingProblem,
    Problem,
    Project,
    ProjectDepartment,
)
from storage.references import next_ref
from storage.risks import open_risks
from storage.rows import Duty, MeetingView, NeedRow


def add_meeting(
    session: Session,
    *,
    team_id: str,
    project: Project,
    kind: str,
    title: str,
    starts_at: datetime,
    topics: Sequence[str],
    department_ids: Sequence[int],
    created_by: str,
    now: datetime,
    measure_id: int | None = None,
) -> Meeting:
    assert project.id is not None and project.team_id == team_id
    meeting = Meeting(
        team_id=team_id,
        number=next_ref(session, team_id=team_id, kind="MTG"),
        project_id=project.id,
        kind=kind,
        title=title,
        starts_at=starts_at,
        topics="\n".join(t.strip() for t in topics if t.strip()),
        measure_id=measure_id,
        created_by=created_by,
        created_at=now,
    )
    session.add(meeting)
    session.flush()
    assert meeting.id is not None
    for dept_id in dict.fromkeys(department_ids):
        session.add(MeetingDepartment(team_id=team_id, meeting_id=meeting.id, department_id=dept_id))
    session.flush()
    return meeting


def get_meeting(session: Session, *, team_id: str, number: int) -> Meeting | None:
    return session.exec(select(Meeting).where(Meeting.team_id == team_id, Meeting.number == number)).first()


def get_meeting_by_id(session: Session, *, team_id: str, meeting_id: int) -> Meeting | None:
    return session.exec(select(Meeting).where(Meeting.team_id == team_id, Meeting.id == meeting_id)).first()


def invited(session: Session, *, team_id: str, meeting_id: int) -> list[Department]:
    stmt = (
        select(Department)
        .join(MeetingDepartment, col(MeetingDepartment.department_id) == col(Department.id))
        .where(MeetingDepartment.team_id == team_id, MeetingDepartment.meeting_id == meeting_id)
        .order_by(col(Department.name_key))
    )
    return list(session.exec(stmt))


def list_meetings(
    session: Session, *, team_id: str, project_id: int | None = None
) -> list[tuple[Meeting, Project]]:
    """Meetings with their project, by time."""
    stmt = (
        select(Meeting, Project)
        .join(Project, col(Project.id) == col(Meeting.project_id))
        .where(Meeting.team_id == team_id)
    )
    if project_id is not None:
        stmt = stmt.where(Meeting.project_id == project_id)
    stmt = stmt.order_by(col(Meeting.starts_at), col(Meeting.number))
    return [(m, p) for m, p in session.exec(stmt).all()]


def meetings_between(
    session: Session, *, team_id: str, start: datetime, end: datetime, without_minutes: bool = False
) -> list[Meeting]:
    """Meetings starting in ``[start, end)``, by time."""
    stmt = select(Meeting).where(
        Meeting.team_id == team_id, col(Meeting.starts_at) >= start, col(Meeting.starts_at) < end
    )
    if without_minutes:
        stmt = stmt.where(col(Meeting.minutes_at).is_(None))
    return list(session.exec(stmt.order_by(col(Meeting.starts_at), col(Meeting.number))))


# ---------------------------------------------------------------- agenda messages and needs


def add_agenda_message(
    session: Session, *, team_id: str, meeting_id: int, department_id: int, channel_id: str, ts: str
) -> None:
    stmt = (
        dialect_insert(session, AgendaMessage)
        .values(
            team_id=team_id, meeting_id=meeting_id, department_id=department_id, channel_id=channel_id, ts=ts
        )
        .on_conflict_do_nothing(index_elements=["meeting_id", "channel_id"])
    )
    session.execute(stmt)


def agenda_messages(session: Session, *, team_id: str, meeting_id: int) -> list[AgendaMessage]:
    stmt = select(AgendaMessage).where(
        AgendaMessage.team_id == team_id, AgendaMessage.meeting_id == meeting_id
    )
    return list(session.exec(stmt.order_by(col(AgendaMessage.id))))


def add_need(
    session: Session,
    *,
    team_id: str,
    meeting: Meeting,
    department: Department,
    text: str,
    created_by: str,
    now: datetime,
) -> MeetingNeed:
    assert meeting.id is not None and department.id is not None and meeting.team_id == team_id
    need = MeetingNeed(
        team_id=team_id,
        meeting_id=meeting.id,
        department_id=department.id,
        text=text,
        created_by=created_by,
        created_at=now,
    )
    session.add(need)
    session.flush()
    return need


def needs(session: Session, *, team_id: str, meeting_id: int) -> list[NeedRow]:
    stmt = (
        select(MeetingNeed, Department)
        .join(Department, col(Department.id) == col(MeetingNeed.department_id))
        .where(MeetingNeed.team_id == team_id, MeetingNeed.meeting_id == meeting_id)
        .order_by(col(MeetingNeed.id))
    )
    return [NeedRow(n, d) for n, d in session.exec(stmt).all()]


# ---------------------------------------------------------------- minutes


def record_minutes(
    session: Session,
    *,
    team_id: str,
    meeting: Meeting,
    attendees: Sequence[str],
    decisions: str,
    by: str,
    now: datetime,
    problems: Sequence[Problem],
) -> None:
    assert meeting.team_id == team_id and meeting.id is not None
    meeting.attendees = ",".join(dict.fromkeys(attendees))
    meeting.decisions = decisions
    meeting.minutes_by = by
    meeting.minutes_at = now
    session.add(meeting)
    for problem in problems:
        assert problem.id is not None and problem.team_id == team_id
        session.add(MeetingProblem(team_id=team_id, meeting_id=meeting.id, problem_id=problem.id))
    session.flush()


def meeting_problems(session: Session, *, team_id: str, meeting_id: int) -> list[Problem]:
    stmt = (
        select(Problem)
        .join(MeetingProblem, col(MeetingProblem.problem_id) == col(Problem.id))
        .where(MeetingProblem.team_id == team_id, MeetingProblem.meeting_id == meeting_id)
        .order_by(col(Problem.number))
    )
    return list(session.exec(stmt))


# ---------------------------------------------------------------- the whole picture


def meeting_view(session: Session, *, team_id: str, meeting: Meeting, today: date) -> MeetingView:
    """Everything the agenda of ``meeting`` shows, as of ``today`` (the workspace's date)."""
    assert meeting.id is not None and meeting.team_id == team_id
    project = session.exec(
        select(Project).where(Project.team_id == team_id, Project.id == meeting.project_id)
    ).one()
    stmt = (
        select(Department, ProjectDepartment.responsibility)
        .join(MeetingDepartment, col(MeetingDepartment.department_id) == col(Department.id))
        .outerjoin(
            ProjectDepartment,
            and_(
                col(ProjectDepartment.department_id) == col(Department.id),
                col(ProjectDepartment.project_id) == meeting.project_id,
            ),
        )
        .where(MeetingDepartment.team_id == team_id, MeetingDepartment.meeting_id == meeting.id)
        .order_by(col(Department.name_key))
    )
    departments = [Duty(d, r or "") for d, r in session.exec(stmt).all()]
    measures = []
    if meeting.kind == "adhoc":
        measures = [
            r
            for r in measure_rows(
                session, team_id=team_id, project_id=meeting.project_id, statuses=OPEN_STATUSES
            )
            if r.measure.status == "blocked" or r.measure.due < today
        ]
    return MeetingView(
        meeting=meeting,
        project=project,
        departments=departments,
        risks=open_risks(session, team_id=team_id, project_id=meeting.project_id),
        measures=measures,
        needs=needs(session, team_id=team_id, meeting_id=meeting.id),
        practices=(
            [f"{p.text} ({j.ref})" for p, j in practices.library(session, team_id=team_id, kind="keep")]
            if meeting.kind == "kickoff"
            else []
        ),
        messages=agenda_messages(session, team_id=team_id, meeting_id=meeting.id),
        problems=meeting_problems(session, team_id=team_id, meeting_id=meeting.id),
    )
