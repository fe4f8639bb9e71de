"""The XLSX workbook's sheets after the nine-column table: the charter, meetings (needs,
minutes), change requests, evaluations, retrospectives, and a summary with native Excel charts
(measures by status per department, done over time). ``append_sheets`` takes the workbook the
table was written into and adds them (``ui.table.to_xlsx``'s ``extend`` hook)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Font

from storage.models import RetroInput
from storage.workbook import WorkbookData
from ui.catalogue import t
from ui.charts import burnup_points
from ui.labels import status_label
from ui.milestones import result_label

NameResolver = Callable[[str], str]
STATUSES = ("todo", "doing", "blocked", "done")
Cell = str | int | float | None


def _headers(lang: str, key: str) -> list[str]:
    return t(lang, key).split("|")


class _Sheet:
    """A sheet of the export's write-only workbook (rows are appended, never revisited), and
    how many rows it has."""

    def __init__(self, wb: Workbook, title: str) -> None:
        self.ws: Any = wb.create_sheet(title[:31])
        self.rows = 0


def _sheet(wb: Workbook, title: str, header: Sequence[str]) -> _Sheet:
    sheet = _Sheet(wb, title)
    _append(sheet, header, bold=True)
    sheet.ws.freeze_panes = "A2"
    return sheet


def _append(sheet: _Sheet, values: Sequence[Cell], *, bold: bool = False) -> None:
    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet.ws, value=value)
        if isinstance(value, str):
            cell.data_type = "s"  # user text is never a formula
        if bold:
            cell.font = Font(bold=True)
        cells.append(cell)
    sheet.ws.append(cells)
    sheet.rows += 1


def _when(at: datetime | None, tz: ZoneInfo) -> str:
    return at.astimezone(tz).strftime("%Y-%m-%d %H:%M") if at else ""


def append_sheets(
    wb: Workbook, data: WorkbookData, *, lang: str, name_of: NameResolver, tz: ZoneInfo
) -> None:
    ref = {p.id: p.ref for p in data.projects}
    dept = {i: d.name for i, d in data.departments.items()}

    ws = _sheet(wb, t(lang, "wb.charter"), _headers(lang, "wb.charter_headers"))
    for p in data.projects:
        _append(
            ws,
            [
                p.ref,
                p.name,
                p.goal,
                p.due.isoformat(),
                name_of(p.lead_user_id),
                p.metric,
                p.baseline or "",
                p.target or "",
                p.unit,
                _when(p.closed_at, tz),
            ],
        )
    _append(ws, [])
    _append(ws, _headers(lang, "wb.duty_headers"), bold=True)
    for d in data.duties:
        _append(ws, [ref.get(d.project_id, ""), dept.get(d.department_id, ""), d.responsibility])
    _append(ws, [])
    _append(ws, _headers(lang, "wb.risk_headers"), bold=True)
    for risk in data.risks:
        owner = name_of(risk.owner_user_id) if risk.owner_user_id else ""
        _append(ws, [risk.ref, ref.get(risk.project_id, ""), risk.text, risk.plan, owner, risk.status])

    ws = _sheet(wb, t(lang, "wb.meetings"), _headers(lang, "wb.meeting_headers"))
    meeting_ref = {m.id: m.ref for m in data.meetings}
    for m in data.meetings:
        attendees = ", ".join(name_of(u) for u in m.attendee_ids)
        _append(
            ws,
            [
                m.ref,
                ref.get(m.project_id, ""),
                m.kind,
                _when(m.starts_at, tz),
                m.title,
                attendees,
                m.decisions,
            ],
        )
    _append(ws, [])
    _append(ws, _headers(lang, "wb.need_headers"), bold=True)
    for n in data.needs:
        _append(
            ws,
            [meeting_ref.get(n.meeting_id, ""), dept.get(n.department_id, ""), n.text, name_of(n.created_by)],
        )

    ws = _sheet(wb, t(lang, "wb.changes"), _headers(lang, "wb.change_headers"))
    for c in data.changes:
        _append(
            ws,
            [
                c.ref,
                ref.get(c.project_id, ""),
                dept.get(c.department_id or 0, ""),
                c.text,
                c.impact,
                data.measure_refs.get(c.measure_id or 0, ""),
                c.proposed_due.isoformat() if c.proposed_due else "",
                c.reason,
                c.state,
                name_of(c.decided_by) if c.decided_by else "",
                c.decision_note,
            ],
        )

    ws = _sheet(wb, t(lang, "wb.evaluations"), _headers(lang, "wb.evaluation_headers"))
    for e in data.evaluations:
        milestone = data.milestones.get(e.milestone_id or 0)
        _append(
            ws,
            [
                ref.get(e.project_id, ""),
                f"{milestone.ref} {milestone.name}" if milestone else "",
                e.actual or "",
                result_label(e.result, lang),
                e.reasons,
                e.next_steps,
                name_of(e.created_by),
                _when(e.created_at, tz),
            ],
        )

    ws = _sheet(wb, t(lang, "wb.retros"), _headers(lang, "wb.retro_headers"))
    for r in data.retros:
        asked = [p for p in data.participants if p.retro_id == r.id and p.invited]
        answered = sum(p.answered_at is not None for p in asked)
        given: list[RetroInput | None] = [i for i in data.inputs if i.retro_id == r.id]
        for i in given or [None]:
            author = (
                (name_of(i.author_user_id) if i.author_user_id else t(lang, "ret.anonymous")) if i else ""
            )
            _append(
                ws,
                [
                    r.ref,
                    ref.get(r.project_id, ""),
                    r.until.isoformat(),
                    len(asked),
                    answered,
                    author,
                    *((i.keep, i.drop, i.suggestions) if i else ("", "", "")),
                ],
            )

    _summary(wb, data, lang=lang)


def _summary(wb: Workbook, data: WorkbookData, *, lang: str) -> None:
    sheet = _sheet(
        wb, t(lang, "wb.summary"), [t(lang, "wb.department"), *(status_label(s, lang) for s in STATUSES)]
    )
    depts = sorted(
        {d for d, _ in data.by_status},
        key=lambda i: data.departments[i].name if i in data.departments else "",
    )
    for d in depts:
        name = data.departments[d].name if d in data.departments else str(d)
        _append(sheet, [name, *(data.by_status.get((d, s), 0) for s in STATUSES)])
    if depts:
        bar = BarChart()
        bar.type, bar.grouping, bar.overlap = "bar", "stacked", 100
        bar.title = t(lang, "wb.by_status")
        bar.add_data(
            Reference(sheet.ws, min_col=2, max_col=1 + len(STATUSES), min_row=1, max_row=1 + len(depts)),
            titles_from_data=True,
        )
        bar.set_categories(Reference(sheet.ws, min_col=1, min_row=2, max_row=1 + len(depts)))
        sheet.ws.add_chart(bar, "H2")
    points = burnup_points(data.changes_over_time)
    _append(sheet, [])  # one empty row between the two tables
    _append(
        sheet, [t(lang, "wb.day"), t(lang, "chart.burnup.done"), t(lang, "chart.burnup.total")], bold=True
    )
    start = sheet.rows
    for day, done, total in points:
        _append(sheet, [day.isoformat(), done, total])
    if points:
        line = LineChart()
        line.title = t(lang, "chart.burnup.title")
        line.add_data(
            Reference(sheet.ws, min_col=2, max_col=3, min_row=start, max_row=start + len(points)),
            titles_from_data=True,
        )
        line.set_categories(Reference(sheet.ws, min_col=1, min_row=start + 1, max_row=start + len(points)))
        sheet.ws.add_chart(line, "H20")
