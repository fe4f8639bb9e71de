"""The XLSX workbook through `/collab export xlsx`: the nine-column table stays the first sheet,
then the charter, meetings, change requests, evaluations, retrospectives and a summary with
two native Excel charts — loaded back with openpyxl. CSV stays the table alone."""

from __future__ import annotations

import io
import zipfile

from openpyxl import load_workbook

from tests.closing.test_milestones import open_evaluation, project_with_history
from tests.closing.test_retros import give
from tests.harness import LEAD, Bot
from tests.meetings.world import sh
from ui.table import lines


def test_the_workbook_has_every_sheet_and_its_charts(bot: Bot) -> None:
    project_with_history(bot)
    bot.clock.set(sh(2026, 11, 16, 10))
    bot.command('milestone add PRJ-1 "Pilot done" due=2026-11-20', user=LEAD)
    bot.command('meeting add PRJ-1 kickoff at="2026-11-27 10:00" "Phase 2"', user=LEAD)
    bot.command("retro start PRJ-1", user=LEAD)
    give(bot, LEAD, {"keep": "Daily standup", "name": "anonymous"})
    bot.clock.set(sh(2026, 11, 20, 10))
    bot.submit_view(
        open_evaluation(bot), {"actual": "11.2", "result": "partly", "reasons": "Vendor"}, user=LEAD
    )
    bot.send_command("export xlsx", user=LEAD)
    call = bot.fake.wait_for(
        "files.completeUploadExternal", predicate=lambda c: c.ok and "xlsx" in str(c.params)
    )[-1]
    [uploaded] = [f for f in bot.fake.files.values() if f.file_id == call.params["files"][0]["id"]]
    wb = load_workbook(io.BytesIO(uploaded.content))
    assert wb.sheetnames[1:] == [
        "Charter",
        "Meetings",
        "Change requests",
        "Evaluations",
        "Retrospectives",
        "Summary",
    ]
    first = wb.worksheets[0]
    header = [c.value for c in first[1]]
    assert header == next(lines([], lang="en", name_of=str))
    charter = [[c.value for c in row] for row in wb["Charter"].iter_rows()]
    assert charter[1][:2] == ["PRJ-1", "New product launch"] and charter[1][5:9] == [
        "user conversion",
        "10",
        "11.5",
        "%",
    ]
    assert any(row[0] == "RSK-1" for row in charter)
    meetings = [[c.value for c in row] for row in wb["Meetings"].iter_rows()]
    assert meetings[1][:3] == ["MTG-1", "PRJ-1", "kickoff"]
    evaluations = [[c.value for c in row] for row in wb["Evaluations"].iter_rows()]
    assert evaluations[1][:5] == ["PRJ-1", "MLS-1 Pilot done", "11.2", "Partly met", "Vendor"]
    retros = [[c.value for c in row] for row in wb["Retrospectives"].iter_rows()]
    assert retros[1][:7] == ["RET-1", "PRJ-1", "2026-11-19", 4, 1, "Anonymous", "Daily standup"]
    summary = [[c.value for c in row] for row in wb["Summary"].iter_rows()]
    assert summary[0] == ["Department", "Not started", "In progress", "Blocked", "Done"]
    assert ["R&D", 1, 0, 0, 0] in summary and ["Sales", 1, 0, 0, 3] in summary
    charts = [
        n for n in zipfile.ZipFile(io.BytesIO(uploaded.content)).namelist() if n.startswith("xl/charts/chart")
    ]
    assert len(charts) == 2
