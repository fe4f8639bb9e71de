"""Rows that queries return and messages show: records joined with what a message about them
needs. Plain data; the UI may import this module (and ``storage.models``), nothing else of storage."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Generic, TypeVar

from storage.models import (
    AgendaMessage,
    ChangeRequest,
    Department,
    Measure,
    Meeting,
    MeetingNeed,
    Problem,
    Project,
    Risk,
)


@dataclass(frozen=True)
class ProjectSummary:
    project: Project
    departments: list[str]
    problems: int
    measures: int
    open_measures: int


T = TypeVar("T")


@dataclass
class Capped(Generic[T]):
    """The first rows of a list, and how many it has in all."""

    rows: list[T] = field(default_factory=list)
    total: int = 0

    @property
    def more(self) -> int:
        return self.total - len(self.rows)


@dataclass(frozen=True)
class StatusChange:
    measure_number: int
    from_status: str
    to_status: str
    actor_user_id: str
    at: datetime


@dataclass(frozen=True)
class MeasureRow:
    """A measure with what a message about it shows."""

    measure: Measure
    problem: Problem
    project: Project
    department: Department


@dataclass(frozen=True, slots=True)
class TableRow:
    """One row of the improvement process table (改进流程表): the raw parts of each column, as
    plain values (an export streams 100,000 of them)."""

    project_number: int
    project_name: str
    goal: str
    departments: Sequence[str]
    problem_number: int | None  # None: a project with no problem yet
    category: str
    description: str
    root_cause: str
    measure_number: int | None  # None: a problem with no measure yet
    text: str
    department: str  # the owner's
    owner_user_id: str
    due: date | None
    status: str
    deliverable: str
    note: str


# ---------------------------------------------------------------- the charter, meetings, changes


@dataclass(frozen=True)
class ChangeRow:
    """A change request with what a message about it shows."""

    request: ChangeRequest
    project: Project
    department: Department | None
    measure: Measure | None


@dataclass(frozen=True)
class Duty:
    """A department of a project and its responsibility (职责)."""

    department: Department
    responsibility: str


@dataclass(frozen=True)
class NeedRow:
    need: MeetingNeed
    department: Department


@dataclass(frozen=True)
class MeetingView:
    """A meeting with everything its agenda shows."""

    meeting: Meeting
    project: Project
    departments: list[Duty]  # the invited ones, with their responsibility in the project
    risks: list[Risk]  # the project's open risks
    measures: list[MeasureRow]  # adhoc: the project's blocked or overdue measures
    needs: list[NeedRow]
    practices: list[str]  # kickoff: the practices kept from earlier retrospectives
    messages: list[AgendaMessage]
    problems: list[Problem]  # raised in its minutes


@dataclass(frozen=True)
class Charter:
    """Everything `project show` shows."""

    project: Project
    duties: list[Duty]
    risks: list[Risk]
    meetings: list[Meeting]
    problems_by_category: dict[str, int]
    measures_by_status: dict[str, int]
    overdue: int
    changes: list[ChangeRow]  # the open ones
