"""What the XLSX workbook's extra sheets hold (``ui.workbook``): the charter, meetings and their
needs, change requests, evaluations, retrospectives and the summary's figures — for one
project or all, in a fixed number of queries (one more per 2,000 change requests on measures),
with memory that grows with the days of history, not with the measures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, func, select

from storage.milestones import burnup_changes
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
BATCH = 2000


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
    # the summary: (department id, status) → measures, and the burn-up's changes (day, Δdone, Δtotal),
    # one entry per day
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
    in_scope = [col(Measure.project_id) == project_id] if project_id is not None else []
    # the summary's counts, summed by the database; the burn-up's changes, read in batches and
    # folded into one entry per day: memory grows with the days, not with the measures
    by_status = {
        (int(dept_id), str(status)): int(n)
        for dept_id, status, n in session.exec(
            select(Measure.department_id, Measure.status, func.count())
            .where(Measure.team_id == team_id, *in_scope)
            .group_by(col(Measure.department_id), col(Measure.status))
        )
    }
    changes_over_time = burnup_changes(
        session,
        team_id=team_id,
        tz=tz,
        where=(
            [
                col(MeasureEvent.measure_id).in_(
                    select(Measure.id).where(Measure.team_id == team_id, *in_scope)
                )
            ]
            if in_scope
            else []
        ),
    )
    changes = _rows(session, ChangeRequest, team_id, ids, col(ChangeRequest.number))
    wanted = sorted({c.measure_id for c in changes if c.measure_id is not None})
    measure_refs: dict[int, str] = {}
    for start in range(0, len(wanted), BATCH):
        for mid, number in session.exec(
            select(Measure.id, Measure.number).where(
                Measure.team_id == team_id, col(Measure.id).in_(wanted[start : start + BATCH])
            )
        ):
            measure_refs[mid or 0] = f"MSR-{number}"
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
        changes=changes,
        measure_refs=measure_refs,
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
        changes_over_time=changes_over_time,
    )
