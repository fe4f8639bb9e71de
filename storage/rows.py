"""Rows that queries return and messages show: records joined with what a message about them
needs. Plain data; the UI may import this module (and ``storage.models``), nothing else of storage."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Generic, TypeVar

from storage.models import Department, Measure, Problem, Project


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
