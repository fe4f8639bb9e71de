"""The improvement process table (改进流程表) as a file: CSV or XLSX, nine columns in the
order PRODUCT.md gives, written row by row (CSV) or with openpyxl's write-only workbook (XLSX),
so that memory does not grow with the table."""

from __future__ import annotations

import copy
import csv
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, Literal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from domain.table_cells import HEADERS
from storage.rows import TableRow
from ui.catalogue import t
from ui.labels import category_label, status_label

Format = Literal["csv", "xlsx"]
NameResolver = Callable[[str], str]

EXPORT_COLUMNS = [f"{zh} {en}" for zh, en in HEADERS.values()]
# the same, bilingual header in both languages: the table is read by both

COLUMN_WIDTHS = [28, 22, 44, 26, 36, 44, 14, 12, 36]
# Characters Excel does not allow in a sheet title (openpyxl raises on them).
_SHEET_TITLE_BAD = re.compile(r"[\\/*?:\[\]]")
# Characters that make Excel treat a cell as a formula; user text must stay text.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def lines(rows: Iterable[TableRow], *, lang: str, name_of: NameResolver) -> Iterator[list[str]]:
    """The header, then one list of nine strings per row, in PRODUCT.md's column order."""
    yield list(EXPORT_COLUMNS)
    for r in rows:
        project = f"PRJ-{r.project_number} {r.project_name}"
        departments = "、".join(r.departments)
        problem = ""
        if r.problem_number is not None:
            problem = f"PRB-{r.problem_number} [{category_label(r.category, lang)}] {r.description}"
            if r.root_cause:
                problem += f"\n{t(lang, 'table.root_cause')}: {r.root_cause}"
        if r.measure_number is None:
            yield [project, departments, problem, "", r.goal, "", "", "", ""]
            continue
        notes = []
        if r.deliverable:
            notes.append(f"{t(lang, 'table.deliverable')}: {r.deliverable}")
        if r.note:
            notes.append(r.note)
        yield [
            project,
            departments,
            problem,
            f"{r.department} / {name_of(r.owner_user_id)}",
            r.goal,
            f"MSR-{r.measure_number} {r.text}",
            r.due.isoformat() if r.due else "",
            status_label(r.status, lang),
            "\n".join(notes),
        ]


def _safe(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_PREFIXES) else cell


def write_csv(rows: Iterable[TableRow], out: Path, *, lang: str, name_of: NameResolver) -> int:
    """UTF-8 with a BOM and CRLF line ends, so Excel opens Chinese text correctly; a cell that
    would read as a formula gets a leading '. Returns the number of rows (header not counted)."""
    count = -1
    with out.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        for count, line in enumerate(lines(rows, lang=lang, name_of=name_of)):
            writer.writerow(line if count == 0 else [_safe(c) for c in line])
    return count


def sheet_title(title: str) -> str:
    return _SHEET_TITLE_BAD.sub(" ", title)[:31].strip("' ") or "table"


def add_table_sheet(
    book: Workbook, rows: Iterable[TableRow], *, lang: str, name_of: NameResolver, title: str
) -> int:
    """The table as a sheet of a write-only workbook: bold, shaded header, frozen, filtered;
    wrapped cells, fixed column widths; every cell text (never a formula). Returns the number
    of rows (header not counted)."""
    created = book.create_sheet(sheet_title(title))
    assert isinstance(created, WriteOnlyWorksheet)
    sheet: Any = created  # (the stubs lack the write-only sheet's column_dimensions, auto_filter)
    for idx, width in enumerate(COLUMN_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(idx)].width = width
    sheet.freeze_panes = "A2"
    wrap = Alignment(wrap_text=True, vertical="top")
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    # One styled cell per column kind; each written cell copies its style (a small array),
    # which is much cheaper than assigning style objects cell by cell.
    head_style = WriteOnlyCell(sheet)
    head_style.font, head_style.fill, head_style.alignment = bold, fill, wrap
    body_style = WriteOnlyCell(sheet)
    body_style.alignment = wrap

    def cell(value: str, style: Cell) -> Cell:
        c = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
        c.data_type = "s"  # never a formula
        c._style = copy.copy(style._style)  # type: ignore[attr-defined]
        return c

    count = -1
    for count, line in enumerate(lines(rows, lang=lang, name_of=name_of)):
        style = head_style if count == 0 else body_style
        sheet.append([cell(value, style) for value in line])
    sheet.auto_filter.ref = f"A1:I{max(1, count + 1)}"
    return count


def write_xlsx(
    rows: Iterable[TableRow],
    out: Path,
    *,
    lang: str,
    name_of: NameResolver,
    title: str,
    extend: Callable[[Workbook], None] | None = None,
) -> int:
    """The table as the workbook's first sheet; ``extend`` appends more sheets (``ui.workbook``)."""
    book = Workbook(write_only=True)
    count = add_table_sheet(book, rows, lang=lang, name_of=name_of, title=title)
    if extend is not None:
        extend(book)
    book.save(out)
    return count


def write(
    rows: Iterable[TableRow],
    out: Path,
    *,
    fmt: Format,
    lang: str,
    name_of: NameResolver,
    title: str,
    extend: Callable[[Workbook], None] | None = None,
) -> int:
    """Write the table to ``out``; the number of rows written (header not counted)."""
    if fmt == "csv":
        return write_csv(rows, out, lang=lang, name_of=name_of)
    return write_xlsx(rows, out, lang=lang, name_of=name_of, title=title, extend=extend)


def filename(*, scope: str, fmt: Format, today: date) -> str:
    return f"improvement-table-{scope}-{today.isoformat()}.{fmt}"
