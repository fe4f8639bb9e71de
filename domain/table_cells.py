"""The improvement process table (改进流程表) as a spreadsheet holds it: its nine columns, found
by their header (Chinese, English, or both as the export writes them), and the forms its cells
take — as the export writes them, and as people write them by hand.

Accepted cell forms (``collab-bot import``):

- project ``PRJ-3 New launch`` (the export) or ``New launch``; the same for the problem
  (``PRB-n``) and the measure (``MSR-n``);
- departments separated by ``、``, ``，`` or ``,``;
- problem ``[信息传递 Information flow] text`` (the export), ``[信息传递] text``,
  ``信息传递：text`` or ``info: text`` — any word of the category in either language — with the
  root cause on a last line ``Root cause: …`` / ``根本原因：…``;
- owner ``<dept> / <person>`` (the export) or a person alone (or a department alone);
- deadline ``YYYY-MM-DD``, ``YYYY/M/D``, ``YYYY.M.D``, ``YYYY年M月D日`` or a spreadsheet date;
- status in either language, and every word ``measure set status=`` accepts; empty: not started;
- notes ``Deliverable: …`` / ``交付标准：…`` on the first line, the note after it.

Parsers raise :class:`domain.errors.InputError` (keys ``import.*`` and ``input.*``).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from domain.command_text import nfkc, shown, split_list
from domain.errors import InputError
from domain.limits import DEPT_NAME_LIMIT, NAME_LIMIT, REF_NUMBER_DIGITS, TEXT_LIMIT
from domain.values import REF_DASHES, RefKind, check_length, parse_date
from domain.vocabulary import Category, Status, parse_category, parse_status

__all__ = [
    "HEADERS",
    "REQUIRED",
    "Column",
    "OwnerCell",
    "ProblemCell",
    "cell_text",
    "find_columns",
    "parse_deadline",
    "parse_notes",
    "parse_owner",
    "parse_problem",
    "parse_status_cell",
    "person_key",
    "slack_user_id",
    "split_departments",
    "split_ref",
]


class Column(StrEnum):
    """The table's columns, in the order the export writes them."""

    PROJECT = "project"
    DEPARTMENTS = "departments"
    PROBLEM = "problem"
    OWNER = "owner"
    GOAL = "goal"
    MEASURE = "measure"
    DEADLINE = "deadline"
    STATUS = "status"
    NOTES = "notes"


HEADERS: Final[Mapping[Column, tuple[str, str]]] = MappingProxyType(
    {
        Column.PROJECT: ("项目名称", "Project"),
        Column.DEPARTMENTS: ("涉及部门", "Departments"),
        Column.PROBLEM: ("问题描述", "Problem"),
        Column.OWNER: ("责任部门/人", "Owner dept/person"),
        Column.GOAL: ("协作目标", "Goal"),
        Column.MEASURE: ("改进措施", "Measure"),
        Column.DEADLINE: ("时间节点", "Deadline"),
        Column.STATUS: ("完成状态", "Status"),
        Column.NOTES: ("备注", "Notes"),
    }
)
"""Each column's header in Chinese and in English; the export writes ``"<zh> <en>"``."""

_MORE_HEADERS: Final[Mapping[Column, tuple[str, ...]]] = {
    Column.PROJECT: ("项目", "project name"),
    Column.DEPARTMENTS: ("部门", "departments involved"),
    Column.PROBLEM: ("问题", "问题清单", "problem description"),
    Column.OWNER: ("责任部门/责任人", "责任部门", "责任人", "owner", "owner department/person"),
    Column.GOAL: ("目标", "collaboration goal"),
    Column.MEASURE: ("措施", "improvement measure"),
    Column.DEADLINE: ("截止日期", "deadline date", "due", "due date"),
    Column.STATUS: ("状态", "进度"),
    Column.NOTES: ("note",),
}

REQUIRED: Final = (Column.PROJECT, Column.PROBLEM, Column.OWNER, Column.MEASURE, Column.DEADLINE)
"""Columns a file must have; the others may be missing (then empty in every row)."""


def _header_key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _header_table() -> Mapping[str, Column]:
    table: dict[str, Column] = {}
    for column, (zh, en) in HEADERS.items():
        for name in (zh, en, f"{zh} {en}", *_MORE_HEADERS[column]):
            table[_header_key(name)] = column
    return MappingProxyType(table)


_HEADER_NAMES: Final = _header_table()
_LEADING_CJK: Final = re.compile(r"^([\u3000-\u9fff\uff00-\uffef/]+)\s*(.*)$")


def _column_of(header: str) -> Column | None:
    key = _header_key(header)
    found = _HEADER_NAMES.get(key)
    if found is not None or not key:
        return found
    match = _LEADING_CJK.match(key)  # "项目名称 Project name": either half names it
    if match is None:
        return None
    return _HEADER_NAMES.get(match.group(1)) or _HEADER_NAMES.get(match.group(2))


def find_columns(header: Sequence[object]) -> dict[Column, int]:
    """Where each column is in the header row (0-based); columns not found are absent.

    Raises ``import.missing_columns`` (with what is missing) or ``import.column_twice``."""
    found: dict[Column, int] = {}
    for index, cell in enumerate(header):
        column = _column_of(cell_text(cell))
        if column is None:
            continue
        if column in found:
            raise InputError("import.column_twice", header=shown(cell_text(cell)))
        found[column] = index
    missing = [c for c in REQUIRED if c not in found]
    if missing:
        names = ", ".join(f"{HEADERS[c][0]} {HEADERS[c][1]}" for c in missing)
        raise InputError("import.missing_columns", columns=names)
    return found


# ------------------------------------------------------------------------ cells

# The export puts ' before a cell that would read as a formula (CSV); read back, it goes.
_FORMULA_GUARD: Final = re.compile(r"^'(?=[=+\-@\t\r])")


def cell_text(value: object) -> str:
    """A cell as text: empty for an empty cell, whole numbers without ``.0``, dates as
    ``YYYY-MM-DD``; the export's formula guard taken off; surrounding blanks trimmed."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _FORMULA_GUARD.sub("", str(value).strip())


def split_ref(text: str, kind: RefKind) -> tuple[int | None, str]:
    """``PRJ-3 New launch`` → ``(3, "New launch")``; text without a reference of ``kind`` in
    front → ``(None, text)``."""
    match = _REF_PREFIX[kind].match(text)
    if match is None:
        return None, text
    number = int(match.group(1))
    return (number, match.group(2).strip()) if number else (None, text)


def _ref_prefix(kind: RefKind) -> re.Pattern[str]:
    dashes = REF_DASHES + "\uff0d"
    return re.compile(
        f"^{kind.value}[{dashes}]?([0-9\uff10-\uff19]{{1,{REF_NUMBER_DIGITS}}})(?:\\s+|$)(.*)$",
        re.IGNORECASE | re.DOTALL,
    )


_REF_PREFIX: Final = MappingProxyType({kind: _ref_prefix(kind) for kind in RefKind})
_ZH_DATE: Final = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?")


def parse_deadline(value: object) -> datetime.date:
    """A deadline cell: a spreadsheet date, ``YYYY-MM-DD``, ``YYYY/M/D``, ``YYYY.M.D`` or
    ``YYYY年M月D日``."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = cell_text(value)
    if not text:
        raise InputError("import.no_deadline")
    match = _ZH_DATE.fullmatch(nfkc(text))
    if match is not None:
        text = f"{match.group(1)}-{match.group(2)}-{match.group(3)}"
    text = re.sub(r"[ T]00:00(:00)?$", "", nfkc(text))  # a date cell written out as text
    return parse_date(text, field="deadline")


def split_departments(text: str) -> list[str]:
    """Department names separated by ``、``, ``，`` or ``,``; each at most the name limit."""
    names = [" ".join(name.split()) for name in split_list(text)]
    for name in names:
        check_length(name, field="department name", limit=DEPT_NAME_LIMIT)
    return list(dict.fromkeys(names))


def parse_status_cell(text: str) -> Status:
    """A status in either language (any word ``measure set status=`` takes); empty: not started."""
    return Status.TODO if not text else parse_status(text)


@dataclass(frozen=True)
class ProblemCell:
    number: int | None
    category: Category
    description: str
    root_cause: str


_BRACKETED: Final = re.compile(r"^[\[【]([^\]】]{1,60})[\]】]\s*(.*)$", re.DOTALL)
_PREFIXED: Final = re.compile(r"^([^:：\n]{1,40})[:：]\s*(.*)$", re.DOTALL)


def _category_words(label: str) -> Category | None:
    """A category from a label (``信息传递 Information flow``, ``信息传递``, ``info``)."""
    candidates = [label, *label.split(None, 1)]
    for candidate in candidates:
        try:
            return parse_category(candidate)
        except InputError:
            continue
    return None


def _labelled_line(text: str, labels: Sequence[str]) -> tuple[str, str] | None:
    """``(before, value)`` when the text's last line is ``<label>: value``."""
    before, _, last = text.rpartition("\n")
    for label in labels:
        match = re.match(rf"^\s*{re.escape(label)}\s*[:：]\s*(.*)$", last, re.IGNORECASE | re.DOTALL)
        if match is not None:
            return before, match.group(1).strip()
    return None


def parse_problem(text: str, *, root_cause_labels: Sequence[str]) -> ProblemCell:
    """A problem cell: ``PRB-n`` (optional), the category, the description, and a last line
    ``<root cause label>: …``."""
    number, rest = split_ref(text, RefKind.PROBLEM)
    category = None
    for pattern in (_BRACKETED, _PREFIXED):
        match = pattern.match(rest)
        if match is not None:
            category = _category_words(match.group(1).strip())
            if category is not None:
                rest = match.group(2)
                break
    if category is None:
        raise InputError("import.no_category", value=shown(text))
    root_cause = ""
    labelled = _labelled_line(rest, root_cause_labels)
    if labelled is not None:
        rest, root_cause = labelled
    description = rest.strip()
    if not description:
        raise InputError("import.no_description")
    check_length(description, field="description", limit=TEXT_LIMIT)
    check_length(root_cause, field="cause", limit=TEXT_LIMIT)
    return ProblemCell(number, category, description, root_cause)


@dataclass(frozen=True)
class OwnerCell:
    department: str | None  # None: not written (a person alone)
    person: str  # as written; empty when only a department is given


_OWNER_SPLIT: Final = re.compile(r"^(.*\S)\s*[/／]\s*(.*)$", re.DOTALL)


def parse_owner(text: str) -> OwnerCell:
    """``Sales / Alice`` → department and person (split at the last slash); ``Alice`` → a
    person alone (or a department alone: the caller decides by the names it knows)."""
    spaced = text.rpartition(" / ")
    if spaced[1]:
        dept, person = spaced[0].strip(), spaced[2].strip()
    else:
        match = _OWNER_SPLIT.match(text)
        dept, person = (match.group(1).strip(), match.group(2).strip()) if match else ("", text.strip())
    if dept:
        check_length(dept, field="department name", limit=DEPT_NAME_LIMIT)
        return OwnerCell(" ".join(dept.split()), person)
    return OwnerCell(None, person)


def parse_notes(text: str, *, deliverable_labels: Sequence[str]) -> tuple[str, str]:
    """``(deliverable, note)`` from a notes cell: a first line ``<deliverable label>: …``,
    then the note."""
    first, _, rest = text.partition("\n")
    for label in deliverable_labels:
        match = re.match(rf"^\s*{re.escape(label)}\s*[:：]\s*(.*)$", first, re.IGNORECASE)
        if match is not None:
            deliverable, note = match.group(1).strip(), rest.strip()
            break
    else:
        deliverable, note = "", text.strip()
    check_length(deliverable, field="deliverable", limit=TEXT_LIMIT)
    check_length(note, field="note", limit=TEXT_LIMIT)
    return deliverable, note


def check_name(name: str) -> str:
    """A project's name: at most the name limit."""
    return check_length(name, field="project name", limit=NAME_LIMIT)


def check_text(text: str, field: str) -> str:
    """Free text of a cell (a goal, a measure): at most the text limit."""
    return check_length(text, field=field, limit=TEXT_LIMIT)


# ------------------------------------------------------------------------ people

_MENTION: Final = re.compile(r"^<@([UW][A-Z0-9]{2,})(?:\|[^<>]*)?>$")
# U or W, then capitals and digits with at least one digit (short ones too, as the sandbox's
# ``U0OLGA``): an all-letter word written in capitals (``WANGWEI``) is a name, not an ID
_USER_ID: Final = re.compile(r"^[UW](?=[A-Z0-9]*[0-9])[A-Z0-9]{4,}$")


def slack_user_id(text: str) -> str | None:
    """The Slack user ID a cell names outright (``U0123ABCD`` or ``<@U0123ABCD>``), if any."""
    value = text.strip()
    match = _MENTION.match(value)
    if match is not None:
        return match.group(1)
    return value if _USER_ID.match(value) else None


def person_key(text: str) -> str:
    """How people's names and e-mail addresses compare: width, case, a leading @, spaces."""
    value = unicodedata.normalize("NFKC", text).casefold().strip()
    return " ".join(value.removeprefix("@").split())
