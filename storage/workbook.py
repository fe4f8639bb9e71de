"""What the XLSX workbook's extra sheets hold (``ui.workbook``): the charter, meetings and their
needs, change requests, evaluations, retrospectives and the summary's figures — for one
project or all, in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from storage.models import (
    ChangeRequest,
    Department,
    Evaluation,
    Measure,
    MeasureEvent,
    Meeting,
    MeetingNeed,
    Milestone,
    Project,
    ProjectDepartment,
    RetroInput,
    RetroParticipant,
    Retrospective,
    Risk,
)

T = TypeVar("T")


@dataclass(frozen=True)
class WorkbookData:
    projects: Sequence[Project]
    departments: dict[int, Department]
    duties: Sequence[ProjectDepartment]
    risks: Sequence[Risk]
    meetings: Sequence[Meeting]
    needs: Sequence[MeetingNeed]
    changes: Sequence[ChangeRequest]
    measure_refs: dict[int, str]
    milestones: dict[int, Milestone]
    evaluations: Sequence[Evaluation]
    retros: Sequence[Retrospective]
    participants: Sequence[RetroParticipant]
    inputs: Sequence[RetroInput]
    # the summary: (department id, status) → measures, and the burn-up's changes (day, Δdone, Δtotal)
    by_status: dict[tuple[int, str], int]
    changes_over_time: list[tuple[date, int, int]]


def _rows(
    session: Session, model: type[T], team_id: str, project_ids: list[int] | None, *order: Any
) -> list[T]:
    stmt = select(model).where(model.team_id == team_id)  # type: ignore[attr-defined]
    if project_ids is not None:
        stmt = stmt.where(col(model.project_id).in_(project_ids))  # type: ignore[attr-defined]
    return list(session.exec(stmt.order_by(*order)))


def workbook_data(session: Session, *, team_id: str, project_id: int | None, tz: ZoneInfo) -> WorkbookData:
    stmt = select(Project).where(Project.team_id == team_id)
    if project_id is not None:
        stmt = stmt.where(Project.id == project_id)
    projects = list(session.exec(stmt.order_by(col(Project.number))))
    ids = [p.id or 0 for p in projects] if project_id is not None else None
    meetings = _rows(session, Meeting, team_id, ids, col(Meeting.starts_at), col(Meeting.number))
    retros = _rows(session, Retrospective, team_id, ids, col(Retrospective.number))
    meeting_ids = [m.id or 0 for m in meetings]
    retro_ids = [r.id or 0 for r in retros]
    measures = session.exec(
        select(Measure.id, Measure.number, Measure.department_id, Measure.status).where(
            Measure.team_id == team_id, *([col(Measure.project_id).in_(ids)] if ids is not None else [])
        )
    ).all()
    by_status: dict[tuple[int, str], int] = {}
    for _, _, dept_id, status in measures:
        by_status[(dept_id, status)] = by_status.get((dept_id, status), 0) + 1
    events = session.exec(
        select(MeasureEvent.at, MeasureEvent.kind, MeasureEvent.from_value, MeasureEvent.to_value).where(
            MeasureEvent.team_id == team_id,
            col(MeasureEvent.kind).in_(("created", "status")),
            *([col(MeasureEvent.measure_id).in_([m[0] for m in measures])] if ids is not None else []),
        )
    ).all()
    over_time: list[tuple[date, int, int]] = []
    for at, kind, before, after in events:
        day = at.astimezone(tz).date()
        if kind == "created":
            over_time.append((day, 0, 1))
        elif after == "done" and before != "done":
            over_time.append((day, 1, 0))
        elif before == "done" and after != "done":
            over_time.append((day, -1, 0))
    return WorkbookData(
        projects=projects,
        departments={
            d.id or 0: d for d in session.exec(select(Department).where(Department.team_id == team_id))
        },
        duties=_rows(session, ProjectDepartment, team_id, ids, col(ProjectDepartment.project_id)),
        risks=_rows(session, Risk, team_id, ids, col(Risk.number)),
        meetings=meetings,
        needs=list(
            session.exec(
                select(MeetingNeed)
                .where(MeetingNeed.team_id == team_id, col(MeetingNeed.meeting_id).in_(meeting_ids))
                .order_by(col(MeetingNeed.id))
            )
        ),
        changes=_rows(session, ChangeRequest, team_id, ids, col(ChangeRequest.number)),
        measure_refs={m[0] or 0: f"MSR-{m[1]}" for m in measures},
        milestones={m.id or 0: m for m in _rows(session, Milestone, team_id, ids, col(Milestone.number))},
        evaluations=_rows(session, Evaluation, team_id, ids, col(Evaluation.created_at), col(Evaluation.id)),
        retros=retros,
        participants=list(
            session.exec(
                select(RetroParticipant).where(
                    RetroParticipant.team_id == team_id, col(RetroParticipant.retro_id).in_(retro_ids)
                )
            )
        ),
        inputs=list(
            session.exec(
                select(RetroInput)
                .where(RetroInput.team_id == team_id, col(RetroInput.retro_id).in_(retro_ids))
                .order_by(col(RetroInput.id))
            )
        ),
        by_status=by_status,
        changes_over_time=over_time,
    )
