"""Rows that queries return and messages show: records joined with what a message about them
needs. Plain data; the UI may import this module (and ``storage.models``), nothing else of storage."""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class MeasureRow:
    """A measure with what a message about it shows."""

    measure: Measure
    problem: Problem
    project: Project
    department: Department


@dataclass(frozen=True)
class ExportRow:
    """One row of the improvement process table (改进流程表): the raw parts of each column."""

    project: Project
    departments: list[str]
    problem: Problem | None  # None: a project with no problem yet
    row: MeasureRow | None  # None: a problem with no measure yet


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
