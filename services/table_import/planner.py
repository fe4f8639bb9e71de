"""The first pass of an import: read every row, refuse the ones it cannot read (with why), match
the rest against the workspace and against the rows before them, and decide what to create.

Rows carrying references (``PRJ-3 …``, ``PRB-7 …``, ``MSR-12 …``, as the export writes them)
match the records with those numbers, which must be the same ones (same name, description or
text); rows without match by name (projects), by description within the project (problems)
and by text within the problem (measures). New records keep the file's reference numbers;
the others get the numbers after the highest in use. What is to be written is spooled to a
temporary file, so the memory used does not grow with the file.
"""

from __future__ import annotations

import functools
import json
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import IO, Any

from domain.errors import InputError
from domain.table_cells import (
    Column,
    OwnerCell,
    ProblemCell,
    cell_text,
    check_name,
    check_text,
    parse_deadline,
    parse_notes,
    parse_owner,
    parse_problem,
    parse_status_cell,
    person_key,
    split_departments,
    split_ref,
)
from domain.values import RefKind
from storage.departments import department_key
from storage.table_import import Existing, text_key


@dataclass
class NewProject:
    ident: int  # its number when the file gives one, else -<local id>
    name: str
    goal: str = ""
    departments: dict[str, str] = field(default_factory=dict)  # name key → name
    due: date | None = None


@dataclass(frozen=True)
class MeasureCells:
    number: int | None
    text: str
    due: date
    status: str
    owner: OwnerCell
    deliverable: str
    note: str


@dataclass
class Labels:
    """The words the export writes before a root cause and a deliverable, in both languages."""

    root_cause: Sequence[str]
    deliverable: Sequence[str]


class Spool:
    """Records to write, one JSON line each, in a temporary file."""

    def __init__(self) -> None:
        self._file: IO[str] = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        self.count = 0

    def add(self, record: dict[str, Any]) -> None:
        self._file.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        self.count += 1

    def __iter__(self) -> Iterator[dict[str, Any]]:
        self._file.flush()
        self._file.seek(0)
        for line in self._file:
            yield json.loads(line)

    def close(self) -> None:
        self._file.close()


class Planner:
    def __init__(self, existing: Existing, columns: Mapping[Column, int], labels: Labels) -> None:
        self.existing = existing
        self.columns = columns
        self.labels = labels
        self.rows = 0
        self.errors: list[tuple[int, InputError]] = []
        self.projects: dict[int, NewProject] = {}  # ident → the project to create
        self._project_names: dict[str, int] = {}  # name key → ident (planned)
        self.new_departments: dict[str, str] = {}  # name key → name
        self._problem_numbers: dict[int, tuple[int, int]] = {}  # PRB n (planned) → PRJ ident, key
        self._problem_texts: dict[tuple[int, int], int] = {}  # (PRJ ident, key) → PRB ident
        self._measure_numbers: dict[int, tuple[int, int]] = {}  # MSR n (planned) → PRB ident, key
        self._measure_texts: set[tuple[int, int]] = set()
        self._locals = 0
        self.matched_projects: set[int] = set()
        self.matched_problems: set[int] = set()
        self.matched_measures = 0
        self.repeated = 0  # rows repeating a measure of an earlier row
        self.owners: dict[str, int] = {}  # owner as written → rows
        self._owner_departments: dict[str, str] = {}  # person → the department a row gives them
        self.problems = Spool()
        self.measures = Spool()
        # A spreadsheet repeats a project's and a problem's cells on each of their rows: each
        # distinct cell is read once.
        root_causes = tuple(labels.root_cause)
        self._problem_cell = functools.lru_cache(maxsize=1024)(
            lambda text: parse_problem(text, root_cause_labels=root_causes)
        )
        self._departments_cell = functools.lru_cache(maxsize=1024)(split_departments)

    # ------------------------------------------------------------ one row

    def add_row(self, number: int, cells: Sequence[object]) -> None:
        self.rows += 1
        try:
            self._add(cells)
        except InputError as e:
            self.errors.append((number, e))

    def _cell(self, cells: Sequence[object], column: Column) -> object:
        index = self.columns.get(column)
        return cells[index] if index is not None and index < len(cells) else None

    def _text(self, cells: Sequence[object], column: Column) -> str:
        return cell_text(self._cell(cells, column))

    def _add(self, cells: Sequence[object]) -> None:
        prj_number, prj_name = split_ref(self._text(cells, Column.PROJECT), RefKind.PROJECT)
        check_name(prj_name)
        if not prj_name and prj_number is None:
            raise InputError("import.no_project")
        departments = list(self._departments_cell(self._text(cells, Column.DEPARTMENTS)))
        goal = check_text(self._text(cells, Column.GOAL), "goal")
        problem_text = self._text(cells, Column.PROBLEM)
        problem = self._problem_cell(problem_text) if problem_text else None
        measure = self._measure_cells(cells)
        if measure is not None and problem is None:
            raise InputError("import.measure_without_problem")
        # Decide everything first: a row that is refused changes nothing.
        project = self._project(prj_number, prj_name)
        problem_ident = self._problem(project, problem) if problem is not None else None
        dept = owner = None
        measure_ident = None
        if measure is not None:
            assert problem_ident is not None
            measure_ident = self._measure(problem_ident, measure)
            if measure_ident is not None:
                dept, owner = self._owner(measure.owner, project, departments)
        self._commit(
            project, prj_name, goal, departments, problem_ident, problem, measure, measure_ident, dept, owner
        )

    def _measure_cells(self, cells: Sequence[object]) -> MeasureCells | None:
        number, text = split_ref(self._text(cells, Column.MEASURE), RefKind.MEASURE)
        if not text:
            if number is not None:
                raise InputError("import.no_measure_text")
            if any(
                self._text(cells, c) for c in (Column.DEADLINE, Column.OWNER, Column.STATUS, Column.NOTES)
            ):
                raise InputError("import.no_measure_text")
            return None
        check_text(text, "measure text")
        deliverable, note = parse_notes(
            self._text(cells, Column.NOTES), deliverable_labels=self.labels.deliverable
        )
        return MeasureCells(
            number=number,
            text=text,
            due=parse_deadline(self._cell(cells, Column.DEADLINE)),
            status=parse_status_cell(self._text(cells, Column.STATUS)).value,
            owner=parse_owner(self._text(cells, Column.OWNER)),
            deliverable=deliverable,
            note=note,
        )

    # ------------------------------------------------------------ matching

    def _project(self, number: int | None, name: str) -> int:
        """The project's ident: its number, or -<local id> for a new one without a reference."""
        key = department_key(name)
        if number is not None:
            known = self.existing.projects.get(number)
            planned = self.projects.get(number)
            here = known[1] if known else planned and department_key(planned.name)
            if here is not None and name and here != key:
                raise InputError("import.ref_mismatch", ref=RefKind.PROJECT.ref(number))
            if here is None and not name:
                raise InputError("import.no_project")
            return number
        if key in self._project_names:
            return self._project_names[key]
        if key in self.existing.project_names:
            return self.existing.project_names[key]
        return -(self._locals + 1)

    def _problem(self, project: int, cell: ProblemCell) -> int:
        key = text_key(cell.description)
        number = cell.number
        if number is not None:
            known = self.existing.problems.get(number)
            found = (known[1], known[2]) if known else self._problem_numbers.get(number)
            if found is not None and found != (project, key):
                raise InputError("import.ref_mismatch", ref=RefKind.PROBLEM.ref(number))
            return number
        if (project, key) in self._problem_texts:
            return self._problem_texts[(project, key)]
        if project > 0 and (project, key) in self.existing.problem_texts:
            return self.existing.problem_texts[(project, key)]
        return -(self._locals + 2)

    def _measure(self, problem: int, cells: MeasureCells) -> int | None:
        """The new measure's ident, or ``None`` when it is already there (in the workspace or in
        an earlier row)."""
        key = text_key(cells.text)
        number = cells.number
        if number is not None:
            known = self.existing.measures.get(number)
            found = known or self._measure_numbers.get(number)
            if found is not None and found != (problem, key):
                raise InputError("import.ref_mismatch", ref=RefKind.MEASURE.ref(number))
            return None if found is not None else number
        if (problem, key) in self._measure_texts or (
            problem > 0 and (problem, key) in self.existing.measure_texts
        ):
            return None
        return -(self._locals + 3)

    def _known_department(self, name: str, also: Sequence[str] = ()) -> bool:
        key = department_key(name)
        return (
            key in self.existing.departments
            or key in self.new_departments
            or any(department_key(d) == key for d in also)
        )

    def _owner(self, cell: OwnerCell, project: int, departments: list[str]) -> tuple[str, str]:
        """The owner's department (by name) and the person as written. A person alone is filed
        under the department an earlier row gives them, else the first department the row (or
        its project) lists; a department alone is a department with no person."""
        if cell.department is not None:
            return cell.department, cell.person
        if cell.person and self._known_department(cell.person, departments):
            return " ".join(cell.person.split()), ""
        earlier = self._owner_departments.get(person_key(cell.person)) if cell.person else None
        if earlier is not None:
            return earlier, cell.person
        planned = self.projects.get(project)
        named = [
            *departments,
            *(planned.departments.values() if planned else ()),
            *self.existing.project_departments.get(project, ()),
        ]
        if named:
            return named[0], cell.person
        raise InputError("import.owner_needs_dept", value=cell.person or "—")

    # ------------------------------------------------------------ recording a row

    def _commit(
        self,
        project: int,
        name: str,
        goal: str,
        departments: list[str],
        problem_ident: int | None,
        problem: ProblemCell | None,
        measure: MeasureCells | None,
        measure_ident: int | None,
        dept: str | None,
        owner: str | None,
    ) -> None:
        self._locals += 3
        for dept_name in [*departments, *([dept] if dept else [])]:
            if not self._known_department(dept_name):
                self.new_departments[department_key(dept_name)] = dept_name
        new_project = self._record_project(project, name, goal, departments)
        if problem is not None and problem_ident is not None:
            self._record_problem(project, problem_ident, problem)
        if measure is None or problem_ident is None:
            return
        if measure_ident is None:
            if (
                measure.number is None and (problem_ident, text_key(measure.text)) in self._measure_texts
            ) or (measure.number is not None and measure.number in self._measure_numbers):
                self.repeated += 1
            else:
                self.matched_measures += 1
            return
        key = (problem_ident, text_key(measure.text))
        self._measure_texts.add(key)
        if measure_ident > 0:
            self._measure_numbers[measure_ident] = key
        if new_project is not None and (new_project.due is None or measure.due > new_project.due):
            new_project.due = measure.due
        if owner:
            self.owners[owner] = self.owners.get(owner, 0) + 1
            if dept and measure.owner.department is not None:
                self._owner_departments.setdefault(person_key(owner), dept)
        self.measures.add(
            {
                "ident": measure_ident,
                "problem": problem_ident,
                "project": project,
                "dept": department_key(dept or ""),
                "owner": owner or "",
                "text": measure.text,
                "deliverable": measure.deliverable,
                "note": measure.note,
                "due": measure.due.isoformat(),
                "status": measure.status,
            }
        )

    def _record_project(self, ident: int, name: str, goal: str, departments: list[str]) -> NewProject | None:
        if ident > 0 and ident in self.existing.projects:
            self.matched_projects.add(ident)
            return None
        if ident not in self.projects:
            self.projects[ident] = NewProject(ident=ident, name=name)
            self._project_names.setdefault(department_key(name), ident)
        planned = self.projects[ident]
        if not planned.goal and goal:
            planned.goal = goal
        for dept_name in departments:
            planned.departments.setdefault(department_key(dept_name), dept_name)
        return planned

    def _record_problem(self, project: int, ident: int, cell: ProblemCell) -> None:
        key = text_key(cell.description)
        if ident > 0 and ident in self.existing.problems:
            self.matched_problems.add(ident)
            return
        if (project, key) in self._problem_texts or (ident > 0 and ident in self._problem_numbers):
            return
        self._problem_texts[(project, key)] = ident
        if ident > 0:
            self._problem_numbers[ident] = (project, key)
        self.problems.add(
            {
                "ident": ident,
                "project": project,
                "category": cell.category.value,
                "description": cell.description,
                "root_cause": cell.root_cause,
            }
        )

    # ------------------------------------------------------------ numbers

    def numbers(self) -> dict[str, dict[int, int]]:
        """Reference numbers for the new records without one: after the highest in use (in the
        workspace or in the file), in the order the file first names them. Ident → number."""
        out: dict[str, dict[int, int]] = {}
        sources: dict[str, Iterator[int]] = {
            "PRJ": iter(self.projects),
            "PRB": (r["ident"] for r in self.problems),
            "MSR": (r["ident"] for r in self.measures),
        }
        for kind, idents in sources.items():
            given: dict[int, int] = {}
            pending: list[int] = []
            for ident in idents:
                if ident > 0:
                    given[ident] = ident
                else:
                    pending.append(ident)
            top = max([self.existing.counters.get(kind, 0), *given])
            given.update({ident: top + i for i, ident in enumerate(pending, start=1)})
            out[kind] = given
        return out

    def close(self) -> None:
        self.problems.close()
        self.measures.close()
