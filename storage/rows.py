"""Rows that queries return and messages show: records joined with what a message about them
needs. Plain data; the UI may import this module (and ``storage.models``), nothing else of storage."""

from __future__ import annotations

from dataclasses import dataclass

from storage.models import Department, Measure, Problem, Project


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
