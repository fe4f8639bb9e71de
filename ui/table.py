"""The improvement process table (改进流程表) as a file: CSV or XLSX, nine columns in the
order PRODUCT.md gives."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import Literal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from storage.rows import ExportRow
from ui.catalogue import t
from ui.labels import category_label, status_label

Format = Literal["csv", "xlsx"]
NameResolver = Callable[[str], str]

EXPORT_COLUMNS = [
    "项目名称 Project",
    "涉及部门 Departments",
    "问题描述 Problem",
    "责任部门/人 Owner dept/person",
    "协作目标 Goal",
    "改进措施 Measure",
    "时间节点 Deadline",
    "完成状态 Status",
    "备注 Notes",
]  # the same, bilingual header in both languages: the table is read by both

COLUMN_WIDTHS = [28, 22, 44, 26, 36, 44, 14, 12, 36]
# Characters Excel does not allow in a sheet title (openpyxl raises on them).
_SHEET_TITLE_BAD = re.compile(r"[\\/*?:\[\]]")
# Characters that make Excel treat a cell as a formula; user text must stay text.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def table(rows: Sequence[ExportRow], *, lang: str, name_of: NameResolver) -> list[list[str]]:
    """Header plus one list of nine strings per row, in PRODUCT.md's column order."""
    out = [list(EXPORT_COLUMNS)]
    for r in rows:
        project = f"{r.project.ref} {r.project.name}"
        problem = ""
        if r.problem is not None:
            problem = f"{r.problem.ref} [{category_label(r.problem.category, lang)}] {r.problem.description}"
            if r.problem.root_cause:
                problem += f"\n{t(lang, 'table.root_cause')}: {r.problem.root_cause}"
        if r.row is None:
            out.append([project, "、".join(r.departments), problem, "", r.project.goal, "", "", "", ""])
            continue
        m = r.row.measure
        notes = []
        if m.deliverable:
            notes.append(f"{t(lang, 'table.deliverable')}: {m.deliverable}")
        if m.note:
            notes.append(m.note)
        out.append(
            [
                project,
                "、".join(r.departments),
                problem,
                f"{r.row.department.name} / {name_of(m.owner_user_id)}",
                r.project.goal,
                f"{m.ref} {m.text}",
                m.due.isoformat(),
                status_label(m.status, lang),
                "\n".join(notes),
            ]
        )
    return out


def _safe(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_PREFIXES) else cell


def to_csv(rows: Sequence[ExportRow], *, lang: str, name_of: NameResolver) -> bytes:
    """UTF-8 with a BOM and CRLF line ends, so Excel opens Chinese text correctly."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    for i, line in enumerate(table(rows, lang=lang, name_of=name_of)):
        writer.writerow(line if i == 0 else [_safe(c) for c in line])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(
    rows: Sequence[ExportRow],
    *,
    lang: str,
    name_of: NameResolver,
    title: str,
    extend: Callable[[Workbook], None] | None = None,
) -> bytes:
    """The table as the workbook's first sheet; ``extend`` appends more sheets (``ui.workbook``)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = _SHEET_TITLE_BAD.sub(" ", title)[:31].strip("' ") or "table"
    lines = table(rows, lang=lang, name_of=name_of)
    for i, line in enumerate(lines):
        if i == 0:
            ws.append(line)
        else:
            ws.append(line)
            for cell in ws[ws.max_row]:
                cell.data_type = "s"  # never a formula
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in ws[1]:
        cell.font = bold
        cell.fill = fill
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = wrap
    for idx, width in enumerate(COLUMN_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(idx)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:I{max(1, ws.max_row)}"
    if extend is not None:
        extend(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def render(
    rows: Sequence[ExportRow],
    *,
    fmt: Format,
    lang: str,
    name_of: NameResolver,
    title: str,
    extend: Callable[[Workbook], None] | None = None,
) -> bytes:
    if fmt == "csv":
        return to_csv(rows, lang=lang, name_of=name_of)
    return to_xlsx(rows, lang=lang, name_of=name_of, title=title, extend=extend)


def filename(*, scope: str, fmt: Format, today: date) -> str:
    return f"improvement-table-{scope}-{today.isoformat()}.{fmt}"
