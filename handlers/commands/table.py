"""Which words run which subcommand."""

from __future__ import annotations

from handlers.commands import Subcommand, charter, closing, edits, meetings, records, reports

VERBS: dict[str, Subcommand] = {"status": reports.status, "export": reports.export, "config": reports.config}

SUBCOMMANDS: dict[tuple[str, str], Subcommand] = {
    ("dept", "add"): records.dept_add,
    ("dept", "list"): records.dept_list,
    ("project", "add"): records.project_add,
    ("project", "list"): records.project_list,
    ("problem", "add"): records.problem_add,
    ("measure", "add"): records.measure_add,
    ("measure", "set"): records.measure_set,
    ("dept", "set"): edits.dept_set,
    ("dept", "archive"): edits.dept_archive,
    ("dept", "restore"): edits.dept_restore,
    ("problem", "set"): edits.problem_set,
    # the charter, meetings, change requests
    ("project", "show"): charter.project_show,
    ("project", "set"): charter.project_set,
    ("risk", "add"): charter.risk_add,
    ("risk", "set"): charter.risk_set,
    ("meeting", "add"): meetings.meeting_add,
    ("meeting", "list"): meetings.meeting_list,
    ("meeting", "minutes"): meetings.meeting_minutes,
    ("change", "add"): meetings.change_add,
    ("change", "list"): meetings.change_list,
}
VERBS["duty"] = charter.duty
# step 5: milestones, evaluations
SUBCOMMANDS[("milestone", "add")] = closing.milestone_add
VERBS["evaluate"] = closing.evaluate
SUBCOMMANDS[("project", "close")] = closing.project_close
SUBCOMMANDS[("project", "reopen")] = closing.project_reopen
SUBCOMMANDS[("retro", "start")] = closing.retro_start
SUBCOMMANDS[("retro", "show")] = closing.retro_show
VERBS["practices"] = closing.practice_library
