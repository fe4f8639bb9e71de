"""Which words run which subcommand."""

from __future__ import annotations

from handlers.commands import Subcommand, edits, records, reports

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
}
